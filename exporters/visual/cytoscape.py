"""Cytoscape.js JSON (the ``elements`` format, also read by Cytoscape desktop and ``nx.cytoscape_graph``)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from exporters.visual.style import color_of, size_of
from kg.analysis.entities import papers_of
from kg.schema import PROPERTIES

__all__ = ["cytoscape_data", "write_cytoscape"]

_EVIDENCE_KEYS = ("record", "sentence", "component", "score")


def _jsonable(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)


def cytoscape_data(G: nx.Graph, *, evidence: bool = True, skip: Iterable[str] = ()) -> dict[str, Any]:
    """``G`` as Cytoscape.js JSON: ``{"data", "directed", "multigraph", "elements": {"nodes", "edges"}}``.

    Node ``data`` has ``id``, ``name``, ``type``, ``papers`` (count), ``color`` and ``size`` (from the
    type and papers) and the node's schema properties (minus ``skip``); edge ``data`` has ``id``,
    ``source``, ``target``, ``key`` and ``relation``, its properties and, if ``evidence``, its evidence
    pieces (record, sentence, component, score). JSON keeps types and lists, so nothing is flattened.

    Examples
    --------
    >>> from kg.analysis import toy_graph
    >>> data = cytoscape_data(toy_graph())
    >>> len(data["elements"]["nodes"]), data["elements"]["nodes"][5]["data"]["papers"]
    (17, 3)
    >>> nx.cytoscape_graph(data).number_of_edges()
    26
    """
    skipped = set(skip)
    nodes = []
    for node, attrs in G.nodes(data=True):
        papers = attrs.get("papers")
        if papers is None:
            papers = len(papers_of(G, node))
        data = {k: _jsonable(v) for k, v in attrs.items() if k in PROPERTIES and k not in skipped}
        data.update(
            id=str(node),
            value=str(node),
            name=str(attrs.get("name", node)),
            type=attrs.get("type"),
            papers=papers,
            color=color_of(attrs.get("type")),
            size=size_of(papers),
        )
        nodes.append({"data": data})
    edges = []
    rows = G.edges(keys=True, data=True) if G.is_multigraph() else ((u, v, None, d) for u, v, d in G.edges(data=True))
    for i, (u, v, k, attrs) in enumerate(rows):
        relation = attrs.get("relation", k)
        data = {key: _jsonable(val) for key, val in attrs.items() if key in PROPERTIES and key not in skipped}
        data.update(id=f"e{i}", source=str(u), target=str(v), key=k if k is not None else relation, relation=relation)
        if evidence and attrs.get("evidence"):
            data["evidence"] = [{key: e.get(key) for key in _EVIDENCE_KEYS} for e in attrs["evidence"]]
        edges.append({"data": data})
    return {
        "data": {"name": "kg"},
        "directed": G.is_directed(),
        "multigraph": G.is_multigraph(),
        "elements": {"nodes": nodes, "edges": edges},
    }


def write_cytoscape(G: nx.Graph, path: str | Path, *, evidence: bool = True) -> None:
    """Write :func:`cytoscape_data` of ``G`` to ``path`` as JSON (UTF-8)."""
    with open(path, "w", encoding="utf-8") as out:
        json.dump(cytoscape_data(G, evidence=evidence), out, ensure_ascii=False)

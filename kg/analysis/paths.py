"""Shortest explanation paths: how two entities are connected, step by step, through papers."""

from __future__ import annotations

import math
from collections.abc import Iterable
from itertools import pairwise
from typing import Any

import networkx as nx

from kg.analysis.entities import neighbors

__all__ = ["explain_path"]


def _best_sentence(data: dict[str, Any]) -> str | None:
    evidence = data.get("evidence") or []
    best = max(evidence, key=lambda e: e.get("score", 0.0), default=None)
    return (best.get("sentence") or "").strip() or None if best else None


def _distances(G: nx.Graph, start: Any, limit: int, skip: set[Any]) -> dict[Any, int]:
    """Breadth-first distances from ``start`` in both edge directions, up to ``limit`` steps."""
    dist = {start: 0}
    frontier = [start]
    while frontier and dist[frontier[0]] < limit:
        nxt = []
        for node in frontier:
            for other in neighbors(G, node):
                if other not in dist and other not in skip:
                    dist[other] = dist[node] + 1
                    nxt.append(other)
        frontier = nxt
    return dist


def _shortest(G: nx.Graph, source: Any, target: Any, skip: set[Any]) -> list[Any] | None:
    """A shortest path (edges in either direction) that avoids hubs: among all shortest paths, the
    one whose inner nodes have the smallest sum of ``log(1 + distinct neighbours)``, then by node ids."""
    if source == target:
        return [source]
    from_source = _distances_until(G, source, target, skip)
    if target not in from_source:
        return None
    length = from_source[target]
    to_target = _distances(G, target, length, skip)
    on_path = {v for v, d in from_source.items() if d + to_target.get(v, length + 1) == length}
    best: dict[Any, tuple[float, tuple[str, ...], list[Any]]] = {source: (0.0, (str(source),), [source])}
    layer = [source]
    for step in range(1, length + 1):
        nxt: dict[Any, tuple[float, tuple[str, ...], list[Any]]] = {}
        for node in layer:
            cost, key, path = best[node]
            for other in neighbors(G, node):
                if other not in on_path or from_source[other] != step:
                    continue
                hub = 0.0 if other == target else math.log1p(len(set(neighbors(G, other))))
                candidate = (cost + hub, (*key, str(other)), [*path, other])
                if other not in nxt or candidate[:2] < nxt[other][:2]:
                    nxt[other] = candidate
        best.update(nxt)
        layer = list(nxt)
    return best[target][2]


def _distances_until(G: nx.Graph, source: Any, target: Any, skip: set[Any]) -> dict[Any, int]:
    """Breadth-first distances from ``source``, stopping after the layer that reaches ``target``."""
    dist = {source: 0}
    frontier = [source]
    while frontier and target not in dist:
        nxt = []
        for node in frontier:
            for other in neighbors(G, node):
                if other not in dist and other not in skip:
                    dist[other] = dist[node] + 1
                    nxt.append(other)
        frontier = nxt
    return dist


def _label(G: nx.Graph, node: Any) -> str:
    data = G.nodes[node]
    return f"{data.get('type', 'Node')} '{data.get('name', node)}'"


def explain_path(
    G: nx.Graph,
    source: Any,
    target: Any,
    max_length: int | None = None,
    exclude_types: Iterable[str] = ("Result",),
) -> list[dict[str, Any]] | None:
    """The shortest chain of edges joining ``source`` and ``target`` (either direction), as steps.

    Each step has ``source`` and ``target`` (the nodes in path order), ``relation``, ``forward``
    (whether the stored edge points along the path), ``sentence`` (the best evidence sentence, if
    any) and ``text``, a readable line. Returns None when no path exists (or none within
    ``max_length`` steps). Among shortest paths, the one through the least connected nodes is returned
    (an explanation through a specific method says more than one through "Accuracy"), ties by node id.
    Nodes of ``exclude_types`` are not used as steps in between (by default Result nodes: each
    belongs to one paper, and the path should name the paper).

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> for step in explain_path(toy_graph(), "dataset:mmlu", "dataset:glue"):
    ...     print(step["text"])
    Paper 'QLoRA: Efficient Finetuning of Quantized LLMs' -[EVALUATED_ON]-> Dataset 'MMLU'
    Paper 'QLoRA: Efficient Finetuning of Quantized LLMs' -[MEASURED_BY]-> Metric 'Accuracy'
    Paper 'Parameter-Efficient Adapters Revisited' -[MEASURED_BY]-> Metric 'Accuracy'
    Paper 'Parameter-Efficient Adapters Revisited' -[EVALUATED_ON]-> Dataset 'GLUE'
    """
    for node in (source, target):
        if node not in G:
            raise nx.NodeNotFound(f"{node!r} is not in the graph")
    excluded = set(exclude_types)
    skip = {v for v, t in G.nodes(data="type") if t in excluded} - {source, target}
    nodes = _shortest(G, source, target, skip)
    if nodes is None:
        return None
    if max_length is not None and len(nodes) - 1 > max_length:
        return None
    steps = []
    for u, v in pairwise(nodes):
        forward = G.has_edge(u, v)
        a, b = (u, v) if forward else (v, u)
        edges = G.get_edge_data(a, b)
        if G.is_multigraph():
            relation, data = sorted(edges.items(), key=lambda kv: str(kv[0]))[0]
            relation = data.get("relation", relation)
        else:
            data = edges
            relation = data.get("relation", "LINKED")
        steps.append(
            {
                "source": u,
                "target": v,
                "relation": relation,
                "forward": forward,
                "sentence": _best_sentence(data),
                "text": f"{_label(G, a)} -[{relation}]-> {_label(G, b)}",
            }
        )
    return steps

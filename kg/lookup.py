"""Finding entities and papers in a built graph, and the readable views `kg entity` and `kg paper(s)` print."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from kg.graph import Graph
from kg.linking.names import name_key
from kg.schema import ENTITY_TYPES, EdgeType, NodeType
from kg.store import EdgeRow, NodeRow

_PAPER_LINKS = frozenset(
    {
        EdgeType.PROPOSES,
        EdgeType.USES,
        EdgeType.EVALUATED_ON,
        EdgeType.MEASURED_BY,
        EdgeType.ADDRESSES,
        EdgeType.HAS_CODE,
    }
)


def find_entities(graph: Graph, text: str, node_type: str | None = None) -> list[NodeRow]:
    """Entities whose id, name or alias matches ``text`` (spelling variants too), best matches first."""
    if graph.node(text):
        return [graph.node(text)]  # type: ignore[list-item]
    key = name_key(text)
    types = [node_type] if node_type else [t.value for t in ENTITY_TYPES]
    exact, by_alias = [], []
    for t in types:
        for node in graph.nodes(t):
            if name_key(node.name) == key:
                exact.append(node)
            elif any(name_key(alias) == key for alias in node.props.get("aliases", [])):
                by_alias.append(node)
    return exact + by_alias


def _link(edge: EdgeRow, other: NodeRow, direction: str = "out") -> dict[str, Any]:
    """One link of a node as shown by `kg paper(s)` and `kg entity`."""
    link = {
        "relation": edge.relation,
        "type": other.type,
        "id": other.id,
        "name": other.name,
        "aliases": other.props.get("aliases", []),
        "score": edge.props.get("score"),
        "support": edge.props.get("support"),
    }
    if direction == "in":
        link["direction"] = "in"
    return link


def paper_view(graph: Graph, paper: NodeRow, evidence: bool = False) -> dict[str, Any]:
    """A paper with its links to entities, repositories and results (and the evidence, if asked)."""
    links, results = [], []
    for edge in graph.edges_of(paper.id):
        other = graph.node(edge.target)
        if other is None or edge.source != paper.id:
            continue
        if edge.relation == EdgeType.REPORTS.value:
            results.append(result_view(graph, other))
            continue
        link = _link(edge, other)
        if evidence:
            link["evidence"] = graph.evidence(edge.id)
        links.append(link)
    links.sort(key=lambda link: (link["relation"], link["type"], link["name"].lower()))
    return {
        "id": paper.id,
        "title": paper.props.get("title") or paper.name,
        "date": paper.props.get("date"),
        "url": paper.props.get("url"),
        "links": links,
        "results": results,
    }


def result_view(graph: Graph, result: NodeRow) -> dict[str, Any]:
    """A result with the names of the metric, dataset and method it is tied to."""
    view = {"id": result.id, "name": result.name} | {
        k: result.props.get(k) for k in ("value", "unit", "direction", "from_value", "baseline", "unresolved", "raw")
    }
    roles = {"RESULT_METRIC": "metric", "RESULT_DATASET": "dataset", "RESULT_METHOD": "method"}
    for edge in graph.edges_of(result.id):
        if edge.relation in roles and edge.source == result.id:
            target = graph.node(edge.target)
            view[roles[edge.relation]] = target.name if target else None
    return view


def iter_papers(graph: Graph) -> Iterator[dict[str, Any]]:
    """Every paper with its links, in id order, streaming (one edge query for the whole graph)."""
    names: dict[str, NodeRow] = {}
    for node_type in (*ENTITY_TYPES, NodeType.REPOSITORY):
        names.update((n.id, n) for n in graph.nodes(node_type.value))
    links: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for relation in sorted(_PAPER_LINKS, key=lambda r: r.value):
        for edge in graph.edges(relation.value):
            if edge.target in names:
                links[edge.source].append(_link(edge, names[edge.target]))
    for paper in graph.nodes(NodeType.PAPER.value):
        found = sorted(links.pop(paper.id, []), key=lambda link: (link["relation"], link["type"], link["name"].lower()))
        yield {
            "id": paper.id,
            "title": paper.props.get("title") or paper.name,
            "date": paper.props.get("date"),
            "record_ids": paper.props.get("record_ids", []),
            "links": found,
        }


def entity_view(graph: Graph, entity: NodeRow) -> dict[str, Any]:
    """An entity: canonical name, type, aliases, the papers linking it, its neighbours and results."""
    papers, neighbours, results = [], [], []
    for edge in graph.edges_of(entity.id):
        other_id = edge.source if edge.target == entity.id else edge.target
        other = graph.node(other_id)
        if other is None:
            continue
        if other.type == NodeType.PAPER.value:
            papers.append(
                {
                    "relation": edge.relation,
                    "id": other.id,
                    "title": other.name,
                    "date": other.props.get("date"),
                    "support": edge.props.get("support"),
                }
            )
        elif other.type == NodeType.RESULT.value:
            results.append(result_view(graph, other))
        else:
            neighbours.append(_link(edge, other, "out" if edge.source == entity.id else "in"))
    papers.sort(key=lambda p: (p["relation"], p["title"].lower()))
    neighbours.sort(key=lambda n: (n["relation"], n["name"].lower()))
    return {
        "id": entity.id,
        "type": entity.type,
        "name": entity.name,
        "aliases": entity.props.get("aliases", []),
        "papers": papers,
        "paper_count": len({p["id"] for p in papers}),
        "neighbours": neighbours,
        "results": results,
    }

"""Papers and entities of a graph: which papers mention a node, and finding nodes by name."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx

from kg.schema import ENTITY_TYPES, NodeType

__all__ = [
    "ENTITY_TYPE_NAMES",
    "PAPER",
    "entities_of",
    "find_nodes",
    "is_paper",
    "neighbors",
    "nodes_of_type",
    "paper_counts",
    "papers_of",
]

PAPER = NodeType.PAPER.value
ENTITY_TYPE_NAMES: tuple[str, ...] = tuple(t.value for t in ENTITY_TYPES)
# Node types a paper is described by when papers are compared (entities and linked code).
DESCRIPTOR_TYPES: tuple[str, ...] = (*ENTITY_TYPE_NAMES, NodeType.REPOSITORY.value)


def is_paper(G: nx.Graph, node: Any) -> bool:
    """Whether ``node`` is a paper.

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> is_paper(toy_graph(), "paper:p1"), is_paper(toy_graph(), "method:lora")
    (True, False)
    """
    return G.nodes[node].get("type") == PAPER


def neighbors(G: nx.Graph, node: Any) -> Iterator[Any]:
    """Nodes joined to ``node`` by an edge in either direction (each once).

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> sorted(neighbors(toy_graph(), "method:qlora"))
    ['method:lora', 'paper:p2']
    """
    if not G.is_directed():
        yield from G.neighbors(node)
        return
    seen = set()
    for other in (*G.predecessors(node), *G.successors(node)):
        if other not in seen:
            seen.add(other)
            yield other


def nodes_of_type(G: nx.Graph, node_type: str | Iterable[str] | None = None) -> list[Any]:
    """Nodes whose ``type`` is ``node_type`` (a name or several; None: every node), in graph order.

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> nodes_of_type(toy_graph(), "Method")
    ['method:lora', 'method:qlora', 'method:vit']
    """
    if node_type is None:
        return list(G.nodes)
    wanted = {node_type} if isinstance(node_type, str) else set(node_type)
    return [n for n, t in G.nodes(data="type") if t in wanted]


def papers_of(G: nx.Graph, node: Any) -> set[Any]:
    """The papers joined to ``node`` by an edge (a paper's own set is itself).

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> sorted(papers_of(toy_graph(), "method:lora"))
    ['paper:p1', 'paper:p2', 'paper:p3']
    """
    if is_paper(G, node):
        return {node}
    return {n for n in neighbors(G, node) if is_paper(G, n)}


def paper_counts(G: nx.Graph, node_type: str | Iterable[str] | None = None) -> dict[Any, int]:
    """Number of distinct papers joined to each non-paper node (of ``node_type`` if given).

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> paper_counts(toy_graph(), "Dataset")
    {'dataset:glue': 2, 'dataset:mmlu': 1, 'dataset:imagenet': 2}
    """
    return {n: len(papers_of(G, n)) for n in nodes_of_type(G, node_type) if not is_paper(G, n)}


def entities_of(G: nx.Graph, paper: Any, types: Iterable[str] = DESCRIPTOR_TYPES) -> set[Any]:
    """The non-paper nodes of the given types that ``paper`` is joined to.

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> sorted(entities_of(toy_graph(), "paper:p3"))
    ['dataset:glue', 'method:lora', 'metric:accuracy', 'task:fine-tuning']
    """
    wanted = set(types)
    return {n for n in neighbors(G, paper) if G.nodes[n].get("type") in wanted}


def _names(data: dict[str, Any]) -> list[str]:
    names = [data.get("name"), data.get("title"), data.get("arxiv_id"), data.get("doi")]
    aliases = data.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    return [str(n).casefold().strip() for n in (*names, *aliases) if n]


def find_nodes(G: nx.Graph, query: str, node_type: str | None = None) -> list[Any]:
    """Nodes that ``query`` names: its id, else a case-insensitive name, title, alias, arXiv id or DOI.

    Returns every match (sorted by id), so more than one means the query is ambiguous.

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> G = toy_graph()
    >>> find_nodes(G, "method:lora"), find_nodes(G, "low-rank ADAPTATION"), find_nodes(G, "nothing")
    (['method:lora'], ['method:lora'], [])
    """
    if query in G and (node_type is None or G.nodes[query].get("type") == node_type):
        return [query]
    key = query.casefold().strip()
    found = [
        n
        for n, data in G.nodes(data=True)
        if (node_type is None or data.get("type") == node_type) and key in _names(data)
    ]
    return sorted(found, key=str)

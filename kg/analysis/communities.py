"""Communities of related entities: Louvain on the entity co-occurrence graph."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations
from typing import Any

import networkx as nx

from kg.analysis.entities import ENTITY_TYPE_NAMES, entities_of, nodes_of_type

__all__ = ["entity_communities", "entity_graph"]


def entity_graph(G: nx.Graph, types: Iterable[str] = ENTITY_TYPE_NAMES, min_shared: int = 1) -> nx.Graph:
    """Entities joined when they share papers; edge ``weight`` is the number of shared papers.

    Entity-to-entity edges of ``G`` (e.g. VARIANT_OF) add one to the weight. Entities without any
    link are kept as isolated nodes.

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> H = entity_graph(toy_graph())
    >>> H["method:lora"]["dataset:glue"]["weight"], H["method:lora"]["method:qlora"]["weight"]
    (2, 2)
    """
    wanted = tuple(types)
    H = nx.Graph()
    H.add_nodes_from(
        (n, {"type": G.nodes[n]["type"], "name": G.nodes[n].get("name")}) for n in nodes_of_type(G, wanted)
    )
    for paper in nodes_of_type(G, "Paper"):
        for u, v in combinations(sorted(entities_of(G, paper, wanted), key=str), 2):
            w = H.get_edge_data(u, v, {"weight": 0})["weight"]
            H.add_edge(u, v, weight=w + 1)
    for u, v in G.edges():
        if u != v and u in H and v in H:
            w = H.get_edge_data(u, v, {"weight": 0})["weight"]
            H.add_edge(u, v, weight=w + 1)
    if min_shared > 1:
        H.remove_edges_from([(u, v) for u, v, w in H.edges(data="weight") if w < min_shared])
    return H


def entity_communities(
    G: nx.Graph,
    types: Iterable[str] = ENTITY_TYPE_NAMES,
    *,
    seed: int = 42,
    resolution: float = 1.0,
    min_shared: int = 1,
    min_size: int = 2,
) -> list[set[Any]]:
    """Groups of entities that occur in the same papers (Louvain, networkx, fixed ``seed``).

    Returns communities of at least ``min_size`` entities, largest first (ties by smallest id).
    Louvain never joins entities that share no path, so unrelated fields stay apart.

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> [sorted(c)[:2] for c in entity_communities(toy_graph())]
    [['dataset:glue', 'dataset:mmlu'], ['dataset:imagenet', 'method:vit']]
    """
    H = entity_graph(G, types, min_shared)
    found = nx.community.louvain_communities(H, weight="weight", resolution=resolution, seed=seed)
    kept = [set(c) for c in found if len(c) >= min_size]
    kept.sort(key=lambda c: (-len(c), min(map(str, c))))
    return kept

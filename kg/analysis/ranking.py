"""Top entities: by number of papers, by degree and by PageRank, per node type."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx
import numpy as np

from kg.analysis.entities import is_paper, nodes_of_type, paper_counts

__all__ = ["MEASURES", "degree_centrality", "pagerank", "top_entities"]

MEASURES = ("papers", "degree", "pagerank")


def _simple_undirected(G: nx.Graph) -> nx.Graph:
    """The graph with directions and parallel edges dropped (one link per pair of nodes)."""
    H = nx.Graph()
    H.add_nodes_from(G.nodes)
    H.add_edges_from((u, v) for u, v in G.edges() if u != v)
    return H


def degree_centrality(G: nx.Graph) -> dict[Any, float]:
    """Distinct neighbours of each node over ``n - 1`` (directions and parallel edges ignored).

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> round(degree_centrality(toy_graph())["method:lora"], 4)  # p1, p2, p3 and QLoRA, of 16 others
    0.25
    """
    return nx.degree_centrality(_simple_undirected(G))


def pagerank(G: nx.Graph, alpha: float = 0.85, tol: float = 1.0e-10, max_iter: int = 200) -> dict[Any, float]:
    """PageRank of every node on the undirected simple view of ``G`` (links count both ways).

    The same definition as ``networkx.pagerank`` (teleport ``1 - alpha`` spread evenly, dangling
    nodes' rank spread evenly), computed by power iteration with NumPy so it needs no SciPy.

    Examples
    --------
    >>> import networkx as nx
    >>> ranks = pagerank(nx.star_graph(3))
    >>> round(ranks[0], 4), round(sum(ranks.values()), 6)
    (0.4797, 1.0)
    """
    nodes = list(G.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    pairs = {(index[u], index[v]) for u, v in G.edges() if u != v}
    pairs |= {(b, a) for a, b in pairs}
    src = np.fromiter((a for a, _ in pairs), dtype=np.int64, count=len(pairs))
    dst = np.fromiter((b for _, b in pairs), dtype=np.int64, count=len(pairs))
    degree = np.bincount(src, minlength=n).astype(float)
    dangling = degree == 0
    rank = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        spread = rank[src] / degree[src]
        new = (1.0 - alpha) / n + alpha * (np.bincount(dst, weights=spread, minlength=n) + rank[dangling].sum() / n)
        done = np.abs(new - rank).sum() < n * tol
        rank = new
        if done:
            break
    return {v: float(rank[i]) for i, v in enumerate(nodes)}


def top_entities(
    G: nx.Graph, node_type: str | Iterable[str] | None = None, by: str = "papers", n: int = 10
) -> list[dict[str, Any]]:
    """The ``n`` highest non-paper nodes of ``node_type`` by ``papers``, ``degree`` or ``pagerank``.

    Each row has ``id``, ``type``, ``name``, ``papers`` and ``score`` (the measure ranked by);
    ties go to the node with more papers, then by name.

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> [(r["name"], r["papers"]) for r in top_entities(toy_graph(), "Method")]
    [('LoRA', 3), ('ViT', 2), ('QLoRA', 1)]
    """
    if by not in MEASURES:
        raise ValueError(f"unknown measure {by!r}; use one of {', '.join(MEASURES)}")
    counts = paper_counts(G, node_type)
    if by == "papers":
        scores: dict[Any, float] = {k: float(v) for k, v in counts.items()}
    else:
        measure = degree_centrality(G) if by == "degree" else pagerank(G)
        scores = {k: measure[k] for k in counts}
    candidates = [v for v in nodes_of_type(G, node_type) if not is_paper(G, v)]
    candidates.sort(key=lambda v: (-scores[v], -counts[v], str(G.nodes[v].get("name", "")), str(v)))
    return [
        {
            "id": v,
            "type": G.nodes[v].get("type"),
            "name": G.nodes[v].get("name", str(v)),
            "papers": counts[v],
            "score": round(scores[v], 6) if by != "papers" else counts[v],
        }
        for v in candidates[:n]
    ]

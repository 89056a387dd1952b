"""Which entities go together: papers that mention both (methods with datasets, tasks, metrics)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from kg.analysis.entities import entities_of, nodes_of_type, papers_of

__all__ = ["cooccurrence", "cooccurrence_matrix", "cooccurring"]


def cooccurrence(G: nx.Graph, row_type: str = "Method", col_type: str = "Dataset") -> dict[tuple[Any, Any], int]:
    """Number of papers joined to both a ``row_type`` node and a ``col_type`` node, per pair.

    Only pairs that occur together at least once are returned.

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> sorted(cooccurrence(toy_graph(), "Method", "Dataset").items())  # doctest: +NORMALIZE_WHITESPACE
    [(('method:lora', 'dataset:glue'), 2), (('method:lora', 'dataset:mmlu'), 1),
     (('method:qlora', 'dataset:mmlu'), 1), (('method:vit', 'dataset:imagenet'), 2)]
    """
    counts: Counter[tuple[Any, Any]] = Counter()
    for paper in nodes_of_type(G, "Paper"):
        rows = entities_of(G, paper, (row_type,))
        cols = entities_of(G, paper, (col_type,)) if col_type != row_type else rows
        for r in rows:
            for c in cols:
                if r != c:
                    counts[(r, c)] += 1
    return dict(counts)


def cooccurring(G: nx.Graph, node: Any, node_type: str) -> list[dict[str, Any]]:
    """The ``node_type`` nodes that share papers with ``node``, most shared papers first.

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> [(r["name"], r["papers"]) for r in cooccurring(toy_graph(), "method:lora", "Dataset")]
    [('GLUE', 2), ('MMLU', 1)]
    """
    counts: Counter[Any] = Counter()
    for paper in papers_of(G, node):
        for other in entities_of(G, paper, (node_type,)):
            if other != node:
                counts[other] += 1
    rows = [
        {"id": k, "type": G.nodes[k].get("type"), "name": G.nodes[k].get("name", str(k)), "papers": v}
        for k, v in counts.items()
    ]
    rows.sort(key=lambda r: (-r["papers"], str(r["name"]), str(r["id"])))
    return rows


def cooccurrence_matrix(
    G: nx.Graph, row_type: str = "Method", col_type: str = "Dataset", top: int = 15
) -> tuple[list[Any], list[Any], list[list[int]]]:
    """The co-occurrence counts of the ``top`` rows and columns with most co-occurrences, as a matrix.

    Returns ``(row_ids, col_ids, matrix)`` with ``matrix[i][j]`` the papers shared by row ``i`` and
    column ``j``; rows and columns are ordered by their total co-occurrences, then by id.

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> rows, cols, m = cooccurrence_matrix(toy_graph(), top=2)
    >>> rows, cols, m
    (['method:lora', 'method:vit'], ['dataset:glue', 'dataset:imagenet'], [[2, 0], [0, 2]])
    """
    pairs = cooccurrence(G, row_type, col_type)
    row_tot: Counter[Any] = Counter()
    col_tot: Counter[Any] = Counter()
    for (r, c), k in pairs.items():
        row_tot[r] += k
        col_tot[c] += k
    rows = sorted(row_tot, key=lambda v: (-row_tot[v], str(v)))[:top]
    cols = sorted(col_tot, key=lambda v: (-col_tot[v], str(v)))[:top]
    return rows, cols, [[pairs.get((r, c), 0) for c in cols] for r in rows]

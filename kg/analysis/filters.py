"""Cutting a big graph down to what a person can look at: by type, by papers, by date."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg.analysis.entities import is_paper, papers_of
from kg.analysis.trends import parse_date

__all__ = ["dated_since", "filter_graph"]


def dated_since(value: Any, since: str) -> bool:
    """Whether a date is not before ``since``, compared at the precision both have.

    A missing date is never since anything; a coarse date counts when its period could overlap
    (``"2023"`` is since ``"2023-06"``, ``"2023-05"`` is not).

    Examples
    --------
    >>> dated_since("2023-07-01", "2023-06"), dated_since("2023", "2023-06"), dated_since("2023-05", "2023-06")
    (True, True, False)
    """
    mine, bound = parse_date(value), parse_date(since)
    if bound is None:
        raise ValueError(f"not an ISO date: {since!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    if mine is None:
        return False
    for a, b in zip(mine, bound, strict=True):
        if a is None or b is None:
            return True
        if a != b:
            return a > b
    return True


def filter_graph(
    G: nx.Graph, types: Iterable[str] | None = None, min_papers: int = 0, since: str | None = None
) -> nx.Graph:
    """A copy of ``G`` cut down for viewing; every kept node gets a ``papers`` count.

    1. ``since``: papers dated before it (or undated) are dropped, and so are non-paper nodes
       whose papers were all dropped;
    2. ``min_papers``: non-paper nodes with fewer remaining papers are dropped;
    3. ``types``: only nodes of these types are kept (paper counts still count every kept paper);
    4. with ``min_papers``, papers joined to none of the kept non-paper nodes are dropped too, so
       the papers are cut down with the entities.

    Without arguments the copy has every node and edge.

    Edges are kept between kept nodes.

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> H = filter_graph(toy_graph(), types=["Paper", "Method"], min_papers=2, since="2021")
    >>> sorted(H.nodes), H.nodes["method:lora"]["papers"]
    (['method:lora', 'paper:p1', 'paper:p2', 'paper:p3'], 3)
    """
    papers = {n for n in G if is_paper(G, n)}
    kept_papers = {p for p in papers if dated_since(G.nodes[p].get("date"), since)} if since else papers
    keep: dict[Any, int] = {}
    for node in G:
        if is_paper(G, node):
            if node in kept_papers:
                keep[node] = 1
            continue
        all_papers = papers_of(G, node)
        count = len(all_papers & kept_papers)
        if since and all_papers and not count:
            continue
        if count < min_papers:
            continue
        keep[node] = count
    if types is not None:
        wanted = set(types)
        keep = {n: c for n, c in keep.items() if G.nodes[n].get("type") in wanted}
    others = {n for n in keep if not is_paper(G, n)}
    if min_papers > 0 and others:
        linked = {p for n in others for p in papers_of(G, n)}
        keep = {n: c for n, c in keep.items() if not is_paper(G, n) or n in linked}
    H = G.subgraph(keep).copy()
    for node, count in keep.items():
        H.nodes[node]["papers"] = count
    return H

"""Headline numbers of a graph and code availability."""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from kg.analysis.entities import nodes_of_type, papers_of
from kg.analysis.trends import parse_date

__all__ = ["code_availability", "headline", "papers_with_code"]


def papers_with_code(G: nx.Graph) -> set[Any]:
    """Papers that link at least one repository (a HAS_CODE edge).

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> sorted(papers_with_code(toy_graph()))
    ['paper:p1', 'paper:p4']
    """
    return {p for r in nodes_of_type(G, "Repository") for p in papers_of(G, r)}


def code_availability(G: nx.Graph, node_type: str = "Task", min_papers: int = 1) -> list[dict[str, Any]]:
    """For each ``node_type`` node: its papers, how many link code, and the share (0..1).

    Rows with at least ``min_papers`` papers, most papers first.

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> [(r["name"], r["papers"], r["with_code"], r["share"]) for r in code_availability(toy_graph())]
    [('Fine-Tuning', 3, 1, 0.333333), ('Image Classification', 2, 1, 0.5)]
    """
    coded = papers_with_code(G)
    rows = []
    for node in nodes_of_type(G, node_type):
        papers = papers_of(G, node)
        if len(papers) < min_papers:
            continue
        with_code = len(papers & coded)
        rows.append(
            {
                "id": node,
                "name": G.nodes[node].get("name", str(node)),
                "papers": len(papers),
                "with_code": with_code,
                "share": round(with_code / len(papers), 6) if papers else 0.0,
            }
        )
    rows.sort(key=lambda r: (-r["papers"], str(r["name"]), str(r["id"])))
    return rows


def headline(G: nx.Graph) -> dict[str, Any]:
    """Counts by node and edge type, papers with code and with dates, and the span of dates.

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> h = headline(toy_graph())
    >>> h["nodes"]["Paper"], h["papers_with_code"], h["first_date"], h["last_date"]
    (5, 2, '2020-10-22', '2023-05')
    """
    nodes = Counter(t for _, t in G.nodes(data="type"))
    if G.is_multigraph():
        edges = Counter(d.get("relation", k) for _, _, k, d in G.edges(keys=True, data=True))
    else:
        edges = Counter(d.get("relation") for _, _, d in G.edges(data=True))
    papers = nodes_of_type(G, "Paper")
    dates = sorted(d for d in (G.nodes[p].get("date") for p in papers) if parse_date(d))
    coded = len(papers_with_code(G))
    return {
        "nodes": dict(sorted(nodes.items())),
        "edges": dict(sorted(edges.items())),
        "total_nodes": G.number_of_nodes(),
        "total_edges": G.number_of_edges(),
        "papers": len(papers),
        "papers_with_code": coded,
        "share_with_code": round(coded / len(papers), 6) if papers else 0.0,
        "dated_papers": len(dates),
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
    }

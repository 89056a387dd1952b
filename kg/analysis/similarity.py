"""Papers like this one, and entities related to an entity, by what they share."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg.analysis.entities import DESCRIPTOR_TYPES, entities_of, is_paper, papers_of

__all__ = ["SIMILARITIES", "related_entities", "similar_papers"]

SIMILARITIES = ("jaccard", "adamic_adar")


def similar_papers(
    G: nx.Graph, paper: Any, n: int = 10, method: str = "jaccard", types: Iterable[str] = DESCRIPTOR_TYPES
) -> list[dict[str, Any]]:
    """Papers that share entities (of ``types``: entities and code by default) with ``paper``.

    ``method`` is ``"jaccard"`` (shared over all entities of the two papers) or ``"adamic_adar"``
    (each shared entity weighs ``1 / log(its papers)``, so rare shared entities count more). Rows
    have ``id``, ``name``, ``score`` and ``shared`` (entity ids), best first, ties by id.

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> [(r["id"], r["score"]) for r in similar_papers(toy_graph(), "paper:p1")]
    [('paper:p3', 0.8), ('paper:p2', 0.428571)]
    """
    if method not in SIMILARITIES:
        raise ValueError(f"unknown similarity {method!r}; use one of {', '.join(SIMILARITIES)}")
    types = tuple(types)
    mine = entities_of(G, paper, types)
    candidates = {p for e in mine for p in papers_of(G, e) if p != paper and is_paper(G, p)}
    rows = []
    for other in candidates:
        theirs = entities_of(G, other, types)
        shared = mine & theirs
        if method == "jaccard":
            score = len(shared) / len(mine | theirs)
        else:
            score = sum(1.0 / math.log(len(papers_of(G, e))) for e in shared)
        rows.append(
            {
                "id": other,
                "name": G.nodes[other].get("name", str(other)),
                "score": round(score, 6),
                "shared": sorted(shared, key=str),
            }
        )
    rows.sort(key=lambda r: (-r["score"], str(r["id"])))
    return rows[:n]


def related_entities(G: nx.Graph, node: Any, n: int = 10, node_type: str | None = None) -> list[dict[str, Any]]:
    """Entities whose papers overlap ``node``'s papers most (Jaccard over the two paper sets).

    Rows have ``id``, ``type``, ``name``, ``shared_papers`` and ``score``, best first.

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> [(r["name"], r["shared_papers"], r["score"]) for r in related_entities(toy_graph(), "method:vit", 2)]
    [('Image Classification', 2, 1.0), ('ImageNet', 2, 1.0)]
    """
    mine = papers_of(G, node)
    others = {e for p in mine for e in entities_of(G, p)} - {node}
    rows = []
    for other in others:
        if node_type and G.nodes[other].get("type") != node_type:
            continue
        theirs = papers_of(G, other)
        shared = len(mine & theirs)
        rows.append(
            {
                "id": other,
                "type": G.nodes[other].get("type"),
                "name": G.nodes[other].get("name", str(other)),
                "shared_papers": shared,
                "score": round(shared / len(mine | theirs), 6),
            }
        )
    rows.sort(key=lambda r: (-r["score"], -r["shared_papers"], str(r["name"]), str(r["id"])))
    return rows[:n]

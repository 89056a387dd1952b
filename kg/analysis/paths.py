"""Shortest explanation paths: how two entities are connected, step by step, through papers."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import networkx as nx

from kg.analysis.entities import neighbors

__all__ = ["explain_path"]


def _best_sentence(data: dict[str, Any]) -> str | None:
    evidence = data.get("evidence") or []
    best = max(evidence, key=lambda e: e.get("score", 0.0), default=None)
    return (best.get("sentence") or "").strip() or None if best else None


def _shortest(G: nx.Graph, source: Any, target: Any) -> list[Any] | None:
    """Breadth-first search in both edge directions, neighbours in id order."""
    parent: dict[Any, Any] = {source: None}
    frontier = [source]
    while frontier and target not in parent:
        nxt = []
        for node in frontier:
            for other in sorted(neighbors(G, node), key=str):
                if other not in parent:
                    parent[other] = node
                    nxt.append(other)
        frontier = nxt
    if target not in parent:
        return None
    path = [target]
    while path[-1] != source:
        path.append(parent[path[-1]])
    return path[::-1]


def _label(G: nx.Graph, node: Any) -> str:
    data = G.nodes[node]
    return f"{data.get('type', 'Node')} '{data.get('name', node)}'"


def explain_path(G: nx.Graph, source: Any, target: Any, max_length: int | None = None) -> list[dict[str, Any]] | None:
    """The shortest chain of edges joining ``source`` and ``target`` (either direction), as steps.

    Each step has ``source`` and ``target`` (the nodes in path order), ``relation``, ``forward``
    (whether the stored edge points along the path), ``sentence`` (the best evidence sentence, if
    any) and ``text``, a readable line. Returns None when no path exists (or none within
    ``max_length`` steps). Among shortest paths, the one first in node-id order is returned (so the answer is stable).

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> for step in explain_path(toy_graph(), "dataset:mmlu", "dataset:glue"):
    ...     print(step["text"])
    Paper 'QLoRA: Efficient Finetuning of Quantized LLMs' -[EVALUATED_ON]-> Dataset 'MMLU'
    Paper 'QLoRA: Efficient Finetuning of Quantized LLMs' -[USES]-> Method 'LoRA'
    Paper 'LoRA: Low-Rank Adaptation of Large Language Models' -[PROPOSES]-> Method 'LoRA'
    Paper 'LoRA: Low-Rank Adaptation of Large Language Models' -[EVALUATED_ON]-> Dataset 'GLUE'
    """
    for node in (source, target):
        if node not in G:
            raise nx.NodeNotFound(f"{node!r} is not in the graph")
    nodes = _shortest(G, source, target)
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

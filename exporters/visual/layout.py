"""Node positions computed in Python (Fruchterman-Reingold force layout with NumPy), so pages open fast.

The browser then draws a preset layout instead of running a force layout on thousands of nodes.
Papers hang around the entities they mention: the force layout runs on the entities (the skeleton)
and each paper is put near the middle of its entities, so big graphs cost ``O(entities²)``, not
``O(nodes²)``.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import networkx as nx
import numpy as np

__all__ = ["force_layout"]


def _fruchterman_reingold(
    n: int, src: np.ndarray, dst: np.ndarray, iterations: int, rng: np.random.Generator, block: int
) -> np.ndarray:
    """Positions in the unit square for ``n`` nodes joined by the (symmetric) index pairs ``src``-``dst``."""
    pos = rng.random((n, 2))
    k = 1.0 / np.sqrt(n)
    t = 0.1
    cool = t / (iterations + 1)
    for _ in range(iterations):
        disp = np.zeros((n, 2))
        for start in range(0, n, block):
            dx = pos[start : start + block, 0:1] - pos[:, 0]
            dy = pos[start : start + block, 1:2] - pos[:, 1]
            weight = (k * k) / np.maximum(dx * dx + dy * dy, 1e-4)
            disp[start : start + block, 0] += (dx * weight).sum(axis=1)
            disp[start : start + block, 1] += (dy * weight).sum(axis=1)
        if len(src):
            delta = pos[src] - pos[dst]
            dist = np.sqrt(np.maximum((delta**2).sum(axis=1), 1e-4))
            np.add.at(disp, src, -delta * (dist / k)[:, None])
        length = np.maximum(np.sqrt((disp**2).sum(axis=1)), 1e-2)
        pos += disp * (t / length)[:, None]
        t -= cool
    return pos


def force_layout(
    G: nx.Graph,
    *,
    iterations: int = 60,
    seed: int = 0,
    scale: float = 30.0,
    block: int = 1024,
    max_pairs: float = 4.0e8,
) -> dict[Any, tuple[float, float]]:
    """Positions ``{node: (x, y)}``: Fruchterman-Reingold on the non-paper nodes, papers near their entities.

    The same force model as ``networkx.spring_layout`` (directions ignored), computed in row blocks
    so memory stays ``O(block * n)`` and no SciPy is needed; iterations are cut so that
    ``iterations * n² <= max_pairs`` (at least 8). A graph of papers only is laid out as a whole.
    Deterministic for a given ``seed``; the layout spans about ``scale * sqrt(n)`` units.

    Examples
    --------
    >>> pos = force_layout(nx.path_graph(3))
    >>> sorted(pos), len(pos[0])
    ([0, 1, 2], 2)
    """
    nodes = list(G.nodes)
    if not nodes:
        return {}
    rng = np.random.default_rng(seed)
    skeleton = [v for v in nodes if G.nodes[v].get("type") != "Paper"] or nodes
    index = {v: i for i, v in enumerate(skeleton)}
    n = len(skeleton)
    pairs = {(index[u], index[v]) for u, v in G.edges() if u != v and u in index and v in index}
    pairs |= {(b, a) for a, b in pairs}
    src = np.fromiter((a for a, _ in pairs), dtype=np.int64, count=len(pairs))
    dst = np.fromiter((b for _, b in pairs), dtype=np.int64, count=len(pairs))
    # entities that share a paper attract each other as if joined (so the skeleton keeps the structure)
    hub_src, hub_dst = [], []
    for v in nodes:
        if v in index:
            continue
        around = (
            sorted({index[u] for u in nx.all_neighbors(G, v) if u in index})
            if G.is_directed()
            else sorted({index[u] for u in G.neighbors(v) if u in index})
        )
        for a, b in pairwise(around):
            hub_src += [a, b]
            hub_dst += [b, a]
    if hub_src:
        src = np.concatenate([src, np.array(hub_src, dtype=np.int64)])
        dst = np.concatenate([dst, np.array(hub_dst, dtype=np.int64)])
    steps = max(8, min(iterations, int(max_pairs // max(n * n, 1))))
    pos = _fruchterman_reingold(n, src, dst, steps, rng, block) if n > 1 else np.zeros((1, 2))
    pos -= pos.mean(axis=0)
    span = np.abs(pos).max() or 1.0
    size = scale * np.sqrt(len(nodes))
    pos *= size / span
    result = {v: pos[i] for v, i in index.items()}
    jitter = size / np.sqrt(len(nodes)) * 1.5
    for v in nodes:
        if v in result:
            continue
        around = [result[u] for u in (nx.all_neighbors(G, v) if G.is_directed() else G.neighbors(v)) if u in index]
        if around:
            result[v] = np.mean(around, axis=0) + rng.normal(0.0, jitter, 2)
        else:  # a paper that mentions no kept entity: on a ring around the drawing
            angle = rng.random() * 2 * np.pi
            result[v] = np.array([np.cos(angle), np.sin(angle)]) * size * 1.1
    return {v: (round(float(result[v][0]), 1), round(float(result[v][1]), 1)) for v in nodes}

"""Node positions computed in Python (Fruchterman-Reingold force layout with NumPy), so pages open fast.

The browser then draws a preset layout instead of running a force layout on thousands of nodes.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np

__all__ = ["force_layout"]


def force_layout(
    G: nx.Graph, *, iterations: int = 60, seed: int = 0, scale: float = 30.0, block: int = 1024
) -> dict[Any, tuple[float, float]]:
    """Positions ``{node: (x, y)}`` from the Fruchterman-Reingold algorithm (directions ignored).

    The same model as ``networkx.spring_layout``, computed in row blocks of ``block`` nodes so memory
    stays ``O(block * n)`` and no SciPy is needed. Deterministic for a given ``seed``; the layout spans
    about ``scale * sqrt(n)`` units.

    Examples
    --------
    >>> pos = force_layout(nx.path_graph(3))
    >>> sorted(pos), len(pos[0])
    ([0, 1, 2], 2)
    """
    nodes = list(G.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {v: i for i, v in enumerate(nodes)}
    pairs = {(index[u], index[v]) for u, v in G.edges() if u != v}
    pairs |= {(b, a) for a, b in pairs}
    src = np.fromiter((a for a, _ in pairs), dtype=np.int64, count=len(pairs))
    dst = np.fromiter((b for _, b in pairs), dtype=np.int64, count=len(pairs))
    rng = np.random.default_rng(seed)
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
    pos -= pos.mean(axis=0)
    span = np.abs(pos).max() or 1.0
    pos *= scale * np.sqrt(n) / span
    return {v: (round(float(x), 1), round(float(y), 1)) for v, (x, y) in zip(nodes, pos, strict=True)}

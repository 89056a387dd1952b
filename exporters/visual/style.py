"""Colours and sizes shared by every visual output (GEXF viz, Cytoscape.js, HTML page, report)."""

from __future__ import annotations

import math

from kg.schema import NodeType

__all__ = ["TYPE_COLORS", "color_of", "rgb_of", "size_of"]

TYPE_COLORS: dict[str, str] = {
    NodeType.PAPER.value: "#9e9e9e",
    NodeType.METHOD.value: "#1f77b4",
    NodeType.DATASET.value: "#ff7f0e",
    NodeType.METRIC.value: "#2ca02c",
    NodeType.TASK.value: "#d62728",
    NodeType.REPOSITORY.value: "#9467bd",
    NodeType.RESULT.value: "#8c564b",
}
_OTHER = "#17becf"


def color_of(node_type: str | None) -> str:
    """The hex colour of a node type."""
    return TYPE_COLORS.get(node_type or "", _OTHER)


def rgb_of(node_type: str | None) -> tuple[int, int, int]:
    """The colour of a node type as ``(r, g, b)``."""
    h = color_of(node_type).lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def size_of(papers: int) -> float:
    """Node diameter for a node with ``papers`` papers: grows with the square root, 10 to 80."""
    return round(min(80.0, 10.0 + 6.0 * math.sqrt(max(papers, 0))), 2)

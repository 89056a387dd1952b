"""The report's plots: matplotlib figures (object API, no pyplot state) rendered to SVG text."""

from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.colors import PowerNorm
from matplotlib.figure import Figure

from exporters.visual.style import color_of

__all__ = ["bar_chart", "heat_map", "trend_chart", "type_colors"]

_WIDTH = 7.5


def _svg(fig: Figure) -> str:
    """The figure as an SVG element (text drawn as paths, so no font is needed to view it)."""
    buffer = io.StringIO()
    FigureCanvasSVG(fig).print_svg(buffer)
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _short(label: str, width: int = 38) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    title: str,
    xlabel: str,
    color: str | Sequence[str] = "#1f77b4",
    value_labels: Sequence[str] | None = None,
) -> str:
    """A horizontal bar chart, first label on top, as SVG."""
    height = max(1.6, 0.32 * len(labels) + 0.9)
    fig = Figure(figsize=(_WIDTH, height), layout="constrained")
    ax = fig.add_subplot()
    y = list(range(len(labels)))[::-1]
    ax.barh(y, values, color=color)
    ax.set_yticks(y, [_short(str(label)) for label in labels], fontsize=8)
    ax.set_title(title, fontsize=11, loc="left")
    ax.set_xlabel(xlabel, fontsize=9)
    ax.tick_params(axis="x", labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    texts = value_labels or [f"{v:g}" for v in values]
    for yi, v, t in zip(y, values, texts, strict=True):
        ax.text(v, yi, f" {t}", va="center", fontsize=7)
    if not labels:
        ax.text(0.5, 0.5, "no data", ha="center", va="center", transform=ax.transAxes)
    return _svg(fig)


def trend_chart(per_period: dict[str, int], series: dict[str, dict[str, int]], title: str, freq: str) -> str:
    """Papers per period (grey bars, left axis) and a few entities' papers per period (lines, right axis).

    Leading periods with under 1% of the busiest period's papers are left out of the plot (the
    report's tables keep them), so a handful of old papers does not squash the recent years.
    """
    periods = sorted(set(per_period) | {p for s in series.values() for p in s})
    peak = max(per_period.values(), default=0)
    while len(periods) > 1 and per_period.get(periods[0], 0) < peak / 100:
        periods.pop(0)
    fig = Figure(figsize=(_WIDTH, 4.2), layout="constrained")
    ax = fig.add_subplot()
    x = list(range(len(periods)))
    ax.bar(x, [per_period.get(p, 0) for p in periods], color="#d9d9d9", label="all papers")
    ax.set_ylabel(f"papers per {freq}", fontsize=9)
    lines = ax.twinx()
    for name, counts in series.items():
        lines.plot(
            x, [counts.get(p, 0) for p in periods], marker="o", markersize=3, linewidth=1.4, label=_short(name, 28)
        )
    lines.set_ylabel(f"papers per {freq} (lines)", fontsize=9)
    lines.set_ylim(bottom=0)
    lines.tick_params(axis="y", labelsize=8)
    step = max(1, len(periods) // 16)
    ax.set_xticks(x[::step], periods[::step], rotation=45, ha="right", fontsize=7)
    ax.set_title(title + (f" (from {periods[0]})" if periods else ""), fontsize=11, loc="left")
    ax.tick_params(axis="y", labelsize=8)
    handles = ax.get_legend_handles_labels()
    more = lines.get_legend_handles_labels()
    ax.legend(handles[0] + more[0], handles[1] + more[1], fontsize=7, frameon=False, loc="upper left")
    ax.spines["top"].set_visible(False)
    lines.spines["top"].set_visible(False)
    return _svg(fig)


def heat_map(rows: Sequence[str], cols: Sequence[str], matrix: Sequence[Sequence[int]], title: str) -> str:
    """A co-occurrence heat map with the counts written in the cells, as SVG."""
    fig = Figure(figsize=(_WIDTH + 1, max(2.5, 0.34 * len(rows) + 2.2)), layout="constrained")
    ax = fig.add_subplot()
    if rows and cols:
        image = ax.imshow(matrix, cmap="Blues", aspect="auto", norm=PowerNorm(gamma=0.5))
        fig.colorbar(image, ax=ax, shrink=0.8, label="papers")
        top = max(max(r) for r in matrix) or 1
        for i, row in enumerate(matrix):
            for j, v in enumerate(row):
                if v:
                    ax.text(
                        j, i, str(v), ha="center", va="center", fontsize=7, color="white" if v > top / 3 else "black"
                    )
        ax.set_xticks(range(len(cols)), [_short(c, 24) for c in cols], rotation=50, ha="right", fontsize=7)
        ax.set_yticks(range(len(rows)), [_short(r, 30) for r in rows], fontsize=7)
    else:
        ax.text(0.5, 0.5, "no method and dataset occur together", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
    ax.set_title(title, fontsize=11, loc="left")
    return _svg(fig)


def type_colors(types: Sequence[str]) -> list[str]:
    """The node-type colours shared with the interactive page."""
    return [color_of(t) for t in types]

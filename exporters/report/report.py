"""Compute the report's numbers from the graph (:mod:`kg.analysis`) and write ``index.html`` + ``report.json``."""

from __future__ import annotations

import html
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import networkx as nx

from exporters.report import plots
from kg import __version__, analysis

__all__ = ["report_data", "write_report"]

TOP_TYPES = ("Method", "Dataset", "Task")


def report_data(G: nx.Graph, top: int = 15, trend_entities: int = 5) -> dict[str, Any]:
    """Every number the report shows, as plain data (also written to ``report.json``).

    Examples
    --------
    >>> from kg.analysis import toy_graph
    >>> data = report_data(toy_graph())
    >>> data["headline"]["papers"], data["top"]["Method"][0]["name"], data["cooccurrence"]["matrix"][0][0]
    (5, 'LoRA', 2)
    """
    freq = "year"
    top_methods = [r["id"] for r in analysis.top_entities(G, "Method", n=trend_entities)]
    rows, cols, matrix = analysis.cooccurrence_matrix(G, "Method", "Dataset", top=top)
    name = lambda n: G.nodes[n].get("name", str(n))  # noqa: E731
    return {
        "headline": analysis.headline(G),
        "date_precision": analysis.date_precision(G),
        "top": {t: analysis.top_entities(G, t, n=top) for t in TOP_TYPES},
        "trends": {
            "freq": freq,
            "papers": analysis.papers_per_period(G, freq),
            "papers_per_month": analysis.papers_per_period(G, "month"),
            "entities": {name(n): c for n, c in analysis.entity_trends(G, top_methods, freq=freq).items()},
        },
        "cooccurrence": {
            "rows": [{"id": r, "name": name(r)} for r in rows],
            "cols": [{"id": c, "name": name(c)} for c in cols],
            "matrix": matrix,
        },
        "code_availability": analysis.code_availability(G, "Task")[:top],
    }


def _table(headers: list[str], rows: list[list[Any]], cls: str = "") -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _section(title: str, anchor: str, *parts: str) -> str:
    return f'<section id="{anchor}"><h2>{html.escape(title)}</h2>{"".join(parts)}</section>'


def _details(summary: str, content: str) -> str:
    return f"<details><summary>{html.escape(summary)}</summary>{content}</details>"


def _page(data: dict[str, Any], title: str) -> str:
    h = data["headline"]
    cards = [
        ("papers", h["papers"]),
        ("nodes", h["total_nodes"]),
        ("edges", h["total_edges"]),
        ("papers with code", h["papers_with_code"]),
        ("share with code", f"{100 * h['share_with_code']:.1f}%"),
        ("dated papers", h["dated_papers"]),
    ]
    headline = (
        '<div class="cards">'
        + "".join(
            f'<div class="card" data-key="{html.escape(k)}"><span class="value">{html.escape(str(v))}</span>'
            f'<span class="key">{html.escape(k)}</span></div>'
            for k, v in cards
        )
        + "</div>"
    )
    span = f"<p>Papers dated from {h['first_date']} to {h['last_date']}.</p>" if h["first_date"] else ""
    prec = data["date_precision"]
    span += (
        f"<p>Date precision: {prec['day']} to the day, {prec['month']} to the month, {prec['year']} to the year"
        f" only, {prec['missing']} undated. A paper counts in a period only if its date is that precise.</p>"
    )
    types = list(h["nodes"])
    by_type = plots.bar_chart(
        types, [h["nodes"][t] for t in types], "Nodes by type", "nodes", color=plots.type_colors(types)
    )
    edge_types = list(h["edges"])
    sections = [
        _section("Headline numbers", "headline", headline, span),
        _section(
            "Entities by type",
            "types",
            by_type,
            _table(["type", "nodes"], [[t, h["nodes"][t]] for t in types], "nodes-by-type"),
            _details("Edges by type", _table(["relation", "edges"], [[t, h["edges"][t]] for t in edge_types])),
        ),
    ]
    for t, rows in data["top"].items():
        chart = plots.bar_chart(
            [r["name"] for r in rows],
            [r["papers"] for r in rows],
            f"Top {t.lower()}s by papers",
            "papers",
            color=plots.type_colors([t])[0],
        )
        table = _table(["name", "id", "papers"], [[r["name"], r["id"], r["papers"]] for r in rows], f"top-{t.lower()}")
        sections.append(_section(f"Top {t.lower()}s", f"top-{t.lower()}", chart, _details("Table", table)))
    tr = data["trends"]
    sections.append(
        _section(
            "Trends over time",
            "trends",
            plots.trend_chart(tr["papers"], tr["entities"], "Papers per year, and the top methods", tr["freq"]),
            _details(
                "Papers per year", _table(["year", "papers"], [[k, v] for k, v in tr["papers"].items()], "per-year")
            ),
            _details(
                "Papers per month",
                _table(["month", "papers"], [[k, v] for k, v in tr["papers_per_month"].items()], "per-month"),
            ),
        )
    )
    co = data["cooccurrence"]
    rows = [r["name"] for r in co["rows"]]
    cols = [c["name"] for c in co["cols"]]
    sections.append(
        _section(
            "Methods × datasets",
            "cooccurrence",
            plots.heat_map(rows, cols, co["matrix"], "Papers that use a method and a dataset together"),
            _details("Table", _table(["method", *cols], [[r, *m] for r, m in zip(rows, co["matrix"], strict=True)])),
        )
    )
    code = data["code_availability"]
    sections.append(
        _section(
            "Code availability by task",
            "code",
            plots.bar_chart(
                [r["name"] for r in code],
                [round(100 * r["share"], 1) for r in code],
                "Share of papers that link code, by task (tasks with most papers)",
                "% of papers with a repository",
                color="#9467bd",
                value_labels=[f"{r['with_code']}/{r['papers']}" for r in code],
            ),
            _details(
                "Table",
                _table(
                    ["task", "papers", "with code", "share"],
                    [[r["name"], r["papers"], r["with_code"], f"{100 * r['share']:.1f}%"] for r in code],
                    "code",
                ),
            ),
        )
    )
    created = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>{html.escape(title)}</title>
<style>
body {{ font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222;
  max-width: 1000px; margin: 0 auto; padding: 16px 24px; }}
h1 {{ font-size: 22px; margin-bottom: 4px; }}
h2 {{ font-size: 17px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }}
.cards {{ display: flex; flex-wrap: wrap; gap: 10px; }}
.card {{ border: 1px solid #ddd; border-radius: 6px; padding: 8px 14px; min-width: 130px; }}
.card .value {{ display: block; font-size: 22px; font-weight: 600; }} .card .key {{ color: #666; font-size: 12px; }}
table {{ border-collapse: collapse; font-size: 12px; margin: 6px 0; }}
th, td {{ border: 1px solid #e3e3e3; padding: 2px 6px; text-align: left; }}
td:not(:first-child) {{ text-align: right; }}
svg {{ max-width: 100%; height: auto; }} summary {{ cursor: pointer; color: #1a55a8; }} .meta {{ color: #777; }}
</style></head><body>
<h1>{html.escape(title)}</h1>
<p class="meta">Made by kg {__version__} on {created}. All plots are inline; the page needs no network.</p>
{"".join(sections)}
</body></html>
"""


def write_report(G: nx.Graph, directory: str | Path, title: str = "Knowledge graph report") -> dict[str, Any]:
    """Write ``index.html`` (plots inline) and ``report.json`` (the same numbers) into ``directory``.

    Returns the report's data (see :func:`report_data`).

    Examples
    --------
    >>> import tempfile
    >>> from kg.analysis import toy_graph
    >>> out = Path(tempfile.mkdtemp())
    >>> data = write_report(toy_graph(), out)
    >>> sorted(p.name for p in out.iterdir())
    ['index.html', 'report.json']
    """
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    data = report_data(G)
    (out / "report.json").write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    (out / "index.html").write_text(_page(data, title), encoding="utf-8")
    return data

"""Run a read-only Cypher query and render the answer as an aligned table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

import neo4j
from neo4j import graph as neo4j_graph

from exporters.neo4j.connection import explain, session_kwargs

FORMATS = ("table", "csv", "json")


def plain(value: Any) -> Any:
    """A driver value as plain JSON-able Python data (nodes and relationships become maps)."""
    if isinstance(value, neo4j_graph.Node):
        return {"labels": sorted(value.labels), "properties": {k: plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j_graph.Relationship):
        return {
            "type": value.type,
            "start": value.start_node.get("id") if value.start_node else None,
            "end": value.end_node.get("id") if value.end_node else None,
            "properties": {k: plain(v) for k, v in value.items()},
        }
    if isinstance(value, neo4j_graph.Path):
        return {"nodes": [plain(n) for n in value.nodes], "relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)  # temporal and spatial values: their ISO / WKT-like text


def run_read_query(
    driver: neo4j.Driver,
    query: str,
    parameters: dict[str, Any] | None = None,
    *,
    database: str | None = None,
    uri: str = "",
    user: str = "",
) -> tuple[list[str], list[list[Any]]]:
    """Run ``query`` in a READ transaction (the server refuses writes); return (columns, rows) as plain data."""

    def work(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[list[Any]]]:
        result = tx.run(query, parameters or {})
        keys = list(result.keys())
        return keys, [[plain(v) for v in record.values()] for record in result]

    try:
        with driver.session(**session_kwargs(database, default_access_mode=neo4j.READ_ACCESS)) as session:
            return session.execute_read(work)
    except Exception as err:
        raise explain(err, uri, user, "running the query") from None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def render_table(columns: list[str], rows: list[list[Any]]) -> str:
    """An aligned text table with a header line and a row count."""
    cells = [[_cell(v).replace("\n", " ") for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def render_csv(columns: list[str], rows: list[list[Any]]) -> str:
    """CSV with a header row; lists and maps as JSON."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return out.getvalue()


def render_json(columns: list[str], rows: list[list[Any]]) -> str:
    """A JSON list of objects, one per row."""
    return json.dumps([dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False, indent=2)


RENDERERS: dict[str, Callable[[list[str], list[list[Any]]], str]] = {
    "table": render_table,
    "csv": render_csv,
    "json": render_json,
}

"""A Cypher script that cypher-shell can run (``cypher-shell -u neo4j -f graph.cypher``).

The script creates the schema's constraints, then merges nodes and relationships in ``:begin`` /
``:commit`` blocks of ``UNWIND [...] AS row MERGE ...`` statements. Running it twice changes nothing.
A script is text, so values are written as Cypher literals, escaped; one statement per line.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, TextIO

from exporters.neo4j.mapping import ID, constraint_statements, iter_edges, iter_nodes, label, rel_type

SCRIPT_BATCH = 500
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def literal(value: Any) -> str:
    """``value`` as a Cypher literal (strings quoted and escaped; maps with backticked keys)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write {value} as a Cypher literal")
        return repr(value)
    if isinstance(value, str):
        out = []
        for ch in value:
            if ch in _ESCAPES:
                out.append(_ESCAPES[ch])
            elif ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 or ch in "\u2028\u2029":
                out.append(f"\\u{ord(ch):04x}")
            else:
                out.append(ch)
        return "'" + "".join(out) + "'"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"`{str(k).replace('`', '``')}`: {literal(v)}" for k, v in value.items()) + "}"
    raise ValueError(f"cannot write a {type(value).__name__} as a Cypher literal")


def _flush(out: TextIO, statement: str, rows: list[dict[str, Any]]) -> None:
    out.write(":begin\n")
    out.write(f"UNWIND {literal(rows)} AS row {statement};\n")
    out.write(":commit\n")


def write_cypher_script(store: str | Path, output: str | Path | TextIO, batch: int = SCRIPT_BATCH) -> dict[str, int]:
    """Write the script for the graph in ``store``; return the counts of nodes and relationships written."""
    if isinstance(output, (str, Path)):
        with Path(output).open("w", encoding="utf-8") as out:
            return _write(store, out, batch)
    return _write(store, output, batch)


def _write(store: str | Path, out: TextIO, batch: int) -> dict[str, int]:
    out.write("// The kg graph as Cypher. Run: cypher-shell -u neo4j [-d DATABASE] -f THIS_FILE\n")
    out.write("// (cypher-shell reads the password from NEO4J_PASSWORD). Idempotent: MERGE on id.\n")
    for statement in constraint_statements():
        out.write(f"{statement};\n")
    counts = {"nodes": 0, "relationships": 0}
    pending: dict[str, list[dict[str, Any]]] = {}
    for node in iter_nodes(store):
        rows = pending.setdefault(node.label, [])
        rows.append({"id": node.id, "props": node.props})
        counts["nodes"] += 1
        if len(rows) >= batch:
            _flush(out, _node_statement(node.label), rows)
            rows.clear()
    for name, rows in pending.items():
        if rows:
            _flush(out, _node_statement(name), rows)
    edge_pending: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for edge in iter_edges(store):
        key = (edge.type, edge.source_label, edge.target_label)
        rows = edge_pending.setdefault(key, [])
        rows.append({"id": edge.id, "source": edge.source, "target": edge.target, "props": edge.props})
        counts["relationships"] += 1
        if len(rows) >= batch:
            _flush(out, _edge_statement(*key), rows)
            rows.clear()
    for key, rows in edge_pending.items():
        if rows:
            _flush(out, _edge_statement(*key), rows)
    return counts


def _node_statement(node_label: str) -> str:
    return f"MERGE (n:{label(node_label)} {{{ID}: row.id}}) SET n = row.props"


def _edge_statement(relation: str, source_label: str, target_label: str) -> str:
    return (
        f"MATCH (a:{label(source_label)} {{{ID}: row.source}}) MATCH (b:{label(target_label)} {{{ID}: row.target}}) "
        f"MERGE (a)-[r:{rel_type(relation)} {{{ID}: row.id}}]->(b) SET r = row.props"
    )

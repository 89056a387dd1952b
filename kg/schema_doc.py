"""Render the schema module as a Markdown reference (docs/schema.md is generated from this)."""

from __future__ import annotations

from kg.schema import EDGES, NODES, PROPERTIES


def schema_markdown() -> str:
    """The node types, edge types and properties as Markdown tables."""
    lines = [
        "# Graph schema",
        "",
        "Generated from `kg/schema.py` by `kg schema`; do not edit by hand.",
        "",
        "## Node types",
        "",
        "| type | meaning | properties |",
        "|---|---|---|",
    ]
    lines += [f"| {s.type.value} | {s.meaning} | {', '.join(s.properties)} |" for s in NODES.values()]
    lines += ["", "## Edge types", "", "| type | from | to | meaning |", "|---|---|---|---|"]
    lines += [
        f"| {s.type.value} | {', '.join(t.value for t in s.sources)} | {', '.join(t.value for t in s.targets)} "
        f"| {s.meaning} |"
        for s in EDGES.values()
    ]
    lines += ["", "## Properties", "", "| name | value | meaning |", "|---|---|---|"]
    lines += [f"| {p.name} | {p.kind.value} | {p.meaning} |" for p in PROPERTIES.values()]
    return "\n".join(lines) + "\n"

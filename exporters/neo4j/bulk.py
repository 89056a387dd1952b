"""The CSV bundle for ``neo4j-admin database import full`` (offline loads too big for transactions).

The bundle holds one CSV file per label (``nodes_Paper.csv``) and per relationship type
(``relationships_USES.csv``), each with a typed header; ``import.sh`` with the exact import command;
and ``constraints.cypher``, to run once the imported database is started. Values follow the same
flattening rule as the transactional loader (see ``exporters.neo4j.mapping``).
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from exporters.neo4j.mapping import ID, column_type, constraint_statements, iter_edges, iter_nodes, label, rel_type

ARRAY_DELIMITER = "\x1f"  # ASCII unit separator: never meaningful in text, removed from values
ARRAY_DELIMITER_ARG = "U+001F"
COMMAND_FILE = "import.sh"
CONSTRAINTS_FILE = "constraints.cypher"


@dataclass
class BundleReport:
    """What the bundle holds."""

    directory: str
    command: list[str]
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The report as plain data (for ``--json``)."""
        return {
            "directory": self.directory,
            "command": shlex.join(self.command),
            "nodes": self.nodes,
            "relationships": self.relationships,
            "files": self.files,
        }


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).replace(ARRAY_DELIMITER, " ")


def _field(value: Any) -> str:
    """One CSV field: missing is empty, everything else quoted (so an empty string stays a string)."""
    if value is None:
        return ""
    text = ARRAY_DELIMITER.join(_text(v) for v in value) if isinstance(value, list) else _text(value)
    return '"' + text.replace('"', '""') + '"'


def _write_row(out: TextIO, values: Iterable[Any]) -> None:
    out.write(",".join(_field(v) for v in values) + "\n")


def _header(columns: list[str], first: list[str]) -> list[str]:
    return first + [f"{c}:{column_type(c)}" for c in columns]


def import_command(database: str, nodes: dict[str, str], relationships: dict[str, str]) -> list[str]:
    """The ``neo4j-admin database import full`` command for the bundle (file names relative to it)."""
    return [
        "neo4j-admin",
        "database",
        "import",
        "full",
        database,  # before the file options, which take any number of values
        "--multiline-fields=true",
        f"--array-delimiter={ARRAY_DELIMITER_ARG}",
        "--id-type=string",
        *[f"--nodes={name}={path}" for name, path in nodes.items()],
        *[f"--relationships={name}={path}" for name, path in relationships.items()],
    ]


def write_import_bundle(store: str | Path, directory: str | Path, database: str = "neo4j") -> BundleReport:
    """Write the bundle for the graph in ``store`` into ``directory`` (created; existing files replaced)."""
    out_dir = Path(directory)
    out_dir.mkdir(parents=True, exist_ok=True)
    # first pass: which flattened properties each label and type carries (streams; memory stays flat)
    node_columns: dict[str, dict[str, None]] = {}
    for node in iter_nodes(store):
        node_columns.setdefault(node.label, {}).update(dict.fromkeys(k for k in node.props if k != ID))
    edge_columns: dict[str, dict[str, None]] = {}
    for edge in iter_edges(store):
        edge_columns.setdefault(edge.type, {}).update(dict.fromkeys(edge.props))

    report = BundleReport(str(out_dir), [])
    node_files = {name: f"nodes_{label(name)}.csv" for name in sorted(node_columns)}
    rel_files = {name: f"relationships_{rel_type(name)}.csv" for name in sorted(edge_columns)}
    handles = {name: (out_dir / path).open("w", encoding="utf-8", newline="") for name, path in node_files.items()}
    try:
        for name, out in handles.items():
            _write_row(out, _header(list(node_columns[name]), [f"{ID}:ID"]))
        for node in iter_nodes(store):
            columns = node_columns[node.label]
            _write_row(handles[node.label], [node.id, *(node.props.get(c) for c in columns)])
            report.nodes[node.label] = report.nodes.get(node.label, 0) + 1
    finally:
        for out in handles.values():
            out.close()
    handles = {name: (out_dir / path).open("w", encoding="utf-8", newline="") for name, path in rel_files.items()}
    try:
        for name, out in handles.items():
            _write_row(out, _header(list(edge_columns[name]), [":START_ID", ":END_ID"]))
        for edge in iter_edges(store):
            columns = edge_columns[edge.type]
            _write_row(handles[edge.type], [edge.source, edge.target, *(edge.props.get(c) for c in columns)])
            report.relationships[edge.type] = report.relationships.get(edge.type, 0) + 1
    finally:
        for out in handles.values():
            out.close()

    report.command = import_command(database, node_files, rel_files)
    (out_dir / COMMAND_FILE).write_text(
        "#!/bin/sh\n"
        "# Import the kg graph into an empty (or new) database with neo4j-admin, offline (Neo4j 5.x):\n"
        "# stop the database first, run this from any directory, then start it and run constraints.cypher.\n"
        'cd "$(dirname "$0")" || exit 1\n'
        f"exec {shlex.join(report.command)}\n",
        encoding="utf-8",
    )
    (out_dir / COMMAND_FILE).chmod(0o755)
    (out_dir / CONSTRAINTS_FILE).write_text(
        "// Uniqueness constraints of the kg schema: run once after the import\n"
        "// (e.g. cypher-shell -f constraints.cypher)\n" + "".join(f"{s};\n" for s in constraint_statements()),
        encoding="utf-8",
    )
    report.files = sorted([*node_files.values(), *rel_files.values(), COMMAND_FILE, CONSTRAINTS_FILE])
    return report

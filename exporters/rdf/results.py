"""Query results as plain rows, and their rendering as a text table, CSV or SPARQL 1.1 JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from exporters.rdf.vocab import PREFIXES

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


@dataclass
class Results:
    """SELECT rows (variables, one tuple of terms or None per row), an ASK answer, or triples as rows."""

    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None

    def values(self) -> list[tuple[str | None, ...]]:
        """Rows as plain strings (IRI or lexical form), for comparisons and tests."""
        return [tuple(None if t is None else plain(t) for t in row) for row in self.rows]


def collect(answer: ox.QuerySolutions | ox.QueryBoolean | Iterable[ox.Triple]) -> Results:
    """Read a pyoxigraph answer (embedded or parsed from an endpoint) into Results."""
    if isinstance(answer, ox.QueryBoolean):
        return Results("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows = [tuple(solution[name] for name in variables) for solution in answer]
        return Results("select", variables, rows)
    rows = [(t.subject, t.predicate, t.object) for t in answer]
    return Results("graph", ["subject", "predicate", "object"], rows)


def plain(term: Term) -> str:
    """An IRI as itself, a literal as its lexical form, a blank node as ``_:id``."""
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def short(term: Term | None, width: int = 60) -> str:
    """A term for a table cell: IRIs shortened with our prefixes, long text cut with an ellipsis."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        text = term.value
        for name, namespace in _BY_LENGTH:
            if text.startswith(namespace) and len(text) > len(namespace):
                text = f"{name}:{text[len(namespace) :]}"
                break
    else:
        text = plain(term)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def to_table(results: Results) -> str:
    """An aligned text table with a row count."""
    if results.kind == "ask":
        return "yes" if results.boolean else "no"
    cells = [[short(t) for t in row] for row in results.rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(results.variables)]
    line = "  ".join(v.ljust(w) for v, w in zip(results.variables, widths, strict=True))
    lines = [line.rstrip(), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines)


def to_csv(results: Results) -> str:
    """SPARQL 1.1 CSV: a header of variable names, IRIs and lexical forms."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if results.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if results.boolean else "false"])
    else:
        writer.writerow(results.variables)
        writer.writerows([["" if t is None else plain(t) for t in row] for row in results.rows])
    return buffer.getvalue()


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def to_json(results: Results) -> str:
    """SPARQL 1.1 Query Results JSON (graph results as subject/predicate/object bindings)."""
    if results.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(results.boolean)}, indent=2)
    bindings = [
        {v: _json_term(t) for v, t in zip(results.variables, row, strict=True) if t is not None} for row in results.rows
    ]
    return json.dumps(
        {"head": {"vars": results.variables}, "results": {"bindings": bindings}}, indent=2, ensure_ascii=False
    )


RENDERERS = {"table": to_table, "csv": to_csv, "json": to_json}

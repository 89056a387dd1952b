"""Check an export against the SHACL shapes with pySHACL and report violations readably."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import rdflib
from pyshacl import validate
from rdflib.namespace import SH

from exporters.rdf.serialize import write
from exporters.rdf.shapes import shapes_graph
from exporters.rdf.triples import TripleStream
from exporters.rdf.vocab import DEFAULT_BASE, PREFIXES
from kg.graph import Graph


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node, the path, what is wrong, and the shape that said so."""

    focus: str
    path: str
    message: str
    severity: str
    shape: str
    value: str

    def __str__(self) -> str:
        value = f" (value {self.value})" if self.value else ""
        return f"{self.severity}: {self.focus}\n  path {self.path or '-'}: {self.message}{value}  [{self.shape}]"


@dataclass(frozen=True)
class ValidationReport:
    """Whether the data conforms, and every violation found."""

    conforms: bool
    triples: int
    violations: list[Violation]

    def as_dict(self) -> dict[str, object]:
        """The report as plain data (for ``--json``)."""
        return {
            "conforms": self.conforms,
            "triples": self.triples,
            "violations": [v.__dict__ for v in self.violations],
        }


def _short(graph: rdflib.Graph, term: rdflib.term.Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, rdflib.URIRef):
        return graph.namespace_manager.normalizeUri(term)
    if isinstance(term, rdflib.BNode):
        return "[]"
    return term.n3(graph.namespace_manager)


def store_as_rdflib(store: str | Path, base: str = DEFAULT_BASE) -> rdflib.Graph:
    """The export of ``store`` as an in-memory rdflib Graph (via N-Triples)."""
    buffer = io.BytesIO()
    write(TripleStream(Graph(store), base), buffer, "nt")
    data = rdflib.Graph()
    data.parse(data=buffer.getvalue(), format="nt")
    return data


def validate_graph(data: rdflib.Graph) -> ValidationReport:
    """Run pySHACL with our shapes over ``data`` (no inference: the export states every type it means)."""
    conforms, results, _ = validate(data, shacl_graph=shapes_graph(), inference="none", allow_warnings=True)
    for prefix, namespace in PREFIXES.items():
        results.bind(prefix, namespace, override=True)
    violations = []
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        violations.append(
            Violation(
                focus=_short(results, results.value(result, SH.focusNode)),
                path=_short(results, results.value(result, SH.resultPath)),
                message=str(results.value(result, SH.resultMessage) or ""),
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                shape=_short(results, results.value(result, SH.sourceShape)),
                value=_short(results, results.value(result, SH.value)),
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path, v.message))
    return ValidationReport(bool(conforms), len(data), violations)


def validate_store(store: str | Path, base: str = DEFAULT_BASE) -> ValidationReport:
    """Export ``store`` and validate it against the shapes."""
    return validate_graph(store_as_rdflib(store, base))


def validate_file(path: str | Path) -> ValidationReport:
    """Validate an RDF file (any syntax rdflib can guess from the extension)."""
    data = rdflib.Dataset() if str(path).endswith((".trig", ".nq")) else rdflib.Graph()
    data.parse(str(path))
    if isinstance(data, rdflib.Dataset):
        merged = rdflib.Graph()
        for s, p, o, _ in data.quads():
            merged.add((s, p, o))
        data = merged
    return validate_graph(data)

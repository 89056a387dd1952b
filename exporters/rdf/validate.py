"""Check an export against the SHACL shapes with pySHACL and report violations readably."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
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


def validate_graph(data: rdflib.Graph, focus: list[rdflib.URIRef] | None = None) -> ValidationReport:
    """Run pySHACL with our shapes over ``data`` (no inference: the export states every type it means).

    ``focus`` keeps only the results about those nodes (the others are there to lend their types;
    pySHACL's own ``focus_nodes`` skips the checks nested in ``sh:or``, so it is not used).
    """
    shapes = shapes_graph()  # a fresh one each time: pySHACL keeps state on the shapes graph
    conforms, results, _ = validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    wanted = set(focus) if focus is not None else None
    for prefix, namespace in PREFIXES.items():
        results.bind(prefix, namespace, override=True)
    violations = []
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        if wanted is not None and results.value(result, SH.focusNode) not in wanted:
            continue
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
    return ValidationReport(bool(conforms) or (wanted is not None and not violations), len(data), violations)


def _rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def _chunks(graph: ox.Store, size: int) -> Iterator[tuple[rdflib.Graph, list[rdflib.URIRef], int]]:
    """The graph in pieces of about ``size`` triples, each holding every triple of its subjects and the
    rdf:type triples of every node they point to: all our shapes need to judge those subjects.

    Oxigraph lists triples by subject, so a subject never straddles two pieces.
    """
    rdf_type = ox.NamedNode(str(rdflib.RDF.type))
    piece, count, subject = rdflib.Graph(), 0, None
    for quad in graph.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        if count >= size and quad.subject != subject:
            yield (*_with_object_types(graph, piece, rdf_type), count)
            piece, count = rdflib.Graph(), 0
        subject = quad.subject
        piece.add((_rdflib_term(quad.subject), _rdflib_term(quad.predicate), _rdflib_term(quad.object)))
        count += 1
    if count:
        yield (*_with_object_types(graph, piece, rdf_type), count)


def _subjects(piece: rdflib.Graph) -> list[rdflib.URIRef]:
    return [s for s in set(piece.subjects()) if isinstance(s, rdflib.URIRef)]


def _with_object_types(
    graph: ox.Store, piece: rdflib.Graph, rdf_type: ox.NamedNode
) -> tuple[rdflib.Graph, list[rdflib.URIRef]]:
    focus = _subjects(piece)
    objects = {o for o in piece.objects() if isinstance(o, rdflib.URIRef)}
    for obj in objects:
        for quad in graph.quads_for_pattern(ox.NamedNode(str(obj)), rdf_type, None, ox.DefaultGraph()):
            piece.add((obj, rdflib.RDF.type, rdflib.URIRef(quad.object.value)))
    return piece, focus


def validate_store(store: str | Path, base: str = DEFAULT_BASE, chunk: int = 200_000) -> ValidationReport:
    """Validate the export of ``store`` piece by piece (memory stays bounded on big graphs).

    The pieces come from the SPARQL cache (see sparql.py). Our shapes only look at a node's own
    triples and the types of the nodes it points to, so judging the pieces one by one is exact.
    """
    from exporters.rdf.sparql import open_graph

    graph = open_graph(store, base)
    triples, violations = 0, []
    for piece, focus, own in _chunks(graph, chunk):
        violations += validate_graph(piece, focus).violations
        triples += own
    violations.sort(key=lambda v: (v.focus, v.path, v.message))
    return ValidationReport(not violations, triples, violations)


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

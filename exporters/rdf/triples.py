"""Stream the graph as RDF triples (pyoxigraph terms), node by node and edge by edge.

Nothing is held in memory but the current row, the set of source records already written and the
activities seen. Nodes get our class, the standard classes of their type and one triple per property
value; edges get our predicate, the LinkedPapersWithCode / ML-Schema predicates they map to, and a
reified statement carrying support, score and PROV-O provenance (see provenance.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

from pyoxigraph import Literal, NamedNode, Triple
from rdflib.namespace import RDF, SKOS

from exporters.rdf.iris import Minter, web_iri
from exporters.rdf.literals import clean_text, date_literal, decimal_lexical, integer_lexical
from exporters.rdf.provenance import Provenance
from exporters.rdf.terms import XSD_ANY_URI, XSD_BOOLEAN, XSD_DECIMAL, XSD_INTEGER, iri, text, typed
from exporters.rdf.vocab import (
    DEFAULT_BASE,
    ENTITY_LABEL_TYPES,
    IRI_PROPERTIES,
    OFFICIAL_CODE_COMPONENT,
    SCHEMA,
    SPECIAL_PROPERTIES,
    STANDARD_CLASSES,
    STANDARD_LINKS,
    edge_predicate,
    node_class,
    property_predicate,
)
from kg import __version__
from kg.graph import Graph
from kg.schema import PROPERTIES, EdgeType, NodeType, ValueKind
from kg.store import EdgeRow, NodeRow, Store

_TYPE = iri(RDF.type)
_PREF_LABEL = iri(SKOS.prefLabel)
_CODE_REPOSITORY = iri(SCHEMA.codeRepository)
_IDENTIFIER = iri(property_predicate("id"))
_LABEL = iri(property_predicate("name"))
_DERIVED = iri(property_predicate("sources"))
_TYPES = {t.value: t for t in NodeType}
_CLASSES = {t: [iri(node_class(t))] + [iri(c) for c in STANDARD_CLASSES.get(t, ())] for t in NodeType}
_TYPE_BY_PREFIX = {t.prefix: t for t in NodeType}
_SKIP_NODE_PROPS = SPECIAL_PROPERTIES | {"id", "name"}


def _values(value: Any) -> list[Any]:
    """A property value as a list of distinct non-empty values."""
    if not isinstance(value, (list, tuple)):
        return [] if value is None or value == "" else [value]
    return [v for v in dict.fromkeys(v for v in value if not isinstance(v, (list, dict))) if v is not None and v != ""]


def _iri_value(value: Any) -> NamedNode | Literal:
    address = web_iri(clean_text(value))
    if address is not None:
        try:
            return NamedNode(address)
        except ValueError:
            pass
    return typed(clean_text(value), XSD_ANY_URI)


def _integer(value: Any) -> Literal | None:
    lexical = integer_lexical(value)
    return typed(lexical, XSD_INTEGER) if lexical is not None else None


def _decimal(value: Any) -> Literal | None:
    lexical = decimal_lexical(value)
    return typed(lexical, XSD_DECIMAL) if lexical is not None else None


def _boolean(value: Any) -> Literal:
    return typed("true" if value else "false", XSD_BOOLEAN)


def _date(value: Any) -> Literal:
    return typed(*date_literal(value))


_CONVERTERS: dict[ValueKind, Callable[[Any], NamedNode | Literal | None]] = {
    ValueKind.STRING: text,
    ValueKind.STRING_LIST: text,
    ValueKind.INTEGER: _integer,
    ValueKind.FLOAT: _decimal,
    ValueKind.BOOLEAN: _boolean,
    ValueKind.DATE: _date,
}
# For every schema property: its predicate and the function turning a value into an RDF term.
_PROPERTY_TERMS: dict[str, tuple[NamedNode, Callable[[Any], NamedNode | Literal | None]]] = {
    p.name: (iri(property_predicate(p.name)), _iri_value if p.name in IRI_PROPERTIES else _CONVERTERS[p.kind])
    for p in PROPERTIES.values()
    if p.name != "type"
}


def value_term(name: str, value: Any) -> NamedNode | Literal | None:
    """The RDF term of one value of schema property ``name`` (None if it cannot be typed)."""
    return _PROPERTY_TERMS[name][1](value)


def property_triples(subject: NamedNode, props: dict[str, Any], skip: frozenset[str]) -> list[Triple]:
    """One triple per value of every schema property in ``props`` (keys the schema does not declare are left out)."""
    out = []
    for name in props:  # the store keeps keys sorted, so the output order is stable
        if name in skip:
            continue
        found = _PROPERTY_TERMS.get(name)
        if found is None:
            continue
        predicate, convert = found
        for value in _values(props[name]):
            term = convert(value)
            if term is not None:
                out.append(Triple(subject, predicate, term))
    return out


def node_type_of(node_id: str) -> NodeType | None:
    """The node type named by an id's prefix (``method:...`` -> Method)."""
    return _TYPE_BY_PREFIX.get(node_id.partition(":")[0])


class TripleStream:
    """The triples of one graph under one base IRI."""

    def __init__(self, graph: Graph, base: str = DEFAULT_BASE) -> None:
        self.graph = graph
        self.minter = Minter(base)
        self.version = _build_version(graph) or __version__
        self.provenance = Provenance(self.minter, self.version)
        self._links_written: set[tuple[str, str, str]] = set()
        self._node_iri = lru_cache(maxsize=1 << 16)(self._mint_node)

    def _mint_node(self, node_id: str) -> NamedNode:
        return NamedNode(self.minter.node(node_id))

    def __iter__(self) -> Iterator[Triple]:
        yield from self.nodes()
        yield from self.edges()

    def nodes(self) -> Iterator[Triple]:
        """Triples of every node, papers with the records they were read from."""
        with Store(self.graph.path, readonly=True) as store:
            for node in self.graph.nodes():
                yield from self.node(node, store.paper_sources(node.id) if node.type == NodeType.PAPER.value else ())

    def node(self, node: NodeRow, sources: Iterable[str] = ()) -> list[Triple]:
        """The triples of one node."""
        subject = NamedNode(self.minter.node(node.id, node.type))
        node_type = _TYPES.get(node.type)
        out = [Triple(subject, _TYPE, cls) for cls in _CLASSES.get(node_type, ())]
        out.append(Triple(subject, _IDENTIFIER, text(node.id)))
        label = text(node.name)
        out.append(Triple(subject, _LABEL, label))
        if node_type in ENTITY_LABEL_TYPES:
            out.append(Triple(subject, _PREF_LABEL, label))
        out += property_triples(subject, node.props, _SKIP_NODE_PROPS)
        if node_type is NodeType.REPOSITORY and node.props.get("url"):
            out.append(Triple(subject, _CODE_REPOSITORY, _iri_value(node.props["url"])))
        for record in sources:
            record_node, record_triples = self.provenance.record(record)
            out += record_triples
            out.append(Triple(subject, _DERIVED, record_node))
        return out

    def edges(self) -> Iterator[Triple]:
        """Triples of every edge with its statement and evidence (edges and evidence merged by edge id).

        Edges come ordered by id, which starts with the source id, so all edges of one source are
        together: the standard links two edges of a source may share (USES and PROPOSES both give
        lpwc:hasMethod) are written once per source.
        """
        evidence = self.graph.all_evidence()
        pending = next(evidence, None)
        current_source = None
        for edge in self.graph.edges():
            if edge.source != current_source:
                current_source = edge.source
                self._links_written.clear()
            rows = []
            while pending is not None and pending[0] < edge.id:
                pending = next(evidence, None)  # evidence of an edge that is gone: skip
            while pending is not None and pending[0] == edge.id:
                rows.append(pending[1])
                pending = next(evidence, None)
            yield from self.edge(edge, rows)

    def edge(self, edge: EdgeRow, evidence: list[dict[str, Any]]) -> Iterator[Triple]:
        """The triples of one edge, its standard counterparts, its statement and its evidence."""
        relation = EdgeType(edge.relation)
        target_type = node_type_of(edge.target)
        source = self._node_iri(edge.source)
        target = self._node_iri(edge.target)
        predicate = iri(edge_predicate(relation))
        yield Triple(source, predicate, target)
        official = any(row["component"] == OFFICIAL_CODE_COMPONENT for row in evidence)
        for link in STANDARD_LINKS.get(relation, ()):
            if link.targets and target_type not in link.targets:
                continue
            if link.official and not official:
                continue
            ends = (edge.target, edge.source) if link.inverse else (edge.source, edge.target)
            key = (ends[0], str(link.predicate), ends[1])
            if key in self._links_written:
                continue
            self._links_written.add(key)
            if link.inverse:
                yield Triple(target, iri(link.predicate), source)
            else:
                yield Triple(source, iri(link.predicate), target)
        statement, triples = self.provenance.statement(edge.id, source, predicate, target)
        yield from triples
        yield from property_triples(statement, edge.props, SPECIAL_PROPERTIES)
        for row in evidence:
            yield from self.provenance.evidence(edge.id, statement, row)


def _build_version(graph: Graph) -> str | None:
    """The kg version of the newest build run of the store, if it recorded one."""
    with Store(graph.path, readonly=True) as store:
        runs = store.runs()
    return runs[-1]["version"] if runs else None


def iter_triples(graph: Graph, base: str = DEFAULT_BASE) -> Iterator[Triple]:
    """Stream every triple of ``graph`` under ``base`` (pyoxigraph ``Triple`` objects)."""
    return iter(TripleStream(graph, base))

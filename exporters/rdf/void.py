"""A VoID description of the export: vocabularies, IRI space, and (given a store) counts by class and property."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from pyoxigraph import Triple
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, VOID, XSD

from exporters.rdf.iris import Minter, digest
from exporters.rdf.vocab import (
    DEFAULT_BASE,
    EXTRA_CLASSES,
    FABIO,
    KG,
    LPWC,
    MLS,
    ONTOLOGY_IRI,
    PREFIXES,
    SCHEMA,
    node_class,
)
from kg.schema import NodeType

_VOCABULARIES = (URIRef(ONTOLOGY_IRI + "#"), SCHEMA, FABIO, DCTERMS, MLS, LPWC)


def void_graph(
    base: str = DEFAULT_BASE,
    triples: int | None = None,
    classes: dict[str, int] | None = None,
    properties: dict[str, int] | None = None,
) -> Graph:
    """The VoID description; the counts are added when given (``kg export rdf --void``)."""
    g = Graph()
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace, override=True)
    dataset = URIRef(Minter(base).dataset())
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, DCTERMS.title, Literal("kg scientific knowledge graph")))
    g.add((dataset, DCTERMS.description, Literal("Papers, methods, datasets, metrics, tasks, code and results.")))
    g.add((dataset, VOID.uriSpace, Literal(base)))
    g.add((dataset, DCTERMS.conformsTo, URIRef(ONTOLOGY_IRI)))
    for vocabulary in _VOCABULARIES:
        g.add((dataset, VOID.vocabulary, URIRef(str(vocabulary))))
    for name in _FORMAT_NAMES.values():
        g.add((dataset, VOID.feature, URIRef(f"http://www.w3.org/ns/formats/{name}")))
    if triples is not None:
        g.add((dataset, VOID.triples, Literal(triples, datatype=XSD.integer)))
    known = [node_class(t) for t in NodeType] + [KG[name] for name in EXTRA_CLASSES]
    for cls in known:
        partition = URIRef(f"{dataset}/class/{cls.split('#')[-1]}")
        g.add((dataset, VOID.classPartition, partition))
        g.add((partition, VOID["class"], cls))
        if classes is not None:
            g.add((partition, VOID.entities, Literal(classes.get(str(cls), 0), datatype=XSD.integer)))
    for prop, count in sorted((properties or {}).items()):
        partition = URIRef(f"{dataset}/property/{digest(prop)}")
        g.add((dataset, VOID.propertyPartition, partition))
        g.add((partition, VOID.property, URIRef(prop)))
        g.add((partition, VOID.triples, Literal(count, datatype=XSD.integer)))
    return g


_FORMAT_NAMES = {
    "text/turtle": "Turtle",
    "application/n-triples": "N-Triples",
    "application/ld+json": "JSON-LD",
    "application/rdf+xml": "RDF_XML",
    "application/trig": "TriG",
}


class VoidStatistics:
    """Counts triples, entities per class and triples per property of a stream passing through it."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self.triples = triples
        self.count = 0
        self.classes: Counter[str] = Counter()
        self.properties: Counter[str] = Counter()

    def __iter__(self) -> Iterator[Triple]:
        rdf_type = str(RDF.type)
        for triple in self.triples:
            self.count += 1
            predicate = triple.predicate.value
            self.properties[predicate] += 1
            if predicate == rdf_type:
                self.classes[triple.object.value] += 1
            yield triple

    def graph(self, base: str) -> Graph:
        """The VoID description with these counts."""
        return void_graph(base, self.count, dict(self.classes), dict(self.properties))

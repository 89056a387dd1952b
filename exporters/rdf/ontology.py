"""The OWL description of every term we mint, with alignments to LPWC, ORKG, CS-KG and the standards.

Generated from ``kg.schema`` through ``vocab``: a class per node type, an object property per edge
type (domain and range from the schema's allowed source and target types), a datatype property per
schema property that has no standard predicate, and the extra terms of the provenance model.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from exporters.rdf.vocab import (
    ALIGNMENTS,
    EXTRA_CLASSES,
    EXTRA_PROPERTIES,
    KG,
    ONTOLOGY_IRI,
    PREFIXES,
    SPECIAL_PROPERTIES,
    STANDARD_PROPERTIES,
    camel,
    edge_predicate,
    node_class,
    property_datatype,
)
from kg import __version__
from kg.schema import EDGES, NODES, PROPERTIES, EdgeType, NodeType

# Properties that describe statements and evidence rather than nodes.
_STATEMENT_PROPERTIES = frozenset({"support", "score", "path"})
_EVIDENCE_PROPERTIES = frozenset({"sentence", "start", "end", "score"})
# Properties any node, statement or evidence may carry: no rdfs:domain, so no wrong type is entailed.
_ANY_DOMAIN = frozenset({"score"})


def _union(graph: Graph, classes: list[URIRef]) -> URIRef | BNode:
    """A class, or the owl:unionOf of several."""
    if len(classes) == 1:
        return classes[0]
    node = BNode()
    graph.add((node, RDF.type, OWL.Class))
    items = BNode()
    Collection(graph, items, list(classes))
    graph.add((node, OWL.unionOf, items))
    return node


def _bind(graph: Graph) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)


def ontology_graph() -> Graph:
    """The ontology as an rdflib Graph."""
    g = Graph()
    _bind(g)
    onto = URIRef(ONTOLOGY_IRI)
    g.add((onto, RDF.type, OWL.Ontology))
    g.add((onto, RDFS.label, Literal("kg ontology", lang="en")))
    g.add(
        (onto, DCTERMS.description, Literal("Terms of the kg scientific knowledge graph, generated from kg/schema.py."))
    )
    g.add((onto, OWL.versionInfo, Literal(__version__)))
    for node_type in NodeType:
        cls = node_class(node_type)
        g.add((cls, RDF.type, OWL.Class))
        g.add((cls, RDFS.label, Literal(node_type.value, lang="en")))
        g.add((cls, RDFS.comment, Literal(NODES[node_type].meaning, lang="en")))
    for name, meaning in EXTRA_CLASSES.items():
        g.add((KG[name], RDF.type, OWL.Class))
        g.add((KG[name], RDFS.label, Literal(name, lang="en")))
        g.add((KG[name], RDFS.comment, Literal(meaning, lang="en")))
    for edge_type in EdgeType:
        spec = EDGES[edge_type]
        prop = edge_predicate(edge_type)
        g.add((prop, RDF.type, OWL.ObjectProperty))
        g.add((prop, RDFS.label, Literal(camel(edge_type.value), lang="en")))
        g.add((prop, RDFS.comment, Literal(spec.meaning, lang="en")))
        g.add((prop, RDFS.domain, _union(g, [node_class(t) for t in spec.sources])))
        g.add((prop, RDFS.range, _union(g, [node_class(t) for t in spec.targets])))
    for spec in PROPERTIES.values():
        if spec.name in STANDARD_PROPERTIES or spec.name in SPECIAL_PROPERTIES:
            continue
        prop = KG[camel(spec.name)]
        g.add((prop, RDF.type, OWL.DatatypeProperty))
        g.add((prop, RDFS.label, Literal(camel(spec.name), lang="en")))
        g.add((prop, RDFS.comment, Literal(spec.meaning, lang="en")))
        g.add((prop, RDFS.range, property_datatype(spec.name)))
        domains = [node_class(s.type) for s in NODES.values() if spec.name in s.properties]
        if spec.name in _STATEMENT_PROPERTIES:
            domains.append(KG.Statement)
        if spec.name in _EVIDENCE_PROPERTIES:
            domains.append(KG.Evidence)
        if domains and spec.name not in _ANY_DOMAIN:
            g.add((prop, RDFS.domain, _union(g, domains)))
    for name, (meaning, datatype) in EXTRA_PROPERTIES.items():
        g.add((KG[name], RDF.type, OWL.DatatypeProperty))
        g.add((KG[name], RDFS.label, Literal(name, lang="en")))
        g.add((KG[name], RDFS.comment, Literal(meaning, lang="en")))
        g.add((KG[name], RDFS.domain, KG.SourceRecord))
        g.add((KG[name], RDFS.range, datatype))
    for a in ALIGNMENTS:
        g.add((a.subject, a.relation, a.target))
    g.add((SKOS.closeMatch, RDF.type, OWL.AnnotationProperty))
    return g

"""SHACL shapes for the export, generated from ``kg.schema`` through ``vocab``.

One node shape per node type (identifier, label, every schema property with its datatype and
cardinality, every edge type the type may start with the classes it may point to), and shapes for
the provenance nodes (statement, evidence, source record, activity). All shapes are named IRIs
under ``kgsh:`` so that violations point at a readable shape.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import PROV, RDF, RDFS, SH, SKOS, XSD

from exporters.rdf.vocab import (
    DATE_TYPES,
    ENTITY_LABEL_TYPES,
    IRI_PROPERTIES,
    KG,
    KGSH,
    PREFIXES,
    SCHEMA,
    STANDARD_CLASSES,
    camel,
    edge_predicate,
    node_class,
    property_datatype,
    property_predicate,
)
from kg.schema import EDGES, NODES, PROPERTIES, EdgeType, NodeType, ValueKind

_LIST_KINDS = (ValueKind.STRING_LIST,)


class _Shapes:
    """Builds the shapes graph; every property shape is named ``kgsh:<Focus>-<predicate>``."""

    def __init__(self) -> None:
        self.g = Graph()
        for prefix, namespace in PREFIXES.items():
            self.g.bind(prefix, namespace, override=True)

    def rdf_list(self, items: list) -> BNode:
        head = BNode()
        Collection(self.g, head, items)
        return head

    def is_class(self, cls: URIRef) -> URIRef:
        """A named shape ``kgsh:Is<Class>`` that holds for instances of ``cls``."""
        name = cls.split("#")[-1].split("/")[-1]
        shape = KGSH[f"Is{name}"]
        self.g.add((shape, RDF.type, SH.NodeShape))
        self.g.add((shape, SH["class"], cls))
        return shape

    def node_shape(self, name: str, target: URIRef, message: str) -> URIRef:
        shape = KGSH[f"{name}Shape"]
        self.g.add((shape, RDF.type, SH.NodeShape))
        self.g.add((shape, SH.targetClass, target))
        self.g.add((shape, RDFS.comment, Literal(message)))
        return shape

    def prop(self, owner: URIRef, path: URIRef, **constraints: object) -> URIRef:
        """Add a property shape on ``path`` to node shape ``owner``."""
        local = path.split("#")[-1].split("/")[-1]
        shape = URIRef(f"{owner.removesuffix('Shape')}-{local}")
        self.g.add((owner, SH.property, shape))
        self.g.add((shape, SH.path, path))
        for key, value in constraints.items():
            if key == "classes":
                classes = list(value)  # type: ignore[call-overload]
                if len(classes) == 1:
                    self.g.add((shape, SH["class"], classes[0]))
                else:
                    self.g.add((shape, SH["or"], self.rdf_list([self.is_class(c) for c in classes])))
            elif key == "datatypes":
                types = list(value)  # type: ignore[call-overload]
                alternatives = []
                for dt in types:
                    alt = KGSH[f"Datatype-{dt.split('#')[-1]}"]
                    self.g.add((alt, SH.datatype, dt))
                    alternatives.append(alt)
                self.g.add((shape, SH["or"], self.rdf_list(alternatives)))
            elif key == "values":
                self.g.add((shape, SH["in"], self.rdf_list(list(value))))  # type: ignore[call-overload]
            else:
                term = value if isinstance(value, URIRef) else Literal(value)
                self.g.add((shape, SH[key], term))
        return shape


def _node_shapes(s: _Shapes) -> None:
    for node_type in NodeType:
        spec = NODES[node_type]
        shape = s.node_shape(node_type.value, node_class(node_type), spec.meaning)
        for cls in STANDARD_CLASSES.get(node_type, ()):
            s.g.add((shape, SH["class"], cls))
        s.prop(
            shape,
            property_predicate("id"),
            minCount=1,
            maxCount=1,
            datatype=XSD.string,
            pattern=f"^{node_type.prefix}:",
        )
        s.prop(shape, property_predicate("name"), minCount=1, maxCount=1, datatype=XSD.string)
        if node_type in ENTITY_LABEL_TYPES:
            s.prop(shape, SKOS.prefLabel, minCount=1, maxCount=1, datatype=XSD.string)
        for name in spec.properties:
            if name in ("id", "type", "name"):
                continue
            if name == "sources":
                s.prop(shape, property_predicate(name), minCount=1, classes=[KG.SourceRecord])
                continue
            single = {} if PROPERTIES[name].kind in _LIST_KINDS else {"maxCount": 1}
            if name in IRI_PROPERTIES:
                s.prop(shape, property_predicate(name), nodeKind=SH.IRIOrLiteral, **single)
            elif PROPERTIES[name].kind is ValueKind.DATE:
                s.prop(shape, property_predicate(name), datatypes=DATE_TYPES, **single)
            else:
                s.prop(shape, property_predicate(name), datatype=property_datatype(name), **single)
        if node_type is NodeType.REPOSITORY:
            s.prop(shape, SCHEMA.codeRepository, nodeKind=SH.IRIOrLiteral, maxCount=1)
        for edge_type in EdgeType:
            edge = EDGES[edge_type]
            if node_type in edge.sources:
                s.prop(shape, edge_predicate(edge_type), nodeKind=SH.IRI, classes=[node_class(t) for t in edge.targets])


def _score(s: _Shapes, shape: URIRef) -> None:
    s.prop(shape, KG.score, maxCount=1, datatype=XSD.decimal, minInclusive=0, maxInclusive=1)


def _provenance_shapes(s: _Shapes) -> None:
    st = s.node_shape("Statement", KG.Statement, "A reified edge with its support, score and evidence.")
    s.prop(st, RDF.subject, minCount=1, maxCount=1, nodeKind=SH.IRI)
    s.prop(st, RDF.predicate, minCount=1, maxCount=1, values=[edge_predicate(e) for e in EdgeType])
    s.prop(st, RDF.object, minCount=1, maxCount=1, nodeKind=SH.IRI)
    s.prop(st, KG[camel("support")], maxCount=1, datatype=XSD.integer, minInclusive=0)
    _score(s, st)
    s.prop(st, KG[camel("path")], datatype=XSD.string)
    s.prop(st, PROV.wasDerivedFrom, classes=[KG.Evidence])
    ev = s.node_shape("Evidence", KG.Evidence, "Where an edge was found, by which component.")
    s.prop(ev, PROV.wasGeneratedBy, minCount=1, maxCount=1, classes=[PROV.Activity])
    s.prop(ev, PROV.wasDerivedFrom, minCount=1, maxCount=1, classes=[KG.SourceRecord])
    s.prop(ev, KG.sentence, maxCount=1, datatype=XSD.string)
    s.prop(ev, KG.start, maxCount=1, datatype=XSD.integer, minInclusive=0)
    s.prop(ev, KG.end, maxCount=1, datatype=XSD.integer, minInclusive=0)
    _score(s, ev)
    rec = s.node_shape("SourceRecord", KG.SourceRecord, "A line or record of an input file.")
    s.prop(rec, RDFS.label, minCount=1, maxCount=1, datatype=XSD.string)
    s.prop(rec, KG.sourceFile, maxCount=1, datatype=XSD.string)
    s.prop(rec, KG.locator, maxCount=1, datatype=XSD.string)
    act = s.node_shape("Activity", PROV.Activity, "An extraction by one component of one kg version.")
    s.prop(act, PROV.wasAssociatedWith, minCount=1, maxCount=1, classes=[PROV.SoftwareAgent])
    agent = s.node_shape("SoftwareAgent", PROV.SoftwareAgent, "A pipeline component of one kg version.")
    s.prop(agent, RDFS.label, minCount=1, maxCount=1, datatype=XSD.string)
    s.prop(agent, SCHEMA.softwareVersion, minCount=1, maxCount=1, datatype=XSD.string)


def shapes_graph() -> Graph:
    """The SHACL shapes as an rdflib Graph."""
    s = _Shapes()
    _node_shapes(s)
    _provenance_shapes(s)
    return s.g

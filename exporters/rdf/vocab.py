"""The RDF vocabulary: standard namespaces we reuse and our own terms, generated from ``kg.schema``.

Every RDF term the exporter, the OWL file, the SHACL shapes and the VoID description use is named
here once. Our own terms come from the schema's enums (``NodeType`` -> class, ``EdgeType`` ->
object property, property name -> datatype property), so a term that is not in the schema is an
``AttributeError``, not a silent new IRI. The tables below say which standard term a schema member
maps to; a member without an entry gets our own term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, VOID, XSD, DefinedNamespace

from kg.schema import EDGES, NODES, PROPERTIES, EdgeType, NodeType, ValueKind

ONTOLOGY_IRI = "https://w3id.org/kg/ontology"
DEFAULT_BASE = "https://w3id.org/kg/"

SCHEMA = Namespace("https://schema.org/")
FABIO = Namespace("http://purl.org/spar/fabio/")
MLS = Namespace("http://www.w3.org/ns/mls#")
LPWC = Namespace("https://linkedpaperswithcode.com/property/")
LPWCC = Namespace("https://linkedpaperswithcode.com/class/")
ORKGC = Namespace("http://orkg.org/orkg/class/")
ORKGP = Namespace("http://orkg.org/orkg/predicate/")
CSKG = Namespace("https://w3id.org/cskg/ontology#")
KGSH = Namespace("https://w3id.org/kg/shapes#")


def camel(name: str, upper_first: bool = False) -> str:
    """``author_count`` -> ``authorCount``; ``EVALUATED_ON`` -> ``evaluatedOn`` (``upper_first`` -> ``Paper``)."""
    words = [w for w in re.split(r"[_\W]+", name.lower()) if w]
    text = words[0] + "".join(w.capitalize() for w in words[1:])
    return text[:1].upper() + text[1:] if upper_first else text


# Terms that are not schema members but that the export mints: the reified edge, its evidence,
# the record it was read from, and a few properties with no standard equivalent.
EXTRA_CLASSES: dict[str, str] = {
    "Statement": "An extracted edge, reified so that its support, score and provenance can be stated.",
    "Evidence": "One occurrence of an edge in a sentence of a record, found by one pipeline component.",
    "SourceRecord": "A line or record of an input file that a paper was read from.",
}
EXTRA_PROPERTIES: dict[str, tuple[str, URIRef]] = {
    "sourceFile": ("The input file a record was read from.", XSD.string),
    "locator": ("Where in its input file a record is (line or record number).", XSD.string),
}

# Schema properties carried by a standard predicate instead of one of ours (``type`` is rdf:type and
# ``sources`` becomes prov:wasDerivedFrom links to SourceRecord nodes, see triples.py).
STANDARD_PROPERTIES: dict[str, URIRef] = {
    "id": DCTERMS.identifier,
    "name": RDFS.label,
    "title": DCTERMS.title,
    "abstract": DCTERMS.abstract,
    "date": DCTERMS.issued,
    "authors": SCHEMA.author,
    "url": SCHEMA.url,
    "aliases": SKOS.altLabel,
    "value": MLS.hasValue,
    "links": RDFS.seeAlso,
    "component": PROV.wasGeneratedBy,
    "sources": PROV.wasDerivedFrom,
}
SPECIAL_PROPERTIES = frozenset({"type", "component", "sources"})
# Values that are web addresses: exported as IRIs (percent-encoded where needed).
IRI_PROPERTIES = frozenset({"url", "links"})

XSD_OF_KIND: dict[ValueKind, URIRef] = {
    ValueKind.STRING: XSD.string,
    ValueKind.STRING_LIST: XSD.string,
    ValueKind.INTEGER: XSD.integer,
    ValueKind.FLOAT: XSD.decimal,
    ValueKind.BOOLEAN: XSD.boolean,
    ValueKind.DATE: XSD.date,  # or xsd:gYearMonth / xsd:gYear for partial dates, see literals.py
}
DATE_TYPES: tuple[URIRef, ...] = (XSD.date, XSD.gYearMonth, XSD.gYear)

# Node types whose name is also their skos:prefLabel (aliases are skos:altLabel on every type).
ENTITY_LABEL_TYPES = frozenset({NodeType.METHOD, NodeType.DATASET, NodeType.METRIC, NodeType.TASK})

# Standard classes each node also gets, besides our own kg:<Type>.
STANDARD_CLASSES: dict[NodeType, tuple[URIRef, ...]] = {
    NodeType.PAPER: (SCHEMA.ScholarlyArticle, FABIO.ResearchPaper),
    NodeType.METHOD: (SKOS.Concept,),
    NodeType.TASK: (SKOS.Concept,),
    NodeType.DATASET: (SCHEMA.Dataset, DCAT.Dataset),
    NodeType.METRIC: (MLS.EvaluationMeasure,),
    NodeType.REPOSITORY: (SCHEMA.SoftwareSourceCode,),
    NodeType.RESULT: (MLS.ModelEvaluation,),
}


@dataclass(frozen=True)
class LinkMapping:
    """A standard predicate also stated for an edge (LinkedPapersWithCode, ML-Schema).

    ``targets`` limits it to edges whose target has one of these types (empty: any); ``inverse``
    states it from target to source; ``official`` only for edges a listing gave as the paper's code.
    """

    predicate: URIRef
    targets: tuple[NodeType, ...] = ()
    inverse: bool = False
    official: bool = False


STANDARD_LINKS: dict[EdgeType, tuple[LinkMapping, ...]] = {
    EdgeType.PROPOSES: (
        LinkMapping(LPWC.hasMethod, (NodeType.METHOD,)),
        LinkMapping(LPWC.introducedBy, (NodeType.METHOD, NodeType.DATASET), inverse=True),
    ),
    EdgeType.USES: (
        LinkMapping(LPWC.hasMethod, (NodeType.METHOD,)),
        LinkMapping(LPWC.usesDataset, (NodeType.DATASET,)),
    ),
    EdgeType.EVALUATED_ON: (LinkMapping(LPWC.usesDataset),),
    EdgeType.ADDRESSES: (LinkMapping(LPWC.hasTask),),
    EdgeType.HAS_CODE: (LinkMapping(LPWC.hasRepository), LinkMapping(LPWC.hasOfficialRepository, official=True)),
    EdgeType.APPLIED_TO: (LinkMapping(LPWC.usedForTask),),
    EdgeType.RESULT_METRIC: (LinkMapping(MLS.specifiedBy),),
}
# Evidence from this component means the listing's own metadata named the repository as the paper's code.
OFFICIAL_CODE_COMPONENT = "listing"


@dataclass(frozen=True)
class Alignment:
    """``subject relation target``: how one of our terms relates to a term of another vocabulary."""

    subject: URIRef
    relation: URIRef
    target: URIRef


def _own_terms() -> dict[str, str]:
    """Every local name we mint, with its meaning: classes, object properties, datatype properties."""
    terms = {camel(t.value, upper_first=True): NODES[t].meaning for t in NodeType}
    terms |= EXTRA_CLASSES
    terms |= {camel(e.value): EDGES[e].meaning for e in EdgeType}
    terms |= {
        camel(p.name): p.meaning
        for p in PROPERTIES.values()
        if p.name not in STANDARD_PROPERTIES and p.name not in SPECIAL_PROPERTIES
    }
    terms |= {name: meaning for name, (meaning, _) in EXTRA_PROPERTIES.items()}
    return terms


OWN_TERMS: dict[str, str] = _own_terms()

# Our namespace as a closed DefinedNamespace: KG.Paper works, KG.Papr raises AttributeError.
KG = type(
    "KG",
    (DefinedNamespace,),
    {"__annotations__": dict.fromkeys(OWN_TERMS, URIRef), "_NS": Namespace(ONTOLOGY_IRI + "#"), "_fail": True},
)


def node_class(node_type: NodeType) -> URIRef:
    """Our class for a node type (``kg:Paper``)."""
    return KG[camel(node_type.value, upper_first=True)]


def edge_predicate(edge_type: EdgeType) -> URIRef:
    """Our object property for an edge type (``kg:hasCode``)."""
    return KG[camel(edge_type.value)]


def property_predicate(name: str) -> URIRef:
    """The predicate of a schema property: the standard one if mapped, else ours (``kg:authorCount``)."""
    if name in STANDARD_PROPERTIES:
        return STANDARD_PROPERTIES[name]
    return KG[camel(name)]


def property_datatype(name: str) -> URIRef:
    """The xsd datatype of a schema property's values."""
    return XSD_OF_KIND[PROPERTIES[name].kind]


ALIGNMENTS: tuple[Alignment, ...] = (
    # classes
    Alignment(node_class(NodeType.PAPER), OWL.equivalentClass, LPWCC.paper),
    Alignment(node_class(NodeType.PAPER), OWL.equivalentClass, ORKGC.Paper),
    Alignment(node_class(NodeType.PAPER), RDFS.subClassOf, SCHEMA.ScholarlyArticle),
    Alignment(node_class(NodeType.PAPER), RDFS.subClassOf, FABIO.ResearchPaper),
    Alignment(node_class(NodeType.METHOD), OWL.equivalentClass, LPWCC.method),
    Alignment(node_class(NodeType.METHOD), OWL.equivalentClass, CSKG.Method),
    Alignment(node_class(NodeType.METHOD), SKOS.closeMatch, ORKGC.Model),
    Alignment(node_class(NodeType.METHOD), RDFS.subClassOf, SKOS.Concept),
    Alignment(node_class(NodeType.DATASET), OWL.equivalentClass, LPWCC.dataset),
    Alignment(node_class(NodeType.DATASET), OWL.equivalentClass, ORKGC.Dataset),
    Alignment(node_class(NodeType.DATASET), RDFS.subClassOf, CSKG.Material),
    Alignment(node_class(NodeType.DATASET), RDFS.subClassOf, SCHEMA.Dataset),
    Alignment(node_class(NodeType.DATASET), RDFS.subClassOf, DCAT.Dataset),
    Alignment(node_class(NodeType.METRIC), OWL.equivalentClass, ORKGC.Metric),
    Alignment(node_class(NodeType.METRIC), OWL.equivalentClass, CSKG.Metric),
    Alignment(node_class(NodeType.METRIC), RDFS.subClassOf, MLS.EvaluationMeasure),
    Alignment(node_class(NodeType.TASK), OWL.equivalentClass, LPWCC.task),
    Alignment(node_class(NodeType.TASK), OWL.equivalentClass, ORKGC.Problem),
    Alignment(node_class(NodeType.TASK), OWL.equivalentClass, CSKG.Task),
    Alignment(node_class(NodeType.TASK), RDFS.subClassOf, SKOS.Concept),
    Alignment(node_class(NodeType.REPOSITORY), OWL.equivalentClass, LPWCC.repository),
    Alignment(node_class(NodeType.REPOSITORY), RDFS.subClassOf, SCHEMA.SoftwareSourceCode),
    Alignment(node_class(NodeType.RESULT), SKOS.closeMatch, LPWCC.evaluation),
    Alignment(node_class(NodeType.RESULT), SKOS.closeMatch, ORKGC.Evaluation),
    Alignment(node_class(NodeType.RESULT), RDFS.subClassOf, MLS.ModelEvaluation),
    Alignment(KG.Statement, RDFS.subClassOf, RDF.Statement),
    Alignment(KG.Statement, RDFS.subClassOf, PROV.Entity),
    Alignment(KG.Statement, OWL.equivalentClass, CSKG.Statement),
    Alignment(KG.Evidence, RDFS.subClassOf, PROV.Entity),
    Alignment(KG.SourceRecord, RDFS.subClassOf, PROV.Entity),
    # properties
    Alignment(edge_predicate(EdgeType.HAS_CODE), OWL.equivalentProperty, LPWC.hasRepository),
    Alignment(edge_predicate(EdgeType.HAS_CODE), SKOS.closeMatch, ORKGP.HAS_SOURCE_CODE),
    Alignment(edge_predicate(EdgeType.ADDRESSES), OWL.equivalentProperty, LPWC.hasTask),
    Alignment(edge_predicate(EdgeType.ADDRESSES), SKOS.closeMatch, ORKGP.P32),
    Alignment(edge_predicate(EdgeType.APPLIED_TO), OWL.equivalentProperty, LPWC.usedForTask),
    Alignment(edge_predicate(EdgeType.EVALUATED_ON), RDFS.subPropertyOf, LPWC.usesDataset),
    Alignment(edge_predicate(EdgeType.EVALUATED_ON), SKOS.closeMatch, ORKGP.HAS_DATASET),
    Alignment(edge_predicate(EdgeType.RESULT_METRIC), OWL.equivalentProperty, MLS.specifiedBy),
    Alignment(edge_predicate(EdgeType.RESULT_METRIC), SKOS.closeMatch, ORKGP.HAS_METRIC),
    Alignment(edge_predicate(EdgeType.REPORTS), SKOS.closeMatch, LPWC.hasEvaluation),
    Alignment(edge_predicate(EdgeType.VARIANT_OF), RDFS.subPropertyOf, SKOS.broader),
    Alignment(KG.support, OWL.equivalentProperty, CSKG.hasSupport),
    Alignment(MLS.hasValue, SKOS.closeMatch, ORKGP.HAS_VALUE),
)

PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "schema": str(SCHEMA),
    "fabio": str(FABIO),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "dcat": str(DCAT),
    "mls": str(MLS),
    "prov": str(PROV),
    "lpwc": str(LPWC),
    "lpwcc": str(LPWCC),
    "orkgc": str(ORKGC),
    "orkgp": str(ORKGP),
    "cskg": str(CSKG),
    "sh": str(SH),
    "kgsh": str(KGSH),
    "void": str(VOID),
}

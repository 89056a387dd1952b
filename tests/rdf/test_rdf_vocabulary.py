"""The vocabulary, ontology, shapes and VoID are generated from kg/schema.py and shipped up to date."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, SH

from exporters.rdf.ontology import ontology_graph
from exporters.rdf.publish import DOCS_DIR, GENERATED
from exporters.rdf.shapes import shapes_graph
from exporters.rdf.vocab import KG, LPWC, OWN_TERMS, STANDARD_LINKS, edge_predicate, node_class
from kg.schema import EDGES, EdgeType, NodeType


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_shipped_files_are_generated_from_the_schema(name: str) -> None:
    shipped = rdflib.Graph().parse(DOCS_DIR / name, format="turtle")
    assert isomorphic(shipped, GENERATED[name]()), f"run `kg export ontology` to regenerate docs/ontology/{name}"


def test_our_namespace_is_closed() -> None:
    assert KG.Paper == rdflib.URIRef("https://w3id.org/kg/ontology#Paper")
    with pytest.raises(AttributeError):
        _ = KG.Papr


def test_every_term_we_mint_is_described_in_the_ontology() -> None:
    onto = ontology_graph()
    declared = set(onto.subjects(RDF.type, OWL.Class)) | set(onto.subjects(RDF.type, OWL.ObjectProperty))
    declared |= set(onto.subjects(RDF.type, OWL.DatatypeProperty))
    assert {KG[name] for name in OWN_TERMS} == {t for t in declared if str(t).startswith(str(KG._NS))}
    assert {node_class(t) for t in NodeType} <= declared
    assert {edge_predicate(e) for e in EdgeType} <= declared


def test_alignments_reach_lpwc_orkg_and_cskg() -> None:
    targets = {str(o) for _, p, o in ontology_graph() if p in (OWL.equivalentClass, OWL.equivalentProperty)}
    for namespace in ("https://linkedpaperswithcode.com/", "http://orkg.org/orkg/", "https://w3id.org/cskg/"):
        assert any(t.startswith(namespace) for t in targets), namespace
    assert LPWC.hasRepository in {m.predicate for m in STANDARD_LINKS[EdgeType.HAS_CODE]}


def test_shapes_cover_every_node_and_edge_type() -> None:
    shapes = shapes_graph()
    targets = set(shapes.objects(None, SH.targetClass))
    assert {node_class(t) for t in NodeType} <= targets
    paths = set(shapes.objects(None, SH.path))
    assert {edge_predicate(e) for e in EDGES} <= paths

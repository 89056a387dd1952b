"""Every serialisation parses back with rdflib and with Oxigraph to the same triples, and says what it should."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdf_synthetic import LORA_PAPER, NASTY, NASTY_METHOD
from rdflib.namespace import PROV, RDF, RDFS, VOID, XSD

from exporters.rdf.iris import Minter
from exporters.rdf.literals import clean_text
from exporters.rdf.serialize import FORMATS
from exporters.rdf.triples import iter_triples
from exporters.rdf.vocab import KG, LPWC, MLS, SCHEMA
from kg.cli import main
from kg.graph import Graph

RDFLIB_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml", "trig": "trig"}


def _rdflib_count(path: Path, fmt: str) -> int:
    if fmt == "trig":
        dataset = rdflib.Dataset()
        dataset.parse(path, format="trig")
        return len(list(dataset.quads((None, None, None, None))))
    return len(rdflib.Graph().parse(path, format=RDFLIB_FORMATS[fmt]))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_rdflib_and_oxigraph_read_the_same_triples(exports: dict[str, tuple[Path, int]], fmt: str) -> None:
    path, written = exports[fmt]
    oxigraph = ox.Dataset(ox.parse(path=str(path), format=ox.RdfFormat.from_extension(path.suffix[1:])))
    assert written > 0
    assert len(oxigraph) == written
    assert _rdflib_count(path, fmt) == written


def test_the_stream_holds_no_duplicates(graph_store: Path) -> None:
    triples = [str(t) for t in iter_triples(Graph(graph_store))]
    assert len(triples) == len(set(triples))


@pytest.fixture(scope="module")
def synthetic_graph(synthetic_store: Path, tmp_path_factory: pytest.TempPathFactory) -> rdflib.Graph:
    path = tmp_path_factory.mktemp("syn") / "g.nt"
    result = CliRunner().invoke(main, ["export", "rdf", "-o", str(path), "--store", str(synthetic_store)])
    assert result.exit_code == 0, result.output
    return rdflib.Graph().parse(path, format="nt")


def node(node_id: str) -> rdflib.URIRef:
    return rdflib.URIRef(Minter().node(node_id))


def test_nasty_names_survive_every_parser(synthetic_graph: rdflib.Graph) -> None:
    assert synthetic_graph.value(node(NASTY_METHOD), RDFS.label) == rdflib.Literal(clean_text(NASTY))
    assert "\ufffd" in clean_text(NASTY) and "\n" in clean_text(NASTY)


def test_standard_classes_and_properties(synthetic_graph: rdflib.Graph) -> None:
    g, paper = synthetic_graph, node(LORA_PAPER)
    assert {SCHEMA.ScholarlyArticle, KG.Paper} <= set(g.objects(paper, RDF.type))
    assert g.value(paper, rdflib.URIRef("http://purl.org/dc/terms/issued")) == rdflib.Literal(
        "2021-06-17", datatype=XSD.date
    )
    assert sorted(map(str, g.objects(paper, SCHEMA.author))) == ["Edward J. Hu", "Yelong Shen"]
    assert (paper, LPWC.hasMethod, node("method:low-rank-adaptation")) in g
    assert (node("method:low-rank-adaptation"), LPWC.introducedBy, paper) in g
    assert (paper, LPWC.hasOfficialRepository, node("repository:github.com/microsoft/lora")) in g
    assert len(list(g.subject_objects(LPWC.hasOfficialRepository))) == 1  # only the listing's own link


def test_results_are_ml_schema_evaluations(synthetic_graph: rdflib.Graph) -> None:
    g = synthetic_graph
    result = node("result:third-accuracy")
    assert (result, RDF.type, MLS.ModelEvaluation) in g
    assert g.value(result, MLS.hasValue) == rdflib.Literal("0.00005", datatype=XSD.decimal)
    assert g.value(result, MLS.specifiedBy) == node("metric:accuracy")
    assert str(g.value(result, KG.unit)) == "x" and "0.00005x" in str(g.value(result, KG.raw))


def test_provenance_is_prov_o_on_reified_statements(synthetic_graph: rdflib.Graph) -> None:
    g = synthetic_graph
    (statement,) = [s for s in g.subjects(RDF.predicate, KG.hasCode) if g.value(s, RDF.subject) == node(LORA_PAPER)]
    assert {KG.Statement, RDF.Statement, PROV.Entity} <= set(g.objects(statement, RDF.type))
    assert g.value(statement, KG.support) == rdflib.Literal(2)
    evidence = list(g.objects(statement, PROV.wasDerivedFrom))
    components = sorted(
        str(g.value(g.value(g.value(e, PROV.wasGeneratedBy), PROV.wasAssociatedWith), RDFS.label)) for e in evidence
    )
    assert components == ["listing", "repository_links"]
    with_offsets = [e for e in evidence if g.value(e, KG.start) is not None]
    assert len(with_offsets) == 1 and g.value(with_offsets[0], KG.end) == rdflib.Literal(80)
    record = g.value(with_offsets[0], PROV.wasDerivedFrom)
    assert str(g.value(record, RDFS.label)) == "listing.jsonl:line 1"


def test_base_option_moves_every_node(synthetic_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    result = CliRunner().invoke(
        main, ["export", "rdf", "-o", str(out), "--base", "http://example.org/x/", "--store", str(synthetic_store)]
    )
    assert result.exit_code == 0, result.output
    assert "<http://example.org/x/method/low-rank-adaptation>" in out.read_text()
    assert "w3id.org/kg/method" not in out.read_text()


def test_cli_errors_are_one_line_no_traceback(synthetic_store: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["export", "rdf", "-o", str(tmp_path / "x.ttl"), "--store", str(tmp_path / "no")])
    assert missing.exit_code == 3 and "no graph store" in missing.output and "Traceback" not in missing.output
    base = runner.invoke(main, ["export", "rdf", "-o", str(tmp_path / "x.ttl"), "--base", "nope", "--store", "x"])
    assert base.exit_code == 2 and "--base" in base.output
    unwritable = runner.invoke(
        main, ["export", "rdf", "-o", str(tmp_path / "no" / "dir" / "x.ttl"), "--store", str(synthetic_store)]
    )
    assert unwritable.exit_code == 3 and "cannot write" in unwritable.output


def test_void_with_counts(synthetic_store: Path, tmp_path: Path) -> None:
    out, void = tmp_path / "g.nt", tmp_path / "void.ttl"
    result = CliRunner().invoke(
        main, ["export", "rdf", "-o", str(out), "--void", str(void), "--store", str(synthetic_store)]
    )
    assert result.exit_code == 0, result.output
    description = rdflib.Graph().parse(void, format="turtle")
    dataset = rdflib.URIRef("https://w3id.org/kg/graph")
    assert description.value(dataset, VOID.triples).toPython() == len(rdflib.Graph().parse(out, format="nt"))
    papers = next(description.subjects(VOID["class"], KG.Paper))
    assert description.value(papers, VOID.entities).toPython() == 3

"""The exports conform to the SHACL shapes, and broken data is reported readably."""

from __future__ import annotations

from pathlib import Path

import rdflib
from click.testing import CliRunner
from rdf_synthetic import build_synthetic
from rdflib.namespace import RDFS, XSD

from exporters.rdf.iris import Minter
from exporters.rdf.validate import store_as_rdflib, validate_graph, validate_store
from exporters.rdf.vocab import KG
from kg.cli import main
from kg.fragment import Fragment, NodeData
from kg.schema import NodeType
from kg.store import Store


def test_exports_conform(graph_store: Path) -> None:
    report = validate_graph(store_as_rdflib(graph_store))
    assert report.conforms, "\n".join(map(str, report.violations[:10]))
    assert report.triples > 0


def test_violations_name_focus_path_and_message(synthetic_store: Path, tmp_path: Path) -> None:
    data = store_as_rdflib(synthetic_store)
    method = rdflib.URIRef(Minter().node("method:magnitude-pruning"))
    paper = rdflib.URIRef(Minter().node("paper:arxiv:2106.09685"))
    data.remove((method, RDFS.label, None))
    data.add((paper, KG.hasCode, method))  # a paper's code must be a Repository
    data.add((paper, KG.upvotes, rdflib.Literal("many", datatype=XSD.string)))
    report = validate_graph(data)
    assert not report.conforms
    found = {(v.focus, v.path) for v in report.violations}
    assert ("<https://w3id.org/kg/method/magnitude-pruning>", "rdfs:label") in found
    assert ("<https://w3id.org/kg/paper/arxiv:2106.09685>", "kg:hasCode") in found
    assert ("<https://w3id.org/kg/paper/arxiv:2106.09685>", "kg:upvotes") in found
    broken = tmp_path / "broken.nt"
    data.serialize(broken, format="nt")
    result = CliRunner().invoke(main, ["validate", "--data", str(broken)])
    assert result.exit_code == 1
    assert "kg:hasCode" in result.output and "violations in" in result.output and "Traceback" not in result.output


def test_cli_validate(synthetic_store: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(main, ["validate", "--store", str(synthetic_store)])
    assert ok.exit_code == 0 and ok.output.startswith("Conforms")
    missing = runner.invoke(main, ["validate", "--store", str(tmp_path / "none")])
    assert missing.exit_code == 3 and "no graph store" in missing.output
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("this is not turtle <")
    bad = runner.invoke(main, ["validate", "--data", str(garbage)])
    assert bad.exit_code == 3 and "cannot read" in bad.output and "Traceback" not in bad.output


def test_piecewise_validation_of_a_store(tmp_path: Path) -> None:
    store = build_synthetic(tmp_path / "g.sqlite")
    paper = NodeData("paper:arxiv:1999.00001", NodeType.PAPER, "Bad date", {"title": "Bad date", "date": "soon"})
    with Store(store) as writer, writer.transaction():
        writer.write(Fragment(paper.id, "more.jsonl:line 1", nodes=[paper]))
    whole = validate_graph(store_as_rdflib(store))
    pieces = validate_store(store, chunk=40)  # many small pieces: same verdict, same violations
    assert pieces.triples == whole.triples
    assert [(v.focus, v.path) for v in pieces.violations] == [(v.focus, v.path) for v in whole.violations]
    assert [(v.focus, v.path) for v in pieces.violations] == [
        ("<https://w3id.org/kg/paper/arxiv:1999.00001>", "dcterms:issued")
    ]

"""GraphML, GEXF and Cytoscape.js exports: typed attributes networkx reads back, GEXF valid against the
GEXF 1.3 XSD, node and edge counts equal to the graph's, and the filters of ``kg export``."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from exporters.visual import cytoscape_data, write_cytoscape, write_gexf, write_graphml, write_html
from exporters.visual.attributes import edge_attributes, node_attributes
from kg.analysis import dated_since, filter_graph, toy_graph
from kg.cli import main
from kg.schema import PROPERTIES

xmlschema = pytest.importorskip("xmlschema")
XSD = Path(__file__).resolve().parent / "gexf-1.3" / "gexf.xsd"


@pytest.fixture(scope="module")
def gexf_schema():
    return xmlschema.XMLSchema(str(XSD))


@pytest.fixture
def toy() -> nx.MultiDiGraph:
    G = toy_graph()
    G.nodes["paper:p1"].update(upvotes=42, authors=["E. Hu", "Y. Shen"], url="https://arxiv.org/abs/2106.09685")
    G.nodes["method:lora"]["name"] = "LoRA\x01"  # a control character XML cannot carry
    return G


def test_flattening_rule() -> None:
    attrs = node_attributes({"type": "Paper", "name": "P", "authors": ["A", "B"], "upvotes": "7", "papers": 3})
    assert attrs == {"type": "Paper", "name": "P", "authors": '["A", "B"]', "upvotes": 7}
    evidence = [
        {"sentence": "s1", "component": "kb", "score": 0.5, "start": 0, "end": 2},
        {"sentence": "s1", "component": "ner", "score": 0.9, "start": 5, "end": 7},
    ]
    assert edge_attributes({"relation": "USES", "support": 2, "score": 0.9, "evidence": evidence}) == {
        "support": 2,
        "score": 0.9,
        "sentence": '["s1"]',
        "component": '["kb", "ner"]',
    }
    assert set(attrs) <= set(PROPERTIES)


def test_graphml_round_trip_keeps_types(toy: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "toy.graphml"
    write_graphml(toy, path)
    H = nx.read_graphml(path, force_multigraph=True, edge_key_type=str)
    assert (H.number_of_nodes(), H.number_of_edges()) == (toy.number_of_nodes(), toy.number_of_edges())
    p1 = H.nodes["paper:p1"]
    assert p1["upvotes"] == 42 and isinstance(p1["upvotes"], int)
    assert p1["date"] == "2021-06-17" and json.loads(p1["authors"]) == ["E. Hu", "Y. Shen"]
    assert H.nodes["method:lora"]["name"] == "LoRA"
    assert json.loads(H.nodes["dataset:imagenet"]["aliases"]) == ["ImageNet-1k"]
    edges = [d for _, _, d in H.edges("paper:p1", data=True) if d["relation"] == "PROPOSES"]
    assert edges and isinstance(edges[0]["support"], int) and isinstance(edges[0]["score"], float)
    assert json.loads(edges[0]["sentence"]) == ["LoRA: Low-Rank Adaptation of Large Language Models proposes LoRA."]
    text = path.read_text()
    assert 'attr.name="support" attr.type="long"' in text and 'attr.name="score" attr.type="double"' in text


def test_gexf_is_valid_and_round_trips(toy: nx.MultiDiGraph, tmp_path: Path, gexf_schema) -> None:
    path = tmp_path / "toy.gexf"
    write_gexf(toy, path)
    gexf_schema.validate(str(path))
    H = nx.read_gexf(path, version="1.3")
    assert (H.number_of_nodes(), H.number_of_edges()) == (toy.number_of_nodes(), toy.number_of_edges())
    assert H.nodes["paper:p1"]["upvotes"] == 42 and H.nodes["paper:p1"]["date"] == "2021-06-17"
    assert H.nodes["method:lora"]["viz"]["color"] == {"r": 31, "g": 119, "b": 180, "a": 1.0}
    sizes = {n: d["viz"]["size"] for n, d in H.nodes(data=True)}
    assert sizes["method:lora"] > sizes["method:qlora"]  # sized by papers
    edge = next(d for _, v, d in H.edges("paper:p1", data=True) if v == "method:lora")
    assert edge["label"] == "PROPOSES" and isinstance(edge["support"], int) and isinstance(edge["score"], float)
    text = path.read_text()
    assert 'title="support" type="long"' in text and 'title="score" type="double"' in text


def test_gexf_schema_rejects_what_gephi_would_reject(tmp_path: Path, gexf_schema) -> None:
    write_gexf(toy_graph(), tmp_path / "ok.gexf")
    text = (tmp_path / "ok.gexf").read_text()
    assert not gexf_schema.is_valid(text.replace('type="long"', 'type="int64"', 1))
    assert not gexf_schema.is_valid(text.replace('version="1.3"', 'version="1.2"', 1))


def test_cytoscape_json_round_trips_with_evidence(toy: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "toy.cyjs"
    write_cytoscape(toy, path)
    data = json.loads(path.read_text())
    H = nx.cytoscape_graph(data)
    assert (H.number_of_nodes(), H.number_of_edges()) == (toy.number_of_nodes(), toy.number_of_edges())
    nodes = {n["data"]["id"]: n["data"] for n in data["elements"]["nodes"]}
    assert nodes["paper:p1"]["authors"] == ["E. Hu", "Y. Shen"] and nodes["method:lora"]["papers"] == 3
    edge = next(e["data"] for e in data["elements"]["edges"] if e["data"]["relation"] == "VARIANT_OF")
    assert edge["evidence"][0]["sentence"] and edge["source"] == "method:qlora"


def test_every_format_on_the_seeds_graph(seeds_graph: nx.MultiDiGraph, tmp_path: Path, gexf_schema) -> None:
    n, m = seeds_graph.number_of_nodes(), seeds_graph.number_of_edges()
    write_graphml(seeds_graph, tmp_path / "s.graphml")
    H = nx.read_graphml(tmp_path / "s.graphml", force_multigraph=True, edge_key_type=str)
    assert (H.number_of_nodes(), H.number_of_edges()) == (n, m)
    types = {t for _, t in H.nodes(data="type")}
    assert types == {t for _, t in seeds_graph.nodes(data="type")}
    write_gexf(seeds_graph, tmp_path / "s.gexf")
    gexf_schema.validate(str(tmp_path / "s.gexf"))
    H = nx.read_gexf(tmp_path / "s.gexf", version="1.3")
    assert (H.number_of_nodes(), H.number_of_edges()) == (n, m)
    data = cytoscape_data(seeds_graph)
    assert (len(data["elements"]["nodes"]), len(data["elements"]["edges"])) == (n, m)
    write_html(seeds_graph, tmp_path / "s.html")
    page = (tmp_path / "s.html").read_text()
    assert "<script src" not in page and '<link rel="stylesheet"' not in page  # nothing to fetch


def test_export_commands_apply_the_filters(seeds_store: Path, seeds_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    dated = sorted(d for _, d in seeds_graph.nodes(data="date") if d)
    since = dated[len(dated) // 2][:7]
    expected = filter_graph(seeds_graph, types=["Paper", "Method", "Dataset"], min_papers=2, since=since)
    assert 0 < expected.number_of_nodes() < seeds_graph.number_of_nodes()
    for fmt in ("graphml", "gexf", "cytoscape", "html"):
        out = tmp_path / f"cut.{fmt}"
        args = ["export", fmt, "-o", str(out), "--store", str(seeds_store), "--types", "paper,method,dataset"]
        result = CliRunner().invoke(main, [*args, "--min-papers", "2", "--since", since])
        assert result.exit_code == 0, result.output
        assert f"{expected.number_of_nodes()} nodes, {expected.number_of_edges()} edges" in result.output
        assert out.stat().st_size > 0
    H = nx.read_graphml(tmp_path / "cut.graphml", force_multigraph=True, edge_key_type=str)
    assert set(H.nodes) == set(expected.nodes)
    assert all(dated_since(d, since) for n, d in H.nodes(data="date") if H.nodes[n]["type"] == "Paper")
    result = CliRunner().invoke(main, ["export", "gexf", "-o", str(tmp_path / "x.gexf"), "--since", "last year"])
    assert result.exit_code == 2 and "not a date" in result.output


def test_html_page_embeds_any_text_safely(toy: nx.MultiDiGraph, tmp_path: Path) -> None:
    toy.nodes["method:vit"]["name"] = "ViT </script><script>alert(1)</script> <!--"
    write_html(toy, tmp_path / "toy.html")
    page = (tmp_path / "toy.html").read_text(encoding="utf-8")
    assert page.count("</script>") == 3 and "alert(1)</script>" not in page
    payload = page.split('<script type="application/json" id="kg-data">', 1)[1].split("</script>", 1)[0]
    nodes = {n["data"]["id"]: n["data"] for n in json.loads(payload)["elements"]["nodes"]}
    assert nodes["method:vit"]["name"] == toy.nodes["method:vit"]["name"]
    assert all("position" in n for n in json.loads(payload)["elements"]["nodes"])


def test_export_without_filters_has_every_node(seeds_store: Path, seeds_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    out = tmp_path / "all.gexf"
    result = CliRunner().invoke(main, ["export", "gexf", "-o", str(out), "--store", str(seeds_store)])
    assert result.exit_code == 0, result.output
    H = nx.read_gexf(out, version="1.3")
    assert (H.number_of_nodes(), H.number_of_edges()) == (seeds_graph.number_of_nodes(), seeds_graph.number_of_edges())

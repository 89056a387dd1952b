"""``kg report`` on the seeds graph: the files exist, open offline, and show the graph's own numbers."""

from __future__ import annotations

import json
import re
from collections import Counter
from html import unescape
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.graph import Graph


@pytest.fixture(scope="module")
def report(seeds_store: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, str]:
    out = tmp_path_factory.mktemp("report")
    result = CliRunner().invoke(main, ["report", "-o", str(out), "--store", str(seeds_store)])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "report.json").read_text())
    return out, data, (out / "index.html").read_text(encoding="utf-8")


def _table(page: str, cls: str) -> dict[str, str]:
    body = re.search(rf'<table class="{cls}">.*?<tbody>(.*?)</tbody>', page, re.S).group(1)
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td>", body)
    return {unescape(k): unescape(v) for k, v in rows}


def test_files_exist_and_need_no_network(report: tuple[Path, dict, str]) -> None:
    out, _, page = report
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "report.json"]
    assert page.count("<svg") >= 7  # types, 3 tops, trends, heat map, code availability
    assert not re.search(r'(src|href)="https?:', page)


def test_headline_numbers_equal_the_graph(report: tuple[Path, dict, str], seeds_store: Path) -> None:
    _, data, page = report
    stats = Graph(seeds_store).stats()
    cards = dict(re.findall(r'data-key="([^"]+)"><span class="value">([^<]+)</span>', page))
    assert int(cards["papers"]) == stats["nodes"]["Paper"]
    assert int(cards["nodes"]) == stats["total_nodes"]
    assert int(cards["edges"]) == stats["total_edges"]
    assert {k: int(v) for k, v in _table(page, "nodes-by-type").items()} == stats["nodes"]
    assert data["headline"]["nodes"] == dict(sorted(stats["nodes"].items()))


def test_trends_and_tops_equal_independent_counts(report: tuple[Path, dict, str], seeds_store: Path) -> None:
    _, data, page = report
    graph = Graph(seeds_store)
    dates = [n.props.get("date") for n in graph.nodes("Paper") if n.props.get("date")]
    per_year = Counter(d[:4] for d in dates)
    assert {k: int(v) for k, v in _table(page, "per-year").items()} == per_year
    assert {k: int(v) for k, v in _table(page, "per-month").items()} == Counter(d[:7] for d in dates if len(d) >= 7)
    G = graph.to_networkx()
    for node_type in ("Method", "Dataset", "Task"):
        shown = {row["id"]: row["papers"] for row in data["top"][node_type]}
        for node, papers in shown.items():
            assert papers == sum(1 for p in nx.all_neighbors(G, node) if G.nodes[p]["type"] == "Paper")
        assert f'<table class="top-{node_type.lower()}">' in page


def test_cooccurrence_and_code_availability(report: tuple[Path, dict, str], seeds_graph: nx.MultiDiGraph) -> None:
    _, data, page = report
    G = seeds_graph

    def papers(n: str) -> set[str]:
        return {p for p in nx.all_neighbors(G, n) if G.nodes[p]["type"] == "Paper"}

    co = data["cooccurrence"]
    for i, row in enumerate(co["rows"]):
        for j, col in enumerate(co["cols"]):
            assert co["matrix"][i][j] == len(papers(row["id"]) & papers(col["id"]))
    coded = {p for r, t in G.nodes(data="type") if t == "Repository" for p in papers(r)}
    for row in data["code_availability"]:
        assert row["papers"] == len(papers(row["id"]))
        assert row["with_code"] == len(papers(row["id"]) & coded)
    assert "Code availability by task" in page and "Methods × datasets" in page

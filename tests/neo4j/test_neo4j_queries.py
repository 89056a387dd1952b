"""Every Cypher query in docs/queries/cypher, run against the real Neo4j loaded with the seeds graph.

Each answer is checked against the same question answered independently with networkx on the same
store (entity extraction improves over time, so entity-based answers are never hard-coded), plus
hand-checked facts where they are certain (the code links printed in the seeds).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import neo4j
import networkx as nx
import pytest

from exporters.neo4j.query import run_read_query
from kg.graph import Graph

QUERIES = Path(__file__).resolve().parents[2] / "docs" / "queries" / "cypher"
pytestmark = pytest.mark.usefixtures("seeds_loaded")


def run(driver: neo4j.Driver, name: str, **params: Any) -> list[dict[str, Any]]:
    """Run docs/queries/cypher/NAME.cypher with parameters; rows as dicts."""
    columns, rows = run_read_query(driver, (QUERIES / f"{name}.cypher").read_text(), params)
    return [dict(zip(columns, row, strict=True)) for row in rows]


@pytest.fixture(scope="module")
def g(seeds_store: Path) -> nx.MultiDiGraph:
    return Graph(seeds_store).to_networkx()


def out(g: nx.MultiDiGraph, node: str, relations: set[str], node_type: str | None = None) -> set[str]:
    """Targets of ``node``'s edges of the given relations (optionally of one node type)."""
    return {
        t
        for _, t, r in g.out_edges(node, keys=True)
        if r in relations and (not node_type or g.nodes[t]["type"] == node_type)
    }


def into(g: nx.MultiDiGraph, node: str, relations: set[str], node_type: str = "Paper") -> set[str]:
    """Sources of edges of the given relations into ``node``."""
    return {s for s, _, r in g.in_edges(node, keys=True) if r in relations and g.nodes[s]["type"] == node_type}


def of_type(g: nx.MultiDiGraph, node_type: str) -> list[str]:
    return sorted(n for n, d in g.nodes(data=True) if d["type"] == node_type)


def test_every_documented_query_has_a_header_and_a_test() -> None:
    files = sorted(QUERIES.glob("*.cypher"))
    assert len(files) >= 10
    tested = Path(__file__).read_text()
    for path in files:
        lines = path.read_text().splitlines()
        assert lines[0].startswith("// ") and any("Question:" in line for line in lines[:4]), path.name
        assert f'"{path.stem}"' in tested, f"{path.name} has no test"


def test_datasets_used_with_method(neo4j_driver: neo4j.Driver, g: nx.MultiDiGraph) -> None:
    method = max(of_type(g, "Method"), key=lambda m: (len(into(g, m, {"USES", "PROPOSES"})), m))
    expected: Counter[str] = Counter()
    for paper in into(g, method, {"USES", "PROPOSES"}):
        expected.update(out(g, paper, {"USES", "EVALUATED_ON"}, "Dataset"))
    rows = run(neo4j_driver, "datasets_used_with_method", method=g.nodes[method]["name"].upper())
    assert {r["id"]: r["papers"] for r in rows} == dict(expected)
    assert [r["papers"] for r in rows] == sorted((r["papers"] for r in rows), reverse=True)


def test_papers_with_code_for_task(neo4j_driver: neo4j.Driver, g: nx.MultiDiGraph) -> None:
    checked = 0
    for task in of_type(g, "Task"):
        expected = {
            p: {g.nodes[r]["url"] for r in out(g, p, {"HAS_CODE"})}
            for p in into(g, task, {"ADDRESSES"})
            if out(g, p, {"HAS_CODE"})
        }
        if not expected:
            continue
        rows = run(neo4j_driver, "papers_with_code_for_task", task=g.nodes[task]["name"])
        assert {r["id"]: set(r["code"]) for r in rows} == expected, task
        checked += 1
        if checked == 5:
            break
    assert checked, "no task has a paper with code in the seeds"


def test_most_compared_methods(neo4j_driver: neo4j.Driver, g: nx.MultiDiGraph) -> None:
    degree: Counter[str] = Counter()
    for s, t, r in g.edges(keys=True):
        if r == "COMPARED_WITH":
            degree[s] += 1
            degree[t] += 1
    rows = run(neo4j_driver, "most_compared_methods", limit=10)
    expected = sorted(degree.items(), key=lambda kv: (-kv[1], g.nodes[kv[0]]["name"]))[:10]
    assert [r["comparisons"] for r in rows] == [n for _, n in expected]
    assert {r["id"] for r in rows} <= set(degree)


def test_methods_on_two_datasets(neo4j_driver: neo4j.Driver, g: nx.MultiDiGraph) -> None:
    def methods(dataset: str) -> dict[str, set[str]]:
        found: dict[str, set[str]] = defaultdict(set)
        for paper in into(g, dataset, {"USES", "EVALUATED_ON"}):
            for method in out(g, paper, {"USES", "PROPOSES"}, "Method"):
                found[method].add(paper)
        return found

    datasets = sorted(of_type(g, "Dataset"), key=lambda d: (-len(methods(d)), d))
    first, second = next(
        ((a, b) for a in datasets[:10] for b in datasets[:10] if a < b and set(methods(a)) & set(methods(b))),
        (datasets[0], datasets[1]),
    )
    on_first, on_second = methods(first), methods(second)
    rows = run(neo4j_driver, "methods_on_two_datasets", first=first, second=second)
    assert {r["id"]: (r["papers_on_first"], r["papers_on_second"]) for r in rows} == {
        m: (len(on_first[m]), len(on_second[m])) for m in set(on_first) & set(on_second)
    }


def test_co_occurring_tasks(neo4j_driver: neo4j.Driver, g: nx.MultiDiGraph) -> None:
    pairs: Counter[tuple[str, str]] = Counter()
    for paper in of_type(g, "Paper"):
        tasks = sorted(out(g, paper, {"ADDRESSES"}))
        pairs.update((a, b) for i, a in enumerate(tasks) for b in tasks[i + 1 :])
    rows = run(neo4j_driver, "co_occurring_tasks", min_papers=1)
    assert {(r["id"], r["other_id"]): r["papers"] for r in rows} == dict(pairs)
    rows = run(neo4j_driver, "co_occurring_tasks", min_papers=2)
    assert {(r["id"], r["other_id"]) for r in rows} == {p for p, n in pairs.items() if n >= 2}


def test_repositories_of_paper(neo4j_driver: neo4j.Driver, g: nx.MultiDiGraph) -> None:
    # hand-checked in seeds/001: A^2Search's abstract ends with its GitHub link
    rows = run(neo4j_driver, "repositories_of_paper", paper="ambiguity-aware question answering")
    assert [(r["url"], r["host"], r["kind"]) for r in rows] == [
        ("https://github.com/zfj1998/A2Search", "github.com", "code")
    ]
    for paper in of_type(g, "Paper")[:60]:
        rows = run(neo4j_driver, "repositories_of_paper", paper=paper)
        assert {r["url"] for r in rows} == {g.nodes[r]["url"] for r in out(g, paper, {"HAS_CODE"})}


def test_papers_with_code_in_listing(neo4j_driver: neo4j.Driver, g: nx.MultiDiGraph, seeds_store: Path) -> None:
    rows = run(neo4j_driver, "papers_with_code_in_listing", listing="000_7c030fc38c0ba294")
    repos = {repo for r in rows for repo in r["repositories"]}
    # hand-checked: the six code links printed in seeds/000_7c030fc38c0ba294.txt
    assert repos == {
        "repository:github.com/cpa2001/treesynth",
        "repository:github.com/ciam-group/nco_code",
        "repository:github.com/leaveslei/activation-code",
        "repository:github.com/leaplabthu/model-assembling",
        "repository:github.com/xinghaow99/bitstack",
        "repository:github.com/hardyho/ultrametric_feature_fields",
    }
    expected = {
        p: out(g, p, {"HAS_CODE"})
        for p in of_type(g, "Paper")
        if out(g, p, {"HAS_CODE"}) and any("000_7c030fc38c0ba294" in s for s in g.nodes[p]["sources"])
    }
    assert {r["id"]: set(r["repositories"]) for r in rows} == expected


def test_most_used_datasets(neo4j_driver: neo4j.Driver, g: nx.MultiDiGraph) -> None:
    counts = {d: len(into(g, d, {"USES", "EVALUATED_ON"})) for d in of_type(g, "Dataset")}
    expected = sorted(((d, n) for d, n in counts.items() if n), key=lambda kv: (-kv[1], kv[0]))[:10]
    rows = run(neo4j_driver, "most_used_datasets", limit=10)
    assert [(r["id"], r["papers"]) for r in rows] == expected


def test_metrics_for_dataset(neo4j_driver: neo4j.Driver, g: nx.MultiDiGraph) -> None:
    for dataset in sorted(of_type(g, "Dataset"), key=lambda d: -len(into(g, d, {"USES", "EVALUATED_ON"})))[:5]:
        expected: Counter[str] = Counter()
        for paper in into(g, dataset, {"USES", "EVALUATED_ON"}):
            expected.update(out(g, paper, {"MEASURED_BY"}))
        rows = run(neo4j_driver, "metrics_for_dataset", dataset=dataset)
        assert {r["id"]: r["papers"] for r in rows} == dict(expected), dataset


def test_new_methods_with_code(neo4j_driver: neo4j.Driver, g: nx.MultiDiGraph) -> None:
    expected = {}
    for paper in of_type(g, "Paper"):
        code = {g.nodes[r]["url"] for r in out(g, paper, {"HAS_CODE"}) if g.nodes[r].get("kind") == "code"}
        for method in out(g, paper, {"PROPOSES"}, "Method") if code else ():
            expected[(method, g.nodes[paper]["title"])] = code
    rows = run(neo4j_driver, "new_methods_with_code")
    assert {(r["id"], r["paper"]): set(r["code"]) for r in rows} == expected


def test_variants(neo4j_driver: neo4j.Driver, g: nx.MultiDiGraph) -> None:
    expected: dict[str, set[str]] = defaultdict(set)
    for s, t, r in g.edges(keys=True):
        if r == "VARIANT_OF":
            expected[t].add(s)
    rows = run(neo4j_driver, "variants")
    assert {r["id"]: set(r["variants"]) for r in rows} == expected
    assert all(r["type"] == g.nodes[r["id"]]["type"] for r in rows)


def test_evidence_for_method(neo4j_driver: neo4j.Driver, g: nx.MultiDiGraph) -> None:
    method = max(of_type(g, "Method"), key=lambda m: (len(into(g, m, {"USES"})), m))
    expected = sorted(
        (p, e["record"], e["start"], e["end"], e["component"], e["sentence"])
        for p in into(g, method, {"USES"})
        for e in g.edges[p, method, "USES"]["evidence"]
    )
    rows = run(neo4j_driver, "evidence_for_method", method=method)
    got = [(r["paper"], r["record"], r["start"], r["end"], r["component"], r["sentence"]) for r in rows]
    assert got == expected and got


def test_tasks_by_year(neo4j_driver: neo4j.Driver, g: nx.MultiDiGraph) -> None:
    task = max(of_type(g, "Task"), key=lambda t: (len(into(g, t, {"ADDRESSES"})), t))
    years = Counter(g.nodes[p]["date"][:4] for p in into(g, task, {"ADDRESSES"}) if g.nodes[p].get("date"))
    rows = run(neo4j_driver, "tasks_by_year", task=task)
    assert [(r["year"], r["papers"]) for r in rows] == sorted(years.items())

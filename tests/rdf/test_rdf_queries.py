"""The example queries in docs/queries answer exactly on the synthetic graph and run on the seeds graph."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdf_synthetic import NASTY, QUERIES, build_synthetic

from exporters.rdf.literals import clean_text
from exporters.rdf.results import Results, collect
from exporters.rdf.sparql import cache_dir, open_graph, parse_binding, run_embedded
from kg.cli import main
from kg.fragment import Fragment, NodeData
from kg.graph import Graph
from kg.schema import NodeType
from kg.store import Store

N = clean_text(NASTY)
LORA = "LoRA: Low-Rank Adaptation of Large Language Models"
PRUNING = N + " pruning"
KG_ONTO = "https://w3id.org/kg/ontology#"
R = "https://w3id.org/kg/repository/"
QUERY_FILES = sorted(p.name for p in QUERIES.glob("*.rq"))

# query file -> (bindings, exact rows on the synthetic graph)
EXPECTED: dict[str, tuple[dict[str, str], list[tuple[str | None, ...]]]] = {
    "01-papers-with-code.rq": (
        {},
        [
            (
                "https://w3id.org/kg/paper/url:openreview.net/forum%3Fid=Xy%209%23frag",
                "A third paper",
                R + "huggingface.co/spaces/a/b",
                "huggingface.co/spaces/a/b",
            ),
            (
                "https://w3id.org/kg/paper/title:pruning%20%3Cat%3E%20%22scale%22%20%5C%20%C3%BCn%C3%AF%0Aline",
                PRUNING,
                R + "github.com/%C3%BC/%22x%22%20%3Cy%3E",
                "https://github.com/%C3%BC/%22x%22%20%3Cy%3E%5Cz",
            ),
            (
                "https://w3id.org/kg/paper/arxiv:2106.09685",
                LORA,
                R + "github.com/microsoft/lora",
                "https://github.com/microsoft/LoRA",
            ),
        ],
    ),
    "02-papers-with-code-for-task.rq": (
        {"task": "image classification"},
        [
            ("image classification", "A third paper", R + "huggingface.co/spaces/a/b"),
            ("image classification", PRUNING, R + "github.com/%C3%BC/%22x%22%20%3Cy%3E"),
        ],
    ),
    "03-datasets-of-pruning-papers.rq": (
        {},
        [("Magnitude Pruning", "CIFAR-10"), ("Magnitude Pruning", "ImageNet"), ("Magnitude Pruning", "ImageNet-1K")],
    ),
    "04-metrics-on-dataset.rq": ({"dataset": "ImageNet"}, [("ImageNet", "Accuracy"), ("ImageNet", "top-1 accuracy")]),
    "05-results-on-dataset.rq": (
        {},
        [
            ("ImageNet", "Accuracy", "0.00005", "x", N, "A third paper"),
            ("ImageNet", "top-1 accuracy", "76.1", "%", "Magnitude Pruning", PRUNING),
        ],
    ),
    "06-top-tasks.rq": ({}, [("image classification", "2"), ("natural language understanding", "1")]),
    "07-compared-methods.rq": ({}, [("Low-Rank Adaptation", "full fine-tuning", "1")]),
    "08-evidence-for-methods.rq": (
        {},
        [
            (N, "A third paper", "proposes", "patterns", "0.9", "we propose quo"),
            ("Low-Rank Adaptation", "A third paper", "uses", "kb", "0.6", "with LoRA"),
            ("Low-Rank Adaptation", LORA, "proposes", "patterns", "0.95", "We propose LoRA."),
            ("Magnitude Pruning", PRUNING, "proposes", "patterns", "0.8", N),
            ("full fine-tuning", LORA, "uses", "kb", "0.4", "Compared to full fine-tuning, ..."),
        ],
    ),
    "09-repositories-by-host.rq": ({}, [("github.com", "2")]),
    "10-papers-per-year.rq": ({}, [("2020", "1"), ("2021", "1"), ("2024", "1")]),
    "11-entity-by-name.rq": ({"name": "LoRA"}, [("LoRA", "Low-Rank Adaptation", KG_ONTO + "Method")]),
    "12-introduced-and-reused.rq": ({}, [("Low-Rank Adaptation", LORA, "1")]),
    "13-low-confidence-links.rq": (
        {},
        [(PRUNING, "addresses", "image classification", "0.3", "1"), (LORA, "uses", "full fine-tuning", "0.4", "1")],
    ),
    "14-official-code.rq": ({}, [(LORA, R + "github.com/microsoft/lora")]),
}


def run(store: Path, name: str, bindings: dict[str, str] | None = None) -> Results:
    graph = open_graph(store)
    values = dict(parse_binding(f"{k}={v}") for k, v in (bindings or {}).items())
    return collect(run_embedded(graph, (QUERIES / name).read_text(), values))


def test_there_are_at_least_ten_queries_and_each_has_an_answer() -> None:
    assert len(QUERY_FILES) >= 10
    assert set(QUERY_FILES) == set(EXPECTED)
    for name in QUERY_FILES:
        assert (QUERIES / name).read_text().startswith("# "), f"{name} needs a comment saying what it asks"


@pytest.mark.parametrize("name", QUERY_FILES)
def test_query_on_the_synthetic_graph(synthetic_store: Path, name: str) -> None:
    bindings, rows = EXPECTED[name]
    assert run(synthetic_store, name, bindings).values() == rows


@pytest.fixture(scope="module")
def seeds_results(seeds_store: Path) -> dict[str, Results]:
    return {name: run(seeds_store, name) for name in QUERY_FILES}


def test_every_query_runs_on_the_seeds_graph(seeds_results: dict[str, Results]) -> None:
    assert all(r.kind == "select" for r in seeds_results.values())


def test_seeds_papers_with_code(seeds_store: Path, seeds_results: dict[str, Results]) -> None:
    graph = Graph(seeds_store)
    expected = sorted((e.source, graph.node(e.target).props["url"]) for e in graph.edges("HAS_CODE"))
    ids = {r[0]: r[2] for r in seeds_results["01-papers-with-code.rq"].values()}
    assert len(seeds_results["01-papers-with-code.rq"].rows) == len(expected) > 0
    assert {url for _, url in expected} == {r[3] for r in seeds_results["01-papers-with-code.rq"].values()}
    assert len(ids) == len({source for source, _ in expected})
    hosts = {r[0]: int(r[1]) for r in seeds_results["09-repositories-by-host.rq"].values()}
    repositories = list(graph.nodes("Repository"))
    assert sum(hosts.values()) == len(repositories) and hosts["github.com"] > 0


def test_seeds_counts_agree_with_the_store(seeds_store: Path, seeds_results: dict[str, Results]) -> None:
    graph = Graph(seeds_store)
    years = {r[0]: int(r[1]) for r in seeds_results["10-papers-per-year.rq"].values()}
    assert sum(years.values()) == sum(1 for p in graph.nodes("Paper") if p.props.get("date"))
    official = {e for e, row in graph.all_evidence() if row["component"] == "listing"}
    assert len(seeds_results["14-official-code.rq"].rows) == len({e for e in official if "|HAS_CODE|" in e})
    edges = graph.stats()["edges"]
    tasks = sum(int(r[1]) for r in seeds_results["06-top-tasks.rq"].values())
    assert tasks <= edges.get("ADDRESSES", 0) and (tasks > 0) == (edges.get("ADDRESSES", 0) > 0)
    assert len(seeds_results["07-compared-methods.rq"].rows) == edges.get("COMPARED_WITH", 0)
    low = sorted(e.props["score"] for e in graph.edges() if e.props.get("score") is not None and e.props["score"] < 0.5)
    queue = [float(r[3]) for r in seeds_results["13-low-confidence-links.rq"].values()]
    assert sorted(queue) == low[:100]


def test_the_cache_is_rebuilt_when_the_store_changes(tmp_path: Path) -> None:
    store = build_synthetic(tmp_path / "g.sqlite")
    assert len(run(store, "10-papers-per-year.rq").rows) == 3
    stamp = (cache_dir(store) / "kg-fingerprint.json").read_text()
    assert len(run(store, "10-papers-per-year.rq").rows) == 3
    assert (cache_dir(store) / "kg-fingerprint.json").read_text() == stamp  # reused
    paper = NodeData("paper:arxiv:1999.00001", NodeType.PAPER, "Old", {"title": "Old", "date": "1999-01-01"})
    with Store(store) as writer, writer.transaction():
        writer.write(Fragment(paper.id, "more.jsonl:line 1", nodes=[paper]))
    assert [r[0] for r in run(store, "10-papers-per-year.rq").values()] == ["1999", "2020", "2021", "2024"]
    shutil.rmtree(cache_dir(store))


def test_cli_formats(synthetic_store: Path) -> None:
    runner = CliRunner()
    query = str(QUERIES / "06-top-tasks.rq")
    table = runner.invoke(main, ["query", "--sparql", query, "--store", str(synthetic_store)])
    assert table.exit_code == 0 and "image classification" in table.stdout and "(2 rows)" in table.stdout
    csv = runner.invoke(main, ["query", "--sparql", query, "--format", "csv", "--store", str(synthetic_store)])
    assert csv.stdout.splitlines() == ["task,papers", "image classification,2", "natural language understanding,1"]
    out = runner.invoke(main, ["query", "--sparql", query, "--json", "--store", str(synthetic_store)])
    data = json.loads(out.stdout)
    assert data["head"]["vars"] == ["task", "papers"]
    assert data["results"]["bindings"][0]["papers"]["datatype"].endswith("#integer")
    ask = runner.invoke(main, ["query", "--sparql", "ASK { ?p a kg:Paper }", "--store", str(synthetic_store)])
    assert ask.stdout.strip() == "yes"
    bound = runner.invoke(
        main,
        [
            "query",
            "--sparql",
            str(QUERIES / "11-entity-by-name.rq"),
            "--bind",
            "name=MP",
            "--store",
            str(synthetic_store),
        ],
    )
    assert "Magnitude Pruning" in bound.output and "(1 row)" in bound.output


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["--sparql", "SELECT * WHERE { ?s ?p }"], 2, "SPARQL syntax error"),
        (["--sparql", "DELETE WHERE { ?s ?p ?o }"], 2, "read-only unless --allow-update"),
        (["--sparql", "DELETE WHERE { ?s ?p ?o }", "--allow-update"], 2, "only go to an --endpoint"),
        (["--sparql", "no/such/file.rq"], 2, "no query file"),
        (["--sparql", "SELECT ?x WHERE { ?s ?p ?o }", "--bind", "y=1"], 2, "cannot run the query"),
        (["--sparql", "SELECT ?x WHERE { ?s ?p ?o }", "--bind", "bad"], 2, "NAME=VALUE"),
        (["--sparql", "ASK { ?s ?p ?o }", "--endpoint", "http://127.0.0.1:9/sparql"], 3, "cannot reach"),
    ],
)
def test_cli_bad_input(synthetic_store: Path, args: list[str], status: int, message: str) -> None:
    result = CliRunner().invoke(main, ["query", *args, "--store", str(synthetic_store)])
    assert result.exit_code == status, result.output
    assert message in result.output and "Traceback" not in result.output


def test_cli_no_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["query", "--sparql", "ASK { ?s ?p ?o }", "--store", str(tmp_path / "none")])
    assert result.exit_code == 3 and "no graph store" in result.output


def test_cli_says_when_it_builds_the_cache(tmp_path: Path) -> None:
    store = str(build_synthetic(tmp_path / "g.sqlite"))
    first = CliRunner().invoke(main, ["query", "--sparql", "ASK { ?s ?p ?o }", "--store", store])
    assert "building the SPARQL cache" in first.stderr and first.stdout.strip() == "yes"
    again = CliRunner().invoke(main, ["query", "--sparql", "ASK { ?s ?p ?o }", "--store", store])
    assert again.stderr == "" and again.stdout.strip() == "yes"
    memory = CliRunner().invoke(main, ["query", "--sparql", "ASK { ?s ?p ?o }", "--no-cache", "--store", store])
    assert "into memory" in memory.stderr and memory.stdout.strip() == "yes"


def test_cli_one_language_at_a_time() -> None:
    runner = CliRunner()
    neither = runner.invoke(main, ["query"])
    both = runner.invoke(main, ["query", "--sparql", "ASK {}", "--cypher", "RETURN 1"])
    assert neither.exit_code == both.exit_code == 2 and "one of --sparql" in both.output
    cypher = runner.invoke(
        main, ["query", "--cypher", "RETURN 1", "--uri", "bolt://127.0.0.1:9"], env={"NEO4J_PASSWORD": "x"}
    )
    assert cypher.exit_code == 3 and "Traceback" not in cypher.output  # handed to the Neo4j side

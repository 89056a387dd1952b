"""Building the store: summary, idempotence, incremental growth, resumption, the Python API, the CLI."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import kg
from kg.builder import run_build
from kg.cli import main
from kg.model import Record
from kg.store import Store


def snapshot(store: Path) -> tuple[list, list, list]:
    """Everything in the graph tables, for exact before/after comparisons."""
    with Store(store) as s:
        nodes = s.db.execute("SELECT id, type, name, props FROM nodes ORDER BY id").fetchall()
        edges = s.db.execute("SELECT id, props FROM edges ORDER BY id").fetchall()
        evidence = s.db.execute("SELECT * FROM evidence ORDER BY edge_id, record, start").fetchall()
    return nodes, edges, evidence


def test_seed_summary(seeds_store: Path) -> None:
    with Store(seeds_store) as store:
        nodes, edges = store.counts()
    assert (nodes["Paper"], nodes["Repository"], edges["HAS_CODE"]) == (207, 50, 50)
    assert {"Method", "Dataset", "Metric", "Task"} <= set(nodes)  # entity counts: see the linking tests


def test_every_entity_node_has_an_edge(seeds_store: Path) -> None:
    with Store(seeds_store) as store:
        isolated = store.db.execute(
            "SELECT id FROM nodes n WHERE type IN ('Method', 'Dataset', 'Metric', 'Task')"
            " AND NOT EXISTS (SELECT 1 FROM edges e WHERE e.source = n.id OR e.target = n.id)"
        ).fetchall()
        dangling = store.db.execute(
            "SELECT id FROM edges e WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = e.target)"
        ).fetchall()
    assert isolated == [] and dangling == []  # 197 isolated entities before linked_only (session 21)


def test_build_twice_changes_nothing(tmp_path: Path, seeds_dir: Path) -> None:
    store = tmp_path / "kg.sqlite"
    run_build([seeds_dir], store)
    first = snapshot(store)
    again = run_build([seeds_dir], store)
    assert all(f.unchanged for f in again.files)
    assert snapshot(store) == first
    forced = run_build([seeds_dir], store, force=True)  # read and write everything again: still no change
    assert forced.records == 231
    assert snapshot(store) == first


def test_extractor_processes_give_the_same_graph(
    tmp_path: Path, seeds_dir: Path, seeds_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kg.builder.MIN_RECORDS_PER_JOB", 1)  # the seed files are small: fork for them too
    store = tmp_path / "jobs.sqlite"
    run_build([seeds_dir], store, jobs=2)
    assert snapshot(store) == snapshot(seeds_store)


def test_new_input_adds_to_the_graph(tmp_path: Path, seeds_dir: Path, data_dir: Path) -> None:
    store = tmp_path / "kg.sqlite"
    run_build([seeds_dir / "000_7c030fc38c0ba294.txt"], store)
    report = run_build([seeds_dir / "001_9113a00110dc3bb6.txt", data_dir / "corpus_sample.jsonl"], store)
    # 000 has 31 papers, 001 has 81 of which one (BitStack) is also in 000, corpus sample 5.
    # Code links: 6 in 000, 24 in 001 (25 URLs, one is http://trustai.one), one shared; 1 in the sample.
    assert report.nodes["Paper"] == 31 + 81 - 1 + 5
    assert report.edges["HAS_CODE"] == 6 + 24 - 1 + 1


def test_interrupted_build_keeps_committed_batches_and_resumes(tmp_path: Path, seeds_dir: Path) -> None:
    store = tmp_path / "kg.sqlite"

    def interrupt_after(limit: int):
        def progress(records: Sequence[Record], label: str) -> Iterable[Record]:
            for number, record in enumerate(records):
                if number == limit:
                    raise KeyboardInterrupt
                yield record

        return progress

    with pytest.raises(KeyboardInterrupt):
        run_build([seeds_dir / "001_9113a00110dc3bb6.txt"], store, batch_size=20, progress=interrupt_after(50))
    with Store(store) as s:
        assert s.counts()[0]["Paper"] == 40  # two batches of 20 committed, the third was rolled back
        assert s.runs()[-1]["status"] == "interrupted"
        assert s.db.execute("SELECT COUNT(*) FROM files").fetchone()[0] == 0  # the file is not marked done
    resumed = run_build([seeds_dir / "001_9113a00110dc3bb6.txt"], store, batch_size=20)
    assert resumed.nodes["Paper"] == 81
    clean = tmp_path / "clean.sqlite"
    run_build([seeds_dir / "001_9113a00110dc3bb6.txt"], clean)
    assert snapshot(store) == snapshot(clean)


def test_same_paper_with_arxiv_id_and_title_only_is_one_node(tmp_path: Path) -> None:
    listing = tmp_path / "listing.jsonl"
    listing.write_text(
        json.dumps({"title": "LoRA: Low-Rank Adaptation", "abstract": "a", "arxiv_id": "2106.09685"})
        + "\n"
        + json.dumps({"title": "LoRA: low-rank adaptation", "abstract": "a"})
        + "\n"
    )
    report = run_build([listing], tmp_path / "kg.sqlite")
    assert report.nodes["Paper"] == 1


def test_python_api(tmp_path: Path, seeds_dir: Path) -> None:
    graph = kg.build([seeds_dir], store=tmp_path / "kg.sqlite")
    assert isinstance(graph, kg.Graph)
    g = graph.to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    types = Counter(data["type"] for _, data in g.nodes(data=True))
    assert (types["Paper"], types["Repository"]) == (207, 50)
    assert g.number_of_nodes() == sum(graph.stats()["nodes"].values())
    assert g.number_of_edges() == sum(graph.stats()["edges"].values())
    paper_id = (
        "paper:title:bitstack-fine-grained-size-control-for-compressed-large-language-models-in-variable-memory-"
        "environments"
    )
    paper = g.nodes[paper_id]
    assert paper["type"] == "Paper"
    assert paper["date"] == "2024-10-31" and paper["upvotes"] == 6 and paper["author_count"] == 6
    assert len(paper["sources"]) == 3  # listed in three seed files
    [(_, target, key, data)] = [e for e in g.out_edges(paper_id, keys=True, data=True) if e[2] == "HAS_CODE"]
    assert (key, data["relation"], target) == ("HAS_CODE", "HAS_CODE", "repository:github.com/xinghaow99/bitstack")
    assert g.nodes[target]["type"] == "Repository" and g.nodes[target]["kind"] == "code"
    assert g.nodes[target]["url"] == "https://github.com/xinghaow99/BitStack"
    assert data["support"] == 1 and data["score"] == 1.0  # one sentence, listed in three files
    assert {e["component"] for e in data["evidence"]} == {"repository_links"}
    assert all(e["sentence"].endswith("https://github.com/xinghaow99/BitStack.") for e in data["evidence"])


def test_path_kept_on_has_code_edge(seeds_store: Path) -> None:
    edges = {e.target: e for e in kg.Graph(seeds_store).edges("HAS_CODE")}
    assert edges["repository:github.com/ciam-group/nco_code"].props["path"] == [
        "tree/main/single_objective/UDC-Large-scale-CO-master"
    ]


def test_cli_build_then_stats_with_default_store(tmp_path: Path, seeds_dir: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(seeds_dir, tmp_path / "seeds")
    runner = CliRunner()
    result = runner.invoke(main, ["build", "seeds/"])
    assert result.exit_code == 0, result.output
    assert "Papers read: 207 distinct (231 records)" in result.stdout
    assert "Records skipped: 0" in result.stdout
    assert "Paper 207, Repository 50" in result.stdout
    assert (tmp_path / "kg.sqlite").exists()
    stats = json.loads(runner.invoke(main, ["stats", "--json"]).stdout)
    assert (stats["nodes"]["Paper"], stats["nodes"]["Repository"], stats["edges"]["HAS_CODE"]) == (207, 50, 50)
    assert stats["total_nodes"] == sum(stats["nodes"].values())
    assert stats["most_connected"][0]["degree"] >= stats["most_connected"][-1]["degree"]
    text = runner.invoke(main, ["stats"]).stdout
    assert "Paper" in text and "HAS_CODE" in text


def test_cli_build_json(tmp_path: Path, data_dir: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", str(data_dir / "listing.csv"), "--store", str(tmp_path / "s"), "--json"]
    )
    summary = json.loads(result.stdout)
    assert summary["papers_read"] == 2 and summary["skipped"] == []
    assert summary["edges"]["HAS_CODE"] == 1


def test_help_and_version() -> None:
    runner = CliRunner()
    assert "build" in runner.invoke(main, ["--help"]).stdout
    assert runner.invoke(main, ["--version"]).stdout.startswith("kg, version ")
    assert "--store" in runner.invoke(main, ["build", "--help"]).stdout

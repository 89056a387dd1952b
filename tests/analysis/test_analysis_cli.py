"""``kg top``, ``kg trends``, ``kg related`` and ``kg path`` on the toy graph written to a real store."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_top_json_and_text(toy_store: Path) -> None:
    code, out = run("top", "--store", str(toy_store), "--type", "method,dataset", "-n", "2", "--json")
    assert code == 0
    data = json.loads(out)
    assert [r["id"] for r in data["top"]["Method"]] == ["method:lora", "method:vit"]
    assert [r["papers"] for r in data["top"]["Dataset"]] == [2, 2]
    code, out = run("top", "--store", str(toy_store), "--by", "pagerank")
    assert code == 0 and "Method by pagerank:" in out and "LoRA" in out and "Task by pagerank:" in out


def test_trends_counts_and_says_what_it_left_out(toy_store: Path) -> None:
    code, out = run("trends", "low-rank adaptation", "--by", "month", "--store", str(toy_store), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["papers"] == {"2020-10": 1, "2021-06": 1, "2023-05": 1}
    assert data["entities"][0]["id"] == "method:lora"
    assert data["entities"][0]["periods"] == {"2021-06": 1, "2023-05": 1}
    assert data["papers_not_counted"] == 2  # one dated by year only, one undated
    code, out = run("trends", "--type", "task", "-n", "1", "--store", str(toy_store))
    assert code == 0
    assert "Papers per year (1 not counted: 1 undated)" in out
    assert "Task Fine-Tuning [task:fine-tuning]:\n  2021       1\n  2023       2" in out


def test_related_for_an_entity_and_for_a_paper(toy_store: Path) -> None:
    code, out = run("related", "QLORA", "--store", str(toy_store), "--json")
    assert code == 0
    data = json.loads(out)
    assert [p["id"] for p in data["papers"]] == ["paper:p2"]
    assert data["related_entities"][0]["id"] == "dataset:mmlu"
    code, out = run("related", "paper:p1", "--store", str(toy_store), "--json")
    assert [r["id"] for r in json.loads(out)["similar_papers"]] == ["paper:p3", "paper:p2"]
    code, out = run("related", "paper:p4", "--method", "adamic_adar", "--store", str(toy_store))
    assert code == 0 and "paper:p5" in out


def test_path_as_readable_steps_with_evidence(toy_store: Path) -> None:
    code, out = run("path", "mmlu", "glue", "--store", str(toy_store))
    assert code == 0
    assert out.startswith("4 steps from dataset:mmlu to dataset:glue:")
    assert "-[EVALUATED_ON]-> Dataset 'GLUE'" in out
    assert '"Parameter-Efficient Adapters Revisited evaluated_on GLUE."' in out
    code, out = run("path", "method:lora", "method:vit", "--store", str(toy_store), "--json")
    assert code == 0 and json.loads(out)["steps"] is None


def test_unknown_and_ambiguous_names_are_usage_errors(toy_store: Path) -> None:
    code, out = run("related", "Attention", "--store", str(toy_store))
    assert code == 2 and "no node is called 'Attention'" in out
    code, out = run("path", "vit", "glue", "--store", str(toy_store))
    assert code == 2
    assert "'vit' is ambiguous, it names 2 nodes" in out
    assert "dataset:vit  (Dataset: ViT)" in out and "method:vit  (Method: ViT)" in out
    code, out = run("top", "--type", "gadget", "--store", str(toy_store))
    assert code == 2 and "unknown node type 'gadget'" in out


def test_no_store_exits_3(tmp_path: Path) -> None:
    code, out = run("top", "--store", str(tmp_path / "none.sqlite"))
    assert code == 3 and "no graph store" in out

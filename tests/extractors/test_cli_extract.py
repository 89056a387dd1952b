"""The ``kg extract`` / ``kg eval`` contract, through click's CliRunner and real files."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from scoring_cases import GOLD_1, GOLD_2, PRED_1, PRED_2

from kg.cli import main

TEXT_1 = "We use BERT on SQuAD and report F1."
TEXT_2 = "Machine translation with LSTM."


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_extract_writes_one_line_per_record(tmp_path: Path) -> None:
    texts = {"a": "We propose Low-Rank Adaptation (LoRA) and evaluate it on the GLUE benchmark.", "b": "", "c": TEXT_1}
    src = _jsonl(tmp_path / "in.jsonl", [{"id": k, "text": v} for k, v in texts.items()])
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["extract", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    assert rows[1]["entities"] == []
    for row in rows:
        for ent in row["entities"]:
            assert set(ent) == {"start", "end", "type", "text", "score", "canonical"}
            assert texts[row["id"]][ent["start"] : ent["end"]] == ent["text"]
            assert ent["type"] in {"Method", "Dataset", "Metric", "Task"}
    assert any(e["text"].startswith("GLUE") and e["type"] == "Dataset" for e in rows[0]["entities"])


def test_extract_reads_paper_listings_offsets_into_title_and_abstract(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "papers.jsonl", [{"id": "p1", "title": "GLUE results", "abstract": "We report BLEU."}])
    result = CliRunner().invoke(main, ["extract", str(src)])
    assert result.exit_code == 0, result.output
    row = json.loads(result.output.strip().splitlines()[-1])
    text = "GLUE results\n\nWe report BLEU."
    assert row["id"] == "p1"
    assert all(text[e["start"] : e["end"]] == e["text"] for e in row["entities"])
    assert "BLEU" in {e["text"] for e in row["entities"]}


def test_bad_json_line_is_reported_with_file_and_line(tmp_path: Path) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_text('{"id": "a", "text": "BERT"}\n{"id": "b", "text": \n', encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(src)])
    assert result.exit_code == 1
    assert "bad.jsonl:line 2" in result.output and "invalid JSON" in result.output
    assert "Traceback" not in result.output


def test_missing_file_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["extract", "/no/such/file.jsonl"])
    assert result.exit_code == 2 and "does not exist" in result.output


def test_eval_with_hand_computed_scores(tmp_path: Path) -> None:
    gold = _jsonl(tmp_path / "gold.jsonl", [{"id": "1", "text": TEXT_1, "entities": GOLD_1},
                                             {"id": "2", "text": TEXT_2, "entities": GOLD_2}])  # fmt: skip
    preds = _jsonl(tmp_path / "pred.jsonl", [{"id": "1", "entities": PRED_1}, {"id": "2", "entities": PRED_2}])
    result = CliRunner().invoke(main, ["eval", str(gold), "--predictions", str(preds), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)["scores"]
    assert round(scores["micro"]["exact_f1"], 6) == 0.2  # 1 exact of 5 predicted, 5 gold (see test_evaluate)
    assert round(scores["micro"]["overlap_f1"], 6) == 0.6
    assert round(scores["Method"]["exact_f1"], 6) == round(2 / 3, 6)
    table = CliRunner().invoke(main, ["eval", str(gold), "--predictions", str(preds)]).output
    assert "micro" in table and "0.200" in table


def test_eval_runs_the_pipeline_and_rejects_bad_gold(tmp_path: Path) -> None:
    gold = _jsonl(tmp_path / "gold.jsonl", [{"id": "1", "text": TEXT_1, "entities": GOLD_1}])
    result = CliRunner().invoke(main, ["eval", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["scores"]["micro"]["gold"] == 3
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(bad)])
    assert result.exit_code == 1 and "bad.jsonl: line 1" in result.output and "Traceback" not in result.output


def test_extract_reads_a_daily_papers_seed_through_kg_readers() -> None:
    seed = Path(__file__).resolve().parents[2] / "seeds" / "000_7c030fc38c0ba294.txt"
    result = CliRunner().invoke(main, ["extract", str(seed)])
    assert result.exit_code in (0, 1), result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert len(rows) > 5
    assert any(e["canonical"] == "Neural Architecture Search" for r in rows for e in r["entities"])


def test_model_option_swaps_the_entity_model(tmp_path: Path) -> None:
    import spacy

    model = spacy.blank("en")
    model.add_pipe("entity_ruler").add_patterns([{"label": "Task", "pattern": "report"}])
    model.to_disk(tmp_path / "model")
    gold = _jsonl(tmp_path / "gold.jsonl", [{"id": "1", "text": TEXT_1, "entities": [
        {"start": 25, "end": 31, "type": "Task"}]}])  # fmt: skip
    result = CliRunner().invoke(main, ["eval", str(gold), "--json", "--model", str(tmp_path / "model")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["scores"]["Task"]["exact_f1"] == 1.0


def test_extract_reads_folders_and_keeps_offsets_of_gold_text(tmp_path: Path) -> None:
    folder = tmp_path / "gold"
    folder.mkdir()
    text = "  We evaluate on the GLUE benchmark.  "  # leading blanks: offsets must still index `text`
    _jsonl(folder / "a.jsonl", [{"id": "x", "text": text}])
    result = CliRunner().invoke(main, ["extract", str(folder)])
    assert result.exit_code == 0, result.output
    row = json.loads(result.output.strip().splitlines()[-1])
    assert row["entities"] and all(text[e["start"] : e["end"]] == e["text"] for e in row["entities"])

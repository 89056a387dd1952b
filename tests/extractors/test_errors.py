"""Error lists of ``kg eval --errors`` on the hand-made records of ``scoring_cases``."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from scoring_cases import GOLD_1, GOLD_2, PRED_1, PRED_2

from extractors.errors import collect_errors
from kg.cli import main

TEXT_1 = "We use BERT on SQuAD and report F1."
TEXT_2 = "Machine translation with LSTM."


def test_each_wrong_prediction_and_missed_gold_by_kind() -> None:
    errors = collect_errors([(TEXT_1, GOLD_1, PRED_1), (TEXT_2, GOLD_2, PRED_2)]).kinds
    assert dict(errors["spurious"]) == {("report", "Metric"): 1}
    assert dict(errors["boundary"]) == {
        ("on SQuAD", "SQuAD", "Dataset"): 1,
        ("Machine", "Machine translation", "Task"): 1,  # predicted twice, one span: once
    }
    assert dict(errors["wrong_type"]) == {("F1", "Task", "Metric"): 1}  # F1's gold span: not also missed
    assert dict(errors["missed"]) == {("LSTM", "Method"): 1}  # SQuAD has a Dataset on it: a boundary case
    assert not errors["overlaps_other"]


def test_overlap_with_another_type_and_gold_outside_the_four_types() -> None:
    text = "Our translation models use the Penn Treebank."
    gold = [
        {"start": 4, "end": 15, "type": "Task"},  # translation
        {"start": 31, "end": 44, "type": "Other"},  # Penn Treebank, a type the scores ignore
    ]
    pred = [{"start": 4, "end": 22, "type": "Method"}, {"start": 31, "end": 44, "type": "Dataset"}]
    errors = collect_errors([(text, gold, pred)]).kinds
    assert dict(errors["overlaps_other"]) == {("translation models", "Method", "translation", "Task"): 1}
    assert dict(errors["wrong_type"]) == {("Penn Treebank", "Dataset", "Other"): 1}
    assert dict(errors["missed"]) == {("translation", "Task"): 1}  # no Task on it: missed too


def test_kg_eval_errors_text_and_json(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "1", "text": TEXT_1, "entities": GOLD_1}) + "\n", encoding="utf-8")
    preds = tmp_path / "pred.jsonl"
    preds.write_text(json.dumps({"id": "1", "entities": PRED_1}) + "\n", encoding="utf-8")
    args = ["eval", str(gold), "--predictions", str(preds), "--errors", "5"]
    table = CliRunner().invoke(main, args).output
    assert "spurious (predicted where gold has nothing): 1" in table and "'report'" in table
    assert "'on SQuAD' -> 'SQuAD'" in table and "'F1' (gold: Metric)" in table
    report = json.loads(CliRunner().invoke(main, [*args, "--json"]).output)["errors"]
    assert report["spurious"] == {"total": 1, "top": [[1, "report", "Metric"]]}
    assert report["missed"] == {"total": 0, "top": []}

"""Bootstrap intervals and paired comparison of ``kg eval`` scores, on hand-made records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from scoring_cases import GOLD_1, GOLD_2, PRED_1, PRED_2

from extractors.bootstrap import _resampled_totals, compare, f1_rows, intervals, record_counts
from extractors.evaluate import score_records
from kg.cli import main

BERT = {"start": 7, "end": 11, "type": "Method"}
SQUAD = {"start": 15, "end": 20, "type": "Dataset"}


def test_record_counts_by_hand() -> None:
    counts = record_counts([(GOLD_1, PRED_1), (GOLD_2, PRED_2)])
    # (predicted, gold, exact) per type Method, Dataset, Metric, Task (see scoring_cases.py)
    assert counts[0].tolist() == [[1, 1, 1], [1, 1, 0], [1, 1, 0], [1, 0, 0]]
    assert counts[1].tolist() == [[0, 1, 0], [0, 0, 0], [0, 0, 0], [1, 1, 0]]  # the duplicate Task collapses


def test_f1_from_summed_counts_is_kg_evals_exact_f1() -> None:
    pairs = [(GOLD_1, PRED_1), (GOLD_2, PRED_2)]
    rows = f1_rows(record_counts(pairs).sum(axis=0), ["Method", "Dataset", "Metric", "Task"])
    scores = score_records(pairs).as_dict()
    assert set(rows) == {"Method", "Dataset", "Metric", "Task", "micro"}  # every type annotated: no micro*
    for row, value in rows.items():
        assert float(value) == pytest.approx(scores[row]["exact_f1"])
    assert float(rows["micro"]) == pytest.approx(0.2) and float(rows["Method"]) == pytest.approx(2 / 3)


def test_identical_records_give_a_point_interval() -> None:
    # each record: BERT found, SQuAD missed -> micro P 1, R 1/2, F1 2/3 whatever records are drawn
    counts = record_counts([([BERT, SQUAD], [BERT])] * 20)
    found = intervals(counts, resamples=200, seed=1)
    assert found["micro"] == pytest.approx((2 / 3, 2 / 3))
    assert found["Dataset"] == (0.0, 0.0) and found["Method"] == (1.0, 1.0)


def test_interval_spans_the_spread_and_repeats_with_its_seed() -> None:
    # half the records all right (F1 1), half all wrong (F1 0): the micro F1 of a draw varies around 0.5
    counts = record_counts([([BERT], [BERT])] * 30 + [([BERT], [])] * 30)
    low, high = intervals(counts, resamples=2000, seed=3)["micro"]
    assert 0.2 < low < 2 / 3 < high < 0.85  # F1 of all 60 is 2*30/(30+60) = 2/3
    assert intervals(counts, resamples=2000, seed=3)["micro"] == (low, high)


def test_micro_over_annotated_types_when_a_type_has_no_gold() -> None:
    counts = record_counts([([SQUAD], [BERT, SQUAD])] * 5)  # no gold Method, as in TDMSci
    found = intervals(counts, resamples=100)
    assert found["micro_annotated"] == pytest.approx((1.0, 1.0)) and found["micro"] == pytest.approx((2 / 3, 2 / 3))


def test_compare_a_system_with_itself_and_with_a_better_one() -> None:
    gold = [([BERT, SQUAD], [BERT])] * 10 + [([BERT], [SQUAD])] * 10
    better = [([BERT, SQUAD], [BERT, SQUAD])] * 10 + [([BERT], [BERT])] * 10
    this, other = record_counts(gold), record_counts(better)
    same = compare(this, this, resamples=300)["micro"]
    assert (same.low, same.high, same.other_better) == (0.0, 0.0, 0.0) and same.this == same.other
    diff = compare(this, other, resamples=300)["micro"]
    # this: 10 + 0 correct of 20 predicted, 30 gold -> 20/50 = 0.4; the other: all 30 of 30 -> 1.0
    assert diff.this == pytest.approx(0.4) and diff.other == pytest.approx(1.0)
    assert diff.high < 0 and diff.other_better == 1.0
    with pytest.raises(ValueError, match="different records"):
        compare(this, other[:5])


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_kg_eval_ci_and_compare(tmp_path: Path) -> None:
    text = "We use BERT on SQuAD and report F1."
    gold = _jsonl(tmp_path / "gold.jsonl", [{"id": str(k), "text": text, "entities": [BERT, SQUAD]} for k in range(8)])
    ours = _jsonl(tmp_path / "ours.jsonl", [{"id": str(k), "entities": [BERT]} for k in range(8)])
    theirs = _jsonl(tmp_path / "theirs.jsonl", [{"id": str(k), "entities": [BERT, SQUAD]} for k in range(8)])
    args = ["eval", str(gold), "--predictions", str(ours), "--ci", "--compare", str(theirs), "--resamples", "50"]
    result = CliRunner().invoke(main, [*args, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["exact_f1_interval"]["micro"] == pytest.approx([2 / 3, 2 / 3])  # every record alike
    micro = report["comparison"]["micro"]
    assert (micro["this"], micro["other"], micro["other_better"]) == (pytest.approx(2 / 3), 1.0, 1.0)
    assert report["resamples"] == 50 and report["compared_with"] == str(theirs)
    table = CliRunner().invoke(main, args).output
    assert "95% interval over 50 bootstrap resamples" in table and "compared with" in table and "-0.333" in table
    short = _jsonl(tmp_path / "short.jsonl", [{"id": "0", "entities": [BERT]}])
    result = CliRunner().invoke(main, ["eval", str(gold), "--predictions", str(ours), "--compare", str(short)])
    assert result.exit_code == 0 and "short.jsonl: no line for 7 of 8 gold records (1, 2, 3, ...)" in result.output
    empty = _jsonl(tmp_path / "empty.jsonl", [])
    result = CliRunner().invoke(main, ["eval", str(empty), "--predictions", str(ours), "--ci"])
    assert result.exit_code == 1 and "no records to resample" in result.output and "Traceback" not in result.output


def test_each_resample_draws_as_many_records_as_there_are() -> None:
    counts = record_counts([([BERT], [BERT])] * 3 + [([BERT], [])] * 2)  # one gold Method per record
    (totals,) = _resampled_totals([counts], resamples=450, seed=0)  # more than one chunk of draws
    assert totals.shape == (450, 4, 3)
    assert (totals[:, 0, 1] == 5).all()  # 5 records drawn each time: 5 gold Methods
    assert totals[:, 0, 2].min() < 3 < totals[:, 0, 2].max()  # the correct ones (3 of 5 in all) vary by draw

"""Scoring functions, with scores computed by hand in the comments."""

from __future__ import annotations

import pytest
from scoring_cases import GOLD_1, GOLD_2, PRED_1, PRED_2

from extractors.evaluate import format_scores, prf, score_records


def test_hand_computed_scores() -> None:
    s = score_records([(GOLD_1, PRED_1), (GOLD_2, PRED_2)]).as_dict()
    # Method: gold 2 (BERT, LSTM), pred 1 (BERT) -> exact P 1/1, R 1/2, F1 2/3; overlap the same
    assert s["Method"]["exact_p"] == 1.0 and s["Method"]["exact_r"] == 0.5
    assert s["Method"]["exact_f1"] == pytest.approx(2 / 3)
    assert s["Method"]["overlap_f1"] == pytest.approx(2 / 3)
    # Dataset: "on SQuAD" vs "SQuAD" -> exact 0/1; overlap P 1/1, R 1/1
    assert (s["Dataset"]["exact_f1"], s["Dataset"]["overlap_p"], s["Dataset"]["overlap_r"]) == (0.0, 1.0, 1.0)
    # Metric: "report" vs "F1" -> 0 everywhere
    assert s["Metric"]["exact_f1"] == 0.0 and s["Metric"]["overlap_f1"] == 0.0
    # Task: gold 1, pred 2 (F1-as-Task, "Machine") -> exact 0; overlap P 1/2, R 1/1, F1 2/3
    assert s["Task"]["predicted"] == 2 and s["Task"]["exact_f1"] == 0.0
    assert (s["Task"]["overlap_p"], s["Task"]["overlap_r"]) == (0.5, 1.0)
    assert s["Task"]["overlap_f1"] == pytest.approx(2 / 3)
    # micro: gold 2+1+1+1 = 5, pred 1+1+1+2 = 5; exact correct 1 -> P = R = F1 = 0.2
    assert (s["micro"]["gold"], s["micro"]["predicted"]) == (5, 5)
    assert s["micro"]["exact_p"] == pytest.approx(0.2) and s["micro"]["exact_f1"] == pytest.approx(0.2)
    # overlap: correct predictions BERT, on SQuAD, Machine = 3/5; gold found BERT, SQuAD, Machine translation = 3/5
    assert s["micro"]["overlap_p"] == pytest.approx(0.6) and s["micro"]["overlap_r"] == pytest.approx(0.6)
    assert s["micro"]["overlap_f1"] == pytest.approx(0.6)


def test_prf_edge_cases() -> None:
    assert prf(0, 0, 0, 0) == (0.0, 0.0, 0.0)
    assert prf(1, 2, 1, 4) == (0.5, 0.25, pytest.approx(1 / 3))


def test_table_lists_every_type_and_micro() -> None:
    table = format_scores(score_records([(GOLD_1, PRED_1)]), "t")
    for name in ("Method", "Dataset", "Metric", "Task", "micro"):
        assert name in table


def test_micro_over_the_annotated_types_leaves_out_the_others() -> None:
    text = "We train BERT and report F1."
    gold = [{"start": 25, "end": 27, "type": "Metric"}]  # a corpus that annotates no Method
    pred = [{"start": 9, "end": 13, "type": "Method"}, {"start": 25, "end": 27, "type": "Metric"}]
    assert text[9:13] == "BERT" and text[25:27] == "F1"
    scores = score_records([(gold, pred)])
    s = scores.as_dict()
    # micro over the four types: 1 correct of 2 predicted, 1 of 1 gold -> P 1/2, R 1, F1 2/3
    assert s["micro"]["exact_p"] == 0.5 and s["micro"]["exact_f1"] == pytest.approx(2 / 3)
    # over the annotated type (Metric) only: P = R = F1 = 1
    assert scores.annotated_types == ["Metric"]
    assert s["micro_annotated"]["exact_f1"] == 1.0 and s["micro_annotated"]["predicted"] == 1
    assert "micro*" in format_scores(scores) and "(Metric)" in format_scores(scores)
    # a gold file with every type, or with none, has no such row
    assert "micro_annotated" not in score_records([([], pred)]).as_dict()

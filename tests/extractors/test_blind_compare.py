"""The blind comparison of two kg extract outputs: what differs, the sheet without its key, hand-computed scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.training.blind_compare import differing, score, sentence_around, write_sheet

TEXTS = {
    "p1": "LoRA adapts LLMs. We test it on GLUE.\nIt keeps accuracy.",
    "p2": "Pruning ResNet-50 on ImageNet.",
}


def _ent(rec: str, mention: str, type_: str) -> dict:
    start = TEXTS[rec].index(mention)
    return {"start": start, "end": start + len(mention), "type": type_, "text": mention}


def _write(path: Path, rows: dict[str, list[dict]]) -> Path:
    path.write_text("".join(json.dumps({"id": k, "entities": v}) + "\n" for k, v in rows.items()), encoding="utf-8")
    return path


A = {"p1": [_ent("p1", "LoRA", "Method"), _ent("p1", "GLUE", "Dataset"), _ent("p1", "accuracy", "Metric")],
     "p2": [_ent("p2", "Pruning", "Method")]}  # fmt: skip
B = {"p1": [_ent("p1", "LoRA", "Method"), _ent("p1", "GLUE", "Task"), _ent("p1", "LLMs", "Method")],
     "p2": [_ent("p2", "ImageNet", "Dataset")]}  # fmt: skip


def test_only_same_span_and_type_counts_as_shared() -> None:
    only_a, only_b = differing(A, B)
    assert [(r, e["text"], e["type"]) for r, e in only_a] == [
        ("p1", "GLUE", "Dataset"), ("p1", "accuracy", "Metric"), ("p2", "Pruning", "Method")]  # fmt: skip
    assert [(r, e["text"], e["type"]) for r, e in only_b] == [
        ("p1", "LLMs", "Method"), ("p1", "GLUE", "Task"), ("p2", "ImageNet", "Dataset")]  # fmt: skip


def test_the_sentence_around_a_mention_is_marked() -> None:
    text = TEXTS["p1"]
    start = text.index("GLUE")
    assert sentence_around(text, start, start + 4) == "We test it on [[GLUE]]."
    start = text.index("accuracy")
    assert sentence_around(text, start, start + 8) == "It keeps [[accuracy]]."
    assert sentence_around(text, 0, 4) == "[[LoRA]] adapts LLMs."


def test_sheet_and_key_round_trip_to_hand_computed_scores(tmp_path: Path) -> None:
    out = tmp_path / "cmp"
    assert write_sheet(TEXTS, _write(tmp_path / "a.jsonl", A), _write(tmp_path / "b.jsonl", B), out, 2, 0) == (3, 3)
    sheet = (out / "sheet.tsv").read_text(encoding="utf-8").splitlines()
    key = dict(line.split("\t") for line in (out / "key.tsv").read_text(encoding="utf-8").splitlines())
    assert len(sheet) == 4 and sorted(key.values()) == ["A", "A", "B", "B"]
    assert all("[[" in line and "\tA" not in line and "\tB" not in line for line in sheet)  # the sheet is blind
    # A: both judged correct; B: one of two
    verdicts = {n: "Y" if side == "A" else "N" for n, side in key.items()}
    verdicts[next(n for n, side in key.items() if side == "B")] = "Y"
    (out / "judgments.tsv").write_text("".join(f"{n}\t{v}\twhy\n" for n, v in verdicts.items()), encoding="utf-8")
    got = score(out)
    assert (got["A"]["correct"], got["A"]["share"], got["A"]["interval"]) == (2, 1.0, 0.0)
    assert got["B"]["share"] == 0.5 and got["B"]["interval"] == pytest.approx(1.96 * 0.5 / 2**0.5)
    assert (got["B"]["scaled_correct"], got["B"]["scaled_wrong"]) == (1.5, 1.5)  # of B's 3 own mentions


def test_a_bad_or_missing_judgment_names_the_file_and_line(tmp_path: Path) -> None:
    out = tmp_path / "cmp"
    write_sheet(TEXTS, _write(tmp_path / "a.jsonl", A), _write(tmp_path / "b.jsonl", B), out, 1, 0)
    (out / "judgments.tsv").write_text("1\tmaybe\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"judgments\.tsv: line 1: not"):
        score(out)
    (out / "judgments.tsv").write_text("1\tY\tok\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"no judgment for item\(s\) 2"):
        score(out)


def test_scoring_before_judging_names_the_missing_file(tmp_path: Path) -> None:
    out = tmp_path / "cmp"
    with pytest.raises(SystemExit, match=r"key\.tsv: missing"):
        score(out)
    write_sheet(TEXTS, _write(tmp_path / "a.jsonl", A), _write(tmp_path / "b.jsonl", B), out, 1, 0)
    with pytest.raises(SystemExit, match=r"judgments\.tsv: missing"):
        score(out)

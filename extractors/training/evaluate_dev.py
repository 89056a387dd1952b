"""Exact-span P/R/F1 of a trained entity model on the dev data, per corpus and type.

Gold comes straight from the JSON Lines dev records chosen by
:func:`extractors.training.prepare.dev_records` (nested gold spans kept, as a
test scorer would). A prediction is correct when its character offsets and its
label equal a gold entity of one of the four types. For corpora that do not
annotate a type (TDMSci: Method; SciER: Metric) two micro scores are printed:
``micro4`` over all four types (predictions of the unannotated type count as
false positives) and ``micro_ann`` over the annotated types only.

Usage: ``python -m extractors.training.evaluate_dev [--model extractors/models/ner]
[--gold ../shared/gold] [--json out.json]``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import spacy

from extractors.training.prepare import DEFAULT_GOLD, LABELS, UNANNOTATED, dev_records

DEFAULT_MODEL = Path("extractors/models/ner")
Triple = tuple[str, int, int, str]


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 from counts."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def predicted_spans(doc: spacy.tokens.Doc) -> set[tuple[int, int, str]]:
    """Predicted (start, end, label) from ``doc.ents``, or ``doc.spans['sc']`` if no ents."""
    spans = list(doc.ents) or list(doc.spans.get("sc", []))
    return {(s.start_char, s.end_char, s.label_) for s in spans if s.label_ in LABELS}


def score_corpus(nlp: spacy.language.Language, records: list[dict]) -> dict[str, Counter]:
    """Per-type tp/fp/fn counts for one corpus."""
    counts = {lab: Counter() for lab in LABELS}
    docs = nlp.pipe((r["text"] for r in records), batch_size=32)
    for rec, doc in zip(records, docs, strict=True):
        gold = {(e["start"], e["end"], e["type"]) for e in rec["entities"] if e["type"] in LABELS}
        pred = predicted_spans(doc)
        for lab in LABELS:
            g = {x for x in gold if x[2] == lab}
            p = {x for x in pred if x[2] == lab}
            counts[lab]["tp"] += len(g & p)
            counts[lab]["fp"] += len(p - g)
            counts[lab]["fn"] += len(g - p)
    return counts


def evaluate(model: Path, gold: Path) -> dict[str, dict]:
    """Scores per corpus: per type, ``micro4`` and ``micro_ann``."""
    nlp = spacy.load(model)
    out: dict[str, dict] = {}
    for corpus, records in dev_records(gold).items():
        counts = score_corpus(nlp, records)
        res: dict[str, dict] = {lab: prf(**counts[lab]) for lab in LABELS}
        total = sum(counts.values(), Counter())
        res["micro4"] = prf(total["tp"], total["fp"], total["fn"])
        ann = [lab for lab in LABELS if lab not in UNANNOTATED.get(corpus, set())]
        sub = sum((counts[lab] for lab in ann), Counter())
        res["micro_ann"] = prf(sub["tp"], sub["fp"], sub["fn"])
        out[corpus] = res
    return out


def main() -> None:
    """Print a per-corpus, per-type table."""
    ap = argparse.ArgumentParser(description="dev exact-span P/R/F1 per corpus and type")
    ap.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    scores = evaluate(args.model, args.gold)
    print(f"{'corpus':8} {'type':10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    for corpus, res in scores.items():
        for key, s in res.items():
            if s["tp"] + s["fp"] + s["fn"] == 0:
                continue
            print(
                f"{corpus:8} {key:10} {s['p']:6.3f} {s['r']:6.3f} {s['f']:6.3f} {s['tp']:5d} {s['fp']:5d} {s['fn']:5d}"
            )
    if args.json:
        args.json.write_text(json.dumps(scores, indent=1))


if __name__ == "__main__":
    main()

"""Silver training data: the shipped pipeline's own entities on unlabelled abstracts (self-training).

``python -m extractors.training.silver [--corpus ../shared/corpus/corpus_sample_20k.jsonl.gz]
[--limit 4000] [--keep-above 0.7] [--out /tmp/kgner/silver.jsonl]``

Runs the whole extractor pipeline (entity model, KB, patterns, abbreviations, verifier, resolver) over a
random sample of corpus records (``title`` + blank line + ``abstract``, as ``kg extract`` reads a paper)
and writes one record per abstract in the gold JSONL schema: ``entities`` are the entities scoring at
least ``keep_above`` (on the dev data about 70-85% of those are exactly right, against 30-50% below);
``uncertain`` are the others, which :mod:`extractors.training.prepare` marks *missing* (no loss), as it
does gazetteer names and acronyms that are not entities (``corpus = "silver"``). A record whose title
or abstract start appears in a dev text is left out, so no dev text is ever labelled for training.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from pathlib import Path

from extractors.training import prepare

__all__ = [
    "KEEP_ABOVE",
    "abstracts_off_dev",
    "dev_fingerprints",
    "main",
    "overlaps_dev",
    "sample_records",
    "silver_records",
]

KEEP_ABOVE = 0.7
SEED = 17
_SPACES = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip().lower()


def dev_fingerprints(gold: Path) -> str:
    """All dev texts, normalised and joined, to test corpus records against."""
    return "\n".join(_norm(rec["text"]) for recs in prepare.dev_records(gold).values() for rec in recs)


def overlaps_dev(rec: dict, dev_text: str) -> bool:
    """Whether a corpus record's title or abstract start is in the dev texts (:func:`dev_fingerprints`)."""
    pieces = [_norm(rec.get("title") or ""), _norm(rec.get("abstract") or "")[:120]]
    return any(len(p) > 30 and p in dev_text for p in pieces)


def sample_records(corpus: Path, limit: int, seed: int = SEED) -> list[dict]:
    """A seeded random sample of ``limit`` corpus records that have an abstract."""
    with gzip.open(corpus, "rt", encoding="utf8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    rows = [r for r in rows if (r.get("abstract") or "").strip()]
    random.Random(seed).shuffle(rows)
    return rows[:limit]


def paper_text(rec: dict) -> str:
    """``title`` + blank line + ``abstract``, as ``kg extract`` reads a paper record."""
    title = (rec.get("title") or "").strip()
    abstract = (rec.get("abstract") or "").strip()
    return f"{title}\n\n{abstract}" if title else abstract


def abstracts_off_dev(corpus: Path, dev_text: str, limit: int) -> list[str]:
    """``limit`` texts of :func:`sample_records` (as :func:`paper_text` gives them), none in a dev text."""
    texts = []
    for rec in sample_records(corpus, 2 * limit):
        if not overlaps_dev(rec, dev_text):
            texts.append(paper_text(rec))
        if len(texts) >= limit:
            break
    return texts


def silver_records(records: list[dict], dev_text: str, keep_above: float, n_process: int = 1) -> list[dict]:
    """Gold-schema records of the pipeline's entities (``entities`` sure, ``uncertain`` not)."""
    from extractors.pipeline import extract

    kept = [rec for rec in records if not overlaps_dev(rec, dev_text)]
    texts = [paper_text(rec) for rec in kept]
    out = []
    for rec, text, mentions in zip(kept, texts, extract(texts, n_process=n_process), strict=True):
        sure, unsure = [], []
        for m in mentions:
            if m.type not in prepare.LABELS:
                continue
            ent = {"start": m.start, "end": m.end, "type": m.type, "score": round(m.score, 3)}
            (sure if m.score >= keep_above else unsure).append(ent)
        out.append({"id": rec.get("id", ""), "text": text, "entities": sure, "uncertain": unsure})
    return out


def main() -> None:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description="label corpus abstracts with the shipped pipeline (silver data)")
    ap.add_argument("--gold", type=Path, default=prepare.DEFAULT_GOLD)
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus/corpus_sample_20k.jsonl.gz"))
    ap.add_argument("--limit", type=int, default=4000)
    ap.add_argument("--keep-above", type=float, default=KEEP_ABOVE)
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--out", type=Path, default=Path("/tmp/kgner/silver.jsonl"))
    args = ap.parse_args()
    sample = sample_records(args.corpus, args.limit)
    rows = silver_records(sample, dev_fingerprints(args.gold), args.keep_above, args.processes)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
    sure = sum(len(r["entities"]) for r in rows)
    unsure = sum(len(r["uncertain"]) for r in rows)
    print(f"{len(rows)} of {len(sample)} records (the others overlap dev text); {sure} sure and {unsure} uncertain")
    print("wrote", args.out)


if __name__ == "__main__":
    main()

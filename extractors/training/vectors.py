"""Train in-domain floret static vectors on the abstract corpus.

The 20k-abstract sample (``title`` + ``abstract``) is tokenised with
the tokenizer the pipeline uses (``extractors.tokenizer``), written one abstract per line,
and fed to floret (PyPI ``floret``) in cbow mode with hashed subwords, so unseen
scientific terms still get a vector. The result is converted with
``spacy init vectors --mode floret`` by :mod:`extractors.training.train`.
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

from extractors.tokenizer import blank_english

DIM = 100
BUCKETS = 25_000


def record_text(rec: dict) -> str:
    """``title. abstract`` of a corpus record; a record without a title (a chunk of a full text) is its abstract."""
    return ". ".join(part for part in ((rec.get("title") or "").strip(), (rec.get("abstract") or "").strip()) if part)


def write_tokenised(corpus: Path, out: Path) -> int:
    """Write ``title. abstract`` of every record as one space-joined token line."""
    nlp = blank_english()
    texts = []
    with gzip.open(corpus, "rt", encoding="utf8") as fh:
        for line in fh:
            rec = json.loads(line)
            texts.append(record_text(rec))
    with out.open("w", encoding="utf8") as fh:
        for doc in nlp.tokenizer.pipe(texts, batch_size=256):
            fh.write(" ".join(t.text for t in doc if not t.is_space) + "\n")
    return len(texts)


def train_floret(tokens: Path, out_prefix: Path, threads: int = 2) -> Path:
    """Train floret vectors and save them in the ``.floret`` text format spaCy reads."""
    import floret  # local import: only needed when retraining vectors

    model = floret.train_unsupervised(
        str(tokens),
        model="cbow",
        mode="floret",
        hashCount=2,
        bucket=BUCKETS,
        minn=3,
        maxn=5,
        minCount=3,
        dim=DIM,
        epoch=5,
        thread=threads,
    )
    path = out_prefix.with_suffix(".floret")
    model.save_floret_vectors(str(path))
    return path


def main() -> None:
    """Command line: ``python -m extractors.training.vectors CORPUS OUTDIR``."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("outdir", type=Path)
    args = ap.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    tok = args.outdir / "corpus_tokens.txt"
    n = write_tokenised(args.corpus, tok)
    path = train_floret(tok, args.outdir / "vectors")
    print(f"{n} abstracts -> {path}")


if __name__ == "__main__":
    main()

"""Retrain the shipped entity model end to end with one command.

``python -m extractors.training.train [--gold ../shared/gold] [--corpus
../shared/corpus/corpus_sample_20k.jsonl.gz] [--work /tmp/kgner] [--out
extractors/models/ner]`` runs, in order:

1. :mod:`extractors.training.vectors` - floret vectors on the 20k abstracts,
   converted with ``spacy init vectors --mode floret`` (skipped if present);
2. ``spacy pretrain`` of the tok2vec (characters objective, ``[pretraining] max_epochs``
   of the config, 1) on the same abstracts (skipped if the last epoch's weights exist);
3. :mod:`extractors.training.prepare` - gold JSONL -> ``train.spacy``/``dev.spacy`` (with ``--silver
   FILE``, also the silver abstracts of :mod:`extractors.training.silver`, made with the shipped pipeline);
4. ``spacy train extractors/training/config.cfg`` from the pretrained tok2vec (1 thread, CPU);
5. copies ``model-best`` to ``--out`` (the trained pipeline only: no optimizer
   state, no corpora) and prints :mod:`extractors.training.evaluate_dev`;
6. retrains the span verifier (:mod:`extractors.training.verifier`) on the new model's token
   vectors, since its weights only fit the model they were trained with (``--no-verifier`` skips it).

With ``--member-of MODEL --name NAME`` it trains an ensemble member of ``MODEL`` instead
(:mod:`extractors.ensemble`): on ``MODEL``'s floret vectors (step 1 copies them), installed as
``MODEL/members/NAME`` (steps 5-6 are skipped; ``MODEL``'s verifier still reads ``MODEL``'s own vectors).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import spacy
from spacy.util import load_config

from extractors.ensemble import add_member, member_dirs
from extractors.training import prepare, vectors

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "config.cfg"


def run(cmd: list[str]) -> None:
    """Run a subprocess with at most one BLAS/OMP thread, failing loudly."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, env=env)


def build_vectors(corpus: Path, work: Path, source: Path | None = None) -> Path:
    """Train and convert floret vectors unless ``work/vecmodel`` already exists; with ``source`` (a trained
    pipeline), take its vectors instead (an ensemble member must read its main model's vectors)."""
    model_dir = work / "vecmodel"
    if (model_dir / "vocab").exists():
        return model_dir
    if source is not None:
        holder = spacy.blank("en")
        holder.vocab.vectors = spacy.load(source).vocab.vectors
        model_dir.parent.mkdir(parents=True, exist_ok=True)
        holder.to_disk(model_dir)
        return model_dir
    vec_dir = work / "vec"
    vec_dir.mkdir(parents=True, exist_ok=True)
    tok = vec_dir / "corpus_tokens.txt"
    vectors.write_tokenised(corpus, tok)
    path = vectors.train_floret(tok, vec_dir / "vectors")
    run([sys.executable, "-m", "spacy", "init", "vectors", "en", str(path), str(model_dir), "--mode", "floret"])
    return model_dir


def add_set_option(ap: argparse.ArgumentParser, stages: str) -> None:
    """``--set SECTION.KEY=VALUE`` (repeatable) into ``args.overrides``: config overrides for ``stages``."""
    ap.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="SECTION.KEY=VALUE",
        help=f"config override for {stages}, e.g. system.seed=1 (repeatable)",
    )


def parse_overrides(pairs: list[str]) -> dict[str, str]:
    """``["a.b=1", ...]`` -> ``{"a.b": "1"}``: config overrides for ``spacy pretrain`` and ``spacy train``."""
    overrides = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise SystemExit(f"--set takes SECTION.KEY=VALUE, not {pair!r}")
        overrides[key] = value
    return overrides


def cli_overrides(overrides: dict[str, str]) -> list[str]:
    """Config overrides as spaCy command-line arguments (``--a.b 1``)."""
    return [arg for key, value in overrides.items() for arg in (f"--{key}", value)]


def pretrain_tok2vec(corpus: Path, work: Path, vec_model: Path, overrides: dict[str, str]) -> Path:
    """Pretrain the tok2vec on the abstracts unless the last epoch's ``work/pretrain/model{N-1}.bin`` exists."""
    out = work / "pretrain"
    epochs = int(load_config(CONFIG, overrides=overrides, interpolate=False)["pretraining"]["max_epochs"])
    weights = out / f"model{epochs - 1}.bin"
    if weights.exists():
        return weights
    raw = work / "pretrain_text.jsonl"
    with gzip.open(corpus, "rt", encoding="utf8") as fh, raw.open("w", encoding="utf8") as dst:
        for line in fh:
            rec = json.loads(line)
            dst.write(json.dumps({"text": vectors.record_text(rec)}) + "\n")
    run(
        [
            sys.executable,
            "-m",
            "spacy",
            "pretrain",
            str(CONFIG),
            str(out),
            "--paths.raw_text",
            str(raw),
            "--paths.vectors",
            str(vec_model),
            *cli_overrides(overrides),
        ]
    )
    return weights


def train_command(train: Path, dev: Path, vec_model: Path, init_tok2vec: Path, run_dir: Path) -> list[str]:
    """``spacy train`` of the config on ``train``/``dev`` from the pretrained tok2vec, into ``run_dir``."""
    return [
        sys.executable,
        "-m",
        "spacy",
        "train",
        str(CONFIG),
        "--output",
        str(run_dir),
        "--paths.train",
        str(train),
        "--paths.dev",
        str(dev),
        "--paths.vectors",
        str(vec_model),
        "--paths.init_tok2vec",
        str(init_tok2vec),
    ]


def main() -> None:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description="retrain extractors/models/ner")
    ap.add_argument("--gold", type=Path, default=prepare.DEFAULT_GOLD)
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus/corpus_sample_20k.jsonl.gz"))
    ap.add_argument("--work", type=Path, default=Path("/tmp/kgner"))
    ap.add_argument("--out", type=Path, default=Path("extractors/models/ner"))
    ap.add_argument("--max-steps", type=int, default=None)
    ap.add_argument("--no-verifier", action="store_true", help="do not retrain the span verifier")
    ap.add_argument(
        "--silver",
        type=Path,
        default=None,
        help="silver abstracts to train on too (python -m extractors.training.silver)",
    )
    ap.add_argument(
        "--member-of",
        type=Path,
        default=None,
        metavar="MODEL",
        help="train an ensemble member of MODEL on its vectors and add it as MODEL/members/NAME (not --out)",
    )
    ap.add_argument("--name", default="member", help="the member's name, with --member-of")
    ap.add_argument(
        "--weights",
        type=prepare.parse_weights,
        default={},
        help="per-corpus repeat counts over prepare's defaults, e.g. scirex_full=1 (see extractors.training.prepare)",
    )
    add_set_option(ap, "pretraining and training")
    args = ap.parse_args()
    overrides = parse_overrides(args.overrides)

    vec_model = build_vectors(args.corpus, args.work, source=args.member_of)
    init_tok2vec = pretrain_tok2vec(args.corpus, args.work, vec_model, overrides)
    data = args.work / "corpus"
    stats = prepare.build(args.gold, data, weights=args.weights, silver=args.silver)
    print("prepared docs:", dict(stats.docs), flush=True)
    run_dir = args.work / "run"
    cmd = train_command(data / "train.spacy", data / "dev.spacy", vec_model, init_tok2vec, run_dir)
    if args.max_steps:
        cmd += ["--training.max_steps", str(args.max_steps)]
    cmd += cli_overrides(overrides)
    run(cmd)
    if args.member_of is not None:
        target = add_member(args.member_of, run_dir / "model-best", args.name)
        print(f"added {target}", flush=True)
        return
    install(run_dir / "model-best", args.out, args.gold, verifier=not args.no_verifier)


def install(best: Path, out: Path, gold: Path, verifier: bool = True) -> None:
    """Copy a trained ``best`` pipeline to ``out`` (keeping ``out``'s model card), print its dev scores
    and, with ``verifier``, retrain the span verifier on its token vectors."""
    card = out / "MODEL_CARD.md"
    keep = card.read_text(encoding="utf8") if card.exists() else None
    if out.exists():
        for member in member_dirs(out):
            print(f"removing {member}: an ensemble member of the model being replaced", flush=True)
        shutil.rmtree(out)
    shutil.copytree(best, out)
    if keep is not None:
        card.write_text(keep, encoding="utf8")
    run([sys.executable, "-m", "extractors.training.evaluate_dev", "--model", str(out), "--gold", str(gold)])
    if verifier:
        run([sys.executable, "-m", "extractors.training.verifier", "--gold", str(gold), "--model", str(out)])


if __name__ == "__main__":
    main()

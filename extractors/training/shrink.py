"""Make a trained entity model shallower and teach it to do what the deeper one did (distillation).

``python -m extractors.training.shrink [--source extractors/models/ner] [--drop 3] [--teacher-docs 5000]
[--corpus ../shared/corpus/corpus_sample_20k.jsonl.gz] [--work /tmp/kgshrink] [--out extractors/models/ner]
[--set SECTION.KEY=VALUE ...] [--no-verifier]`` runs, in order:

1. loads ``--source`` (a model made by :mod:`extractors.training.train`) and removes the encoder layers
   ``--drop`` names (0-based, repeatable). spaCy's MaxoutWindowEncoder is a chain of residual layers, so
   the model still runs without one; its weights stay, the config's ``depth`` follows;
2. :mod:`extractors.training.prepare` - gold JSONL -> ``train.spacy``/``dev.spacy``, as ``train`` does;
3. labels ``--teacher-docs`` corpus abstracts (a seeded sample, dev texts left out, as in
   :mod:`extractors.training.silver`) with ``--source`` itself, the teacher: its entities, every other
   token outside. They join the gold training docs (``train_distill.spacy``);
4. ``spacy train extractors/training/finetune.cfg`` with tok2vec and ner sourced from the shallower model
   (1 thread, CPU): the remaining layers learn to do without the dropped one, on gold and on what the
   teacher did on in-domain text;
5. installs ``model-best`` at ``--out``, prints the dev scores and retrains the span verifier, as ``train``.

Each encoder layer costs about a fifth of the model's time (``bench/extract_speed.py``). Fine-tuned on
gold alone, the shallower model lost 3.6 points on SciERC dev; with the teacher's abstracts, 0.6 (model card).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import DocBin
from thinc.api import Model

from extractors.fast_inference import limit_blas_threads, speed_up
from extractors.training import prepare, silver
from extractors.training.train import HERE, add_set_option, cli_overrides, install, parse_overrides, run

FINETUNE_CONFIG = HERE / "finetune.cfg"


def encoder_layers(nlp: Language) -> list[Model]:
    """The residual layers of the ``tok2vec`` component's MaxoutWindowEncoder, in order (a live list)."""
    tok2vec = nlp.get_pipe("tok2vec").model
    encode = tok2vec.layers[-1]  # with_array(chain(residual, ...)) after the embedding
    layers = encode.layers[0].layers
    if not layers or not all(layer.name.startswith("residual(") for layer in layers):
        raise SystemExit("the tok2vec encoder is not a chain of residual layers (spacy.MaxoutWindowEncoder)")
    return layers


def drop_layers(source: Path, drop: list[int] | None, out: Path) -> int:
    """Save ``source`` without the encoder layers ``drop`` (None: the last) at ``out``; the new depth."""
    nlp = spacy.load(source)
    layers = encoder_layers(nlp)
    drop = [len(layers) - 1] if drop is None else drop
    if any(not 0 <= k < len(layers) for k in drop) or len(set(drop)) >= len(layers):
        raise SystemExit(f"--drop takes distinct layers of 0..{len(layers) - 1} and keeps at least one")
    for k in sorted(set(drop), reverse=True):
        del layers[k]
    nlp.config["components"]["tok2vec"]["model"]["encode"]["depth"] = len(layers)
    nlp.to_disk(out)
    return len(layers)


def teacher_docs(teacher: Path, corpus: Path, gold: Path, limit: int) -> DocBin:
    """``limit`` corpus abstracts (no dev text) as the ``teacher`` model labels them, for training."""
    nlp = spacy.load(teacher)
    speed_up(nlp)
    texts = silver.abstracts_off_dev(corpus, silver.dev_fingerprints(gold), limit)
    docs = DocBin(store_user_data=False)
    with limit_blas_threads(1):
        for doc in nlp.pipe(texts, batch_size=64):
            docs.add(doc)  # its entities, every other token "outside"
    return docs


def main() -> None:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description="drop encoder layers of a trained entity model and fine-tune it")
    ap.add_argument("--source", type=Path, default=Path("extractors/models/ner"))
    ap.add_argument(
        "--drop",
        type=int,
        action="append",
        default=None,
        help="encoder layer to remove, 0-based (repeatable; default: the last)",
    )
    ap.add_argument("--gold", type=Path, default=prepare.DEFAULT_GOLD)
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus/corpus_sample_20k.jsonl.gz"))
    ap.add_argument(
        "--teacher-docs",
        type=int,
        default=5000,
        help="corpus abstracts labelled by --source to train on besides the gold (0: gold only)",
    )
    ap.add_argument("--work", type=Path, default=Path("/tmp/kgshrink"))
    ap.add_argument("--out", type=Path, default=Path("extractors/models/ner"))
    ap.add_argument("--no-verifier", action="store_true", help="do not retrain the span verifier")
    add_set_option(ap, "fine-tuning")
    args = ap.parse_args()
    overrides = parse_overrides(args.overrides)

    args.work.mkdir(parents=True, exist_ok=True)
    shallow = args.work / "shallow"
    new_depth = drop_layers(args.source, args.drop, shallow)
    print(f"encoder depth {new_depth + (len(set(args.drop)) if args.drop else 1)} -> {new_depth}", flush=True)
    data = args.work / "corpus"
    stats = prepare.build(args.gold, data)
    print("prepared docs:", dict(stats.docs), flush=True)
    train = DocBin(store_user_data=False).from_disk(data / "train.spacy")
    if args.teacher_docs:
        labelled = teacher_docs(args.source, args.corpus, args.gold, args.teacher_docs)
        print(f"teacher docs: {len(labelled)}", flush=True)
        train.merge(labelled)
    train.to_disk(data / "train_distill.spacy")
    run_dir = args.work / "run"
    run(
        [
            sys.executable,
            "-m",
            "spacy",
            "train",
            str(FINETUNE_CONFIG),
            "--output",
            str(run_dir),
            "--paths.train",
            str(data / "train_distill.spacy"),
            "--paths.dev",
            str(data / "dev.spacy"),
            "--paths.vectors",
            str(shallow),
            "--paths.source",
            str(shallow),
            *cli_overrides(overrides),
        ]
    )
    install(run_dir / "model-best", args.out, args.gold, verifier=not args.no_verifier)


if __name__ == "__main__":
    main()

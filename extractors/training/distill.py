"""Train several entity models, and one model that does what they do together (ensemble distillation).

``python -m extractors.training.distill [--gold ../shared/gold] [--corpus
../shared/corpus/corpus_sample_20k.jsonl.gz] [--work /tmp/kgdistill] [--out extractors/models/ner]
[--teachers 4] [--abstracts 10000] [--sentences 0] [--gold-repeat 3] [--set SECTION.KEY=VALUE ...] [--no-verifier]``
runs, in order (each stage is skipped when its output exists in ``--work``, so a cut run resumes):

1. floret vectors, ``spacy pretrain`` and the gold data, as :mod:`extractors.training.train` does;
2. ``--teachers`` models of ``extractors/training/config.cfg`` from the same pretrained tok2vec, with
   ``system.seed`` 0, 1, ... (one ``spacy train`` each, 1 thread);
3. labels ``--abstracts`` corpus abstracts (a seeded sample, no dev text, as in
   :mod:`extractors.training.silver`) and ``--sentences`` sentences of the full-text train splits
   (SciNLP, SciREX, SciER train: raw text only, no dev text) with the teachers as one ensemble: each
   NER step takes the action of the highest summed log probability (:class:`extractors.greedy_ner.GreedyNER`
   with members). The entities found are the labels, every other token outside;
4. trains the student (the same config, seed 0, ``STUDENT_STEPS`` steps) on the gold mix, ``--gold-repeat``
   times over, plus those docs;
5. installs its ``model-best`` at ``--out``, prints the dev scores and retrains the span verifier.

The student costs what one model costs at run time; the ensemble would cost ``--teachers`` times as much.
Measured (model card, "Ensembles and ensemble distillation", session 31): the four-model ensemble beats each of
its members on all four dev sets, the student keeps its SciER/SciNLP gain but only part of its TDMSci gain.
Not the recipe of the shipped model.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import DocBin, Span

from extractors.fast_inference import limit_blas_threads, speed_up
from extractors.greedy_ner import GreedyNER
from extractors.training import prepare, silver
from extractors.training.train import (
    add_set_option,
    build_vectors,
    cli_overrides,
    install,
    parse_overrides,
    pretrain_tok2vec,
    run,
    train_command,
)

FULL_TEXT_SPLITS = ("scinlp/train.jsonl", "scirex/train.jsonl", "scier/train.jsonl")
STUDENT_STEPS = 5000  # gold x3 plus 10k abstracts: spaCy's dev score was still rising at 4,000
GOLD_REPEAT = 3  # the gold mix three times over, so the ensemble-labelled text does not drown it
BATCH = 64
SEED = 5


def full_text_sentences(gold: Path, dev_text: str, limit: int, seed: int = SEED) -> list[str]:
    """A seeded sample of ``limit`` sentences (8 words or more) of the full-text train splits, none in a dev text."""
    pool = []
    for name in FULL_TEXT_SPLITS:
        if not (gold / name).exists():
            continue
        for rec in prepare.read_jsonl(gold / name):
            for sub in prepare.split_sentences(rec):
                text = sub["text"].strip()
                norm = silver._norm(text)
                if len(text.split()) >= 8 and len(norm) > 30 and norm not in dev_text:
                    pool.append(text)
    random.Random(seed).shuffle(pool)
    return pool[:limit]


def load_ensemble(paths: list[Path]) -> tuple[list[Language], GreedyNER]:
    """The teacher pipelines (one vocab: they share the floret vectors) and their ensemble decoder."""
    first = spacy.load(paths[0])
    models = [first] + [spacy.load(path, vocab=first.vocab) for path in paths[1:]]
    for model in models:
        speed_up(model)
    decoder = GreedyNER(models[0].get_pipe("ner"), [model.get_pipe("ner") for model in models[1:]])
    return models, decoder


def ensemble_docs(models: list[Language], decoder: GreedyNER, texts: list[str]) -> DocBin:
    """``texts`` as docs whose entities are the ensemble's (every other token outside)."""
    docs_out = DocBin(store_user_data=False)
    with limit_blas_threads(1):
        for start in range(0, len(texts), BATCH):
            docs = [models[0].make_doc(text) for text in texts[start : start + BATCH]]
            docs, tables = decoder.encode(docs, [[model.get_pipe("tok2vec")] for model in models])
            for doc, found in zip(docs, decoder(docs, None, tables), strict=True):
                doc.ents = [Span(doc, s, e, label=label) for s, e, label in found]
                docs_out.add(doc)
    return docs_out


def train_model(
    data: Path, train_file: Path, init: Path, vec_model: Path, run_dir: Path, overrides: dict[str, str]
) -> Path:
    """One ``spacy train`` of the config into ``run_dir`` (skipped if its ``model-best`` exists)."""
    best = run_dir / "model-best"
    if (best / "meta.json").exists():
        return best
    run([*train_command(train_file, data / "dev.spacy", vec_model, init, run_dir), *cli_overrides(overrides)])
    return best


def main() -> None:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description="train teacher models and distil their ensemble into one model")
    ap.add_argument("--gold", type=Path, default=prepare.DEFAULT_GOLD)
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus/corpus_sample_20k.jsonl.gz"))
    ap.add_argument("--work", type=Path, default=Path("/tmp/kgdistill"))
    ap.add_argument("--out", type=Path, default=Path("extractors/models/ner"))
    ap.add_argument("--teachers", type=int, default=4, help="models in the teacher ensemble (seeds 0..N-1)")
    ap.add_argument("--abstracts", type=int, default=10000, help="corpus abstracts the ensemble labels")
    ap.add_argument(
        "--sentences",
        type=int,
        default=0,
        help="full-text train sentences the ensemble labels (6,000 tried: model card)",
    )
    ap.add_argument("--gold-repeat", type=int, default=GOLD_REPEAT, help="copies of the gold mix the student sees")
    ap.add_argument("--no-verifier", action="store_true", help="do not retrain the span verifier")
    add_set_option(ap, "pretraining and training")
    args = ap.parse_args()
    if args.teachers < 1:
        raise SystemExit("--teachers takes 1 or more")
    overrides = parse_overrides(args.overrides)

    vec_model = build_vectors(args.corpus, args.work)
    init = pretrain_tok2vec(args.corpus, args.work, vec_model, overrides)
    data = args.work / "corpus"
    if not (data / "train.spacy").exists():
        print("prepared docs:", dict(prepare.build(args.gold, data).docs), flush=True)
    teachers = [
        train_model(
            data, data / "train.spacy", init, vec_model, args.work / f"teacher{k}", {**overrides, "system.seed": str(k)}
        )
        for k in range(args.teachers)
    ]
    labelled = data / "train_distill.spacy"
    if not labelled.exists():
        dev_text = silver.dev_fingerprints(args.gold)
        texts = silver.abstracts_off_dev(args.corpus, dev_text, args.abstracts)
        texts += full_text_sentences(args.gold, dev_text, args.sentences)
        models, decoder = load_ensemble(teachers)
        gold_docs = DocBin(store_user_data=False).from_disk(data / "train.spacy")
        train = DocBin(store_user_data=False)
        for _ in range(args.gold_repeat):
            train.merge(gold_docs)
        taught = ensemble_docs(models, decoder, texts)
        print(f"ensemble-labelled docs: {len(taught)}", flush=True)
        train.merge(taught)
        train.to_disk(labelled)
    student_overrides = {"training.max_steps": str(STUDENT_STEPS), **overrides, "system.seed": "0"}
    student = train_model(data, labelled, init, vec_model, args.work / "student", student_overrides)
    install(student, args.out, args.gold, verifier=not args.no_verifier)


if __name__ == "__main__":
    main()

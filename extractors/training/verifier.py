"""Train the span verifier (:mod:`extractors.verifier`) on the gold train splits.

``python -m extractors.training.verifier [--gold ../shared/gold] [--out extractors/models/verifier/verifier.npz]``

1. Runs the shipped extractor pipeline (entity model included) over the training records of
   :data:`WEIGHTS` (SciERC train, TDMSci train minus the dev slice, SciREX abstracts, SciER train,
   GSAP-NER folds; never a dev or test record) and keeps each doc's token vectors (``doc.tensor``)
   and its candidates (span groups ``ner``, ``kb``, ``patterns``).
2. Spans to learn from, per doc: every gold span, every candidate, every n-gram of at most
   ``MAX_LENGTH`` tokens that overlaps a gold span (near misses teach boundaries), and a random
   ``NEGATIVE_RATE`` of the other n-grams.
3. Targets: 1 for a type where the span is gold with that type, else 0. A type the corpus does not
   annotate (TDMSci: Method; SciER and GSAP: Metric; see ``prepare.UNANNOTATED``) carries no loss,
   nor does a span of a type the corpus leaves open (GSAP's generic models and datasets). Rows are
   weighted by their corpus's weight.
4. ``MEMBERS`` two-layer networks (ReLU hidden layer, one sigmoid per type) are trained from
   different seeds with Adam and binary cross-entropy (thinc); their weights are written as one
   ``.npz`` and the component averages their probabilities.

The token vectors come from the same model that was trained on these records, so they are cleaner
here than on new text (hence SciER and GSAP-NER, which it never saw); the component's ``drop_below``,
``entity_above`` and ``mix`` were chosen on the dev data (``kg eval``), never on these records.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

import numpy as np
from spacy.tokens import Doc
from thinc.api import Adam, Dropout, Linear, Relu, chain, fix_random_seed

from extractors.training import prepare
from extractors.verifier import MAX_LENGTH, SpanVerifier, span_features, verifier_path_for

LABELS = list(prepare.LABELS)
NEGATIVE_RATE = 0.1
HIDDEN = 128
INPUT_DROPOUT = 0.0
EPOCHS = 6
BATCH = 256
SEED = 7
MEMBERS = 3
# Row weights per corpus. The entity model's own mix (SciERC, TDMSci, SciREX, at 3x the model's repeat
# counts) plus SciER and GSAP-NER, which the model never saw: their token vectors look like those of
# new text, so the verifier learns how sure to be there; at weight 1 their conventions do not take over
# (trained on SciER and GSAP alone the verifier scored 0.31 on SciERC dev).
WEIGHTS: dict[str, int] = {"scierc": 12, "tdmsci": 15, "scirex": 3, "scier": 1, "gsap_ner": 1, "scinlp": 0}


def doc_examples(doc: Doc, rec: dict, corpus: str, rng: random.Random) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features, targets, mask) for one processed doc and its gold record."""
    gold: dict[tuple[int, int], set[str]] = {}
    unknown: set[tuple[int, int]] = set()  # spans of a type the corpus marks as neither yes nor no
    missing_types = prepare.MISSING_TYPES_BY_CORPUS.get(corpus, set())
    for ent in rec["entities"]:
        if ent["type"] not in LABELS and ent["type"] not in missing_types:
            continue
        span = doc.char_span(ent["start"], ent["end"], alignment_mode="expand")
        if span is None or not len(span):
            continue
        if ent["type"] in LABELS:
            gold.setdefault((span.start, span.end), set()).add(ent["type"])
        else:
            unknown.add((span.start, span.end))
    spans = set(gold)
    for key in ("ner", "kb", "patterns"):
        spans.update((s.start, s.end) for s in doc.spans.get(key, []))
    n = len(doc)
    covered = np.zeros(n + 1, dtype=bool)
    for s, e in gold:
        covered[s:e] = True
    for start in range(n):
        if doc[start].is_space:
            continue
        for end in range(start + 1, min(n, start + MAX_LENGTH) + 1):
            if doc[end - 1].is_space:
                break
            if covered[start:end].any() or rng.random() < NEGATIVE_RATE:
                spans.add((start, end))
    ordered = sorted(spans)
    starts = np.array([s for s, _ in ordered])
    ends = np.array([e for _, e in ordered])
    targets = np.zeros((len(ordered), len(LABELS)), dtype=np.float32)
    mask = np.ones_like(targets)
    for row, key in enumerate(ordered):
        for label in gold.get(key, ()):
            targets[row, LABELS.index(label)] = 1.0
        if key in unknown and key not in gold:
            mask[row] = 0.0
    for label in prepare.UNANNOTATED.get(corpus, set()):
        mask[:, LABELS.index(label)] = 0.0
    return span_features(doc.tensor, starts, ends), targets, mask


def collect(
    gold: Path, weights: dict[str, int], model: Path | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, Counter]:
    """Examples from all weighted training corpora: (features, targets, mask * row weight), counts.

    ``model`` is the entity model whose token vectors are used (default: the shipped one).
    """
    from extractors.pipeline import build_pipeline

    overrides: dict[str, object] = {}
    if model is not None:
        overrides["components.ner.model_path"] = str(model)
    nlp = build_pipeline(overrides=overrides)
    nlp.remove_pipe("verifier")  # the candidates and doc.tensor as the model left them, whatever weights exist
    rng = random.Random(SEED)
    feats, targets, masks = [], [], []
    counts: Counter = Counter()
    for corpus, records in prepare.train_records(gold).items():
        weight = weights.get(corpus, 0)
        if weight <= 0:
            continue
        subs = [sub for rec in records for sub in prepare.split_sentences(rec) if sub["text"].strip()]
        for sub, doc in zip(subs, nlp.pipe(sub["text"] for sub in subs), strict=True):
            x, y, m = doc_examples(doc, sub, corpus, rng)
            feats.append(x)
            targets.append(y)
            masks.append(m * weight)
            counts[(corpus, "docs")] += 1
            counts[(corpus, "spans")] += len(x)
            counts[(corpus, "positive")] += int(y.max(axis=1).sum()) if len(y) else 0
    return np.vstack(feats), np.vstack(targets), np.vstack(masks), counts


def train(
    x: np.ndarray,
    y: np.ndarray,
    mask: np.ndarray,
    epochs: int = EPOCHS,
    hidden: int = HIDDEN,
    input_dropout: float = INPUT_DROPOUT,
    seed: int = SEED,
) -> tuple[np.ndarray, ...]:
    """Fit one network with Adam on masked, weighted binary cross-entropy; return (W1, b1, W2, b2)."""
    fix_random_seed(seed)
    model = chain(
        Dropout(input_dropout), Relu(nO=hidden, nI=x.shape[1]), Dropout(0.2), Linear(nO=y.shape[1], nI=hidden)
    )
    model.initialize(X=x[:10], Y=y[:10])
    optimizer = Adam(0.001)
    order = np.arange(len(x))
    rng = np.random.default_rng(seed)
    norm = mask.sum() / len(mask)
    for epoch in range(epochs):
        rng.shuffle(order)
        total = 0.0
        for begin in range(0, len(order), BATCH):
            idx = order[begin : begin + BATCH]
            logits, backprop = model.begin_update(x[idx])
            probs = 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))
            m = mask[idx]
            eps = 1e-7
            loss = -(m * (y[idx] * np.log(probs + eps) + (1 - y[idx]) * np.log(1 - probs + eps))).sum()
            total += float(loss)
            backprop(((probs - y[idx]) * m / (len(idx) * norm)).astype(np.float32))
            model.finish_update(optimizer)
        print(f"epoch {epoch}: loss {total / mask.sum():.4f}", flush=True)
    relu, linear = model.layers[1], model.layers[3]
    return relu.get_param("W"), relu.get_param("b"), linear.get_param("W"), linear.get_param("b")


def train_members(x: np.ndarray, y: np.ndarray, mask: np.ndarray, members: int = MEMBERS, **kwargs) -> SpanVerifier:
    """Train ``members`` networks from different seeds; the verifier averages their probabilities."""
    nets = [train(x, y, mask, seed=SEED + k, **kwargs) for k in range(members)]
    w1, b1, w2, b2 = (np.stack([net[i] for net in nets]) for i in range(4))
    return SpanVerifier(w1, b1, w2, b2, LABELS)


def main() -> None:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description="train the span verifier")
    ap.add_argument("--gold", type=Path, default=prepare.DEFAULT_GOLD)
    ap.add_argument(
        "--out",
        type=Path,
        default=None,
        help="default: models/verifier/verifier.npz for the shipped model, else MODEL/verifier.npz",
    )
    ap.add_argument("--model", type=Path, default=None, help="entity model (default: extractors/models/ner)")
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    ap.add_argument("--hidden", type=int, default=HIDDEN)
    ap.add_argument("--members", type=int, default=MEMBERS)
    ap.add_argument("--input-dropout", type=float, default=INPUT_DROPOUT)
    ap.add_argument(
        "--weights",
        type=prepare.parse_weights,
        default={},
        help="per-corpus row weights, e.g. scier=0 (default: WEIGHTS)",
    )
    args = ap.parse_args()
    x, y, mask, counts = collect(args.gold, {**WEIGHTS, **args.weights}, args.model)
    print("examples:", dict(sorted(counts.items())), flush=True)
    verifier = train_members(
        x, y, mask, args.members, epochs=args.epochs, hidden=args.hidden, input_dropout=args.input_dropout
    )
    out = args.out or verifier_path_for(args.model)
    verifier.to_disk(out)
    print("wrote", out)


if __name__ == "__main__":
    main()

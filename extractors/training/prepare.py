"""Convert the gold JSON Lines corpora into spaCy DocBins for the entity model.

Labels are exactly ``Method``, ``Dataset``, ``Metric`` and ``Task`` (the mapped
``type`` of each gold entity; see each corpus's ``SOURCE.md``). Choices:

* **Which data.** Only train/dev splits are read; no test split is opened.
  The shipped model (``DEFAULT_WEIGHTS``) trains on SciERC train, TDMSci train
  minus a held-out slice (every 5th sentence) and SciREX ``abstract_train``.
  SciER train, SciNLP train and GSAP-NER ``fold_0..7`` are supported (weights
  > 0 via ``--weights``) but off by default: on dev, a mix with them scored
  lower on SciERC/TDMSci (SciER 0.46 vs 0.50 SciERC micro F1; SciNLP train is
  sparsely annotated; GSAP's ML-model conventions differ), and a two-stage
  "mix, then fine-tune on the target corpora" run was no better than the
  targets alone. GSAP folds are CV *test* folds of one corpus, the only copy
  here; since no GSAP data is used for evaluation they would be usable.
  SciREX full-text ``train.jsonl`` is off too: ``scirex_full`` is a random quarter
  of its body sentences (after title and abstract, which ``abstract_train`` has;
  the body is noisier and 17x larger), ``scirex_full_tdm`` the same sentences with
  their Method mentions left open; both raised the model alone on SciERC dev and
  neither the whole pipeline on the TDMSci slice (session 33, see the model card).
  ``dataset_mentions`` (Heddes et al.'s dataset-mention sentences, Dataset only:
  the other three types are unannotated, so their gazetteer names and acronym-like
  tokens are set missing) is off: it raised the model alone on the TDMSci slice
  and lowered it on SciERC and SciER (session 35, see the model card).
  Not used at all: ``nlp_tdms`` (no text).
  ``gazetteer`` only serves to mark missing labels (below).
* **Dev data** (kept out of training): SciERC dev, the TDMSci slice, SciER dev,
  SciNLP dev; see :func:`dev_records`.
* **Non-target gold types.** SciERC ``Generic``/``Other`` and SciNLP ``Tool`` are
  annotated as "not one of the four", so their tokens are *outside* (O). GSAP
  ``Generic`` (MLModelGeneric/DatasetGeneric), ``URL`` and ``ReferenceLink`` are
  set *missing*: GSAP's generic models/datasets ("multilingual language
  models", "filtered CommonCrawl data") are what SciERC calls Method/Material.
* **Partial annotation.** A corpus that does not annotate a type (TDMSci: Method;
  SciER and GSAP: Metric; ``dataset_mentions``: all but Dataset) gets the tokens
  of every unannotated phrase that the gazetteer lists under that type set
  *missing* instead of O, so the model is
  not taught that "BLEU" (SciER) or "LSTM" (TDMSci) is not an entity. For
  TDMSci and ``dataset_mentions`` also every token with an inner capital or digit
  run that is not gold (acronyms, model names such as "BiLSTM") is set missing.
* **Silver data** (self-training, off by default: ``--silver FILE`` from
  :mod:`extractors.training.silver`): abstracts labelled by the shipped pipeline,
  corpus ``silver``. Its sure entities are positives; its ``uncertain`` entities,
  every gazetteer name of any type and every acronym-like token that no sure
  entity covers are set missing, since the pipeline finds only about half of
  what an annotator would: only the rest is taught as O.
* **Nested gold.** spaCy NER is flat: among overlapping gold spans the longest
  wins (ties: earliest), which matches the usual flattening of SciERC.
* **Alignment.** Offsets are mapped with ``doc.char_span(alignment_mode=
  "expand")``; spans that still fail are skipped and counted.
* **Long documents.** Full texts (SciER, SciNLP) are cut into their gold
  sentences; documents without any entity are kept with probability
  ``EMPTY_KEEP``. GSAP paragraphs are used as they are.
* **Oversampling.** SciERC and TDMSci (the corpora whose conventions the model
  is judged on) are repeated ``weights`` times in the training DocBin.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, DocBin, Span

from extractors.sentences import SentenceSplitter
from extractors.text_repair import repair_record
from extractors.tokenizer import blank_english

LABELS: tuple[str, ...] = ("Method", "Dataset", "Metric", "Task")
DEFAULT_GOLD = Path("../shared/gold")
EMPTY_KEEP = 0.3
SEED = 13
TDMSCI_DEV_EVERY = 5

# Gold types that mean "annotated, but not one of the four": tokens become O.
OUTSIDE_TYPES = {"Generic", "Other", "Tool"}
# Gold types whose tokens are neither positive nor negative (set missing).
MISSING_TYPES_BY_CORPUS: dict[str, set[str]] = {"gsap_ner": {"Generic", "URL", "ReferenceLink"}}
# Target types a corpus does not annotate at all.
UNANNOTATED: dict[str, set[str]] = {
    "tdmsci": {"Method"},
    "scier": {"Metric"},
    "gsap_ner": {"Metric"},
    "scirex_full_tdm": {"Method"},
    "dataset_mentions": {"Method", "Metric", "Task"},
}
DEFAULT_WEIGHTS: dict[str, int] = {
    "scierc": 4,
    "tdmsci": 5,
    "scier": 0,
    "scinlp": 0,
    "scirex": 1,
    "scirex_full": 0,
    "scirex_full_tdm": 0,
    "gsap_ner": 0,
    "dataset_mentions": 0,
    "silver": 1,
}
# Share of the SciREX body sentences (after title and abstract) that ``scirex_full`` keeps (random, SEED).
SCIREX_FULL_KEEP = 0.25
# Corpora whose annotation is partial for every type: gazetteer names and acronym-like tokens that are
# not entities are set missing rather than O.
PARTIAL: frozenset[str] = frozenset(["silver"])
# Corpora without Method annotation whose acronym-like tokens (model names) that are not gold are set missing.
CAPS_MISSING: frozenset[str] = frozenset(["tdmsci", "dataset_mentions"])
_CAPS = re.compile(r"^(?=.*[A-Z])(?=.*([A-Z].*[A-Z]|\d))[A-Za-z0-9\-]+$")


@dataclass
class Stats:
    """Counters of what the conversion did."""

    docs: Counter = field(default_factory=Counter)
    ents: Counter = field(default_factory=Counter)
    misaligned: Counter = field(default_factory=Counter)
    expanded: Counter = field(default_factory=Counter)
    overlaps_dropped: Counter = field(default_factory=Counter)
    missing_marked: Counter = field(default_factory=Counter)


def read_jsonl(path: Path) -> list[dict]:
    """Read one JSON Lines gold file."""
    with path.open(encoding="utf8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def tdmsci_split(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """Split TDMSci train into (train, dev): every ``TDMSCI_DEV_EVERY``-th sentence is dev."""
    train = [r for i, r in enumerate(rows) if i % TDMSCI_DEV_EVERY]
    dev = [r for i, r in enumerate(rows) if not i % TDMSCI_DEV_EVERY]
    return train, dev


def body_sentences(rec: dict, splitter: SentenceSplitter, nlp: Language) -> Iterator[dict]:
    """The sentences of a SciREX full text after its first two sections (title and abstract, which
    ``abstract_train`` already has), as records with shifted offsets; a sentence boundary inside an
    entity joins the two sentences."""
    sections = rec.get("sections") or []
    start = sections[2][0] if len(sections) > 2 else len(rec["text"])
    body = rec["text"][start:]
    doc = splitter(nlp.make_doc(body))
    inside = [False] * (len(body) + 1)
    for ent in rec["entities"]:
        for i in range(max(ent["start"] - start, 0) + 1, max(ent["end"] - start, 0)):
            inside[i] = True
    cuts = [sent.start_char for sent in doc.sents if not inside[sent.start_char]] + [len(body)]
    ents = sorted((e for e in rec["entities"] if e["start"] >= start), key=lambda e: e["start"])
    for k, (s, e) in enumerate(itertools.pairwise(cuts)):
        sub = [
            {**ent, "start": ent["start"] - start - s, "end": ent["end"] - start - s}
            for ent in ents
            if s <= ent["start"] - start and ent["end"] - start <= e
        ]
        yield repair_record({"id": f"{rec['id']}#b{k}", "text": body[s:e], "entities": sub})


def scirex_body(gold: Path, keep: float = SCIREX_FULL_KEEP) -> list[dict]:
    """A random ``keep`` share of the body sentences of SciREX ``train.jsonl`` (see :func:`body_sentences`)."""
    nlp = blank_english()
    splitter = SentenceSplitter(nlp)
    rng = random.Random(SEED)
    return [
        sent
        for rec in read_jsonl(gold / "scirex/train.jsonl")
        for sent in body_sentences(rec, splitter, nlp)
        if rng.random() < keep
    ]


def without_type(records: list[dict], typ: str) -> list[dict]:
    """``records`` with their ``typ`` entities flagged ``uncertain`` (trained as missing: no loss either way)."""
    return [
        {**rec, "entities": [{**e, "uncertain": True} if e["type"] == typ else e for e in rec["entities"]]}
        for rec in records
    ]


def train_records(gold: Path, weights: dict[str, int] | None = None) -> dict[str, list[dict]]:
    """Training records per corpus (never a test split, never a dev record); the SciREX body sentences only
    when ``weights`` switch ``scirex_full`` or ``scirex_full_tdm`` on (they are large)."""
    on = {name for name, weight in (weights or {}).items() if weight > 0}
    body = scirex_body(gold) if on & {"scirex_full", "scirex_full_tdm"} else []
    out: dict[str, list[dict]] = {
        "scierc": read_jsonl(gold / "scierc/train.jsonl"),
        "tdmsci": tdmsci_split(read_jsonl(gold / "tdmsci/train.jsonl"))[0],
        "scier": read_jsonl(gold / "scier/train.jsonl"),
        "scinlp": read_jsonl(gold / "scinlp/train.jsonl"),
        "scirex": read_jsonl(gold / "scirex/abstract_train.jsonl"),
        "gsap_ner": [],
        "dataset_mentions": read_jsonl(gold / "dataset_mentions_heddes/train.jsonl"),
        "scirex_full": body,
        "scirex_full_tdm": without_type(body, "Method"),
    }
    for fold in sorted((gold / "gsap_ner").glob("fold_*.jsonl")):
        out["gsap_ner"].extend(read_jsonl(fold))
    return out


def dev_records(gold: Path) -> dict[str, list[dict]]:
    """Dev records per corpus, as whole gold records (nested spans kept)."""
    return {
        "scierc": read_jsonl(gold / "scierc/dev.jsonl"),
        "tdmsci": tdmsci_split(read_jsonl(gold / "tdmsci/train.jsonl"))[1],
        "scier": read_jsonl(gold / "scier/dev.jsonl"),
        "scinlp": read_jsonl(gold / "scinlp/dev.jsonl"),
    }


def split_sentences(rec: dict) -> Iterator[dict]:
    """Yield one sub-record per gold sentence, with entity offsets shifted, and its text repaired as ``kg extract``
    repairs it (:func:`extractors.text_repair.repair_record`: ligatures, words broken at line ends)."""
    sents = rec.get("sentences")
    if not sents or rec.get("granularity") != "full-text":
        yield repair_record(rec)
        return
    ents = sorted(rec["entities"], key=lambda e: e["start"])
    for k, (s, e) in enumerate(sents):
        sub = [
            {**ent, "start": ent["start"] - s, "end": ent["end"] - s}
            for ent in ents
            if ent["start"] >= s and ent["end"] <= e
        ]
        yield repair_record({"id": f"{rec['id']}#s{k}", "text": rec["text"][s:e], "entities": sub})


def flatten(spans: list[Span]) -> tuple[list[Span], int]:
    """Keep a non-overlapping subset of spans, longest first; return (kept, dropped)."""
    taken: set[int] = set()
    kept: list[Span] = []
    for sp in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if any(i in taken for i in range(sp.start, sp.end)):
            continue
        kept.append(sp)
        taken.update(range(sp.start, sp.end))
    return sorted(kept, key=lambda s: s.start), len(spans) - len(kept)


def gazetteer_matcher(nlp: Language, gold: Path) -> dict[str, PhraseMatcher]:
    """One lower-cased PhraseMatcher per type from ``gazetteer/gazetteer.jsonl`` names."""
    matchers = {lab: PhraseMatcher(nlp.vocab, attr="LOWER") for lab in LABELS}
    path = gold / "gazetteer/gazetteer.jsonl"
    if not path.exists():
        return matchers
    names: dict[str, set[str]] = {lab: set() for lab in LABELS}
    for row in read_jsonl(path):
        if row.get("type") in names:
            for name in [row["name"], *row.get("aliases", [])]:
                if 1 < len(name) <= 60:
                    names[row["type"]].add(name.lower())
    for lab, vals in names.items():
        matchers[lab].add(lab, list(nlp.tokenizer.pipe(sorted(vals))))
    return matchers


def make_doc(
    nlp: Language,
    rec: dict,
    corpus: str,
    stats: Stats,
    matchers: dict[str, PhraseMatcher] | None = None,
) -> Doc:
    """Build one training Doc: gold ents, O tokens, and missing tokens (see module doc)."""
    doc = nlp.make_doc(rec["text"])
    positives: list[Span] = []
    outside: list[Span] = []
    missing: list[Span] = []
    missing_types = MISSING_TYPES_BY_CORPUS.get(corpus, set())
    for ent in rec["entities"]:
        typ = ent["type"]
        if typ not in LABELS and typ not in OUTSIDE_TYPES and typ not in missing_types:
            missing_types = missing_types | {typ}
        sp = doc.char_span(ent["start"], ent["end"], label=typ if typ in LABELS else "")
        if sp is None:
            sp = doc.char_span(ent["start"], ent["end"], label=typ if typ in LABELS else "", alignment_mode="expand")
            if sp is None or len(sp) == 0:
                stats.misaligned[corpus] += 1
                continue
            stats.expanded[corpus] += 1
        if ent.get("uncertain"):
            missing.append(sp)
        elif typ in LABELS:
            positives.append(sp)
        elif typ in missing_types:
            missing.append(sp)
        else:
            outside.append(sp)
    ents, dropped = flatten(positives)
    stats.overlaps_dropped[corpus] += dropped
    covered = {i for sp in ents for i in range(sp.start, sp.end)}
    for typ in set(LABELS) if corpus in PARTIAL else UNANNOTATED.get(corpus, set()):
        if matchers is not None:
            for _, s, e in matchers[typ](doc):
                missing.append(doc[s:e])
    if corpus in CAPS_MISSING or corpus in PARTIAL:
        missing.extend(doc[t.i : t.i + 1] for t in doc if _CAPS.match(t.text))
    missing_tokens = {i for sp in missing for i in range(sp.start, sp.end) if i not in covered}
    outside_tokens = {i for sp in outside for i in range(sp.start, sp.end)} - covered
    missing_tokens -= outside_tokens
    stats.missing_marked[corpus] += len(missing_tokens)
    doc.set_ents(
        ents,
        missing=[doc[i : i + 1] for i in sorted(missing_tokens)],
        default="outside",
    )
    for sp in ents:
        stats.ents[(corpus, sp.label_)] += 1
    stats.docs[corpus] += 1
    return doc


def corpus_docs(
    nlp: Language,
    corpus: str,
    records: Iterable[dict],
    stats: Stats,
    matchers: dict[str, PhraseMatcher] | None,
    rng: random.Random,
) -> list[Doc]:
    """Convert all records of one corpus, splitting full texts and thinning empty docs."""
    docs = []
    for rec in records:
        for sub in split_sentences(rec):
            if not sub["text"].strip():
                continue
            if not sub["entities"] and rng.random() > EMPTY_KEEP:
                continue
            docs.append(make_doc(nlp, sub, corpus, stats, matchers))
    return docs


def silver_records(path: Path) -> list[dict]:
    """Records of a silver file, their ``uncertain`` entities flagged as such among the ``entities``."""
    return [
        {**rec, "entities": rec["entities"] + [{**e, "uncertain": True} for e in rec.get("uncertain", [])]}
        for rec in read_jsonl(path)
    ]


def build(gold: Path, out: Path, weights: dict[str, int] | None = None, silver: Path | None = None) -> Stats:
    """Write ``train.spacy`` and ``dev.spacy`` (SciERC + TDMSci dev) under ``out``; with ``silver``, its
    records join the training data as corpus ``silver``."""
    weights = {**DEFAULT_WEIGHTS, **(weights or {})}
    nlp = blank_english()
    matchers = gazetteer_matcher(nlp, gold)
    rng = random.Random(SEED)
    stats = Stats()
    train = DocBin(store_user_data=False)
    sources = train_records(gold, weights)
    if silver is not None:
        sources["silver"] = silver_records(silver)
    for corpus, records in sources.items():
        if weights.get(corpus, 0) <= 0:
            continue  # off: not converted at all
        docs = corpus_docs(nlp, corpus, records, stats, matchers, rng)
        for _ in range(weights[corpus]):
            for doc in docs:
                train.add(doc)
    dev = DocBin(store_user_data=False)
    dev_stats = Stats()
    for corpus, records in dev_records(gold).items():
        if corpus in ("scierc", "tdmsci"):
            for doc in corpus_docs(nlp, corpus, records, dev_stats, None, random.Random(0)):
                dev.add(doc)
    out.mkdir(parents=True, exist_ok=True)
    train.to_disk(out / "train.spacy")
    dev.to_disk(out / "dev.spacy")
    return stats


def parse_weights(text: str) -> dict[str, int]:
    """Parse ``scierc=3,tdmsci=2`` into a dict."""
    out = {}
    for part in filter(None, text.split(",")):
        key, val = part.split("=")
        out[key.strip()] = int(val)
    return out


def main() -> None:
    """Command line: ``python -m extractors.training.prepare --gold ../shared/gold --out DIR``."""
    ap = argparse.ArgumentParser(description="gold JSONL -> spaCy DocBins")
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--out", type=Path, default=Path("/tmp/kgner/corpus"))
    ap.add_argument(
        "--weights", type=parse_weights, default={}, help="per-corpus repeat counts, e.g. scierc=3,gsap_ner=0"
    )
    ap.add_argument("--silver", type=Path, default=None, help="silver records (extractors.training.silver)")
    args = ap.parse_args()
    stats = build(args.gold, args.out, args.weights, args.silver)
    print("docs", dict(stats.docs))
    print("ents", dict(sorted(stats.ents.items())))
    print("expanded", dict(stats.expanded), "misaligned (skipped)", dict(stats.misaligned))
    print("overlaps dropped", dict(stats.overlaps_dropped))
    print("missing tokens", dict(stats.missing_marked))


if __name__ == "__main__":
    main()

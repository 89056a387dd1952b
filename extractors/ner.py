"""Run the project's trained entity model and copy its predictions into ``doc.spans["ner"]``.

The model (``extractors/models/ner``, trained by ``extractors/training``) is a spaCy pipeline built on
``spacy.blank("en")``: the same tokenizer as ours, so every prediction maps back token for token. It
may write ``doc.spans[<key>]`` with scores (spancat) or ``doc.ents`` (NER, no per-entity score:
``ents_score`` is used). The model is loaded into the pipeline's own vocab, so its components run on
our docs directly (no copy); a doc from another vocab is copied token for token first. With ``fast`` on
(the default) the model runs with :mod:`extractors.fast_inference` (numpy BLAS held to ``blas_threads``
threads, cached floret lookups and embedding rows) and its NER model is decoded by
:mod:`extractors.greedy_ner` (all sentences of a batch at once): same predictions, 2.9x faster than
spaCy's defaults on the first 2,000 corpus abstracts (``bench/extract_speed.py --no-fast``). A model
directory with ensemble members (``members/``, see :mod:`extractors.ensemble`) is decoded with them as
one ensemble by the same decoder, with or without ``fast``. The main model's
token vectors stay in ``doc.tensor`` for the span verifier (:mod:`extractors.verifier`), which empties
it. Without a model this component adds nothing, so the rest of the pipeline works (and is tested) on its
own.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extractors.candidates import ENTITY_TYPES, add_candidates
from extractors.ensemble import load_members
from extractors.fast_inference import limit_blas_threads, speed_up
from extractors.greedy_ner import GreedyNER, supports

__all__ = ["MODEL_PATH", "NERCandidates"]

MODEL_PATH = Path(__file__).resolve().parent / "models" / "ner"
SPANS_KEY = "ner"
log = logging.getLogger(__name__)


def model_available(path: Path = MODEL_PATH) -> bool:
    """Whether ``path`` holds a loadable spaCy pipeline."""
    return (path / "config.cfg").is_file() and (path / "meta.json").is_file()


class NERCandidates:
    """Wrap the trained pipeline; write its typed spans with scores as candidates."""

    def __init__(
        self,
        nlp: Language,
        name: str = "kg_ner_model",
        model_path: str = "",
        model_spans_key: str = "sc",
        ents_score: float = 0.8,
        min_score: float = 0.0,
        batch_size: int = 64,
        fast: bool = True,
        blas_threads: int = 1,
    ) -> None:
        self.name = name
        self.path = Path(model_path) if model_path else MODEL_PATH
        self.model_spans_key = model_spans_key
        self.ents_score = ents_score
        self.min_score = min_score
        self.batch_size = batch_size
        self.blas_threads = blas_threads if fast else 0
        self.model: Language | None = None
        self.members: list[Language] = []
        self.decoder: GreedyNER | None = None
        self.encoders: list[list[Any]] = []  # per decoder member: its components before the NER
        if model_available(self.path):
            self.model = spacy.load(self.path, vocab=nlp.vocab)
            self.members = load_members(self.path, nlp.vocab)
            if fast:
                for model in (self.model, *self.members):
                    speed_up(model)
            last_name, last = self.model.pipeline[-1]
            if (fast or self.members) and last_name == "ner" and supports(last):
                self.decoder = GreedyNER(last, [member.get_pipe("ner") for member in self.members])
                self.encoders = [[proc for _name, proc in m.pipeline[:-1]] for m in (self.model, *self.members)]
        else:
            log.warning("no entity model at %s: the pipeline runs on rules and KB only", self.path)

    def __call__(self, doc: Doc) -> Doc:
        """Predict on one doc."""
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        """Predict on a stream of docs in batches."""
        if self.model is None:
            for doc in docs:
                add_candidates(doc, SPANS_KEY, [])
                yield doc
            return
        size = batch_size or self.batch_size
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= size:
                yield from self._predict(batch)
                batch = []
        if batch:
            yield from self._predict(batch)

    def _predict(self, docs: list[Doc]) -> Iterator[Doc]:
        assert self.model is not None
        own_vocab = all(d.vocab is self.model.vocab for d in docs)
        decoder = self.decoder if own_vocab else None
        if decoder is not None and self.members:
            segments = decoder.segments(docs)  # an ensemble has no other decoder, however few sentences
        else:
            segments = decoder.plan(docs) if decoder is not None else None
        if decoder is not None and segments is not None:
            with limit_blas_threads(self.blas_threads):
                # the main model runs last: its token vectors stay for the verifier
                docs, tables = decoder.encode(docs, self.encoders)
                entities = decoder(docs, segments, tables)
            for doc, found in zip(docs, entities, strict=True):
                self._add(doc, [(start, end, label, self.ents_score) for start, end, label in found])
                yield doc
            return
        if own_vocab:
            preds: Iterable[Doc] = docs
            for _name, proc in self.model.pipeline:
                preds = proc.pipe(preds, batch_size=len(docs))
        else:
            copies = [
                Doc(self.model.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in docs
            ]
            preds = self.model.pipe(copies, batch_size=len(copies))
        with limit_blas_threads(self.blas_threads):
            predicted = list(preds)
        for doc, pred in zip(docs, predicted, strict=True):
            found = []
            if self.model_spans_key in pred.spans:
                group = pred.spans[self.model_spans_key]
                scores = group.attrs.get("scores")
                scores = [float(s) for s in scores] if scores is not None and len(scores) == len(group) else None
                for k, span in enumerate(group):
                    score = scores[k] if scores else self.ents_score
                    found.append((span.start, span.end, span.label_, score))
            else:
                found = [(e.start, e.end, e.label_, self.ents_score) for e in pred.ents]
            if pred is doc:  # the model ran on our doc: its own annotations do not stay
                doc.ents = []
                doc.spans.pop(self.model_spans_key, None)
            self._add(doc, found)
            yield doc

    def _add(self, doc: Doc, found: list[tuple[int, int, str, float]]) -> None:
        """Write ``(start, end, label, score)`` predictions of the four types as candidates."""
        spans = []
        for start, end, label, score in found:
            if label not in ENTITY_TYPES or score < self.min_score:
                continue
            span = doc[start:end]
            span.label_, span.id_ = label, "ner"
            spans.append((span, score))
        add_candidates(doc, SPANS_KEY, spans)


@Language.factory(
    "kg_ner_model_v1",
    default_config={
        "model_path": "",
        "model_spans_key": "sc",
        "ents_score": 0.8,
        "min_score": 0.0,
        "batch_size": 64,
        "fast": True,
        "blas_threads": 1,
    },
)
def make_ner_candidates(
    nlp: Language,
    name: str,
    model_path: str,
    model_spans_key: str,
    ents_score: float,
    min_score: float,
    batch_size: int,
    fast: bool,
    blas_threads: int,
) -> NERCandidates:
    """Factory for :class:`NERCandidates`; an empty ``model_path`` means ``extractors/models/ner``."""
    return NERCandidates(nlp, name, model_path, model_spans_key, ents_score, min_score, batch_size, fast, blas_threads)

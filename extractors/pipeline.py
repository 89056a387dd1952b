"""Public API of the extractors: build the pipeline from ``pipeline.cfg`` and turn texts into mentions.

>>> from extractors.pipeline import extract
>>> [m.text for m in next(extract(["We propose Low-Rank Adaptation (LoRA)."]))]  # doctest: +SKIP
['Low-Rank Adaptation', 'LoRA']

Long texts (full papers) are cut into chunks at paragraph boundaries (then line, sentence or word
boundaries) of at most ``CHUNK_CHARS`` characters; text taken from PDFs is repaired (ligatures, words broken at
line ends: :mod:`extractors.text_repair`); offsets are shifted and mapped back, so every ``Mention``'s
``start``/``end`` index the text given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import load_config, load_model_from_config

# importing the modules registers their factories
from extractors import abbreviations, kb_matcher, ner, patterns, resolver, sentences, tokenizer, verifier  # noqa: F401
from extractors.candidates import candidate_scores
from extractors.text_repair import map_offsets, repair
from extractors.verifier import verifier_path_for
from kg.model import Mention

__all__ = [
    "CHUNK_CHARS",
    "CONFIG_PATH",
    "Cue",
    "chunks",
    "doc_cues",
    "doc_mentions",
    "extract",
    "extract_with_cues",
    "load_pipeline",
]

CONFIG_PATH = Path(__file__).resolve().parent / "pipeline.cfg"
CHUNK_CHARS = 100_000
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))


@dataclass(frozen=True)
class Cue:
    """A phrase a rule tied to a relation cue ("proposes", "evaluated_on", ...), for the linking stage."""

    start: int
    end: int
    text: str
    type: str
    rule: str
    sentence_start: int
    sentence_end: int


def build_pipeline(config_path: Path | str = CONFIG_PATH, overrides: dict[str, object] | None = None) -> Language:
    """A new pipeline from a config file (``spacy.blank("en")`` plus our components).

    ``overrides`` use spaCy's dotted config keys, e.g. ``{"components.resolver.threshold": 0.5}``.
    """
    config = load_config(config_path, overrides=dict(overrides or {}))
    nlp = load_model_from_config(config, auto_fill=True, validate=True)
    nlp.max_length = CHUNK_CHARS * 2
    return nlp


def model_overrides(model_dir: Path | str) -> dict[str, object]:
    """Config overrides that run the pipeline with another trained entity model and that model's own verifier
    (``DIR/verifier.npz``; without one, candidates keep their scores, since another model's verifier does not fit)."""
    return {
        "components.ner.model_path": str(model_dir),
        "components.verifier.model_path": str(verifier_path_for(model_dir)),
    }


@lru_cache(maxsize=4)
def load_pipeline(config_path: str = str(CONFIG_PATH)) -> Language:
    """The pipeline, built once per process (offline: everything it reads ships in the repo)."""
    return build_pipeline(config_path)


def chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` pairs covering ``text``; pieces end at the best boundary before ``size``."""
    start = 0
    n = len(text)
    while n - start > size:
        window = text[start : start + size]
        cut = 0
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window) if m.end() > size // 4]
            if ends:
                cut = ends[-1]
                break
        cut = cut or size
        yield start, text[start : start + cut]
        start += cut
    yield start, text[start:]


def _sentence(doc: Doc, start: int) -> tuple[int, int]:
    sent = doc[start].sent if doc.has_annotation("SENT_START") else doc[:]
    return sent.start_char, sent.end_char


def _char_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character offsets of tokens ``start:end``, without a sentence period glued to the last token."""
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    last = doc[end - 1].text
    if len(last) > 2 and last.endswith(".") and last[-2].isalnum() and "." not in last[:-1]:
        e -= 1
    return s, e


def doc_mentions(doc: Doc, offset: int = 0, text: str | None = None, index: list[int] | None = None) -> list[Mention]:
    """The resolved entities of a processed doc as Mentions (offsets shifted by ``offset``).

    ``text`` is the doc's text when the caller has it (``doc.text`` rebuilds it token by token); with ``index``
    (from :func:`extractors.text_repair.repair`) the doc was made from a repaired ``text`` and offsets are mapped
    back to it.
    """
    out = []
    text = doc.text if text is None else text
    for span, score in candidate_scores(doc, "entities"):
        s, e = map_offsets(index, *_char_bounds(doc, span.start, span.end))
        ss, se = map_offsets(index, *_sentence(doc, span.start))
        out.append(
            Mention(
                start=s + offset,
                end=e + offset,
                text=text[s:e],
                type=span.label_,
                component=span.id_,
                score=score,
                canonical=span.kb_id_ or None,
                sentence_start=ss + offset,
                sentence_end=se + offset,
            )
        )
    return out


def doc_cues(doc: Doc, offset: int = 0, text: str | None = None, index: list[int] | None = None) -> list[Cue]:
    """The rule candidates of a processed doc with their relation cue (``text`` and ``index`` as for
    doc_mentions)."""
    out = []
    text = doc.text if text is None else text
    for span, _score in candidate_scores(doc, "patterns"):
        s, e = map_offsets(index, *_char_bounds(doc, span.start, span.end))
        ss, se = map_offsets(index, *_sentence(doc, span.start))
        out.append(Cue(s + offset, e + offset, text[s:e], span.label_, span.id_, ss + offset, se + offset))
    return out


_Part = tuple[int, Doc, str, list[int] | None]  # offset, doc, piece text, index back to it


def _process(texts: Iterable[str], nlp: Language, batch_size: int) -> Iterator[list[_Part]]:
    """Yield ``[(offset, doc, piece text, index)...]`` per input text, in order (long texts come in chunks; the
    doc is made from the repaired piece, ``index`` maps its characters back to the piece)."""

    def pieces() -> Iterator[tuple[str, tuple[int, int, str, list[int] | None]]]:
        for idx, text in enumerate(texts):
            for offset, piece in chunks(text):
                repaired, index = repair(piece)
                yield repaired, (idx, offset, piece, index)

    current: int | None = None
    parts: list[_Part] = []
    for doc, (idx, offset, piece, index) in nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size):
        if current is not None and idx != current:
            yield parts
            parts = []
        current = idx
        parts.append((offset, doc, piece, index))
    if current is not None:
        yield parts


def _serial(texts: Iterable[str], nlp: Language, batch_size: int) -> Iterator[tuple[list[Mention], list[Cue]]]:
    """Mentions and cues per text, in one process."""
    for parts in _process(texts, nlp, batch_size):
        mentions: list[Mention] = []
        cues: list[Cue] = []
        for offset, doc, piece, index in parts:
            mentions.extend(doc_mentions(doc, offset, piece, index))
            cues.extend(doc_cues(doc, offset, piece, index))
        yield mentions, cues


_WORKER: dict[str, object] = {}


def _worker_init(config_path: str, batch_size: int) -> None:
    """Start a worker: reuse the pipeline inherited by fork, else load it."""
    if "nlp" not in _WORKER:
        _WORKER["nlp"] = load_pipeline(config_path)
    _WORKER["batch_size"] = batch_size


def _worker_run(texts: list[str]) -> list[tuple[list[Mention], list[Cue]]]:
    """Process one batch of texts in a worker (returns plain dataclasses, cheap to send back)."""
    return list(_serial(texts, _WORKER["nlp"], _WORKER["batch_size"]))  # type: ignore[arg-type]


def _batches(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def extract_with_cues(
    texts: Iterable[str], batch_size: int = 64, n_process: int = 1, nlp: Language | None = None
) -> Iterator[tuple[list[Mention], list[Cue]]]:
    """For each text, in order: its mentions and its rule cues.

    With ``n_process > 1`` batches of texts go to worker processes that run ``nlp.pipe`` themselves
    and send back Mentions, not Docs (serialising Docs with their span groups costs more than it
    saves). On Linux the workers inherit the loaded pipeline by fork.
    """
    nlp = nlp or load_pipeline()
    if n_process <= 1:
        yield from _serial(texts, nlp, batch_size)
        return
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if ctx.get_start_method() == "fork":
        _WORKER["nlp"] = nlp
    with ctx.Pool(n_process, initializer=_worker_init, initargs=(str(CONFIG_PATH), batch_size)) as pool:
        for results in pool.imap(_worker_run, _batches(texts, batch_size * 2)):
            yield from results
    _WORKER.pop("nlp", None)


def extract(
    texts: Iterable[str], batch_size: int = 64, n_process: int = 1, nlp: Language | None = None
) -> Iterator[list[Mention]]:
    """For each text, in order, the list of its entity mentions (one list per text, maybe empty)."""
    for mentions, _cues in extract_with_cues(texts, batch_size, n_process, nlp):
        yield mentions

"""Re-score entity candidates with a small span classifier over the entity model's token vectors.

The entity model (``extractors/models/ner``) is a greedy transition-based NER: it gives no
confidence, so every span it finds used to score the same (``ents_score``). This component gives each
candidate in the configured span groups a probability for its type, from a two-layer network trained
by :mod:`extractors.training.verifier` on the gold train splits. Its input is the model's ``tok2vec``
output, which the ``ner`` component leaves in ``doc.tensor``; features of a span are the vectors of its
first and last token, their mean over the span, the tokens just outside it and its length
(:func:`span_features`). The network is one matrix product per doc and a few small ones: about 5% of
the pipeline's time (0.45 ms of about 9 ms per abstract, `bench/extract_speed.py`).

A candidate's new score is ``mix * p + (1 - mix) * old``, where ``p`` is the network's probability that
the span is an entity of the candidate's type. A candidate with ``p < drop_below`` is removed unless
another type has at least ``entity_above`` or a ``backed_by`` group or an abbreviation definition has
the same span. A candidate takes another type when that type has at least ``retype_above`` and beats
the candidate's own by ``retype_margin`` (the entity model's type is its greedy guess; the verifier
sees the whole span), and then scores with that type's probability; where a ``backed_by`` group has
the same span, only to a type that group gives it (none if it agrees with the candidate), and never on
an abbreviation definition that no such group has. ``doc.tensor`` is emptied afterwards
(``keep_tensor``), so docs stay small when they are sent between processes. Without weights, or
without a tensor (no entity model), the component changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.abbreviations import USER_DATA_KEY
from extractors.candidates import candidate_scores
from extractors.fast_inference import limit_blas_threads
from extractors.ner import MODEL_PATH
from extractors.resolver import trim

__all__ = [
    "MAX_LENGTH",
    "VERIFIER_PATH",
    "SpanVerifier",
    "SpanVerifierComponent",
    "span_features",
    "verifier_path_for",
]

VERIFIER_PATH = Path(__file__).resolve().parent / "models" / "verifier" / "verifier.npz"
MAX_LENGTH = 8  # span lengths 1..8 get their own feature; longer spans share the last one
log = logging.getLogger(__name__)


def verifier_path_for(model_dir: Path | str | None) -> Path:
    """Where the verifier of an entity model lives: the shipped one's in ``models/verifier``, any other's inside
    the model's own directory (``DIR/verifier.npz``), because its weights only fit the model they were trained on."""
    if model_dir is None or Path(model_dir).resolve() == MODEL_PATH.resolve():
        return VERIFIER_PATH
    return Path(model_dir) / "verifier.npz"


def span_features(tensor: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Features of spans ``[starts[k], ends[k])`` over token vectors ``tensor`` (tokens x width).

    One row per span: first token, last token, mean over the span, token before, token after (zeros
    at the doc's edges), then a one-hot of the length (1..``MAX_LENGTH``, longer in the last slot).
    """
    n, width = tensor.shape
    starts = np.asarray(starts, dtype=np.int64)
    ends = np.asarray(ends, dtype=np.int64)
    lengths = ends - starts
    out = np.zeros((len(starts), 5 * width + MAX_LENGTH), dtype=np.float32)
    if not len(starts):
        return out
    padded = np.zeros((n + 2, width), dtype=np.float32)  # a zero row before and after the doc
    padded[1 : n + 1] = tensor
    # sums over padded[start + 1 : end + 1], one reduceat for all spans (every other result is between spans)
    bounds = np.stack([starts + 1, np.minimum(np.maximum(ends + 1, starts + 2), n + 1)], axis=1).reshape(-1)
    sums = np.add.reduceat(padded, bounds, axis=0, dtype=np.float64)[::2]
    out[:, 2 * width : 3 * width] = sums / np.maximum(lengths, 1)[:, None] * (lengths > 0)[:, None]
    out[:, :width] = padded[starts + 1]
    out[:, width : 2 * width] = padded[ends]
    out[:, 3 * width : 4 * width] = padded[starts]
    out[:, 4 * width : 5 * width] = padded[ends + 1]
    out[np.arange(len(starts)), 5 * width + np.clip(lengths, 1, MAX_LENGTH) - 1] = 1.0
    return out


class SpanVerifier:
    """The trained networks: the mean over members of ``sigmoid(relu(x W1' + b1) W2' + b2)``.

    Weights have a leading member axis (networks trained from different seeds); each network has one
    output per entity type, in ``labels`` order.
    """

    def __init__(self, w1: np.ndarray, b1: np.ndarray, w2: np.ndarray, b2: np.ndarray, labels: list[str]) -> None:
        arrays = [np.asarray(a, dtype=np.float32) for a in (w1, b1, w2, b2)]
        if arrays[0].ndim == 2:  # a single network
            arrays = [a[None] for a in arrays]
        self.w1, self.b1, self.w2, self.b2 = arrays
        self.labels = list(labels)
        self.index = {label: k for k, label in enumerate(self.labels)}
        members, hidden_size = self.b1.shape  # every member's first layer as one matrix: one product, not one each
        self._w1_all = np.ascontiguousarray(self.w1.reshape(members * hidden_size, -1).T)

    @classmethod
    def from_disk(cls, path: Path) -> SpanVerifier:
        """Load weights written by :meth:`to_disk`."""
        with np.load(path) as data:
            return cls(data["w1"], data["b1"], data["w2"], data["b2"], [str(x) for x in data["labels"]])

    def to_disk(self, path: Path) -> None:
        """Save the weights as one ``.npz`` file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(path, w1=self.w1, b1=self.b1, w2=self.w2, b2=self.b2, labels=np.array(self.labels))

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """Probability per span (rows) and type (columns, in ``labels`` order)."""
        members, hidden_size = self.b1.shape
        hidden = np.maximum(features @ self._w1_all + self.b1.reshape(-1), 0.0).reshape(-1, members, hidden_size)
        logits = np.einsum("smh,mlh->sml", hidden, self.w2) + self.b2
        return (1.0 / (1.0 + np.exp(-np.clip(logits, -30.0, 30.0)))).mean(axis=1, dtype=np.float32)


class SpanVerifierComponent:
    """Give the candidates of ``groups`` the verifier's probability of their type."""

    def __init__(
        self,
        nlp: Language,
        name: str = "kg_span_verifier",
        model_path: str = "",
        groups: list[str] | None = None,
        mix: float = 0.5,
        drop_below: float = 0.15,
        keep_tensor: bool = False,
        backed_by: list[str] | None = None,
        entity_above: float = 0.3,
        retype_above: float = 0.5,
        retype_margin: float = 0.2,
    ) -> None:
        self.name = name
        self.path = Path(model_path) if model_path else VERIFIER_PATH
        self.groups = list(groups) if groups is not None else ["ner"]
        self.mix = mix
        self.drop_below = drop_below
        self.backed_by = list(backed_by) if backed_by is not None else ["kb", "patterns"]
        self.entity_above = entity_above
        self.retype_above = retype_above
        self.retype_margin = retype_margin
        self.keep_tensor = keep_tensor
        self.verifier: SpanVerifier | None = None
        if self.path.is_file():
            self.verifier = SpanVerifier.from_disk(self.path)
        else:
            log.warning("no span verifier at %s: candidate scores are left as they are", self.path)

    def __call__(self, doc: Doc) -> Doc:
        """Re-score one doc's candidates."""
        tensor = doc.tensor
        if self.verifier is not None and tensor is not None and tensor.ndim == 2 and tensor.shape[0] == len(doc):
            for key in self.groups:
                self._rescore(doc, key, tensor)
        if not self.keep_tensor:
            doc.tensor = np.zeros((0,), dtype=np.float32)
        return doc

    def _probabilities(self, doc: Doc, spans: list[Span], tensor: np.ndarray) -> np.ndarray:
        """The verifier's probabilities of the spans as the resolver trims them ("fine-tuning - by" is
        judged as "fine-tuning"); a definition "long form (SF)" also counts as its long form."""
        assert self.verifier is not None
        bounds = [trim(doc, s.start, s.end, s.label_) for s in spans]
        bounds = [(s, e) if s < e else (span.start, span.end) for (s, e), span in zip(bounds, spans, strict=True)]
        starts = [s for s, _ in bounds]
        ends = [e for _, e in bounds]
        names = []
        for row, (start, end) in enumerate(bounds):
            if end - start > 2 and doc[end - 1].text == ")":
                opening = next((i for i in range(start + 1, end - 1) if doc[i].text == "("), None)
                if opening is not None:
                    names.append((row, start, opening))
        starts += [s for _, s, _ in names]
        ends += [e for _, _, e in names]
        probs = self.verifier.probabilities(span_features(tensor, np.array(starts), np.array(ends)))
        whole = probs[: len(spans)]
        for k, (row, _, _) in enumerate(names):
            whole[row] = np.maximum(whole[row], probs[len(spans) + k])
        return whole

    def _rescore(self, doc: Doc, key: str, tensor: np.ndarray) -> None:
        assert self.verifier is not None
        pairs = candidate_scores(doc, key)
        rows = [k for k, (span, _) in enumerate(pairs) if span.label_ in self.verifier.index]
        if not rows:
            return
        probs = self._probabilities(doc, [pairs[k][0] for k in rows], tensor)
        scores = [score for _, score in pairs]
        backing_types: dict[tuple[int, int], set[str]] = {}
        for group in self.backed_by:
            for s in doc.spans.get(group, []):
                backing_types.setdefault((s.start, s.end), set()).add(s.label_)
        definitions = {
            bounds
            for short_start, short_end, long_start, long_end in doc.user_data.get(USER_DATA_KEY, [])
            for bounds in ((long_start, long_end), (long_start, short_end + 1), (short_start, short_end))
        }
        spans = [span for span, _ in pairs]
        dropped: set[int] = set()
        for row, k in enumerate(rows):
            span = spans[k]
            bounds = (span.start, span.end)
            p = float(probs[row, self.verifier.index[span.label_]])
            # a definition that no backed_by group has gives no type to move to: it keeps its own
            backing = backing_types.get(bounds, set() if bounds in definitions else None)
            target = self._retype_target(probs[row], span.label_, backing)
            if target is not None:
                spans[k] = Span(doc, span.start, span.end, label=target, kb_id=span.kb_id_, span_id=span.id_)
                p = float(probs[row, self.verifier.index[target]])
            elif p < self.drop_below and float(probs[row].max()) < self.entity_above and backing is None:
                dropped.add(k)
            scores[k] = self.mix * p + (1.0 - self.mix) * scores[k]
        kept = [k for k in range(len(pairs)) if k not in dropped]
        doc.spans[key] = [spans[k] for k in kept]
        doc.spans[key].attrs["scores"] = [scores[k] for k in kept]

    def _retype_target(self, probs: np.ndarray, label: str, backing: set[str] | None) -> str | None:
        """The type a candidate of ``label`` takes instead, if any: the likeliest other type (only one of
        ``backing`` when its span is backed, none if ``backing`` has ``label``), at ``retype_above`` and
        ``retype_margin`` above ``label``."""
        assert self.verifier is not None
        if backing is not None and label in backing:
            return None
        allowed = [t for t in self.verifier.labels if t != label and (backing is None or t in backing)]
        if not allowed:
            return None
        own = float(probs[self.verifier.index[label]])
        best = max(allowed, key=lambda t: float(probs[self.verifier.index[t]]))
        p_best = float(probs[self.verifier.index[best]])
        return best if p_best >= self.retype_above and p_best - own >= self.retype_margin else None

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Re-score a stream of docs, with BLAS held to one thread (its matrices are small: more
        threads only cost, and oversubscribe the cores when the pipeline runs in several processes)."""
        with limit_blas_threads(1):
            for doc in docs:
                yield self(doc)


@Language.factory(
    "kg_span_verifier_v1",
    default_config={
        "model_path": "",
        "groups": ["ner"],
        "mix": 0.5,
        "drop_below": 0.15,
        "keep_tensor": False,
        "backed_by": ["kb", "patterns"],
        "entity_above": 0.3,
        "retype_above": 0.5,
        "retype_margin": 0.2,
    },
)
def make_span_verifier(
    nlp: Language,
    name: str,
    model_path: str,
    groups: list[str],
    mix: float,
    drop_below: float,
    keep_tensor: bool,
    backed_by: list[str],
    entity_above: float,
    retype_above: float,
    retype_margin: float,
) -> SpanVerifierComponent:
    """Factory for :class:`SpanVerifierComponent`; an empty ``model_path`` means the shipped weights."""
    return SpanVerifierComponent(
        nlp, name, model_path, groups, mix, drop_below, keep_tensor, backed_by, entity_above,
        retype_above, retype_margin,
    )  # fmt: skip

"""Helpers shared by the candidate generators: how a candidate is written into ``doc.spans``.

A candidate is a span in ``doc.spans[key]`` whose ``label_`` is the proposed type (or ``""`` when the
generator does not know it), ``kb_id_`` the canonical name (or ``""``) and ``id_`` the rule or cue that
produced it. Scores go, parallel to the spans, into the group's ``attrs["scores"]`` (as spaCy's
spancat does), so everything survives ``Doc.to_bytes`` and multiprocessing.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["ENTITY_TYPES", "NOT_ENTITY_TYPES", "add_candidates", "candidate_scores", "hyphen_joined"]

ENTITY_TYPES: tuple[str, ...] = ("Method", "Dataset", "Metric", "Task")
# KB types of names that are none of the four: a candidate span that is exactly such a name is dropped
NOT_ENTITY_TYPES: tuple[str, ...] = (
    "Organisation", "Hardware", "NumberFormat", "Venue", "Field", "NaturalLanguage", "ProgrammingLanguage", "Software",
)  # fmt: skip


def add_candidates(doc: Doc, key: str, spans: list[tuple[Span, float]]) -> None:
    """Append ``(span, score)`` pairs to the span group ``key``, keeping scores parallel."""
    group = doc.spans.get(key, None)
    old_spans = list(group) if group is not None else []
    old_scores = list(group.attrs.get("scores", [])) if group is not None else []
    if len(old_scores) != len(old_spans):
        old_scores = [1.0] * len(old_spans)
    doc.spans[key] = old_spans + [s for s, _ in spans]
    doc.spans[key].attrs["scores"] = old_scores + [float(score) for _, score in spans]


def candidate_scores(doc: Doc, key: str) -> list[tuple[Span, float]]:
    """The spans of group ``key`` with their scores (1.0 where none were stored)."""
    if key not in doc.spans:
        return []
    group = doc.spans[key]
    scores = list(group.attrs.get("scores", []))
    if len(scores) != len(group):
        scores = [1.0] * len(group)
    return [(span, float(score)) for span, score in zip(group, scores, strict=False)]


def hyphen_joined(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is joined to the word before it by a hyphen, with no space ("full-precision")."""
    return i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_

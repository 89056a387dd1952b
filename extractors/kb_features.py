"""KB matches as token features for the entity model: each token's tag (``Token.tag_``) names the KB match it is in.

The tag is ``B-`` or ``I-`` (first or later token of the match), the entry's type and how sure the KB is: ``+``
for a score of at least :data:`SURE` (names the gold train text annotates as their type), ``-`` below
:data:`UNSURE` (names the abstracts mostly use otherwise), nothing for the rest ("B-Dataset+", "I-Task-",
"B-Software"); a token in no match keeps an empty tag. Where matches overlap, the longest wins (then the higher
score, then the earlier). The entity model reads the tag as one more embedded attribute (``TAG`` in its
``MultiHashEmbed``), so it learns how far a KB name is an entity of its type in context, instead of the resolver
deciding that after the fact. kg's pipelines have no part-of-speech tagger, so ``Token.tag_`` is free.

The component runs inside the entity model's own pipeline, before its ``tok2vec``, so training (``spacy train``
runs it as an annotating component), ``spacy.load`` of the model alone and kg's pipeline compute the same tags.
Inside kg's pipeline it reads the candidates the KB matcher already wrote (``doc.spans["kb"]``) instead of matching
again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extractors.candidates import candidate_scores
from extractors.kb_matcher import SPANS_KEY, KBMatcher

__all__ = ["KBTokenTags", "token_tags"]

SURE = 0.55
UNSURE = 0.45


def _level(score: float) -> str:
    """``+``, ``-`` or nothing: how sure the KB is of a match."""
    return "+" if score >= SURE else "-" if score < UNSURE else ""


def token_tags(length: int, matches: Iterable[tuple[int, int, str, float]]) -> list[str]:
    """The tag of each of ``length`` tokens from ``(start, end, type, score)`` matches."""
    tags = [""] * length
    ranked = sorted(matches, key=lambda m: (-(m[1] - m[0]), -m[3], m[0]))
    for start, end, etype, score in ranked:
        if any(tags[start:end]):
            continue
        suffix = etype + _level(score)
        tags[start] = f"B-{suffix}"
        for i in range(start + 1, end):
            tags[i] = f"I-{suffix}"
    return tags


class KBTokenTags:
    """Write each token's KB tag into ``Token.tag_``."""

    def __init__(self, nlp: Language, name: str = "kg_kb_token_tags", kb_path: str = "") -> None:
        self.name = name
        self.nlp = nlp
        self.kb_path = kb_path
        self._matcher: KBMatcher | None = None

    def _matches(self, doc: Doc) -> list[tuple[int, int, str, float]]:
        """The KB matches of ``doc``: those kg's KB matcher wrote, or matched here."""
        if SPANS_KEY in doc.spans:
            found = candidate_scores(doc, SPANS_KEY)
        else:
            if self._matcher is None:
                self._matcher = KBMatcher(self.nlp, "kb", self.kb_path)
            found = self._matcher.matches(doc)
        return [(span.start, span.end, span.label_, score) for span, score in found]

    def __call__(self, doc: Doc) -> Doc:
        """Tag one doc."""
        for token, tag in zip(doc, token_tags(len(doc), self._matches(doc)), strict=True):
            token.tag_ = tag
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Tag a stream of docs."""
        for doc in docs:
            yield self(doc)

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        """Nothing to save: the tags come from the shipped KB (or ``kb_path``)."""
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> KBTokenTags:
        """Nothing to load."""
        return self


@Language.factory("kg_kb_token_tags_v1", default_config={"kb_path": ""})
def make_kb_token_tags(nlp: Language, name: str, kb_path: str) -> KBTokenTags:
    """Factory for :class:`KBTokenTags`; an empty ``kb_path`` means the shipped ``kb/kb.jsonl``."""
    return KBTokenTags(nlp, name, kb_path)

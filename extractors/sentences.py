"""Rule-based sentence boundaries that survive the abbreviations of scientific prose.

spaCy's ``sentencizer`` splits after every ``.``; abstracts are full of "et al.", "e.g.", "Fig.",
"Eq." and "vs.", and the default tokenizer leaves some sentence-final periods glued to a token
("ImageNet-1K."). This component starts a sentence after ``.``, ``!`` or ``?`` (standalone or glued)
when the next token looks like a sentence start, never after a known abbreviation, and always after a
blank line (the title/abstract boundary of a record).
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["SentenceSplitter"]

# Lower-cased tokens (without the final ".") after which a period does not end a sentence.
ABBREVIATIONS = frozenset(
    [
        "al",
        "e.g",
        "i.e",
        "etc",
        "cf",
        "vs",
        "fig",
        "figs",
        "eq",
        "eqs",
        "sec",
        "secs",
        "tab",
        "no",
        "nos",
        "approx",
        "resp",
        "ref",
        "refs",
        "dr",
        "prof",
        "mr",
        "ms",
        "st",
        "viz",
        "ca",
        "est",
        "incl",
        "e.g.,",
        "i.e.,",
        "resp.",
        "et",
    ]
)
_ENDERS = frozenset(".!?")
_CLOSERS = frozenset(")]\"'”’")


class SentenceSplitter:
    """Set ``token.is_sent_start`` for every token of a doc (fast, no model)."""

    def __init__(self, nlp: Language, name: str = "kg_sentences") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        """Mark sentence starts in place and return the doc."""
        n = len(doc)
        if n == 0:
            return doc
        starts = [False] * n
        starts[0] = True
        for i in range(n - 1):
            tok = doc[i]
            text = tok.text
            if "\n\n" in tok.whitespace_ or (tok.is_space and "\n\n" in text):
                starts[i + 1] = True
                continue
            if text in _ENDERS:
                prev = doc[i - 1].text.lower() if i else ""
                if text == "." and prev in ABBREVIATIONS:
                    continue
            elif len(text) > 1 and text[-1] == "." and text[-2].isalnum():
                if text[:-1].lower() in ABBREVIATIONS or "." in text[:-1] or len(text) <= 2:
                    continue  # "e.g.", "U.S.", "J." are not ends
            else:
                continue
            j = i + 1
            while j < n and (doc[j].text in _CLOSERS or doc[j].is_space):
                j += 1
            if j >= n:
                break
            nxt = doc[j].text
            if nxt[:1].isupper() or nxt[:1].isdigit() or nxt[:1] in '(["“':
                starts[j] = True
        # one array write: setting token.is_sent_start checks the whole doc each time (quadratic)
        values = numpy.array([1 if v else -1 for v in starts], dtype="int64").astype("uint64").reshape(-1, 1)
        doc.from_array([SENT_START], values)
        return doc


@Language.factory("kg_sentences_v1")
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    """Factory for :class:`SentenceSplitter`."""
    return SentenceSplitter(nlp, name)

"""Abbreviation detection after Schwartz & Hearst (2003), "A simple algorithm for identifying
abbreviation definitions in biomedical text".

A definition is ``long form (short form)`` (or, less often, ``short form (long form)``) inside one
sentence. The long form is found by matching the short form's characters right to left in the words
before the parenthesis, the first character having to start a word. Every later mention of a defined
short form (also its singular/plural "LLM"/"LLMs") is linked to the long form.

The component stores token offsets in ``doc.user_data`` (so docs still serialise) and exposes them as
``doc._.abbreviations``: a dict from each short-form span to its long-form span, in text order.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

__all__ = ["AbbreviationDetector", "best_long_form", "find_definitions"]

USER_DATA_KEY = "kg_abbreviations"
MAX_SHORT_CHARS = 12
# a long form never starts with one of these (Schwartz-Hearst's matcher can land on them)
FUNCTION_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "such", "than"}
    | {"that", "the", "their", "this", "to", "via", "with"}
)
DIGIT_WORDS = {"2": "to", "4": "for"}
_DIGIT_WORD = re.compile(r"(?<=[A-Za-z])[24](?=[A-Za-z])")  # "T2I", "B4L"; not "GPT-4", "2D"
HYPHENS = frozenset({"-", "‐", "–"})


def _abbreviations(doc: Doc) -> dict[Span, Span]:
    """Getter of ``doc._.abbreviations`` (short form span -> long form span)."""
    pairs = doc.user_data.get(USER_DATA_KEY, [])
    return {doc[s:e]: doc[ls:le] for s, e, ls, le in pairs}


if not Doc.has_extension("abbreviations"):
    Doc.set_extension("abbreviations", getter=_abbreviations)


_OPENERS = frozenset("([{\"'“‘")


def best_long_form(short: str, candidate: str) -> str | None:
    """Return the shortest suffix of ``candidate`` that explains ``short``, or None.

    Every alphanumeric character of ``short`` must occur in order in ``candidate``; its first
    character must start a word. This is the matching step of Schwartz & Hearst, Figure 2.
    """
    s = len(short) - 1
    c = len(candidate) - 1
    while s >= 0:
        ch = short[s].lower()
        if not ch.isalnum():
            s -= 1
            continue
        while c >= 0 and (candidate[c].lower() != ch or (s == 0 and c > 0 and candidate[c - 1].isalnum())):
            c -= 1
        if c < 0:
            return None
        c -= 1
        s -= 1
    start = c + 1
    # extend to the start of the word the match began in, whitespace-delimited as in Schwartz & Hearst
    # ("Activation-aware Weight Quantization (AWQ)", not "aware Weight Quantization")
    while start > 0 and not candidate[start - 1].isspace() and candidate[start - 1] not in _OPENERS:
        start -= 1
    return candidate[start:]


def is_short_form(text: str) -> bool:
    """Whether ``text`` may be an abbreviation: 2..12 chars, at most 2 words, a letter, a capital."""
    if not 2 <= len(text) <= MAX_SHORT_CHARS or len(text.split()) > 2:
        return False
    if not text[0].isalnum() or not any(ch.isalpha() for ch in text):
        return False
    return any(ch.isupper() for ch in text)


def _plausible(short: str, long: str) -> bool:
    """Schwartz & Hearst's sanity checks on a (short, long) pair; and a long form with a comma is a list, with an
    "and" or "or" ("Environmental, Social, and Governance (ESG)"), not a clause ("frame, leading to prohibitive
    computational costs (FLOPs)")."""
    if len(long) <= len(short) or short.lower() in long.lower().split():
        return False
    if "," in long and not {"and", "or", "&"} & set(long.lower().split()):
        return False
    n_words = len(long.split())
    n_chars = sum(ch.isalnum() for ch in short)
    return n_words <= min(n_chars + 5, n_chars * 2)


def _char_span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def find_definitions(doc: Doc) -> list[tuple[Span, Span]]:
    """All ``(short form, long form)`` definitions in ``doc``, found per sentence."""
    found: list[tuple[Span, Span]] = []
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    for sent in sents:
        for tok in sent:
            if tok.text != "(":
                continue
            close = next((t for t in doc[tok.i + 1 : min(sent.end, tok.i + 12)] if t.text == ")"), None)
            if close is None or close.i == tok.i + 1:
                continue
            inner = doc[tok.i + 1 : close.i]
            # "(LoRA; Hu et al., 2021)" -> "LoRA"
            cut = next((t.i for t in inner if t.text in {";", ","}), inner.end)
            inner = doc[inner.start : cut]
            if len(inner) == 0:
                continue
            pair = _long_before(doc, sent, tok.i, inner) or _long_inside(doc, sent, tok.i, inner)
            if pair:
                found.append(pair)
    return found


def _long_before(doc: Doc, sent: Span, paren: int, inner: Span) -> tuple[Span, Span] | None:
    """``long form (SF)``: search the words before the parenthesis."""
    short = inner.text
    if not is_short_form(short):
        return None
    n_chars = sum(ch.isalnum() for ch in short)
    max_words = min(n_chars + 5, n_chars * 2)
    start_tok = paren
    words = 0
    while start_tok > sent.start and words < max_words:
        start_tok -= 1
        if doc[start_tok].text in {")", "(", ";", ":"} or doc[start_tok].is_space:
            start_tok += 1
            break
        if not doc[start_tok].is_punct:
            words += 1
    window_start = doc[start_tok].idx
    window = doc[start_tok:paren].text.rstrip()
    if not window:
        return None
    long = best_long_form(short, window) or _long_form_with_digit_words(short, window) or _long_form_ex(short, window)
    if long is None or not _plausible(short, long):
        return None
    long_start = window_start + len(window) - len(long)
    long_span = _char_span(doc, long_start, window_start + len(window))
    if long_span is None or len(long_span) == 0:
        return None
    if long_span[0].lower_ in FUNCTION_WORDS and not _hyphen_joined(long_span):
        # the first letter matched a function word ("Accuracy and Global ... (AGLFOP)" matched "and"):
        # take the word before it if it starts with that letter, else there is no definition
        prev = long_span.start - 1
        if prev < start_tok or doc[prev].lower_[:1] != short[:1].lower() or doc[prev].lower_ in FUNCTION_WORDS:
            return None
        long_span = doc[prev : long_span.end]
    return inner, long_span


def _long_form_with_digit_words(short: str, candidate: str) -> str | None:
    """The long form of a short form whose "2" or "4" between letters stands for "to" or "for" ("T2I" is
    "Text-to-Image", "E2E" "end-to-end"), if the long form has those words; else None."""
    digits = _DIGIT_WORD.findall(short)
    if not digits:
        return None
    long = best_long_form(_DIGIT_WORD.sub(lambda m: DIGIT_WORDS[m.group()][0], short), candidate)
    words = re.split(r"[\s\-]+", long.lower()) if long else []
    return long if long and all(DIGIT_WORDS[d] in words for d in digits) else None


def _long_form_ex(short: str, candidate: str) -> str | None:
    """The long form of a short form whose first "X" stands for "ex-" ("extended reality (XR)", "eXplainable AI
    (XAI)"), if the long form starts so; else None."""
    if short[:1] not in {"X", "x"}:
        return None
    long = best_long_form("e" + short[1:], candidate)
    return long if long and long[:2].lower() == "ex" else None


def _hyphen_joined(span: Span) -> bool:
    """Whether the span's first token is the first part of a hyphenated word ("in" of "in-context learning")."""
    first = span[0]
    return len(span) > 2 and not first.whitespace_ and span[1].text in HYPHENS and not span[1].whitespace_


def _long_inside(doc: Doc, sent: Span, paren: int, inner: Span) -> tuple[Span, Span] | None:
    """``SF (long form)``: the single token before the parenthesis is the short form."""
    if paren == sent.start or len(inner) < 2:
        return None
    short_tok = doc[paren - 1]
    short = short_tok.text
    if not is_short_form(short) or short_tok.is_punct:
        return None
    long = best_long_form(short, inner.text)
    if long is None or long != inner.text or not _plausible(short, long):
        return None
    return doc[paren - 1 : paren], inner


def _variants(text: str) -> set[str]:
    """A short form and its singular/plural ("LLM" <-> "LLMs")."""
    if len(text) > 2 and text.endswith("s") and text[-2].isupper():
        return {text, text[:-1]}
    return {text, text + "s"}


class AbbreviationDetector:
    """Find abbreviation definitions and link every later short-form mention to its long form."""

    def __init__(self, nlp: Language, name: str = "kg_abbreviations") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        """Store ``(short_start, short_end, long_start, long_end)`` token offsets in ``doc.user_data``."""
        definitions = find_definitions(doc)
        pairs: list[tuple[int, int, int, int]] = []
        if definitions:
            first_def: dict[str, Span] = {}
            for short, long in definitions:
                pairs.append((short.start, short.end, long.start, long.end))
                for variant in _variants(short.text):
                    first_def.setdefault(variant, long)
            defined = {(s, e) for s, e, _, _ in pairs}
            by_first: dict[str, list[str]] = {}
            for variant in first_def:
                by_first.setdefault(variant.split()[0] if " " in variant else variant, []).append(variant)
            for tok in doc:
                for variant in by_first.get(tok.text, ()):
                    n = len(variant.split()) if " " in variant else 1
                    span = doc[tok.i : tok.i + n]
                    long = first_def[variant]
                    if span.text != variant or (span.start, span.end) in defined or span.start < long.end:
                        continue
                    pairs.append((span.start, span.end, long.start, long.end))
                    defined.add((span.start, span.end))
        pairs.sort()
        doc.user_data[USER_DATA_KEY] = pairs
        return doc


@Language.factory("kg_abbreviations_v1")
def make_abbreviation_detector(nlp: Language, name: str) -> AbbreviationDetector:
    """Factory for :class:`AbbreviationDetector`."""
    return AbbreviationDetector(nlp, name)

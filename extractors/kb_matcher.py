"""Knowledge-base lookup: a PhraseMatcher over the names and aliases in ``extractors/kb/kb.jsonl``.

Names are matched case-insensitively (``LOWER``) with hyphen/space and plural variants; acronyms
(all capitals, at most 6 characters) only with their exact case, so "MT" does not fire on "mt", and so
are the hyphen-less variants of names with capitals, so "FOR-instance" does not fire on "for instance".
Every match becomes a candidate in ``doc.spans["kb"]``: label = KB type, ``kb_id_`` = canonical name,
``id_`` = "kb", score = the entry's prior. A match that is one plain lower-case word ("navigate",
"collision", "skin") of a name never seen in the gold train text scores half its prior: such a match is
the ordinary word far more often than the Papers with Code entry, so it becomes an entity only if the
model agrees. (On every 4th abstract of the 20k sample this removed 309 of 2,239 entities found by the
KB alone, led by "collision" Metric, "navigate" Task, "foot" Metric, "skin" Task, "delay" Metric.)
Organisation entries ("OpenAI", "NVIDIA") are matched in their own case only; the resolver drops any
candidate that is exactly one of them. An acronym the doc defines as something the entry does not name is
not matched: "CTR" is Click-Through Rate Prediction in the KB, but not where the doc writes "click-through rate
(CTR)" or "Controlled Text Reduction (CTR)".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from extractors.abbreviations import USER_DATA_KEY, best_long_form
from extractors.candidates import NOT_ENTITY_TYPES, add_candidates
from extractors.kb import KB_PATH, KBEntry, load_kb

__all__ = ["KBMatcher", "capital_inside", "is_acronym", "name_variants"]

SPANS_KEY = "kb"
UNSEEN_WORD_FACTOR = 0.5  # score factor for a plain lower-case word matching a name unseen in training


def is_acronym(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(text) <= 6 and bool(letters) and sum(ch.isupper() for ch in letters) >= max(2, len(letters) - 1)


def capital_inside(text: str) -> bool:
    """A capital after the first letter of a word or hyphen-part ("InspiRe", "BLiMP"; not "Hate-Speech")."""
    return any(ch.isupper() for w in text.split() for piece in w.split("-") for ch in piece[1:])


def _case_sensitive(form: str, source: str) -> bool:
    """Match ``form`` only with its exact case.

    Acronyms ("MT" is not "mt"); names with a capital inside and no digit ("InspiRe" is not "inspire");
    hyphen-less variants of capitalised names with no digit ("FOR instance" is not "for instance").
    Forms with a digit stay case-free: "cifar10" and "cifar-10" still match "CIFAR-10".
    """
    if is_acronym(form):
        return True
    if any(ch.isdigit() for ch in form):
        return False
    fewer_hyphens = form.count("-") < source.count("-")
    return capital_inside(form) or (fewer_hyphens and any(ch.isupper() for ch in source))


def _normal(name: str) -> str:
    """A name compared to another: lower case, hyphens as spaces, no plural "s"."""
    return " ".join(name.lower().replace("-", " ").split()).removesuffix("s")


def _names_other(entry: KBEntry, short: str, long_form: str) -> bool:
    """Whether ``entry``, matched on the short form ``short``, spells that short form out otherwise than the doc's
    ``long_form`` ("Click-Through Rate Prediction" for "CTR", where the doc says "click-through rate")."""
    expansions = {
        _normal(form)
        for form in (entry.name, *entry.aliases)
        if short.lower() not in form.lower().split() and best_long_form(short, form) == form
    }
    return bool(expansions) and _normal(long_form) not in expansions


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def name_variants(name: str, etype: str) -> set[str]:
    """Spelling variants matched for a name: hyphen <-> space, and plurals of Method/Task heads."""
    forms = {name}
    if "-" in name:
        forms.add(name.replace("-", " "))
        forms.add(name.replace("-", ""))
    words = name.split()
    if 1 < len(words) <= 4 and all(w.isalpha() for w in words):
        forms.add("-".join(words))
    if etype == "Method" and is_acronym(name) and name[-1].isupper():
        forms.add(name + "s")  # "LSTMs"
    if etype in {"Method", "Task"} and words and words[-1].isalpha() and words[-1].islower() and len(words[-1]) > 3:
        forms |= {f[: len(f) - len(words[-1])] + _plural(words[-1]) for f in list(forms) if f.endswith(words[-1])}
    return forms


class KBMatcher:
    """Find KB names in a doc and write them as candidates."""

    def __init__(self, nlp: Language, name: str = "kg_kb_matcher", kb_path: str = "") -> None:
        self.name = name
        self.nlp = nlp
        self.kb_path = Path(kb_path) if kb_path else KB_PATH
        self.entries: list[KBEntry] = []
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.load(load_kb(self.kb_path))

    def load(self, entries: Iterable[KBEntry]) -> None:
        """(Re)build the matchers from ``entries``."""
        self.entries = list(entries)
        self._lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        lower: dict[str, list] = {}
        exact: dict[str, list] = {}
        for idx, entry in enumerate(self.entries):
            for source in (entry.name, *entry.aliases):
                for form in name_variants(source, entry.type):
                    own_case = entry.type in NOT_ENTITY_TYPES or _case_sensitive(form, source)
                    target = exact if own_case else lower
                    target.setdefault(str(idx), []).append(form)
        tokenizer = self._pattern_tokenizer()
        for table, matcher in ((lower, self._lower), (exact, self._exact)):
            for key, forms in table.items():
                matcher.add(key, list(tokenizer.pipe(forms)))

    def _pattern_tokenizer(self) -> Tokenizer:
        """A copy of the pipeline's tokenizer (same rules, same vocab) for the KB forms.

        Tokenizing ~40k forms through the pipeline's own tokenizer fills its cache with them, and that
        made every later text 3x slower to tokenize (measured: 0.47 s -> 1.5 s for 2,000 abstracts).
        """
        tokenizer = self.nlp.tokenizer
        if not isinstance(tokenizer, Tokenizer):
            return tokenizer
        return Tokenizer(self.nlp.vocab).from_bytes(tokenizer.to_bytes(exclude=["vocab"]))

    def __call__(self, doc: Doc) -> Doc:
        """Add a candidate for every KB match."""
        add_candidates(doc, SPANS_KEY, self.matches(doc))
        return doc

    def matches(self, doc: Doc) -> list[tuple[Span, float]]:
        """Every KB match in ``doc`` with its score, in text order (``doc`` is not changed)."""
        found = []
        strings = self.nlp.vocab.strings
        defined = {(s, e): doc[ls:le].text for s, e, ls, le in doc.user_data.get(USER_DATA_KEY, [])}
        for matcher in (self._lower, self._exact):
            for match_id, start, end in matcher(doc):
                entry = self.entries[int(strings[match_id])]
                span = doc[start:end]
                long_form = defined.get((start, end))
                if long_form is not None and _names_other(entry, span.text, long_form):
                    continue
                span.label_ = entry.type
                span.kb_id_ = entry.name
                span.id_ = "kb"
                plain_word = end - start == 1 and span.text.isalpha() and span.text.islower()
                weak = plain_word and not entry.seen_in_training
                found.append((span, entry.prior * UNSEEN_WORD_FACTOR if weak else entry.prior))
        return sorted(found, key=lambda x: (x[0].start, x[0].end))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Process a stream of docs."""
        for doc in docs:
            yield self(doc)

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        """Save the KB entries (``kb.jsonl``) into ``path``."""
        import json

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        with (path / "kb.jsonl").open("w", encoding="utf-8") as fh:
            for e in self.entries:
                row = {"name": e.name, "type": e.type, "aliases": list(e.aliases), "prior": e.prior,
                       "seen_in_training": e.seen_in_training}  # fmt: skip
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> KBMatcher:
        """Load the KB entries saved by :meth:`to_disk`."""
        self.load(load_kb(Path(path) / "kb.jsonl"))
        return self


@Language.factory("kg_kb_matcher_v1", default_config={"kb_path": ""})
def make_kb_matcher(nlp: Language, name: str, kb_path: str) -> KBMatcher:
    """Factory for :class:`KBMatcher`; an empty ``kb_path`` means the shipped ``kb/kb.jsonl``."""
    return KBMatcher(nlp, name, kb_path)

"""The pipeline's tokenizer: ``spacy.blank("en")``'s, plus infix rules for brackets glued to words.

Abstracts often leave out the space before a bracketed acronym: "large language models(LLMs)",
"Natural Language Processing(NLP)" (84 of the 20k corpus abstracts, 3 of the seed papers). spaCy's
English rules split the closing bracket off but keep "models(LLMs" as one token, so the entity and its
abbreviation were one broken span. The rule splits "(" after a word of at least three letters when
what follows it is an acronym-like word starting with a capital (spaCy has already split the closing
bracket off as a suffix), so "f(X)", "O(N)", "model(s)" and "polylog(Delta)-approximation" stay as
they are.

A closing bracket glued to a hyphenated word after it, "Large Language Model (LLM)-based metrics" (228 times
in the 20k abstracts, "-based" in 127), stayed in one token "LLM)-based" with the acronym, so the definition
was not found. ``BRACKET_COMPOUND`` splits ")" and "-" there: "LLM", ")", "-", "based".
"""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, registry

__all__ = ["BRACKET_COMPOUND", "GLUED_BRACKET", "blank_english", "make_tokenizer"]

GLUED_BRACKET = r"(?<=[A-Za-z]{3})\((?=[A-Z][A-Za-z0-9-]*$)"
BRACKET_COMPOUND = r"(?<=[A-Z0-9][A-Za-z0-9])\)(?=-[A-Za-z])|(?<=[A-Z0-9][A-Za-z0-9]\))-(?=[A-Za-z])"


@registry.tokenizers("kg_tokenizer_v1")
def make_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's default tokenizer for the language, with :data:`GLUED_BRACKET` and :data:`BRACKET_COMPOUND` added to
    its infixes."""

    def create(nlp: Language) -> Tokenizer:
        tokenizer = registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        infixes = [*(nlp.Defaults.infixes or []), GLUED_BRACKET, BRACKET_COMPOUND]
        tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        return tokenizer

    return create


def blank_english() -> Language:
    """``spacy.blank("en")`` with this tokenizer: what training data and vectors are tokenized with, as the
    pipeline tokenizes the texts it reads."""
    return spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "kg_tokenizer_v1"}}})

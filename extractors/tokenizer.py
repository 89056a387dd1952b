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

spaCy splits a full stop off a word ending in a capital only after two capitals ("COCO."), to keep initials
("J.") and "U.S." whole; so a sentence ending in "ImageNet-1K.", "GPT-4V.", "ROUGE-L.", "ViT." or "CoT." kept
the stop in the name's token and the name was not found (225 times in the 20k abstracts). ``CAPITAL_FULL_STOP``
splits a full stop after a capital that follows a digit, a lower-case letter or a hyphen.
"""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_suffix_regex, registry

__all__ = ["BRACKET_COMPOUND", "CAPITAL_FULL_STOP", "GLUED_BRACKET", "blank_english", "make_tokenizer"]

GLUED_BRACKET = r"(?<=[A-Za-z]{3})\((?=[A-Z][A-Za-z0-9-]*$)"
BRACKET_COMPOUND = r"(?<=[A-Z0-9][A-Za-z0-9])\)(?=-[A-Za-z])|(?<=[A-Z0-9][A-Za-z0-9]\))-(?=[A-Za-z])"
CAPITAL_FULL_STOP = r"(?<=[0-9a-z][A-Z])\.$|(?<=[A-Za-z0-9]-[A-Z])\.$"


@registry.tokenizers("kg_tokenizer_v1")
def make_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's default tokenizer for the language, with :data:`GLUED_BRACKET` and :data:`BRACKET_COMPOUND` added to
    its infixes and :data:`CAPITAL_FULL_STOP` to its suffixes."""

    def create(nlp: Language) -> Tokenizer:
        tokenizer = registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        infixes = [*(nlp.Defaults.infixes or []), GLUED_BRACKET, BRACKET_COMPOUND]
        tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        suffixes = [*(nlp.Defaults.suffixes or []), CAPITAL_FULL_STOP]
        tokenizer.suffix_search = compile_suffix_regex(suffixes).search
        return tokenizer

    return create


def blank_english() -> Language:
    """``spacy.blank("en")`` with this tokenizer: what training data and vectors are tokenized with, as the
    pipeline tokenizes the texts it reads."""
    return spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "kg_tokenizer_v1"}}})

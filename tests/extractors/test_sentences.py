"""The sentence splitter on its own."""

from __future__ import annotations

import spacy

import extractors.sentences  # noqa: F401


def _sents(text: str) -> list[str]:
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_sentences_v1")
    return [s.text for s in nlp(text).sents]


def test_splits_on_sentence_final_punctuation() -> None:
    assert _sents("We train a model. It works! Does it? Yes.") == [
        "We train a model.", "It works!", "Does it?", "Yes.",
    ]  # fmt: skip


def test_abbreviations_do_not_end_sentences() -> None:
    text = "Smith et al. (2020) use e.g. BERT, i.e. a Transformer. Fig. 3 compares it vs. LSTMs."
    assert _sents(text) == ["Smith et al. (2020) use e.g. BERT, i.e. a Transformer.", "Fig. 3 compares it vs. LSTMs."]


def test_period_glued_to_token_and_blank_line() -> None:
    text = "A Title\n\nWe evaluate on ImageNet-1K. Results improve."
    sents = _sents(text)
    assert sents[0].strip() == "A Title"
    assert sents[-1] == "Results improve."
    assert any(s.endswith("ImageNet-1K.") for s in sents)


def test_lowercase_continuation_is_not_split() -> None:
    assert len(_sents("The value is 3.5. and more text follows here.")) == 1

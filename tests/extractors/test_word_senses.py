"""Metric words used in another sense: numeric "precision" and compounds, on their own and in the resolver."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

import extractors.pipeline  # noqa: F401
from extractors.candidates import add_candidates
from extractors.word_senses import other_sense


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_sentences_v1")
    return nlp


def _sense(nlp: Language, text: str, word: str = "precision", occurrence: int = 0) -> bool:
    """other_sense() for the ``occurrence``-th token equal to ``word`` (case-free), as a one-token span."""
    doc = nlp(text)
    i = [t.i for t in doc if t.lower_ == word][occurrence]
    return other_sense(doc, i, i + 1)


@pytest.mark.parametrize(
    "text",
    [
        "It replaces their high-precision parameters by quantized values.",
        "It closes the gap between the quantized model and the full-precision model.",
        "Outliers are kept at FP16 precision, the rest in INT4.",
        "It is competitive with the original model in full precision.",
        "We reduce the overhead from precision alignment.",
        "Quantization maps high precision tensors to a lower bit width.",
        "Weights are quantized to 8-bits of precision post-training.",
        "This reduces the gap to floating point to 1% at 8-bit precision.",
        "Training allows for reducing the precision of weights to four bits.",
        "Quantization-aware training addresses these challenges by reducing model precision.",
        "We propose an acceleration scheme for arbitrary precision LLMs.",
        "Tensor Cores decompose matrices at the bit level, enabling flexible precision.",
        "These applications include precision medicine and drug design.",
        "We estimate the precision matrix of a Gaussian graphical model.",
    ],
)
def test_numeric_and_compound_precision_is_not_the_metric(nlp: Language, text: str) -> None:
    assert _sense(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Our system achieves high precision and recall on the test set.",
        "We report precision, recall and F1.",
        "The precision of our tagger is 94.1%.",
        "It improves precision by 3 points over BERT.",
        "The 4-bit model keeps its precision and recall on SQuAD.",
        "We use R-precision and MAP to evaluate retrieval.",
        "It is a harmonic mean of micro-precision and micro-recall.",
        "Our method achieves the same precision with fewer random walks.",
    ],
)
def test_the_metric_stays_a_metric(nlp: Language, text: str) -> None:
    assert not _sense(nlp, text)


def test_only_words_with_another_sense_are_checked(nlp: Language) -> None:
    doc = nlp("The 8-bit accuracy and full recall.")
    assert not any(other_sense(doc, i, i + 1) for i in range(len(doc)))


def test_the_resolver_drops_a_numeric_precision_metric_but_keeps_the_metric() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_sentences_v1")
    resolver = nlp.add_pipe("kg_resolver_v1", config={"sources": {"ner": 1.0}})
    doc = nlp.make_doc("We quantize weights to 4-bit precision. It keeps precision and recall high.")
    doc = nlp.get_pipe("kg_sentences_v1")(doc)
    spans = []
    for token in doc:
        if token.lower_ in {"precision", "recall"}:
            span = doc[token.i : token.i + 1]
            span.label_, span.id_ = "Metric", "ner"
            spans.append((span, 0.9))
    add_candidates(doc, "ner", spans)
    doc = resolver(doc)
    second_sentence = list(doc.sents)[1].start
    assert [e.text for e in doc.ents] == ["precision", "recall"]
    assert all(e.start >= second_sentence for e in doc.ents)  # the 4-bit one was dropped


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("We add a mechanism to recall the knowledge from pretraining.", True),
        ("It scores a story recall task automatically.", True),
        ("Models can recall facts seen once.", True),
        ("It reaches a recall of 75.4% and a precision of 53.5%.", False),
        ("Most of the weight is assigned to recall.", False),
        ("It improves both recall and NDCG.", False),
        ("It trades precision/recall and model complexity.", False),
        ("It achieves a recall that is higher than before.", False),
    ],
)
def test_recall_the_verb_is_not_the_metric(nlp: Language, text: str, verb: bool) -> None:
    assert _sense(nlp, text, word="recall") is verb

"""Schwartz-Hearst abbreviation detection: the paper's examples and cases from seeds/*.txt."""

from __future__ import annotations

import pytest
from spacy.language import Language

from extractors.abbreviations import best_long_form, find_definitions, is_short_form
from extractors.tokenizer import blank_english


def _pairs(nlp: Language, text: str) -> list[tuple[str, str]]:
    return [(s.text, long.text) for s, long in nlp(text)._.abbreviations.items()]


@pytest.mark.parametrize(
    ("short", "candidate", "expected"),
    [
        # examples from Schwartz & Hearst (2003)
        ("HSF", "the heat shock transcription factor", "heat shock transcription factor"),
        ("ANP", "with the atrial natriuretic peptide", "atrial natriuretic peptide"),
        ("NF-kB", "the nuclear factor kappa B", "nuclear factor kappa B"),
        ("5-HT", "serotonin", None),
    ],
)
def test_best_long_form_matches_the_paper(short: str, candidate: str, expected: str | None) -> None:
    assert best_long_form(short, candidate) == expected


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        ("We fine-tune with Low-Rank Adaptation (LoRA) on GLUE.", "LoRA", "Low-Rank Adaptation"),
        ("We study randomized parameter-sharing (RPS) for compression.", "RPS", "randomized parameter-sharing"),
        ("Lottery Ticket Rewinding (LTR) finds sparse networks.", "LTR", "Lottery Ticket Rewinding"),
        ("Probabilistic Partitive Partitioning (PPP) clusters data.", "PPP", "Probabilistic Partitive Partitioning"),
        ("We use neural architecture search (NAS) to find cells.", "NAS", "neural architecture search"),
        ("Despite the potential of large language models (LLMs), they fail.", "LLMs", "large language models"),
        ("Knowledge distillation (KD; Hinton et al., 2015) compresses models.", "KD", "Knowledge distillation"),
        ("We use the HMM (hidden Markov model) for tagging.", "HMM", "hidden Markov model"),
        (
            "In this paper, we propose Activation-aware Weight Quantization (AWQ), a hardware-friendly approach.",
            "AWQ",
            "Activation-aware Weight Quantization",
        ),
    ],
)
def test_definitions_from_seeds(sent_abbr_nlp: Language, text: str, short: str, long: str) -> None:
    assert (short, long) in _pairs(sent_abbr_nlp, text)


def test_later_mentions_link_to_the_long_form(sent_abbr_nlp: Language) -> None:
    text = "We propose Low-Rank Adaptation (LoRA). LoRA beats fine-tuning, and two LoRAs merge. LLM (LLMs) no."
    pairs = _pairs(sent_abbr_nlp, text)
    assert pairs.count(("LoRA", "Low-Rank Adaptation")) == 2
    assert ("LoRAs", "Low-Rank Adaptation") in pairs


def test_mentions_before_the_definition_are_not_linked(sent_abbr_nlp: Language) -> None:
    doc = sent_abbr_nlp("NAS is hard. We use neural architecture search (NAS).")
    starts = [s.start for s in doc._.abbreviations]
    assert 0 not in starts


@pytest.mark.parametrize("text", ["Results (see Table 2) improve.", "in (a) and (b)", "the year (2020) and (e.g.)"])
def test_non_abbreviations_are_ignored(sent_abbr_nlp: Language, text: str) -> None:
    assert _pairs(sent_abbr_nlp, text) == []


def test_long_form_must_explain_every_letter(sent_abbr_nlp: Language) -> None:
    assert find_definitions(sent_abbr_nlp("We train the network quickly (XYZ).")) == []


def test_short_form_shape() -> None:
    assert is_short_form("LoRA") and is_short_form("TTF-1")
    assert not is_short_form("a") and not is_short_form("see table") and not is_short_form("2020")


def test_abbreviations_survive_serialisation(sent_abbr_nlp: Language) -> None:
    from spacy.tokens import Doc

    doc = sent_abbr_nlp("We use neural architecture search (NAS). NAS works.")
    copy = Doc(sent_abbr_nlp.vocab).from_bytes(doc.to_bytes())
    assert [(s.text, lf.text) for s, lf in copy._.abbreviations.items()] == [
        ("NAS", "neural architecture search"), ("NAS", "neural architecture search"),
    ]  # fmt: skip


def test_long_forms_do_not_start_with_function_words(sent_abbr_nlp: Language) -> None:
    text = "We introduce the Accuracy and Global-Local Fairness Optimality Problem (AGLFOP)."
    assert ("AGLFOP", "Accuracy and Global-Local Fairness Optimality Problem") in _pairs(sent_abbr_nlp, text)
    assert _pairs(sent_abbr_nlp, "Vision foundation models such as Segment Anything (SAM) work.") == []


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        ("Few-shot in-context learning (ICL) with a large model.", "ICL", "in-context learning"),
        ("We study on-device learning (ODL) for sensors.", "ODL", "on-device learning"),
        ("Processing-in-memory (PIM) designs help.", "PIM", "Processing-in-memory"),
    ],
)
def test_a_hyphenated_word_may_start_with_a_function_word(
    sent_abbr_nlp: Language, text: str, short: str, long: str
) -> None:
    """The "in" of "in-context" is part of a word, not a function word a long form may not start with."""
    assert (short, long) in _pairs(sent_abbr_nlp, text)
    assert _pairs(sent_abbr_nlp, "We train in context learning (ICL) style.") == []


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        ("We study Text-to-Image (T2I) models.", "T2I", "Text-to-Image"),
        ("An end-to-end (E2E) system.", "E2E", "end-to-end"),
        ("The sequence-to-sequence (Seq2Seq) model.", "Seq2Seq", "sequence-to-sequence"),
        ("Utilizing Large Language Model (LLM)-based metrics.", "LLM", "Large Language Model"),
        ("Research on eXplainable AI (XAI) grows.", "XAI", "eXplainable AI"),
        ("Media for extended reality (XR) devices.", "XR", "extended reality"),
    ],
)
def test_2_for_to_x_for_ex_and_a_hyphen_after_the_bracket(text: str, short: str, long: str) -> None:
    nlp = blank_english()
    nlp.add_pipe("kg_sentences_v1")
    nlp.add_pipe("kg_abbreviations_v1")
    assert (short, long) in _pairs(nlp, text)
    assert _pairs(nlp, "We use soft target search (S2S) here.") == []  # "2" is "to": no such word there


def test_a_long_form_with_a_comma_is_a_list(sent_abbr_nlp: Language) -> None:
    text = "We report Environmental, Social, and Governance (ESG) scores."
    assert ("ESG", "Environmental, Social, and Governance") in _pairs(sent_abbr_nlp, text)
    text = "It runs per frame, leading to prohibitive computational costs (FLOPs) on phones."
    assert _pairs(sent_abbr_nlp, text) == []

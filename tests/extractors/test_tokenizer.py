"""The pipeline's tokenizer: spaCy's English rules plus splits of brackets glued to words."""

from __future__ import annotations

import spacy
from spacy.language import Language

from extractors.pipeline import build_pipeline
from extractors.tokenizer import blank_english, make_tokenizer


def _words(nlp: Language, text: str) -> list[str]:
    return [t.text for t in nlp.make_doc(text)]


def test_a_bracketed_acronym_glued_to_its_long_form_is_split_off() -> None:
    nlp = blank_english()
    assert _words(nlp, "large language models(LLMs) are") == ["large", "language", "models", "(", "LLMs", ")", "are"]
    assert _words(nlp, "Language Processing(NLP).") == ["Language", "Processing", "(", "NLP", ")", "."]
    assert _words(nlp, "the state-of-the-art(SOTA)")[-4:] == ["art", "(", "SOTA", ")"]


def test_a_bracketed_acronym_glued_to_a_hyphenated_word_after_it_is_split_off() -> None:
    nlp = blank_english()
    assert _words(nlp, "Model (LLM)-based metrics") == ["Model", "(", "LLM", ")", "-", "based", "metrics"]
    assert _words(nlp, "the (LLMs)-driven way")[1:6] == ["(", "LLMs", ")", "-", "driven"]


def test_functions_short_words_and_plurals_in_brackets_stay_as_spacy_has_them() -> None:
    ours = blank_english()
    blank = spacy.blank("en")
    for text in [
        "f(X) = 1",
        "in O(N) time",
        "the model(s) we use",
        "log(x) and exp(y)",
        "We use LoRA (Hu et al.)",
        "a polylog(Delta)-approximation",
        "f(X)-based",
        "(a)-(c) show",
    ]:
        assert _words(ours, text) == _words(blank, text), text


def test_the_factory_gives_spacys_tokenizer_with_one_more_infix() -> None:
    nlp = spacy.blank("en")
    tokenizer = make_tokenizer()(nlp)
    assert tokenizer.prefix_search is not None and tokenizer.rules == nlp.tokenizer.rules
    assert [t.text for t in tokenizer("word(ABC)")] == ["word", "(", "ABC", ")"]


def test_the_pipeline_reads_a_glued_definition_as_a_definition() -> None:
    nlp = build_pipeline()
    doc = nlp("We study large language models(LLMs) for Graph Attention Network(GAT) training. LLMs are big.")
    found = {(e.text, e.kb_id_) for e in doc.ents}
    assert ("Graph Attention Network(GAT)", "Graph Attention Network") in found
    assert any(text == "LLMs" and name.lower() == "large language models" for text, name in found)
    assert not any("(" in text and ")" not in text for text, _ in found)  # no "models(LLMs" any more


def test_a_full_stop_after_a_name_ending_in_a_capital_is_split_off() -> None:
    nlp = blank_english()
    assert _words(nlp, "We use ViT.") == ["We", "use", "ViT", "."]
    assert _words(nlp, "with CoT.")[-2:] == ["CoT", "."]
    assert _words(nlp, "in ROUGE-L.") == ["in", "ROUGE", "-", "L", "."]
    assert _words(nlp, "on ImageNet-1K.")[-1] == "."  # as inside a sentence: "ImageNet-1", "K"
    assert _words(nlp, "via GPT-4V.") == ["via", "GPT-4V", "."]


def test_initials_titles_and_abbreviations_keep_their_full_stops() -> None:
    ours = blank_english()
    blank = spacy.blank("en")
    for text in ["by J. Smith", "the U.S. army", "a Ph.D. thesis", "Dr. X and Mr. Y", "St. Louis", "COCO.", "e.g. it"]:
        assert _words(ours, text) == _words(blank, text), text

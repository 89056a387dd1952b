"""KB matches as token tags for the entity model: hand-checked tags, the same tags in and out of kg's pipeline."""

from __future__ import annotations

import spacy

from extractors.kb_features import token_tags
from extractors.pipeline import build_pipeline

TEXT = "We train on ImageNet and report BLEU for machine translation in PyTorch."


def test_longest_match_wins_then_the_surer_one() -> None:
    matches = [(0, 1, "Method", 0.9), (0, 3, "Task", 0.5), (1, 2, "Dataset", 0.9), (4, 5, "Metric", 0.3)]
    assert token_tags(6, matches) == ["B-Task", "I-Task", "I-Task", "", "B-Metric-", ""]
    assert token_tags(3, [(0, 2, "Task", 0.5), (1, 3, "Dataset", 0.9)]) == ["", "B-Dataset+", "I-Dataset+"]


def test_the_shipped_kb_tags_known_names() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_kb_token_tags_v1", name="kb_tags")
    tags = {t.text: t.tag_ for t in nlp(TEXT)}
    assert tags["ImageNet"] == "B-Dataset+"
    assert tags["PyTorch"].startswith("B-Software")
    assert tags["We"] == "" and tags["train"] == ""


def test_in_kg_pipeline_the_tags_come_from_the_kb_candidates_unchanged() -> None:
    alone = spacy.blank("en")
    alone.add_pipe("kg_kb_token_tags_v1", name="kb_tags")
    nlp = build_pipeline()
    doc = nlp.make_doc(TEXT)
    for name, proc in nlp.pipeline:
        if name == "ner":
            break
        doc = proc(doc)
    tagger = alone.get_pipe("kb_tags")
    assert "kb" in doc.spans
    tagger(doc)
    expected = [t.tag_ for t in alone(TEXT)]
    assert [t.tag_ for t in doc] == expected
    assert any(expected)

"""The NER-candidate component with stand-in models (a saved entity/span ruler), and without a model."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

import extractors.pipeline  # noqa: F401
from extractors.ner import NERCandidates


def _save_ruler_model(path: Path, spans: bool) -> None:
    model = spacy.blank("en")
    factory, config = ("span_ruler", {"spans_key": "sc"}) if spans else ("entity_ruler", {})
    ruler = model.add_pipe(factory, config=config)
    ruler.add_patterns([{"label": "Method", "pattern": "BERT"}, {"label": "Dataset", "pattern": "SQuAD"},
                        {"label": "PERSON", "pattern": "Smith"}])  # fmt: skip
    model.to_disk(path)


@pytest.mark.parametrize("spans", [False, True])
def test_predictions_are_copied_with_scores(tmp_path: Path, spans: bool) -> None:
    _save_ruler_model(tmp_path / "m", spans)
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_ner_model_v1", config={"model_path": str(tmp_path / "m"), "ents_score": 0.8})
    docs = list(nlp.pipe(["Smith ran BERT on SQuAD.", "Nothing here."]))
    group = docs[0].spans["ner"]
    assert [(s.text, s.label_) for s in group] == [("BERT", "Method"), ("SQuAD", "Dataset")]
    assert all(0.0 <= x <= 1.0 for x in group.attrs["scores"])
    assert not docs[0].ents  # the model's annotations stay in the model's own docs
    assert len(docs[1].spans["ner"]) == 0


def test_without_a_model_it_adds_an_empty_group(tmp_path: Path) -> None:
    component = NERCandidates(spacy.blank("en"), model_path=str(tmp_path / "absent"))
    doc = component(spacy.blank("en")("BERT on SQuAD"))
    assert component.model is None and len(doc.spans["ner"]) == 0


def test_a_doc_from_another_vocab_is_copied_first(tmp_path: Path) -> None:
    _save_ruler_model(tmp_path / "m", spans=False)
    component = NERCandidates(spacy.blank("en"), model_path=str(tmp_path / "m"))
    doc = spacy.blank("en")("Smith ran BERT on SQuAD.")
    assert doc.vocab is not component.model.vocab
    component(doc)
    assert [(s.text, s.label_) for s in doc.spans["ner"]] == [("BERT", "Method"), ("SQuAD", "Dataset")]
    assert not doc.ents

"""The span verifier: its features, its weights on disk, and what it does to candidates."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.tokens import Doc, Span

from extractors.candidates import add_candidates, candidate_scores
from extractors.training.verifier import doc_examples
from extractors.verifier import MAX_LENGTH, VERIFIER_PATH, SpanVerifier, SpanVerifierComponent, span_features

LABELS = ["Method", "Dataset", "Metric", "Task"]


def test_span_features_by_hand() -> None:
    tensor = np.arange(12, dtype=np.float32).reshape(4, 3)  # token k has [3k, 3k+1, 3k+2]
    feats = span_features(tensor, np.array([1, 0]), np.array([3, 4]))
    assert feats.shape == (2, 5 * 3 + MAX_LENGTH)
    first, last, mean, before, after = (feats[0, i * 3 : i * 3 + 3] for i in range(5))
    length = feats[0, 15:]
    assert first.tolist() == [3, 4, 5] and last.tolist() == [6, 7, 8]
    assert mean.tolist() == [4.5, 5.5, 6.5]
    assert before.tolist() == [0, 1, 2] and after.tolist() == [9, 10, 11]
    assert length.tolist() == [0, 1] + [0] * (MAX_LENGTH - 2)
    whole = feats[1]  # the whole doc: nothing before or after it
    assert whole[9:15].tolist() == [0] * 6
    assert whole[6:9].tolist() == [4.5, 5.5, 6.5]
    assert whole[15:].tolist() == [0, 0, 0, 1] + [0] * (MAX_LENGTH - 4)
    long = span_features(np.ones((20, 3), dtype=np.float32), np.array([0]), np.array([15]))
    assert long[0, 15:].tolist() == [0] * (MAX_LENGTH - 1) + [1]  # longer than MAX_LENGTH: last slot


def _toy_verifier(width: int, b2: tuple[float, ...] = (-5.0, -10.0, -10.0, 10.0)) -> SpanVerifier:
    """One hidden unit that reads the first token's first dimension; 'Method' follows it.

    The output biases ``b2`` set the other types (by default Task is always likely).
    """
    dim = 5 * width + MAX_LENGTH
    w1 = np.zeros((1, dim), dtype=np.float32)
    w1[0, 0] = 1.0
    w2 = np.array([[10.0], [0.0], [0.0], [0.0]], dtype=np.float32)
    return SpanVerifier(w1, np.zeros(1, dtype=np.float32), w2, np.array(b2, dtype=np.float32), LABELS)


def test_members_are_averaged_and_saved(tmp_path: Path) -> None:
    one = _toy_verifier(2)
    x = np.zeros((1, 5 * 2 + MAX_LENGTH), dtype=np.float32)
    x[0, 0] = 1.0
    p_one = one.probabilities(x)
    assert p_one[0, 0] == pytest.approx(1 / (1 + np.exp(-5)))
    two = SpanVerifier(
        np.stack([one.w1[0], one.w1[0] * 0]), np.stack([one.b1[0]] * 2), np.stack([one.w2[0]] * 2),
        np.stack([one.b2[0]] * 2), LABELS,
    )  # fmt: skip
    expected = (1 / (1 + np.exp(-5)) + 1 / (1 + np.exp(5))) / 2  # the second member sees 0: sigmoid(-5)
    assert two.probabilities(x)[0, 0] == pytest.approx(expected)
    path = tmp_path / "v.npz"
    two.to_disk(path)
    again = SpanVerifier.from_disk(path)
    assert again.labels == LABELS and again.w1.shape == (2, 1, x.shape[1])
    assert np.allclose(again.probabilities(x), two.probabilities(x))


def _doc_with_candidates(nlp: spacy.Language) -> Doc:
    doc = nlp.make_doc("We use LoRA on GLUE and BERT here")
    doc.tensor = np.zeros((len(doc), 2), dtype=np.float32)
    doc.tensor[2, 0] = 1.0  # "LoRA" looks like a Method to the toy verifier; "GLUE" and "BERT" do not
    spans = [(Span(doc, 2, 3, label="Method"), 0.8), (Span(doc, 4, 5, label="Method"), 0.8),
             (Span(doc, 6, 7, label="Dataset"), 0.8)]  # fmt: skip
    for span, _ in spans:
        span.id_ = "ner"
    add_candidates(doc, "ner", spans)
    add_candidates(doc, "kb", [(Span(doc, 4, 5, label="Dataset"), 0.9)])
    return doc


def test_component_scores_drops_and_keeps_backed_or_likely_spans(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    path = tmp_path / "v.npz"
    _toy_verifier(2, b2=(-5.0, -10.0, -10.0, -10.0)).to_disk(path)
    component = SpanVerifierComponent(nlp, model_path=str(path), mix=0.5, drop_below=0.3, entity_above=0.5)
    doc = component(_doc_with_candidates(nlp))
    kept = [(s.text, s.label_, round(score, 3)) for s, score in candidate_scores(doc, "ner")]
    p_lora = 1 / (1 + np.exp(-5))
    # LoRA kept with the mixed score; GLUE (p ~ 0) kept because the KB has that span; BERT dropped
    assert kept == [("LoRA", "Method", round(0.5 * p_lora + 0.4, 3)), ("GLUE", "Method", round(0.5 * 0.0067 + 0.4, 3))]
    assert doc.tensor.size == 0  # emptied: docs stay small between processes
    _toy_verifier(2).to_disk(path)  # Task always about 1: every span is some entity, so none is dropped
    off = SpanVerifierComponent(nlp, model_path=str(path), drop_below=0.3, entity_above=0.5, retype_above=2.0)
    assert [(s.text, s.label_) for s, _ in candidate_scores(off(_doc_with_candidates(nlp)), "ner")] == [
        ("LoRA", "Method"), ("GLUE", "Method"), ("BERT", "Dataset")
    ]  # fmt: skip


def test_component_retypes_an_unbacked_span_whose_other_type_is_far_likelier(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    path = tmp_path / "v.npz"
    _toy_verifier(2).to_disk(path)  # Task about 1 everywhere; Method about 1 on "LoRA" only
    component = SpanVerifierComponent(nlp, model_path=str(path), mix=0.5, retype_above=0.5, retype_margin=0.2)
    doc = component(_doc_with_candidates(nlp))
    got = [(s.text, s.label_, s.id_, round(score, 3)) for s, score in candidate_scores(doc, "ner")]
    p_task = 1 / (1 + np.exp(-10))
    assert got == [
        ("LoRA", "Method", "ner", round(0.5 / (1 + np.exp(-5)) + 0.4, 3)),  # Task is likelier by < 0.2: kept
        ("GLUE", "Method", "ner", round(0.5 * 0.0067 + 0.4, 3)),  # the KB gives it only Dataset, unlikely: stays
        ("BERT", "Task", "ner", round(0.5 * p_task + 0.4, 3)),  # Dataset ~0, Task ~1: retyped, scored as Task
    ]


def test_without_weights_or_tensor_nothing_changes(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    doc = _doc_with_candidates(nlp)
    before = [(s.text, s.label_, score) for s, score in candidate_scores(doc, "ner")]
    SpanVerifierComponent(nlp, model_path=str(tmp_path / "absent.npz"))(doc)
    assert [(s.text, s.label_, score) for s, score in candidate_scores(doc, "ner")] == before
    _toy_verifier(2).to_disk(tmp_path / "t.npz")
    doc = _doc_with_candidates(nlp)
    doc.tensor = np.zeros((0,), dtype=np.float32)  # no entity model ran
    SpanVerifierComponent(nlp, model_path=str(tmp_path / "t.npz"))(doc)
    assert [(s.text, s.label_, score) for s, score in candidate_scores(doc, "ner")] == before


def test_training_examples_mask_types_a_corpus_does_not_annotate() -> None:
    import random

    nlp = spacy.blank("en")
    text = "BERT improves NER on CoNLL"
    gold = [{"start": 14, "end": 17, "type": "Task"}, {"start": 21, "end": 26, "type": "Dataset"}]
    rec = {"text": text, "entities": gold}
    doc = nlp.make_doc(text)
    doc.tensor = np.zeros((len(doc), 2), dtype=np.float32)
    x, y, mask = doc_examples(doc, rec, "tdmsci", random.Random(0))
    assert x.shape[0] == y.shape[0] == mask.shape[0] and x.shape[1] == 5 * 2 + MAX_LENGTH
    assert y.sum(axis=0).tolist() == [0, 1, 0, 1]  # one Dataset, one Task
    assert mask[:, 0].sum() == 0  # TDMSci annotates no Method: no loss either way
    assert mask[:, 1:].min() == 1
    _, _, mask = doc_examples(doc, rec, "scierc", random.Random(0))
    assert mask.min() == 1


@pytest.mark.skipif(not VERIFIER_PATH.is_file(), reason="verifier weights not present")
def test_shipped_verifier_scores_the_pipeline_candidates() -> None:
    from extractors.pipeline import build_pipeline

    nlp = build_pipeline(overrides={"components.verifier.drop_below": 0.0, "components.verifier.mix": 1.0})
    doc = nlp("We propose Low-Rank Adaptation (LoRA), evaluated on GLUE with accuracy.")
    scores = {s.text: score for s, score in candidate_scores(doc, "ner")}
    assert scores and all(0.0 <= s <= 1.0 for s in scores.values())
    assert len(set(scores.values())) > 1  # real probabilities, not the model's constant


def test_another_model_runs_with_its_own_verifier(tmp_path: Path) -> None:
    from extractors.ner import MODEL_PATH
    from extractors.pipeline import build_pipeline, model_overrides
    from extractors.verifier import verifier_path_for

    assert verifier_path_for(None) == VERIFIER_PATH == verifier_path_for(MODEL_PATH)
    assert verifier_path_for(tmp_path) == tmp_path / "verifier.npz"
    # a model directory without its own verifier: the shipped weights (which fit another model) are not used
    nlp = build_pipeline(overrides=model_overrides(tmp_path))
    assert nlp.get_pipe("verifier").verifier is None
    _toy_verifier(3).to_disk(tmp_path / "verifier.npz")
    assert build_pipeline(overrides=model_overrides(tmp_path)).get_pipe("verifier").verifier is not None

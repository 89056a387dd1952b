"""The ensemble-distillation recipe: what the teachers label, and which text they get."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from extractors.greedy_ner import GreedyNER
from extractors.training.distill import ensemble_docs, full_text_sentences, load_ensemble

MODEL = Path(__file__).resolve().parents[2] / "extractors" / "models" / "ner"
TEXTS = [
    "We fine-tune BERT with Low-Rank Adaptation (LoRA) on SQuAD and report F1 on question answering.",
    "Our parser reaches 92.1 LAS on the Penn Treebank. It is trained with Adam.",
    "",
]


def _full_text(rec_id: str, sentences: list[str]) -> dict:
    text, spans = "", []
    for sentence in sentences:
        spans.append([len(text), len(text) + len(sentence)])
        text += sentence + " "
    return {"id": rec_id, "text": text, "entities": [], "sentences": spans, "granularity": "full-text"}


def test_full_text_sentences_are_long_ones_of_the_train_splits_and_never_a_dev_text(tmp_path: Path) -> None:
    keep = [f"Sentence {k} says that the proposed tagger beats every baseline on the benchmark." for k in range(5)]
    dev = "This sentence is in a dev text and must never be labelled for training here."
    (tmp_path / "scinlp").mkdir()
    rec = _full_text("p1", [*keep, "Too short to keep.", dev])
    (tmp_path / "scinlp" / "train.jsonl").write_text(json.dumps(rec) + "\n", encoding="utf8")
    got = full_text_sentences(tmp_path, dev_text=dev.lower(), limit=100)
    assert sorted(got) == sorted(keep)
    assert len(full_text_sentences(tmp_path, dev_text="", limit=3)) == 3
    assert full_text_sentences(tmp_path, dev_text="", limit=3) == full_text_sentences(tmp_path, "", 3)  # seeded


def test_the_ensemble_of_one_model_twice_labels_what_the_model_finds() -> None:
    if not (MODEL / "meta.json").exists():
        pytest.skip("trained model not present")
    models, decoder = load_ensemble([MODEL, MODEL])
    assert len(models) == 2 and models[1].vocab is models[0].vocab and len(decoder.models) == 2
    labelled = list(ensemble_docs(models, decoder, TEXTS).get_docs(models[0].vocab))
    alone = spacy.load(MODEL)
    docs = list(alone.get_pipe("tok2vec").pipe(alone.make_doc(t) for t in TEXTS))
    expected = GreedyNER(alone.get_pipe("ner"))(docs)
    assert [[(e.start, e.end, e.label_) for e in doc.ents] for doc in labelled] == expected
    assert [doc.text for doc in labelled] == TEXTS and sum(map(len, expected)) >= 4
    assert all(token.ent_iob_ in {"B", "I", "O"} for doc in labelled for token in doc)  # no token left missing

"""Tests for the shipped statistical entity model and its data preparation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.matcher import PhraseMatcher

from extractors.sentences import SentenceSplitter
from extractors.tokenizer import blank_english
from extractors.training.prepare import LABELS, Stats, body_sentences, flatten, make_doc, silver_records

MODEL = Path(__file__).resolve().parents[2] / "extractors" / "models" / "ner"


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    """The shipped pipeline, loaded from the repository path (no network needed)."""
    if not (MODEL / "meta.json").exists():
        pytest.skip("trained model not present")
    return spacy.load(MODEL)


def test_model_labels_are_the_four_types(nlp: spacy.language.Language) -> None:
    assert set(nlp.get_pipe("ner").labels) == set(LABELS)


def test_model_finds_datasets(nlp: spacy.language.Language) -> None:
    doc = nlp("We evaluate on the CIFAR-10 and ImageNet datasets.")
    found = {(e.text, e.label_) for e in doc.ents}
    assert any(label == "Dataset" and "CIFAR-10" in text for text, label in found), found


def test_model_finds_metric(nlp: spacy.language.Language) -> None:
    doc = nlp("Our system outperforms the baseline by 2 points in terms of BLEU score.")
    assert any(e.label_ == "Metric" and "BLEU" in e.text for e in doc.ents), doc.ents


def test_model_size_is_small() -> None:
    if not MODEL.exists():
        pytest.skip("trained model not present")
    size = sum(p.stat().st_size for p in MODEL.rglob("*") if p.is_file())
    assert size < 30 * 1024 * 1024


def test_prepare_aligns_offsets_to_tokens() -> None:
    nlp = spacy.blank("en")
    text = "We train BERT-large on SQuAD and report F1."
    rec = {
        "text": text,
        "entities": [
            {"start": 9, "end": 19, "type": "Method"},  # BERT-large: token-aligned
            {"start": 23, "end": 27, "type": "Dataset"},  # "SQuA": mid-token -> expanded
            {"start": 40, "end": 42, "type": "Metric"},
            {"start": 0, "end": 2, "type": "Other"},  # not one of the four -> O
        ],
    }
    stats = Stats()
    doc = make_doc(nlp, rec, "scierc", stats)
    assert [(e.text, e.label_) for e in doc.ents] == [("BERT-large", "Method"), ("SQuAD", "Dataset"), ("F1", "Metric")]
    assert stats.expanded["scierc"] == 1
    assert doc[0].ent_iob_ == "O"


def test_prepare_marks_unannotated_types_missing() -> None:
    nlp = spacy.blank("en")
    rec = {
        "text": "An LSTM tagger improves parsing accuracy.",
        "entities": [{"start": 24, "end": 31, "type": "Task"}, {"start": 32, "end": 40, "type": "Metric"}],
    }
    doc = make_doc(nlp, rec, "tdmsci", Stats())
    lstm = doc[1]
    assert lstm.text == "LSTM" and lstm.ent_iob_ == ""  # missing, not O
    assert doc[0].ent_iob_ == "O"
    assert [(e.text, e.label_) for e in doc.ents] == [("parsing", "Task"), ("accuracy", "Metric")]


def test_prepare_dataset_mentions_leaves_other_types_open() -> None:
    """Dataset-only sentences: gazetteer names of the other types and acronyms are missing, the rest O."""
    nlp = spacy.blank("en")
    matchers = {lab: PhraseMatcher(nlp.vocab, attr="LOWER") for lab in LABELS}
    matchers["Task"].add("Task", [nlp.make_doc("image classification")])
    rec = {
        "text": "We train ResNet50 for image classification on the ImageNet dataset.",
        "entities": [{"start": 50, "end": 66, "type": "Dataset"}],
    }
    doc = make_doc(nlp, rec, "dataset_mentions", Stats(), matchers)
    iob = {t.text: t.ent_iob_ for t in doc}
    assert [(e.text, e.label_) for e in doc.ents] == [("ImageNet dataset", "Dataset")]
    assert iob["ResNet50"] == "" and iob["image"] == "" and iob["classification"] == ""  # open: no loss
    assert iob["train"] == "O" and iob["the"] == "O"


def test_flatten_keeps_longest() -> None:
    doc = spacy.blank("en")("statistical machine translation system")
    outer = doc.char_span(0, len(doc.text), label="Method")
    inner = doc.char_span(0, 31, label="Task")
    kept, dropped = flatten([inner, outer])
    assert [s.label_ for s in kept] == ["Method"] and dropped == 1


def test_prepare_silver_keeps_sure_entities_and_leaves_the_rest_open(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    text = "We fine-tune RoBERTa with LoRA and report accuracy on GLUE."
    row = {
        "id": "s1",
        "text": text,
        "entities": [{"start": 13, "end": 20, "type": "Method", "score": 0.9}],  # RoBERTa: sure
        "uncertain": [{"start": 26, "end": 30, "type": "Method", "score": 0.5}],
    }  # LoRA: unsure
    (tmp_path / "silver.jsonl").write_text(json.dumps(row) + "\n", encoding="utf8")
    rec = silver_records(tmp_path / "silver.jsonl")[0]
    doc = make_doc(nlp, rec, "silver", Stats())
    by_text = {t.text: t.ent_iob_ for t in doc}
    assert [(e.text, e.label_) for e in doc.ents] == [("RoBERTa", "Method")]
    assert by_text["LoRA"] == ""  # uncertain: missing, no loss
    assert by_text["GLUE"] == ""  # acronym-like, not labelled: missing
    assert by_text["We"] == "O" and by_text["report"] == "O"


def test_silver_records_split_by_score_and_skip_dev_text() -> None:
    from extractors.training.silver import paper_text
    from extractors.training.silver import silver_records as label

    dev_abstract = "A dev abstract that must never be labelled for training, whatever it names."
    records = [
        {
            "id": "a",
            "title": "LoRA for BERT",
            "abstract": "We fine-tune BERT with LoRA on the GLUE benchmark and report accuracy and F1 score.",
        },
        {"id": "b", "title": "A dev paper", "abstract": dev_abstract},
    ]
    rows = label(records, dev_abstract.lower(), keep_above=0.6)
    assert [r["id"] for r in rows] == ["a"]
    row = rows[0]
    assert row["text"] == paper_text(records[0]) == "LoRA for BERT\n\n" + records[0]["abstract"]
    assert row["entities"], row
    assert all(e["score"] >= 0.6 for e in row["entities"])
    assert all(e["score"] < 0.6 for e in row["uncertain"])
    assert {row["text"][e["start"] : e["end"]] for e in row["entities"]} & {"BERT", "GLUE", "LoRA"}


def test_scirex_body_sentences_skip_title_and_abstract_and_keep_entities_whole() -> None:
    """SciREX body sentences start after the second section; offsets move with the sentence, and a
    sentence end inside an entity (the splitter ends one after "Lab.") joins the two sentences."""
    title, abstract = "Nets for Segmentation", "section: Abstract We segment images."
    body = "We train ResNet on Cityscapes. It reaches high mIoU. The Deep Lab. V3 model is slower."
    text = f"{title} {abstract} {body}"
    b = len(title) + len(abstract) + 2

    def ent(phrase: str, typ: str) -> dict:
        start = text.index(phrase, b if phrase != "Segmentation" else 0)
        return {"start": start, "end": start + len(phrase), "type": typ, "text": phrase}

    rec = {
        "id": "p",
        "text": text,
        "sections": [[0, len(title)], [len(title) + 1, b - 1], [b, len(text)]],
        "entities": [
            ent("Segmentation", "Task"),
            ent("ResNet", "Method"),
            ent("Cityscapes", "Dataset"),
            ent("mIoU", "Metric"),
            ent("Deep Lab. V3", "Method"),
        ],
    }
    nlp = blank_english()
    sents = list(body_sentences(rec, SentenceSplitter(nlp), nlp))
    assert [s["text"].strip() for s in sents] == [
        "We train ResNet on Cityscapes.",
        "It reaches high mIoU.",
        "The Deep Lab. V3 model is slower.",
    ]
    found = [[(s["text"][e["start"] : e["end"]], e["type"]) for e in s["entities"]] for s in sents]
    assert found == [
        [("ResNet", "Method"), ("Cityscapes", "Dataset")],
        [("mIoU", "Metric")],
        [("Deep Lab. V3", "Method")],
    ]

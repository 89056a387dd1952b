"""Ensemble members in a model directory: added, checked against the main model's vectors, decoded together."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy
import pytest
import spacy
from click.testing import CliRunner
from spacy.language import Language

from extractors.ensemble import FINGERPRINT_KEY, EnsembleError, add_member, member_dirs
from extractors.fast_inference import limit_blas_threads
from extractors.greedy_ner import GreedyNER
from extractors.pipeline import build_pipeline, model_overrides
from extractors.verifier import VERIFIER_PATH
from kg.cli import main

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "extractors" / "models" / "ner"
TEXTS = [
    "Low-Rank Adaptation (LoRA) fine-tunes large language models on GLUE and SQuAD. LoRA reduces memory.",
    "We report accuracy and F1 on SQuAD, and LoRA matches full fine-tuning of RoBERTa-large.",
    "Pruning ResNet-50 on ImageNet keeps top-1 accuracy; we release code for image classification.",
    "",
    "A transformer for machine translation, evaluated with BLEU on WMT14 English-German.",
]

pytestmark = pytest.mark.skipif(not (MODEL / "meta.json").exists(), reason="trained model not present")


def _model_copy(tmp_path: Path) -> Path:
    """The shipped model (with its verifier) in a directory of its own, to add members to."""
    target = tmp_path / "model"
    shutil.copytree(MODEL, target)
    shutil.copy(VERIFIER_PATH, target / "verifier.npz")
    return target


def _perturbed(tmp_path: Path, seed: int = 0) -> Path:
    """The shipped model with noise on its NER output layer, saved: a member that decides otherwise."""
    other = spacy.load(MODEL)
    upper = other.get_pipe("ner").model.get_ref("upper")
    weights = upper.get_param("W")
    upper.set_param("W", weights + numpy.random.default_rng(seed).normal(0.0, 0.5, weights.shape).astype(weights.dtype))
    other.to_disk(tmp_path / "perturbed")
    return tmp_path / "perturbed"


def _entities(nlp: Language) -> list[list[tuple[int, int, str]]]:
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in nlp.pipe(TEXTS)]


def _ner_spans(nlp: Language) -> list[list[tuple[int, int, str]]]:
    """The entity model's candidates, before the verifier and resolver."""
    with nlp.select_pipes(disable=["verifier", "resolver"]):
        return [[(s.start, s.end, s.label_) for s in doc.spans["ner"]] for doc in nlp.pipe(TEXTS)]


def test_a_model_with_itself_as_member_extracts_what_it_extracts_alone(tmp_path: Path) -> None:
    model = _model_copy(tmp_path)
    member = add_member(model, MODEL, "same")
    assert member_dirs(model) == [member] and not (member / "vocab").exists()
    alone, ensemble = build_pipeline(overrides=model_overrides(MODEL)), build_pipeline(overrides=model_overrides(model))
    assert len(ensemble.get_pipe("ner").members) == 1
    found = _entities(alone)
    assert _entities(ensemble) == found and sum(map(len, found)) > 10  # the verifier reads the main model's vectors


def test_the_component_decodes_its_members_as_one_ensemble(tmp_path: Path) -> None:
    model = _model_copy(tmp_path)
    add_member(model, _perturbed(tmp_path), "noisy")
    for fast in (True, False):
        nlp = build_pipeline(overrides={**model_overrides(model), "components.ner.fast": fast})
        component = nlp.get_pipe("ner")
        main, (member,) = component.model, component.members
        decoder = GreedyNER(main.get_pipe("ner"), [member.get_pipe("ner")])
        expected = []
        for text in TEXTS:  # one doc at a time: the reference for what the component does by batch
            docs = [nlp.get_pipe("sentences")(nlp.make_doc(text))]
            with limit_blas_threads(1):
                member_docs = list(member.get_pipe("tok2vec").pipe(docs))
                member_table = decoder.precompute(member_docs, 1)
                main_docs = list(main.get_pipe("tok2vec").pipe(docs))
                expected += decoder(main_docs, None, [decoder.precompute(main_docs), member_table])
        assert _ner_spans(nlp) == expected
    alone = _ner_spans(build_pipeline(overrides=model_overrides(MODEL)))
    assert alone != expected  # the member counts


def test_a_member_on_other_vectors_is_refused(tmp_path: Path) -> None:
    model = _model_copy(tmp_path)
    member = add_member(model, MODEL, "same")
    meta = json.loads((member / "meta.json").read_text(encoding="utf-8"))
    meta[FINGERPRINT_KEY] = "0" * 64
    (member / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(EnsembleError, match="members/same: ensemble member trained on other vectors"):
        build_pipeline(overrides=model_overrides(model))
    records = tmp_path / "in.jsonl"
    records.write_text(json.dumps({"id": "a", "text": TEXTS[0]}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(records), "--model", str(model)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith("Error: ") and "members/same: ensemble member trained on other" in result.output

    (member / "meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(EnsembleError, match=r"members/same/meta\.json: not a readable spaCy meta\.json"):
        build_pipeline(overrides=model_overrides(model))

    other = spacy.load(MODEL)
    other.vocab.vectors.data[0] += 1.0
    other.to_disk(tmp_path / "other_vectors")
    with pytest.raises(EnsembleError, match="other_vectors: trained on other vectors"):
        add_member(model, tmp_path / "other_vectors", "other")


def test_a_member_with_other_actions_is_refused(tmp_path: Path) -> None:
    model = _model_copy(tmp_path)
    other = spacy.load(MODEL)
    other.get_pipe("ner").add_label("Organism")
    other.to_disk(tmp_path / "more_labels")
    with pytest.raises(EnsembleError, match="NER actions differ"):
        add_member(model, tmp_path / "more_labels", "more")
    assert member_dirs(model) == []


def test_a_member_is_trained_on_the_main_models_vectors(tmp_path: Path) -> None:
    from extractors.ensemble import vectors_fingerprint
    from extractors.training.train import build_vectors

    vec_model = build_vectors(tmp_path / "corpus-not-read.jsonl.gz", tmp_path / "work", source=MODEL)
    copied, main = spacy.load(vec_model).vocab.vectors, spacy.load(MODEL).vocab.vectors
    assert copied.mode == "floret" and vectors_fingerprint(copied) == vectors_fingerprint(main)
    assert build_vectors(tmp_path / "absent", tmp_path / "work") == vec_model  # present: kept, not retrained

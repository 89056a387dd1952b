"""The shallower-model recipe: dropping encoder layers keeps a loadable, working model."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy

from extractors.training.shrink import drop_layers, encoder_layers

MODEL = Path(__file__).resolve().parents[2] / "extractors" / "models" / "ner"
TEXT = "We fine-tune BERT with Low-Rank Adaptation (LoRA) on SQuAD and report F1 on question answering."


@pytest.fixture(scope="module")
def model() -> spacy.language.Language:
    if not (MODEL / "meta.json").exists():
        pytest.skip("trained model not present")
    return spacy.load(MODEL)


def test_dropping_an_encoder_layer_saves_a_shallower_model_with_the_other_weights(
    model: spacy.language.Language, tmp_path: Path
) -> None:
    depth = len(encoder_layers(model))
    assert drop_layers(MODEL, [depth - 1], tmp_path / "shallow") == depth - 1
    shallow = spacy.load(tmp_path / "shallow")
    assert shallow.config["components"]["tok2vec"]["model"]["encode"]["depth"] == depth - 1
    kept, original = encoder_layers(shallow), encoder_layers(model)
    assert len(kept) == depth - 1
    for a, b in zip(kept, original[: depth - 1], strict=True):  # the first layers, unchanged
        for node_a, node_b in zip(a.walk(), b.walk(), strict=True):
            for name in node_b.param_names:
                assert numpy.array_equal(node_a.get_param(name), node_b.get_param(name))
    doc = shallow(TEXT)
    assert doc.tensor.shape == (len(doc), 128) and all(
        e.label_ in {"Method", "Dataset", "Metric", "Task"} for e in doc.ents
    )
    deep = model(TEXT)
    assert not numpy.allclose(doc.tensor, deep.tensor, atol=1e-3)  # one layer fewer: other vectors


def test_dropping_every_layer_or_one_that_is_not_there_is_refused(
    tmp_path: Path, model: spacy.language.Language
) -> None:
    depth = len(encoder_layers(model))
    for drop in ([depth], list(range(depth)), [-1]):
        with pytest.raises(SystemExit):
            drop_layers(MODEL, drop, tmp_path / "x")

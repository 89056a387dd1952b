"""kg's own spaCy layers: the window-CNN + BiLSTM encoder sees the whole sentence and loads from plain spaCy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy
import spacy
from spacy.language import Language

from extractors.architectures import LSTM_ENCODER

WIDTH = 16


def _tok2vec_pipeline(architecture: str) -> Language:
    """A blank English pipeline with one initialised tok2vec whose encoder is ``architecture``."""
    nlp = spacy.blank("en")
    nlp.add_pipe(
        "tok2vec",
        config={
            "model": {
                "@architectures": "spacy.Tok2Vec.v2",
                "embed": {
                    "@architectures": "spacy.MultiHashEmbed.v2",
                    "width": WIDTH,
                    "attrs": ["NORM", "SHAPE"],
                    "rows": [500, 50],
                    "include_static_vectors": False,
                },
                "encode": {
                    "@architectures": architecture,
                    "width": WIDTH,
                    "depth": 1,
                    "window_size": 1,
                    "maxout_pieces": 2,
                },
            }
        },
    )
    nlp.initialize()
    return nlp


def _first_token_vector(nlp: Language, text: str) -> numpy.ndarray:
    return nlp(text).tensor[0]


def test_lstm_encoder_sees_beyond_the_window() -> None:
    """Changing the last word moves the first token's vector with the LSTM, not with the window CNN alone
    (one layer of window 1 sees one token either side)."""
    a = "Adapters help here and there and everywhere in this long sentence today"
    b = "Adapters help here and there and everywhere in this long sentence tomorrow"
    lstm = _tok2vec_pipeline(LSTM_ENCODER)
    cnn = _tok2vec_pipeline("spacy.MaxoutWindowEncoder.v2")
    assert lstm(a).tensor.shape == (len(lstm(a)), WIDTH)
    assert not numpy.allclose(_first_token_vector(lstm, a), _first_token_vector(lstm, b))
    assert numpy.allclose(_first_token_vector(cnn, a), _first_token_vector(cnn, b))


def test_lstm_encoder_handles_docs_of_different_lengths_in_one_batch() -> None:
    """A doc's vectors do not depend on the other docs of its batch (the LSTM pads and sorts them)."""
    nlp = _tok2vec_pipeline(LSTM_ENCODER)
    texts = ["One.", "A much longer doc with many more tokens than the others in it.", "", "Two words"]
    together = [doc.tensor for doc in nlp.pipe(texts, batch_size=4)]
    alone = [nlp(text).tensor for text in texts]
    assert [t.shape[0] for t in together] == [len(nlp.make_doc(t)) for t in texts]
    for x, y in zip(together, alone, strict=True):
        numpy.testing.assert_allclose(x, y, atol=1e-5)


def test_a_saved_lstm_model_loads_in_plain_spacy(tmp_path: Path) -> None:
    """spaCy finds the architecture through kg's entry point: the loading script never imports extractors."""
    nlp = _tok2vec_pipeline(LSTM_ENCODER)
    nlp.to_disk(tmp_path / "model")
    expected = nlp("LoRA adapts large models").tensor
    code = (
        "import sys, spacy, numpy\n"
        f"nlp = spacy.load({str(tmp_path / 'model')!r})\n"
        "numpy.save(sys.argv[1], nlp('LoRA adapts large models').tensor)\n"
    )
    out = tmp_path / "tensor.npy"
    subprocess.run([sys.executable, "-c", code, str(out)], check=True, cwd=tmp_path)
    numpy.testing.assert_allclose(numpy.load(out), expected, atol=1e-6)

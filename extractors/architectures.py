"""Model architectures kg registers with spaCy (through the ``spacy_architectures`` entry point in
pyproject.toml, so ``spacy.load``, ``spacy pretrain`` and ``spacy train`` find them without importing kg).

``kg.MaxoutBiLSTMEncoder.v1``: spaCy's ``MaxoutWindowEncoder`` (local context, +-depth*window
tokens) followed by a residual bidirectional LSTM over the whole doc, so every token vector can
see the entire sentence. The LSTM is thinc's own (``thinc.layers.LSTM``, cython on numpy, CPU), so
it needs no PyTorch. It takes the same settings as ``spacy.MaxoutWindowEncoder.v2`` plus
``lstm_depth``, so a config switches to it by changing ``@architectures`` alone.
"""

from __future__ import annotations

from spacy.ml.models.tok2vec import MaxoutWindowEncoder
from spacy.util import registry
from thinc.api import LSTM, Model, chain, residual, with_padded
from thinc.types import Floats2d

LSTM_ENCODER = "kg.MaxoutBiLSTMEncoder.v1"


@registry.architectures(LSTM_ENCODER)
def maxout_bilstm_encoder(
    width: int, depth: int, window_size: int, maxout_pieces: int, lstm_depth: int = 1
) -> Model[list[Floats2d], list[Floats2d]]:
    """A window CNN of ``depth`` layers, then ``lstm_depth`` residual BiLSTM layers (``width`` // 2 per direction)."""
    cnn = MaxoutWindowEncoder(width=width, depth=depth, window_size=window_size, maxout_pieces=maxout_pieces)
    layers = [residual(with_padded(LSTM(nO=width, nI=width, bi=True))) for _ in range(lstm_depth)]
    return chain(cnn, *layers)

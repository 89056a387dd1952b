"""The entity model's CPU speed-ups change nothing it predicts: cached floret vectors and embedding rows, BLAS ops,
thread limit."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from thinc.api import NumpyOps
from threadpoolctl import ThreadpoolController

from extractors.fast_inference import (
    CachedFloretVectors,
    EmbeddingCache,
    clear_caches,
    fast_maxout_window,
    is_maxout_window_layer,
    is_token_local,
    limit_blas_threads,
    speed_up,
    unique_rows,
)

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "extractors" / "models" / "ner"
TEXT = (
    "Low-Rank Adaptation (LoRA) fine-tunes large language models on GLUE and SQuAD. LoRA reduces memory; "
    "we report accuracy and F1 on SQuAD, and LoRA matches full fine-tuning of RoBERTa-large."
)


@pytest.fixture(scope="module")
def model() -> Language:
    """The shipped entity model as spaCy loads it (thinc's default ops, spaCy's floret lookups)."""
    if not (MODEL / "meta.json").exists():
        pytest.skip("trained model not present")
    return spacy.load(MODEL)


def _seed_paragraphs(limit: int = 60) -> list[str]:
    """Paragraphs of the seed listings: real titles and abstracts of varied length."""
    paragraphs: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        paragraphs += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 80]
    return paragraphs[:limit]


def test_cached_vectors_equal_spacy_lookups_on_repeats_and_when_full(model: Language) -> None:
    vectors = model.vocab.vectors
    keys = model.make_doc(TEXT).to_array(ORTH)
    assert len(set(keys.tolist())) < len(keys)  # the text repeats words
    expected = vectors.get_batch(keys)
    cached = CachedFloretVectors(vectors)
    first, second = cached.get_batch(keys), cached.get_batch(keys[::-1])
    assert numpy.array_equal(first, expected)
    assert numpy.array_equal(second, expected[::-1])
    assert len(cached._rows) == len(set(keys.tolist()))
    as_list = [int(k) for k in keys]  # Python ints, as Vocab.get_vector passes them; strings too
    assert numpy.array_equal(cached.get_batch(as_list), expected)
    assert numpy.array_equal(cached.get_batch([model.vocab.strings[k] for k in as_list]), expected)
    small = CachedFloretVectors(vectors, max_size=5)  # full after the first batch: answers without caching
    assert numpy.array_equal(small.get_batch(keys), expected)
    assert numpy.array_equal(small.get_batch(keys), expected)
    assert len(small._rows) <= 5


def test_reloading_the_table_empties_the_cache(model: Language, tmp_path: Path) -> None:
    model.vocab.vectors.to_disk(tmp_path)
    cached = CachedFloretVectors(model.vocab.vectors)
    cached.get_batch(model.make_doc(TEXT).to_array(ORTH))
    assert cached._rows
    cached.from_disk(tmp_path)
    assert not cached._rows


def test_speed_up_keeps_every_prediction(model: Language) -> None:
    fast = spacy.load(MODEL)
    speed_up(fast)
    assert isinstance(fast.vocab.vectors, CachedFloretVectors)
    ops = {type(node.ops) for _name, pipe in fast.pipeline for node in pipe.model.walk()}
    assert ops == {NumpyOps} and not fast.get_pipe("ner").model.ops.use_blis
    texts = [TEXT, *_seed_paragraphs()]
    with limit_blas_threads(1):
        got = [[(e.start, e.end, e.label_) for e in doc.ents] for doc in fast.pipe(texts, batch_size=16)]
    want = [[(e.start, e.end, e.label_) for e in doc.ents] for doc in model.pipe(texts, batch_size=16)]
    assert got == want
    assert sum(map(len, want)) > 50  # the comparison is over real predictions


def test_embedding_cache_gives_the_layer_rows_by_text_and_norm(model: Language) -> None:
    tok2vec = model.get_pipe("tok2vec").model
    embed, encode = tok2vec.layers
    assert is_token_local(embed) and not is_token_local(encode) and not is_token_local(tok2vec)
    first, second = model.make_doc(TEXT), model.make_doc("LoRA and SQuAD again, with accuracy on GLUE.")
    second[0].norm_ = "low-rank adaptation"  # a token's own norm (as tokenizer exceptions set) changes its row
    with limit_blas_threads(1):
        want = embed.predict([first, second])
        cache = EmbeddingCache(embed)
        got = cache([first, second])
        again = cache([second, first])  # every word is cached now
        small = EmbeddingCache(embed, max_size=5)  # full after the first batch: answers without caching
        full = [small([first, second]), small([first, second])]
    for rows in (got, again[::-1], *full):
        assert [r.shape for r in rows] == [w.shape for w in want]
        for r, w in zip(rows, want, strict=True):
            numpy.testing.assert_allclose(r, w, atol=1e-4)
    lora = [t.i for t in first if t.text == "LoRA"]
    assert numpy.array_equal(got[0][lora[0]], got[0][lora[1]])  # one row per (text, norm)
    assert not numpy.allclose(got[1][0], got[0][lora[0]], atol=1e-3)  # same text, another norm
    assert len(cache._rows) == len({(t.orth, t.norm) for doc in (first, second) for t in doc})
    assert len(small._rows) <= 5
    assert [r.shape for r in cache([model.make_doc("")])] == [(0, want[0].shape[1])]


@pytest.mark.parametrize("norms_follow_text", [True, False])
def test_unique_rows_equal_numpys_row_unique(norms_follow_text: bool) -> None:
    rng = numpy.random.default_rng(3)
    texts = rng.integers(0, 2**63, size=40, dtype=numpy.uint64)
    rows = numpy.stack([texts, texts // 3], axis=1)[rng.integers(0, 40, size=500)]
    if not norms_follow_text:
        rows[7, 1] += 1  # one text with a second norm: told apart by the row sort
    unique, inverse = unique_rows(rows)
    want, want_inverse = numpy.unique(rows, axis=0, return_inverse=True)
    assert numpy.array_equal(unique, want) and numpy.array_equal(inverse, want_inverse.reshape(-1))
    assert numpy.array_equal(unique[inverse], rows)


def test_speed_up_caches_the_embedding_when_predicting_only_and_clear_caches_empties_it(model: Language) -> None:
    fast = spacy.load(MODEL)
    speed_up(fast)
    speed_up(fast)  # twice: still one cache
    nodes = [node for _name, pipe in fast.pipeline for node in pipe.model.walk()]
    caches = [node.attrs["embedding_cache"] for node in nodes if "embedding_cache" in node.attrs]
    assert len(caches) == 1
    cached = fast.get_pipe("tok2vec").model.layers[0]
    doc = fast.make_doc(TEXT)
    with limit_blas_threads(1):
        fast(TEXT)
        assert caches[0]._rows and fast.vocab.vectors._rows
        rows, backprop = cached([doc], is_train=True)  # training runs the layer itself, with its gradient
        assert callable(backprop) and rows[0].shape == (len(doc), cached.layers[0].get_dim("nO"))
    clear_caches(fast)
    assert not caches[0]._rows and not fast.vocab.vectors._rows


def test_encoder_layers_run_faster_with_thincs_results_when_predicting(model: Language) -> None:
    encoder = model.get_pipe("tok2vec").model.layers[-1].layers[0]  # with_array(chain(residual, ...))
    layers = list(encoder.layers)
    depth = model.config["components"]["tok2vec"]["model"]["encode"]["depth"]
    assert len(layers) == depth and all(is_maxout_window_layer(layer) for layer in layers)
    assert not is_maxout_window_layer(model.get_pipe("tok2vec").model.layers[0])  # the embedding is not one
    X = numpy.random.default_rng(0).normal(size=(300, layers[0].get_dim("nO"))).astype("float32")
    for layer in layers:
        fast = fast_maxout_window(layer)
        want = layer.predict(X)
        got, _ = fast(X, is_train=False)
        numpy.testing.assert_allclose(got, want, atol=1e-4)
        assert not numpy.allclose(got, X, atol=1e-2)  # the layer did something
        trained, backprop = fast(X, is_train=True)  # training runs thinc's layer, with its gradient
        assert trained.shape == X.shape and backprop(numpy.ones_like(X)).shape == X.shape
        empty, _ = fast(X[:0], is_train=False)
        assert empty.shape == (0, X.shape[1])
    faster = spacy.load(MODEL)
    speed_up(faster)
    speed_up(faster)  # twice: each layer wrapped once
    wrapped = [node for node in faster.get_pipe("tok2vec").model.walk() if "fast_maxout_window" in node.attrs]
    assert len(wrapped) == depth and not any("fast_maxout_window" in n.attrs for w in wrapped for n in w.layers)


def test_blas_is_held_to_the_given_threads_and_restored() -> None:
    blas = ThreadpoolController().select(user_api="blas")
    if not blas.lib_controllers:
        pytest.skip("numpy reports no BLAS library")
    before = [info["num_threads"] for info in blas.info()]
    with limit_blas_threads(1):
        assert [info["num_threads"] for info in ThreadpoolController().select(user_api="blas").info()] == [1] * len(
            before
        )
    assert [info["num_threads"] for info in ThreadpoolController().select(user_api="blas").info()] == before
    with limit_blas_threads(0):  # 0 leaves BLAS alone
        assert [info["num_threads"] for info in ThreadpoolController().select(user_api="blas").info()] == before


def test_the_pipeline_component_runs_fast_by_default_and_can_be_switched_off() -> None:
    if not (MODEL / "meta.json").exists():
        pytest.skip("trained model not present")
    on, off = spacy.blank("en"), spacy.blank("en")
    on.add_pipe("kg_ner_model_v1")
    off.add_pipe("kg_ner_model_v1", config={"fast": False})
    assert isinstance(on.vocab.vectors, CachedFloretVectors)
    assert not isinstance(off.vocab.vectors, CachedFloretVectors)
    assert on.get_pipe("kg_ner_model_v1").decoder is not None  # the batched greedy decoder
    assert off.get_pipe("kg_ner_model_v1").decoder is None  # spaCy's own
    texts = _seed_paragraphs(20)
    spans = [[(s.start, s.end, s.label_) for s in d.spans["ner"]] for d in on.pipe(texts)]
    assert spans == [[(s.start, s.end, s.label_) for s in d.spans["ner"]] for d in off.pipe(texts)]

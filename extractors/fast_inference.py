"""Run the trained entity model faster on CPU, with the same predictions.

Four measured costs of the model (``bench/extract_speed.py``; profile in the model card) are cut here:

- Matrix products. thinc's default CPU ops multiply with blis; numpy's OpenBLAS is about 1.4x faster on
  the model's shapes. ``NumpyOps(use_blis=False)`` is thinc's own switch to numpy. BLAS is held to a
  fixed number of threads (default 1) while the model runs, so one process uses one core and the
  all-cores run (one process per core) does not oversubscribe; ``threadpoolctl`` sets it.
- Floret lookups. spaCy's ``Vectors.get_batch`` rebuilds every token's character n-gram hashes on each
  call, in Python. :class:`CachedFloretVectors` keeps each word's vector once computed, so repeated
  words cost one table row (same values: the cache stores what ``get_batch`` returned).
- The embedding layer (spaCy's ``MultiHashEmbed``: hashed NORM/PREFIX/SUFFIX/SHAPE tables and static
  vectors, mixed by a maxout layer with layer norm) gives each token a row that depends on nothing but the
  token's text and norm. :class:`EmbeddingCache` keeps each (text, norm)'s row once computed, by the layer
  itself, so a batch only runs the layer on words it has not met; about a fifth of the model's time.
- The encoder layers (spaCy's MaxoutWindowEncoder): :func:`fast_maxout_window` normalises the maxout's output
  and adds the residual in place instead of thinc's five temporary arrays (about 5% of the model's time).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import numpy
from spacy.attrs import NORM, ORTH, intify_attr
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vectors import Mode, Vectors
from thinc.api import Model, NumpyOps
from threadpoolctl import ThreadpoolController

__all__ = ["CachedFloretVectors", "EmbeddingCache", "clear_caches", "limit_blas_threads", "speed_up"]

DEFAULT_CACHE_SIZE = 100_000  # words; at 100 dimensions, 40 MB of float32 (128: 51 MB for the embeddings)
# The leaves of an embedding layer that works token by token (each output row from its own token's
# lexical attributes only), and the attributes it may read: those of the word's text, and its norm.
TOKEN_LOCAL_LAYERS = frozenset(
    {"extract_features", "list2ragged", "ints-getitem", "hashembed", "static_vectors", "maxout", "layernorm",
     "dropout", "ragged2list"}
)  # fmt: skip
LEXICAL_ATTRS = frozenset(intify_attr(a) for a in ("ORTH", "LOWER", "NORM", "PREFIX", "SUFFIX", "SHAPE"))
_controller: ThreadpoolController | None = None


class RowTable:
    """Rows computed once per key and kept in one growing table, for at most ``max_size`` keys."""

    max_size: int
    _rows: dict[Hashable, int]
    _table: numpy.ndarray | None

    def clear_cache(self) -> None:
        """Forget every cached row (done whenever the rows' source is reloaded)."""
        self._rows = {}
        self._table = None

    def _gather(
        self, unique_keys: list[Any], inverse: numpy.ndarray, compute: Callable[[list[Any]], numpy.ndarray]
    ) -> numpy.ndarray:
        """The rows of ``unique_keys[inverse]``; ``compute(keys)`` gives the rows of keys not seen before. When
        they do not fit, this batch is answered without caching them."""
        rows = self._rows
        missing = [key for key in unique_keys if key not in rows]
        if missing:
            computed = compute(missing)
            if len(rows) + len(missing) > self.max_size:
                extra = dict(zip(missing, computed, strict=True))
                table = self._table
                return numpy.stack([extra[k] if k in extra else table[rows[k]] for k in unique_keys])[inverse]  # type: ignore[index]
            self._store(missing, computed)
        assert self._table is not None
        index = numpy.fromiter((rows[key] for key in unique_keys), dtype=numpy.int64, count=len(unique_keys))
        return self._table[index[inverse]]

    def _store(self, keys: list[Any], values: numpy.ndarray) -> None:
        start, end = len(self._rows), len(self._rows) + len(keys)
        if self._table is None or end > len(self._table):
            size = max(end, 1024) if self._table is None else max(end, 2 * len(self._table))
            grown = numpy.zeros((size, values.shape[1]), dtype=values.dtype)
            if self._table is not None:
                grown[:start] = self._table[:start]
            self._table = grown
        self._table[start:end] = values
        self._rows.update(zip(keys, range(start, end), strict=True))


class CachedFloretVectors(RowTable, Vectors):
    """Floret vectors whose ``get_batch`` remembers each key's vector (at most ``max_size`` keys)."""

    def __init__(self, source: Vectors, max_size: int = DEFAULT_CACHE_SIZE) -> None:
        super().__init__(
            strings=source.strings,
            data=source.data,
            mode=source.mode,
            minn=source.minn,
            maxn=source.maxn,
            hash_count=source.hash_count,
            hash_seed=source.hash_seed,
            bow=source.bow,
            eow=source.eow,
            attr=source.attr,
            name=source.name,
        )
        self.max_size = max_size
        self.clear_cache()

    def get_batch(self, keys: Iterable[Any]) -> numpy.ndarray:
        """The vectors of ``keys`` (string ids, as ``StaticVectors`` passes them), from the cache if known."""
        array = keys if isinstance(keys, numpy.ndarray) else numpy.asarray(list(keys))
        if array.ndim != 1 or array.dtype.kind not in "iu" or not len(array):  # strings, mixed: spaCy's way
            return super().get_batch(keys if isinstance(keys, numpy.ndarray) else list(keys))
        unique, inverse = numpy.unique(array.astype(numpy.uint64), return_inverse=True)
        return self._gather(unique.tolist(), inverse, super().get_batch)

    def from_disk(self, *args: Any, **kwargs: Any) -> CachedFloretVectors:
        """As ``Vectors.from_disk``; empties the cache."""
        super().from_disk(*args, **kwargs)
        self.clear_cache()
        return self

    def from_bytes(self, *args: Any, **kwargs: Any) -> CachedFloretVectors:
        """As ``Vectors.from_bytes``; empties the cache."""
        super().from_bytes(*args, **kwargs)
        self.clear_cache()
        return self


class EmbeddingCache(RowTable):
    """The rows a token-local embedding layer gave each (text, norm) seen so far (at most ``max_size``)."""

    def __init__(self, embed: Model, max_size: int = DEFAULT_CACHE_SIZE) -> None:
        self.embed = embed
        self.max_size = max_size
        self.clear_cache()

    def __call__(self, docs: list[Doc]) -> list[numpy.ndarray]:
        """The layer's output for ``docs``: one (tokens x width) array per doc."""
        lengths = [len(doc) for doc in docs]
        if not sum(lengths):  # as spaCy's Tok2Vec does: the layer itself cannot take an empty batch
            return [numpy.zeros((0, self.embed.get_dim("nO")), dtype=numpy.float32) for _ in docs]
        keys = numpy.concatenate([doc.to_array([ORTH, NORM]) for doc in docs if len(doc)]).astype(numpy.uint64)
        unique, inverse = unique_rows(keys)
        unique_keys = [(orth, norm) for orth, norm in unique.tolist()]
        flat = self._gather(unique_keys, inverse.reshape(-1), lambda missing: self._compute(docs[0], missing))
        out, start = [], 0
        for length in lengths:
            out.append(flat[start : start + length])
            start += length
        return out

    def _compute(self, like: Doc, keys: list[tuple[int, int]]) -> numpy.ndarray:
        """Run the layer on one doc made of the words ``keys`` name (text, norm), in ``like``'s vocab."""
        strings = like.vocab.strings
        doc = Doc(like.vocab, words=[strings[orth] for orth, _ in keys], spaces=[False] * len(keys))
        for token, (_orth, norm) in zip(doc, keys, strict=True):
            if token.norm != norm:
                token.norm_ = strings[norm]
        return self.embed.predict([doc])[0]


def unique_rows(keys: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """``numpy.unique(keys, axis=0, return_inverse=True)`` for (text, norm) rows, with a flat inverse.

    A word's norm nearly always follows from its text, so the rows are told apart by their first column
    (a flat sort, about 10x faster than numpy's row sort on a batch); only when one text comes with two
    norms does the row sort run.
    """
    _, index, inverse = numpy.unique(keys[:, 0], return_index=True, return_inverse=True)
    unique = keys[index]
    if numpy.array_equal(unique[inverse, 1], keys[:, 1]):
        return unique, inverse.reshape(-1)
    unique, inverse = numpy.unique(keys, axis=0, return_inverse=True)
    return unique, inverse.reshape(-1)


def is_token_local(layer: Model) -> bool:
    """Whether ``layer`` embeds each token from its own text and norm only (spaCy's MultiHashEmbed over
    lexical attributes, with or without static vectors), so that its rows can be cached by word."""
    leaves = [node for node in layer.walk() if not node.layers]
    features = [node for node in leaves if node.name == "extract_features"]
    parts = layer.name.split(">>")
    if len(features) != 1 or parts[0] != "extract_features" or parts[-1] != "ragged2list":  # docs in, arrays out
        return False
    columns = {intify_attr(c) for c in features[0].attrs.get("columns", [])}
    return all(node.name in TOKEN_LOCAL_LAYERS for node in leaves) and columns <= LEXICAL_ATTRS


def cached_embedding(embed: Model, cache_size: int = DEFAULT_CACHE_SIZE) -> Model:
    """``embed`` with an :class:`EmbeddingCache` when predicting; training runs ``embed`` itself."""
    cache = EmbeddingCache(embed, cache_size)

    def forward(model: Model, docs: list[Doc], is_train: bool) -> tuple[list[numpy.ndarray], Any]:
        if is_train:
            return embed(docs, is_train)
        return cache(docs), lambda d_output: []

    width = embed.get_dim("nO") if embed.has_dim("nO") else None
    return Model(f"cached({embed.name})", forward, layers=[embed], attrs={"embedding_cache": cache}, dims={"nO": width})


def _leaves_in_order(layer: Model) -> list[Model]:
    """The layers without sublayers under ``layer``, in the order data flows through a chain of them
    (``Model.walk`` goes breadth first)."""
    return [leaf for child in layer.layers for leaf in _leaves_in_order(child)] if layer.layers else [layer]


def is_maxout_window_layer(layer: Model) -> bool:
    """Whether ``layer`` is one layer of spaCy's MaxoutWindowEncoder: ``residual(expand_window >> maxout >>
    layernorm >> dropout)``, with its weights in place."""
    if layer.name != "residual(expand_window>>maxout>>layernorm>>dropout)":
        return False
    leaves = _leaves_in_order(layer)
    return [node.name for node in leaves] == ["expand_window", "maxout", "layernorm", "dropout"] and all(
        node.has_param(name) for node in leaves for name in node.param_names
    )


def fast_maxout_window(layer: Model) -> Model:
    """``layer`` (see :func:`is_maxout_window_layer`) with a faster forward pass when predicting.

    Same arithmetic, fewer passes over memory: layer normalisation and the residual sum run in place on
    the maxout's output (thinc's layer norm makes five arrays and computes the mean twice). Training runs
    ``layer`` itself. Outputs differ from thinc's by float rounding only (about 1e-6).
    """
    window, maxout, layernorm, _dropout = _leaves_in_order(layer)
    width = window.attrs["window_size"]

    def forward(model: Model, X: numpy.ndarray, is_train: bool) -> tuple[numpy.ndarray, Any]:
        if is_train or not isinstance(X, numpy.ndarray) or not len(X):  # training, ragged or empty: thinc's way
            return layer(X, is_train)
        weights, bias = maxout.get_param("W"), maxout.get_param("b")  # (out, pieces, in), (out, pieces)
        n_out, n_pieces, n_in = weights.shape
        mixed = model.ops.seq2col(X, width) @ weights.reshape(n_out * n_pieces, n_in).T
        mixed += bias.reshape(-1)
        Y, _which = model.ops.maxout(mixed.reshape(-1, n_out, n_pieces))
        Y -= Y.mean(axis=1, keepdims=True)
        variance = numpy.einsum("ij,ij->i", Y, Y)[:, None] / n_out + 1e-8  # thinc's epsilon
        Y *= variance**-0.5
        Y *= layernorm.get_param("G")
        Y += layernorm.get_param("b")
        Y += X
        return Y, lambda d_output: []

    return Model(
        f"fast({layer.name})",
        forward,
        layers=[layer],
        attrs={"fast_maxout_window": True},
        dims={"nO": layer.get_dim("nO") if layer.has_dim("nO") else None},
    )


def speed_up(model: Language, cache_size: int = DEFAULT_CACHE_SIZE) -> None:
    """Give every component of ``model`` numpy-BLAS ops, its token-local embedding layers a cache of rows
    by word, and its vocab a floret cache (floret only)."""
    ops = NumpyOps(use_blis=False)
    for _name, component in model.pipeline:
        layers = getattr(component, "model", None)
        if layers is None or not hasattr(layers, "walk"):
            continue
        for node in layers.walk():
            node.ops = ops
        for node in list(layers.walk()):
            if "embedding_cache" in node.attrs or "fast_maxout_window" in node.attrs:  # speed_up ran before
                continue
            for k, child in enumerate(node.layers):
                if is_token_local(child):
                    node.layers[k] = cached_embedding(child, cache_size)
                    node.layers[k].ops = ops
                elif is_maxout_window_layer(child):
                    node.layers[k] = fast_maxout_window(child)
                    node.layers[k].ops = ops
    vectors = model.vocab.vectors
    if isinstance(vectors, Vectors) and not isinstance(vectors, CachedFloretVectors) and vectors.mode == Mode.floret:
        model.vocab.vectors = CachedFloretVectors(vectors, cache_size)


def clear_caches(model: Language) -> None:
    """Empty the word caches :func:`speed_up` gave ``model`` (embedding rows and floret vectors)."""
    for _name, component in model.pipeline:
        layers = getattr(component, "model", None)
        for node in layers.walk() if layers is not None and hasattr(layers, "walk") else []:
            cache = node.attrs.get("embedding_cache")
            if isinstance(cache, EmbeddingCache):
                cache.clear_cache()
    if isinstance(model.vocab.vectors, CachedFloretVectors):
        model.vocab.vectors.clear_cache()


def limit_blas_threads(threads: int) -> AbstractContextManager[Any]:
    """A context that holds BLAS to ``threads`` threads (0: leave BLAS as it is)."""
    global _controller
    if threads <= 0:
        return nullcontext()
    if _controller is None:
        _controller = ThreadpoolController()
    return _controller.limit(limits=threads, user_api="blas")

"""Run the trained entity model faster on CPU, with the same predictions.

Two measured costs of the model (``bench/extract_speed.py``; profile in the model card) are cut here:

- Matrix products. thinc's default CPU ops multiply with blis; numpy's OpenBLAS is about 1.4x faster on
  the model's shapes. ``NumpyOps(use_blis=False)`` is thinc's own switch to numpy. BLAS is held to a
  fixed number of threads (default 1) while the model runs, so one process uses one core and the
  all-cores run (one process per core) does not oversubscribe; ``threadpoolctl`` sets it.
- Floret lookups. spaCy's ``Vectors.get_batch`` rebuilds every token's character n-gram hashes on each
  call, in Python. :class:`CachedFloretVectors` keeps each word's vector once computed, so repeated
  words cost one table row (same values: the cache stores what ``get_batch`` returned).
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import numpy
from spacy.language import Language
from spacy.vectors import Mode, Vectors
from thinc.api import NumpyOps
from threadpoolctl import ThreadpoolController

__all__ = ["CachedFloretVectors", "limit_blas_threads", "speed_up"]

DEFAULT_CACHE_SIZE = 100_000  # words; at 100 dimensions, 40 MB of float32
_controller: ThreadpoolController | None = None


class CachedFloretVectors(Vectors):
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

    def clear_cache(self) -> None:
        """Forget every cached vector (done whenever the table is reloaded)."""
        self._rows: dict[int, int] = {}
        self._table = numpy.zeros((1024, self.data.shape[1]), dtype=self.data.dtype)

    def get_batch(self, keys: Iterable[Any]) -> numpy.ndarray:
        """The vectors of ``keys`` (string ids, as ``StaticVectors`` passes them), from the cache if known."""
        array = keys if isinstance(keys, numpy.ndarray) else numpy.asarray(list(keys))
        if array.ndim != 1 or array.dtype.kind not in "iu" or not len(array):  # strings, mixed: spaCy's way
            return super().get_batch(keys if isinstance(keys, numpy.ndarray) else list(keys))
        unique, inverse = numpy.unique(array.astype(numpy.uint64), return_inverse=True)
        unique_keys = unique.tolist()
        rows = self._rows
        missing = [key for key in unique_keys if key not in rows]
        if missing:
            computed = super().get_batch(missing)
            if len(rows) + len(missing) > self.max_size:  # cache full: answer this batch without caching
                return self._answer(unique_keys, inverse, dict(zip(missing, computed, strict=True)))
            self._store(missing, computed)
        index = numpy.fromiter((rows[key] for key in unique_keys), dtype=numpy.int64, count=len(unique_keys))
        return self._table[index[inverse]]

    def _store(self, keys: list[int], vectors: numpy.ndarray) -> None:
        start, end = len(self._rows), len(self._rows) + len(keys)
        if end > len(self._table):
            grown = numpy.zeros((max(end, 2 * len(self._table)), self._table.shape[1]), dtype=self._table.dtype)
            grown[:start] = self._table[:start]
            self._table = grown
        self._table[start:end] = vectors
        self._rows.update(zip(keys, range(start, end), strict=True))

    def _answer(self, unique_keys: list[int], inverse: numpy.ndarray, extra: dict[int, numpy.ndarray]) -> numpy.ndarray:
        rows = numpy.stack([extra[key] if key in extra else self._table[self._rows[key]] for key in unique_keys])
        return rows[inverse]

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


def speed_up(model: Language, cache_size: int = DEFAULT_CACHE_SIZE) -> None:
    """Give every component of ``model`` numpy-BLAS ops, and its vocab a floret cache (floret only)."""
    ops = NumpyOps(use_blis=False)
    for _name, component in model.pipeline:
        layers = getattr(component, "model", None)
        if layers is None or not hasattr(layers, "walk"):
            continue
        for node in layers.walk():
            node.ops = ops
    vectors = model.vocab.vectors
    if isinstance(vectors, Vectors) and not isinstance(vectors, CachedFloretVectors) and vectors.mode == Mode.floret:
        model.vocab.vectors = CachedFloretVectors(vectors, cache_size)


def limit_blas_threads(threads: int) -> AbstractContextManager[Any]:
    """A context that holds BLAS to ``threads`` threads (0: leave BLAS as it is)."""
    global _controller
    if threads <= 0:
        return nullcontext()
    if _controller is None:
        _controller = ThreadpoolController()
    return _controller.limit(limits=threads, user_api="blas")

"""How sure a ``kg eval`` score is: bootstrap intervals over records, and paired comparison of two systems.

A dev set of 50 abstracts or 305 sentences gives an F1 that another sample of the same kind of text
would not repeat exactly. Resampling the records with replacement (the percentile bootstrap) shows how
far it moves: :func:`intervals` gives, for exact-span F1 per type and micro, the range that holds the
middle ``level`` of the resampled scores. :func:`compare` scores two systems on the same resampled records
(paired bootstrap) and says how often the second beats the first, which tells a real difference from a
different draw of sentences.

Only exact-span F1 is resampled (the measure the issue's bars use). F1 from summed counts is
``2 * correct / (predicted + gold)``, the same number as ``2PR / (P + R)``.

Written with numpy rather than taken from ``scipy.stats.bootstrap``: scipy is not otherwise a dependency
(about 40 MB), and what is needed here is a multinomial draw of record weights and a matrix product.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from extractors.candidates import ENTITY_TYPES
from extractors.evaluate import Scores, score_record, spans_of

__all__ = ["Difference", "compare", "f1_rows", "format_comparison", "format_intervals", "intervals", "record_counts"]

FIELDS = ("n_pred", "n_gold", "exact")
_CHUNK = 200  # resamples drawn at once: bounds memory to _CHUNK x records weights


def record_counts(pairs: Iterable[tuple[Iterable[dict], Iterable[dict]]]) -> np.ndarray:
    """Per record and type, (predicted, gold, exactly correct): an int array of shape (records, 4, 3)."""
    rows = []
    for gold, pred in pairs:
        scores = Scores()
        score_record(spans_of(gold), spans_of(pred), scores)
        rows.append([[getattr(scores.per_type[t], f) for f in FIELDS] for t in ENTITY_TYPES])
    return np.asarray(rows, dtype=np.int64).reshape(len(rows), len(ENTITY_TYPES), len(FIELDS))


def annotated(counts: np.ndarray) -> list[str]:
    """The types with a gold entity in some record (as ``Scores.annotated_types``)."""
    return [t for k, t in enumerate(ENTITY_TYPES) if counts[:, k, 1].sum()]


def f1_rows(totals: np.ndarray, annotated_types: list[str]) -> dict[str, np.ndarray]:
    """Exact F1 per type, ``micro`` and (when some type has no gold) ``micro_annotated`` from summed counts.

    ``totals`` has shape (..., 4, 3): one set of sums, or one per resample.
    """

    def f1(pred: np.ndarray, gold: np.ndarray, exact: np.ndarray) -> np.ndarray:
        denominator = pred + gold
        return np.where(denominator > 0, 2 * exact / np.maximum(denominator, 1), 0.0)

    rows = {t: f1(*(totals[..., k, f] for f in range(3))) for k, t in enumerate(ENTITY_TYPES)}
    rows["micro"] = f1(*(totals[..., :, f].sum(axis=-1) for f in range(3)))
    if 0 < len(annotated_types) < len(ENTITY_TYPES):
        keep = [ENTITY_TYPES.index(t) for t in annotated_types]
        rows["micro_annotated"] = f1(*(totals[..., keep, f].sum(axis=-1) for f in range(3)))
    return rows


def _resampled_totals(counts: list[np.ndarray], resamples: int, seed: int) -> list[np.ndarray]:
    """For each array of ``counts`` (same records), its sums over ``resamples`` draws of the records."""
    n = counts[0].shape[0]
    if n == 0:
        raise ValueError("no records to resample")
    rng = np.random.default_rng(seed)
    flat = [c.reshape(n, -1) for c in counts]
    out: list[list[np.ndarray]] = [[] for _ in counts]
    for start in range(0, resamples, _CHUNK):
        weights = rng.multinomial(n, np.full(n, 1 / n), size=min(_CHUNK, resamples - start))
        for k, f in enumerate(flat):
            out[k].append(weights @ f)
    return [np.concatenate(o).reshape(resamples, *counts[0].shape[1:]) for o in out]


def intervals(
    counts: np.ndarray, resamples: int = 1000, seed: int = 0, level: float = 0.95
) -> dict[str, tuple[float, float]]:
    """``row -> (low, high)``: the middle ``level`` of exact F1 over ``resamples`` bootstrap samples."""
    (totals,) = _resampled_totals([counts], resamples, seed)
    tail = (1 - level) / 2 * 100
    return {
        row: (float(np.percentile(v, tail)), float(np.percentile(v, 100 - tail)))
        for row, v in f1_rows(totals, annotated(counts)).items()
    }


@dataclass(frozen=True)
class Difference:
    """One row of a paired comparison: F1 of this system and the other, and how the difference varies."""

    this: float
    other: float
    low: float  # of (this - other), the middle ``level`` of the resamples
    high: float
    other_better: float  # share of resamples where the other system scores higher


def compare(
    counts: np.ndarray, other: np.ndarray, resamples: int = 1000, seed: int = 0, level: float = 0.95
) -> dict[str, Difference]:
    """Paired bootstrap of two systems' counts on the same records: ``row -> Difference``."""
    if counts.shape != other.shape:
        raise ValueError(f"the two systems were scored on different records: {counts.shape} vs {other.shape}")
    types = annotated(counts)
    full_this, full_other = f1_rows(counts.sum(axis=0), types), f1_rows(other.sum(axis=0), types)
    this_totals, other_totals = _resampled_totals([counts, other], resamples, seed)
    this_rows, other_rows = f1_rows(this_totals, types), f1_rows(other_totals, types)
    tail = (1 - level) / 2 * 100
    out = {}
    for row, values in this_rows.items():
        diff = values - other_rows[row]
        out[row] = Difference(
            this=float(full_this[row]),
            other=float(full_other[row]),
            low=float(np.percentile(diff, tail)),
            high=float(np.percentile(diff, 100 - tail)),
            other_better=float((diff < 0).mean()),
        )
    return out


def _label(row: str) -> str:
    return "micro*" if row == "micro_annotated" else row


def format_intervals(found: dict[str, tuple[float, float]], resamples: int, level: float = 0.95) -> str:
    """A plain-text table of the intervals, one line per row of ``kg eval``'s table."""
    lines = [f"exact F1, {level:.0%} interval over {resamples} bootstrap resamples of the records:"]
    lines += [f"{_label(row):<8} [{low:.3f}, {high:.3f}]" for row, (low, high) in found.items()]
    return "\n".join(lines)


def format_comparison(found: dict[str, Difference], other_name: str, resamples: int, level: float = 0.95) -> str:
    """A plain-text table of a paired comparison with ``other_name``."""
    lines = [
        f"compared with {other_name} ({resamples} paired resamples of the records):",
        f"{'type':<8} {'this':>6} {'other':>6} {'this-other':>10}   {f'{level:.0%} interval':<18} {'other better':>12}",
    ]
    for row, d in found.items():
        lines.append(
            f"{_label(row):<8} {d.this:>6.3f} {d.other:>6.3f} {d.this - d.other:>+10.3f}   "
            f"[{d.low:+.3f}, {d.high:+.3f}]   {d.other_better:>11.1%}"
        )
    return "\n".join(lines)

"""Score predicted entities against gold files of the shared schema (``{id, text, entities}``).

Only the four types Method, Dataset, Metric and Task count: gold and predicted entities of any other
type are ignored. Entities are compared as sets of ``(start, end, type)`` per record (duplicates
collapse).

* **exact**: a prediction is correct when a gold entity has the same start, end and type.
  P = correct / predicted, R = correct / gold.
* **overlap**: a prediction is correct when it shares at least one character with a gold entity of
  the same type; a gold entity is found when some prediction of its type overlaps it.
  P = correct predictions / predicted, R = found gold / gold.

Per type and micro (counts summed over the four types). F1 = 2PR / (P + R), 0 when P + R = 0.
When the gold file has no entity of some type (TDMSci annotates no Method, SciER no Metric),
``micro_annotated`` also sums only the types it has, so that predictions of a type the corpus never
annotates do not count as errors; ``micro`` still counts them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from extractors.candidates import ENTITY_TYPES

__all__ = ["Counts", "Scores", "Span3", "format_scores", "prf", "score_records", "spans_of"]

Span3 = tuple[int, int, str]


def prf(correct_pred: int, n_pred: int, correct_gold: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0.0 where a denominator is 0)."""
    p = correct_pred / n_pred if n_pred else 0.0
    r = correct_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class Counts:
    """Counts for one type (or the micro sum)."""

    n_pred: int = 0
    n_gold: int = 0
    exact: int = 0
    overlap_pred: int = 0
    overlap_gold: int = 0

    def add(self, other: Counts) -> None:
        """Add ``other``'s counts to these."""
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold
        self.exact += other.exact
        self.overlap_pred += other.overlap_pred
        self.overlap_gold += other.overlap_gold

    def as_dict(self) -> dict[str, float | int]:
        """Counts and exact/overlap precision, recall, F1."""
        ep, er, ef = prf(self.exact, self.n_pred, self.exact, self.n_gold)
        op, orr, of = prf(self.overlap_pred, self.n_pred, self.overlap_gold, self.n_gold)
        return {
            "gold": self.n_gold, "predicted": self.n_pred,
            "exact_p": ep, "exact_r": er, "exact_f1": ef,
            "overlap_p": op, "overlap_r": orr, "overlap_f1": of,
        }  # fmt: skip


@dataclass
class Scores:
    """Counts per type; ``micro`` sums them."""

    per_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in ENTITY_TYPES})
    records: int = 0

    @property
    def micro(self) -> Counts:
        """The counts summed over the four types."""
        total = Counts()
        for c in self.per_type.values():
            total.add(c)
        return total

    @property
    def annotated_types(self) -> list[str]:
        """The types with at least one gold entity."""
        return [t for t, c in self.per_type.items() if c.n_gold]

    @property
    def micro_annotated(self) -> Counts:
        """The counts summed over the annotated types only."""
        total = Counts()
        for t in self.annotated_types:
            total.add(self.per_type[t])
        return total

    def as_dict(self) -> dict[str, dict[str, float | int]]:
        """``{type: {...}, "micro": {...}}`` with counts and scores, and ``"micro_annotated"`` when some
        type has no gold entity (and some other has)."""
        out = {t: c.as_dict() for t, c in self.per_type.items()}
        out["micro"] = self.micro.as_dict()
        if 0 < len(self.annotated_types) < len(self.per_type):
            out["micro_annotated"] = self.micro_annotated.as_dict()
        return out


def spans_of(entities: Iterable[dict]) -> set[Span3]:
    """The ``(start, end, type)`` set of entity dicts, four types only."""
    return {(int(e["start"]), int(e["end"]), e["type"]) for e in entities if e.get("type") in ENTITY_TYPES}


def _overlaps(a: Span3, b: Span3) -> bool:
    return a[2] == b[2] and a[0] < b[1] and b[0] < a[1]


def score_record(gold: set[Span3], pred: set[Span3], scores: Scores) -> None:
    """Add one record's counts to ``scores``."""
    scores.records += 1
    for t in ENTITY_TYPES:
        g = {s for s in gold if s[2] == t}
        p = {s for s in pred if s[2] == t}
        c = scores.per_type[t]
        c.n_gold += len(g)
        c.n_pred += len(p)
        c.exact += len(g & p)
        c.overlap_pred += sum(1 for x in p if any(_overlaps(x, y) for y in g))
        c.overlap_gold += sum(1 for y in g if any(_overlaps(x, y) for x in p))


def score_records(pairs: Iterable[tuple[Iterable[dict], Iterable[dict]]]) -> Scores:
    """Score ``(gold entities, predicted entities)`` pairs, one per record."""
    scores = Scores()
    for gold, pred in pairs:
        score_record(spans_of(gold), spans_of(pred), scores)
    return scores


def format_scores(scores: Scores, title: str = "") -> str:
    """A plain-text table: per type and micro, exact and overlap P/R/F1."""
    lines = [title] if title else []
    lines.append(
        f"{'type':<8} {'gold':>6} {'pred':>6}   {'exact P':>7} {'R':>6} {'F1':>6}   {'overlap P':>9} {'R':>6} {'F1':>6}"
    )
    rows = scores.as_dict()
    for name, row in rows.items():
        label = "micro*" if name == "micro_annotated" else name
        lines.append(
            f"{label:<8} {row['gold']:>6} {row['predicted']:>6}   {row['exact_p']:>7.3f} {row['exact_r']:>6.3f} "
            f"{row['exact_f1']:>6.3f}   {row['overlap_p']:>9.3f} {row['overlap_r']:>6.3f} {row['overlap_f1']:>6.3f}"
        )
    if "micro_annotated" in rows:
        lines.append(f"micro*: only the types this gold annotates ({', '.join(scores.annotated_types)})")
    return "\n".join(lines)


def read_gold(path: Path) -> Iterator[dict]:
    """Gold records of a JSON Lines file (raises ValueError naming the line for bad input)."""
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}: line {number}: invalid JSON ({err.msg})") from err
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise ValueError(f"{path}: line {number}: expected an object with a 'text' string")
            if not isinstance(row.get("entities", []), list):
                raise ValueError(f"{path}: line {number}: 'entities' must be a list")
            yield row

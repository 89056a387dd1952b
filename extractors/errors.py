"""Where predictions and gold disagree, by kind and by string: the error lists of ``kg eval --errors``.

Each predicted entity of the four types that is not exactly right is one of:

* **wrong type**: a gold entity has exactly its span but another type (any gold type, also one the
  scores ignore, such as SciERC's ``Other``);
* **boundary**: it overlaps a gold entity of its own type, with other start or end;
* **overlaps other**: it overlaps only gold entities of other types;
* **spurious**: no gold entity shares a character with it.

A gold entity of the four types is **missed** when no prediction of its type overlaps it and none has its
span. Lists count identical cases (same strings and types) and put the most frequent first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from extractors.candidates import ENTITY_TYPES

__all__ = ["KINDS", "Errors", "collect_errors", "format_errors"]

KINDS = ("spurious", "missed", "boundary", "wrong_type", "overlaps_other")
_TITLES = {
    "spurious": "spurious (predicted where gold has nothing)",
    "missed": "missed (gold, with nothing of its type on it)",
    "boundary": "boundary (predicted -> gold span of the same type)",
    "wrong_type": "wrong type (the right span)",
    "overlaps_other": "overlaps other (only gold of other types there)",
}

Case = tuple[str, ...]


@dataclass
class Errors:
    """Counts of error cases per kind; a case is a tuple of strings (texts and types)."""

    kinds: dict[str, Counter[Case]] = field(default_factory=lambda: {k: Counter() for k in KINDS})

    def as_dict(self, top: int) -> dict[str, dict]:
        """``{kind: {"total": n, "top": [[count, *case], ...]}}`` with the ``top`` most frequent cases."""
        return {
            kind: {"total": sum(c.values()), "top": [[n, *case] for case, n in c.most_common(top)]}
            for kind, c in self.kinds.items()
        }


def _spans(entities: Iterable[dict]) -> list[tuple[int, int, str]]:
    return [(int(e["start"]), int(e["end"]), str(e.get("type", ""))) for e in entities]


def collect_errors(records: Iterable[tuple[str, Iterable[dict], Iterable[dict]]]) -> Errors:
    """Errors over ``(text, gold entities, predicted entities)`` per record."""
    errors = Errors()
    for text, gold_entities, pred_entities in records:
        gold = set(_spans(gold_entities))
        pred = {p for p in _spans(pred_entities) if p[2] in ENTITY_TYPES}
        gold_type_at = {(s, e): t for s, e, t in gold}
        for s, e, t in sorted(pred - gold):
            overlapping = [g for g in gold if g[0] < e and s < g[1]]
            if (s, e) in gold_type_at:
                errors.kinds["wrong_type"][(text[s:e], t, gold_type_at[(s, e)])] += 1
            elif any(g[2] == t for g in overlapping):
                g = min((g for g in overlapping if g[2] == t), key=lambda g: (abs(g[0] - s) + abs(g[1] - e), g))
                errors.kinds["boundary"][(text[s:e], text[g[0] : g[1]], t)] += 1
            elif overlapping:
                g = min(overlapping)
                errors.kinds["overlaps_other"][(text[s:e], t, text[g[0] : g[1]], g[2])] += 1
            else:
                errors.kinds["spurious"][(text[s:e], t)] += 1
        pred_spans = {(s, e) for s, e, _ in pred}
        for s, e, t in sorted(gold - pred):
            if t not in ENTITY_TYPES or (s, e) in pred_spans:
                continue
            if not any(p[2] == t and p[0] < e and s < p[1] for p in pred):
                errors.kinds["missed"][(text[s:e], t)] += 1
    return errors


def _case_text(kind: str, case: Case) -> str:
    if kind == "boundary":
        return f"{case[2]:<8} {case[0]!r} -> {case[1]!r}"
    if kind == "wrong_type":
        return f"{case[1]:<8} {case[0]!r} (gold: {case[2]})"
    if kind == "overlaps_other":
        return f"{case[1]:<8} {case[0]!r} (gold: {case[2]!r} {case[3]})"
    return f"{case[1]:<8} {case[0]!r}"


def format_errors(errors: Errors, top: int) -> str:
    """A plain-text list per kind: its total, then the ``top`` most frequent cases with their counts."""
    lines = [f"errors, most frequent first (up to {top} of each kind):"]
    for kind, cases in errors.kinds.items():
        lines.append(f"{_TITLES[kind]}: {sum(cases.values())}")
        lines += [f"  {n:>4}  {_case_text(kind, case)}" for case, n in cases.most_common(top)]
    return "\n".join(lines)

"""User decisions on entity merging: an alias file of ``same`` / ``different`` pairs.

One decision per line, tab-separated; ``#`` starts a comment::

    same        Method   LoRA    Low-Rank Adaptation
    different   Method   SAM     Segment Anything Model

``same`` joins two names into one entity named by the first; ``different`` keeps two names apart even
when their spellings match or one is defined as the abbreviation of the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.linking.names import name_key
from kg.model import Problem
from kg.schema import ENTITY_TYPES

DECISIONS = ("same", "different")


@dataclass(frozen=True)
class Decision:
    """One user decision about two names of one type."""

    kind: str
    type: str
    first: str
    second: str

    @property
    def keys(self) -> tuple[str, str]:
        return name_key(self.first), name_key(self.second)


def parse_overrides(path: Path) -> tuple[list[Decision], list[Problem]]:
    """Read an alias file; bad lines are Problems naming the line, the rest is used."""
    decisions, problems = [], []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        return [], [Problem(str(path), "", f"cannot read alias file: {err}")]
    types = {t.value.lower(): t.value for t in ENTITY_TYPES}
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t") if f.strip()]
        where = f"line {number}"
        if len(fields) != 4:
            problems.append(Problem(str(path), where, "expected 4 tab-separated fields: same|different TYPE NAME NAME"))
        elif fields[0].lower() not in DECISIONS:
            problems.append(Problem(str(path), where, f"decision must be 'same' or 'different', not {fields[0]!r}"))
        elif fields[1].lower() not in types:
            problems.append(
                Problem(str(path), where, f"unknown type {fields[1]!r}; use one of {', '.join(types.values())}")
            )
        elif not name_key(fields[2]) or not name_key(fields[3]):
            problems.append(Problem(str(path), where, "names must contain letters or digits"))
        else:
            decisions.append(Decision(fields[0].lower(), types[fields[1].lower()], fields[2], fields[3]))
    return decisions, problems

"""The cleaned knowledge base of known methods, datasets, metrics and tasks (see SOURCE.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

__all__ = ["KB_PATH", "KBEntry", "load_kb"]

KB_PATH = Path(__file__).resolve().parent / "kb.jsonl"


@dataclass(frozen=True)
class KBEntry:
    """One known entity: canonical name, type, aliases and a prior (how often its name is an entity)."""

    name: str
    type: str
    aliases: tuple[str, ...]
    prior: float
    seen_in_training: bool = False  # the gold train splits contain the name (its prior was measured there)


def load_kb(path: Path | str = KB_PATH) -> list[KBEntry]:
    """Read a KB JSON Lines file written by ``build_kb``."""
    entries = []
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                seen = row.get("seen_in_training", bool(row.get("train_counts", {}).get("occurrences")))
                entries.append(
                    KBEntry(row["name"], row["type"], tuple(row.get("aliases", ())), row.get("prior", 0.5), seen)
                )
    return entries

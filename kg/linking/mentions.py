"""Mentions as stored: extractor output for one record, with the relation cue each mention carries."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

from extractors.results import Claim
from kg.fragment import ClaimRow, MentionRow
from kg.model import Mention, Record

TITLE_CUE = "title_name"
PROPOSAL_CUES = frozenset({"proposes", TITLE_CUE})
_TITLE_NAME_END = re.compile(r"\s*(?::|\(|—|–| - )")


class CueLike(Protocol):
    """What the linking stage needs of an extractor's relation cue."""

    start: int
    end: int
    rule: str


def _title_proposal(record: Record, mention: Mention) -> bool:
    """A name that opens the title before a colon or a parenthesis ("TreeSynth: ...", "UDC: A Unified ...")."""
    title = record.title
    if not title or mention.end > len(title) or mention.type not in ("Method", "Dataset"):
        return False
    return title[: mention.start].strip() == "" and bool(_TITLE_NAME_END.match(title, mention.end))


def mention_rows(
    paper_id: str, record: Record, mentions: Iterable[Mention], cues: Iterable[CueLike]
) -> list[MentionRow]:
    """Stored mentions of a record; each gets the cue of a rule phrase that overlaps it, if any."""
    text, where, cues = record.text, f"{record.source}:{record.locator}", list(cues)
    rows = []
    for m in mentions:
        cue = TITLE_CUE if _title_proposal(record, m) else None
        cue = cue or next((c.rule for c in cues if c.start < m.end and m.start < c.end), None)
        sentence = text[m.sentence_start : m.sentence_end] if m.sentence_start is not None else ""
        in_title = m.end <= len(record.title)
        rows.append(
            MentionRow(
                paper_id,
                where,
                m.start,
                m.end,
                m.text,
                m.type,
                m.component,
                m.score,
                m.canonical,
                cue,
                sentence,
                in_title,
            )
        )
    return rows


def claim_rows(paper_id: str, record: Record, claims: Iterable[Claim]) -> list[ClaimRow]:
    """Stored numeric claims of a record, with the mentions each is tied to (offsets, text, type)."""
    text, where = record.text, f"{record.source}:{record.locator}"
    rows = []
    for c in claims:
        ties = {
            role: [m.start, m.end, m.text, m.type]
            for role, m in (
                ("metric", c.metric),
                ("dataset", c.dataset),
                ("method", c.method),
                ("baseline", c.baseline),
            )
            if m is not None
        }
        sentence = text[c.sentence_start : c.sentence_end]
        rows.append(
            ClaimRow(
                paper_id,
                where,
                c.start,
                c.end,
                c.value,
                c.unit,
                c.direction,
                c.from_value,
                text[c.start : c.end],
                sentence,
                ties,
            )
        )
    return rows

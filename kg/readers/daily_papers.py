"""Hugging Face Daily Papers listings saved as text.

The page text is a sequence of blocks separated by blank lines: a header (``new``, ``Get trending
papers in your email inbox!``, ``Subscribe``, ``Daily Papers``, ``byAK and the research community``,
the listing date ``Nov 20``), then per paper a title line, an abstract paragraph and, optionally, a
metadata block::

      • 6 authors          (or the submitting organisation: "nvidia NVIDIA")
    ·
    Oct 31, 2024 6         (date; no year means the listing's year; a trailing number is upvotes)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.model import Problem, Record
from kg.readers.options import ReadOptions
from kg.readers.source import decoded_lines, too_long

HEADER_LINES = frozenset(
    {"new", "get trending papers in your email inbox!", "subscribe", "daily papers", "byak and the research community"}
)
_MONTHS = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}
_DATE = re.compile(r"^(?P<month>[A-Z][a-z]{2})[a-z]*\.? (?P<day>\d{1,2})(?:, (?P<year>\d{4}))?(?: (?P<upvotes>\d+))?$")
_AUTHORS = re.compile(r"^•\s*(\d+)\s+authors?$")
_SEPARATOR = "·"
_BAD_LINE = "\x00invalid-utf8\x00"


@dataclass
class _Block:
    """Consecutive non-blank lines and the line number of the first."""

    line: int
    lines: list[str]

    @property
    def text(self) -> str:
        return " ".join(part.strip() for part in self.lines)


def _blocks(path: Path, data: bytes, problems: list[Problem]) -> list[_Block]:
    """Split the file into blocks at blank lines; undecodable lines are marked and reported."""
    blocks: list[_Block] = []
    current: _Block | None = None
    for number, line in decoded_lines(path, data):
        if isinstance(line, Problem):
            problems.append(line)
            line = _BAD_LINE
        if not line.strip():
            current = None
            continue
        if current is None:
            current = _Block(number, [])
            blocks.append(current)
        current.lines.append(line)
    return blocks


def _parse_date(text: str) -> tuple[int, int, int | None, int | None] | None:
    """(month, day, year or None, upvotes or None) of a listing date line, else None."""
    match = _DATE.match(text.strip())
    if not match or match["month"].lower() not in _MONTHS:
        return None
    month, day = _MONTHS[match["month"].lower()], int(match["day"])
    if not 1 <= day <= 31:
        return None
    year = int(match["year"]) if match["year"] else None
    upvotes = int(match["upvotes"]) if match["upvotes"] else None
    return month, day, year, upvotes


def _is_metadata(block: _Block) -> bool:
    """A metadata block holds the '·' separator, an author count or a date line."""
    stripped = [line.strip() for line in block.lines]
    return (
        _SEPARATOR in stripped
        or any(_AUTHORS.match(s) for s in stripped)
        or (len(stripped) == 1 and _parse_date(stripped[0]) is not None)
    )


def _full_date(month: int, day: int, year: int | None, listing: dt.date) -> str | None:
    """ISO date; a date without a year is in the listing's year, or the year before if it would be later."""
    if year is None:
        year = listing.year if (month, day) <= (listing.month, listing.day) else listing.year - 1
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _apply_metadata(record: Record, block: _Block, listing: dt.date) -> None:
    """Fill author count, organisation, date and upvotes of ``record`` from its metadata block."""
    for raw in block.lines:
        line = raw.strip()
        if not line or line == _SEPARATOR:
            continue
        if match := _AUTHORS.match(line):
            record.author_count = int(match.group(1))
        elif parsed := _parse_date(line):
            month, day, year, upvotes = parsed
            record.date = _full_date(month, day, year, listing)
            record.upvotes = upvotes
        else:
            record.organization = line


def _listing_year(blocks: list[_Block], options: ReadOptions) -> int | None:
    """The listing's year when it can be known: the option, else one more than the newest explicit year.

    The page prints a year only for dates outside its own year, so the newest printed year is the year
    before the listing's. Returns None when the page prints no year at all.
    """
    if options.listing_year:
        return options.listing_year
    years = [
        parsed[2]
        for block in blocks
        if _is_metadata(block)
        for line in block.lines
        if (parsed := _parse_date(line)) and parsed[2]
    ]
    return max(years) + 1 if years else None


def _listing_date(blocks: list[_Block], options: ReadOptions) -> dt.date:
    """The listing's date: its header date line (e.g. "Nov 20") in the listing's year, else today."""
    year = _listing_year(blocks, options)
    today = options.today
    for block in blocks[:8]:
        if len(block.lines) == 1 and (parsed := _parse_date(block.lines[0])):
            month, day, _, _ = parsed
            if year is None:
                year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
            try:
                return dt.date(year, month, day)
            except ValueError:
                break
    return dt.date(year, 12, 31) if year else today


def read(path: Path, data: bytes, options: ReadOptions) -> Iterator[Record | Problem]:
    """Yield one Record per paper in the listing, in page order (duplicates included)."""
    problems: list[Problem] = []
    blocks = _blocks(path, data, problems)
    yield from problems
    listing = _listing_date(blocks, options)
    index = 0
    # skip the page header: known header lines and the listing date, before the first title
    while index < len(blocks) and (blocks[index].text.strip().lower() in HEADER_LINES or _is_metadata(blocks[index])):
        index += 1
    found = 0
    while index < len(blocks):
        title_block = blocks[index]
        index += 1
        if title_block.text.strip().lower() in HEADER_LINES:
            continue
        if _is_metadata(title_block):
            yield Problem(str(path), f"line {title_block.line}", "metadata block without a paper before it")
            continue
        locator = f"line {title_block.line}"
        title = title_block.text.strip()
        if index >= len(blocks) or _is_metadata(blocks[index]):
            yield Problem(str(path), locator, f"paper {title[:60]!r} has no abstract")
            index += 1 if index < len(blocks) else 0
            continue
        abstract_block = blocks[index]
        index += 1
        record = Record(str(path), locator, title, "\n".join(s.strip() for s in abstract_block.lines))
        if index < len(blocks) and _is_metadata(blocks[index]):
            _apply_metadata(record, blocks[index], listing)
            index += 1
        found += 1
        if _BAD_LINE in record.title or _BAD_LINE in record.abstract:
            yield Problem(str(path), locator, f"paper {title[:60]!r} skipped: it contains invalid UTF-8")
        elif reason := too_long(record.abstract):
            yield Problem(str(path), locator, reason)
        else:
            yield record
    if found == 0:
        yield Problem(str(path), "", "no papers found (expected title, abstract and metadata blocks)")

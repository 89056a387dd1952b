"""arXiv API Atom feeds (export.arxiv.org/api/query responses)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from kg.model import Problem, Record
from kg.readers.fields import clean_text, iso_date
from kg.readers.options import ReadOptions
from kg.readers.source import too_long

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
_ARXIV_ABS = re.compile(r"arxiv\.org/abs/(.+?)(?:v\d+)?$")


def _entry_record(entry: ET.Element, source: str, locator: str) -> Record | Problem:
    """Turn one <entry> into a Record."""
    title = clean_text(entry.findtext(f"{ATOM}title"))
    abstract = clean_text(entry.findtext(f"{ATOM}summary"))
    if not abstract:
        return Problem(source, locator, f"entry {title[:60]!r} has no abstract")
    if reason := too_long(abstract):
        return Problem(source, locator, reason)
    entry_id = clean_text(entry.findtext(f"{ATOM}id"))
    match = _ARXIV_ABS.search(entry_id)
    authors = [clean_text(a.findtext(f"{ATOM}name")) for a in entry.findall(f"{ATOM}author")]
    authors = [a for a in authors if a]
    url = next((link.get("href") for link in entry.findall(f"{ATOM}link") if link.get("rel") == "alternate"), entry_id)
    return Record(
        source=source,
        locator=locator,
        title=title,
        abstract=abstract,
        date=iso_date(entry.findtext(f"{ATOM}published")),
        authors=authors or None,
        author_count=len(authors) or None,
        url=url or None,
        arxiv_id=match.group(1) if match else None,
        doi=clean_text(entry.findtext(f"{ARXIV}doi")) or None,
        categories=[c.get("term", "") for c in entry.findall(f"{ATOM}category") if c.get("term")] or None,
        venue=clean_text(entry.findtext(f"{ARXIV}journal_ref")) or None,
        source_id=entry_id or None,
    )


def read(path: Path, data: bytes, options: ReadOptions) -> Iterator[Record | Problem]:
    """Stream <entry> elements; a parse error stops the file with one Problem naming the line."""
    number = 0
    try:
        for _event, element in ET.iterparse(io.BytesIO(data), events=("end",)):
            if element.tag == f"{ATOM}entry":
                number += 1
                yield _entry_record(element, str(path), f"entry {number}")
                element.clear()
    except ET.ParseError as err:
        line, column = err.position
        yield Problem(str(path), f"line {line}", f"invalid XML ({err.msg.split(':')[0]} at column {column})")
    if number == 0:
        yield Problem(str(path), "", "no Atom <entry> elements found")

"""OpenAlex work JSON: one work, a list of works, or an API page {"results": [...]}."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from kg.identity import arxiv_id
from kg.model import Problem, Record
from kg.readers.fields import clean_text, iso_date
from kg.readers.options import ReadOptions
from kg.readers.source import too_long


def abstract_from_inverted_index(index: Mapping[str, list[int]] | None) -> str:
    """Rebuild the abstract text from OpenAlex's ``abstract_inverted_index`` (word -> positions)."""
    if not index:
        return ""
    positions = {pos: word for word, places in index.items() for pos in places if isinstance(pos, int)}
    return " ".join(positions[p] for p in sorted(positions))


def _arxiv_id(work: Mapping[str, Any]) -> str | None:
    """Find an arXiv id among the work's locations (landing pages on arxiv.org)."""
    for location in [work.get("primary_location"), *(work.get("locations") or [])]:
        url = (location or {}).get("landing_page_url") or ""
        if "arxiv.org/" in url and (found := arxiv_id(url)):
            return found
    return None


def record_from_work(work: Mapping[str, Any], source: str, locator: str) -> Record | Problem:
    """Turn one OpenAlex work object into a Record."""
    title = clean_text(work.get("title") or work.get("display_name"))
    abstract = abstract_from_inverted_index(work.get("abstract_inverted_index"))
    if not abstract:
        return Problem(source, locator, f"work {work.get('id') or title[:60]!r} has no abstract")
    if reason := too_long(abstract):
        return Problem(source, locator, reason)
    authors = [clean_text(((a or {}).get("author") or {}).get("display_name")) for a in work.get("authorships") or []]
    authors = [a for a in authors if a]
    primary = work.get("primary_location") or {}
    doi = work.get("doi") or (work.get("ids") or {}).get("doi")
    topics = [t.get("display_name") for t in work.get("topics") or work.get("concepts") or [] if t.get("display_name")]
    return Record(
        source=source,
        locator=locator,
        title=title,
        abstract=abstract,
        date=iso_date(work.get("publication_date") or work.get("publication_year")),
        authors=authors or None,
        author_count=len(authors) or None,
        url=primary.get("landing_page_url") or work.get("id"),
        arxiv_id=_arxiv_id(work),
        doi=doi,
        categories=topics or None,
        venue=clean_text((primary.get("source") or {}).get("display_name")) or None,
        source_id=work.get("id"),
    )


def read(path: Path, data: bytes, options: ReadOptions) -> Iterator[Record | Problem]:
    """Yield a Record per work in the file (JSON Lines of works are handled by the jsonl reader)."""
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        yield Problem(str(path), f"line {line}", "invalid UTF-8")
        return
    except json.JSONDecodeError as err:
        yield Problem(
            str(path), f"line {err.lineno}", f"invalid JSON: {err.msg.removesuffix(' at')} (column {err.colno})"
        )
        return
    works = document.get("results") if isinstance(document, dict) and "results" in document else document
    if isinstance(works, dict):
        works = [works]
    if not isinstance(works, list):
        yield Problem(str(path), "", "expected an OpenAlex work, a list of works or a page with 'results'")
        return
    for number, work in enumerate(works, start=1):
        if not isinstance(work, dict):
            yield Problem(str(path), f"work {number}", "not a JSON object")
        elif "abstract_inverted_index" in work or "display_name" in work:
            yield record_from_work(work, str(path), f"work {number}")
        else:
            from kg.readers.fields import record_from_mapping

            yield record_from_mapping(work, str(path), f"record {number}")

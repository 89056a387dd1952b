"""Turning a flat mapping of fields (a JSON object, a CSV row) into a Record."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from kg.model import Problem, Record
from kg.readers.source import too_long

_WHITESPACE = re.compile(r"\s+")
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def clean_text(value: Any) -> str:
    """Collapse whitespace in a text field; non-strings become empty."""
    return _WHITESPACE.sub(" ", value).strip() if isinstance(value, str) else ""


def iso_date(value: Any) -> str | None:
    """Return the ISO prefix (YYYY, YYYY-MM or YYYY-MM-DD) of a date-like value, else None."""
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    if not isinstance(value, str):
        return None
    match = _DATE.match(value.strip())
    if not match:
        return None
    year, month, day = match.groups()
    parts = [year] + [f"{int(p):02d}" for p in (month, day) if p]
    if len(parts) > 1 and not 1 <= int(parts[1]) <= 12:
        return year
    return "-".join(parts)


def string_list(value: Any) -> list[str] | None:
    """Read a list of names from a JSON list, a JSON-looking string, or a ';'/','-separated string."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                value = json.loads(text)
            except json.JSONDecodeError:
                value = [text.strip("[]")]
        else:
            separator = ";" if ";" in text else ("|" if "|" in text else ",")
            value = text.split(separator)
    if not isinstance(value, list):
        return None
    names = []
    for item in value:
        if isinstance(item, Mapping):  # {"name": ...} or OpenAlex-style {"author": {"display_name": ...}}
            item = item.get("name") or item.get("display_name") or (item.get("author") or {}).get("display_name")
        name = clean_text(item) if isinstance(item, str) else ""
        if name:
            names.append(name)
    return names or None


def _first(mapping: Mapping[str, Any], *keys: str) -> Any:
    """Return the first present, non-empty value among ``keys``."""
    for key in keys:
        value = mapping.get(key)
        if value not in (None, "", []):
            return value
    return None


def record_from_mapping(mapping: Mapping[str, Any], source: str, locator: str) -> Record | Problem:
    """Build a Record from common field names (title, abstract or text, date, authors, url, ...)."""
    fields = {str(k).strip().lower(): v for k, v in mapping.items()}
    source_id = _first(fields, "id", "paper_id", "doc_key")
    source_id = str(source_id) if source_id is not None else None
    title = _first(fields, "title", "display_name")
    title = title.strip() if isinstance(title, str) else ""
    abstract = _first(fields, "abstract", "summary", "text")
    abstract = abstract.strip() if isinstance(abstract, str) else ""
    if not abstract:
        label = f"record {source_id!r}" if source_id else (f"{title[:60]!r}" if title else "record")
        return Problem(source, locator, f"{label} has no abstract")
    if not title and not source_id:
        return Problem(source, locator, "record has neither a title nor an id")
    if reason := too_long(abstract):
        return Problem(source, locator, reason)
    authors = string_list(_first(fields, "authors", "author"))
    count = _first(fields, "author_count", "n_authors")
    return Record(
        source=source,
        locator=locator,
        title=title,
        abstract=abstract,
        date=iso_date(_first(fields, "date", "published", "publication_date", "year")),
        authors=authors,
        author_count=len(authors) if authors else (int(count) if str(count or "").isdigit() else None),
        url=clean_text(_first(fields, "url", "link", "landing_page_url")) or None,
        arxiv_id=clean_text(_first(fields, "arxiv_id", "arxiv")) or None,
        doi=clean_text(_first(fields, "doi")) or None,
        categories=string_list(_first(fields, "categories", "keywords")),
        venue=clean_text(_first(fields, "venue")) or None,
        code_urls=string_list(_first(fields, "code_urls", "code_url", "github", "code")) or [],
        source_id=source_id,
    )

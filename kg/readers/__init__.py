"""Readers turn paper listings into Records; bad input becomes Problems, never exceptions.

Formats are registered by name in ``FORMATS``; adding one touches no other code.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.model import Problem, Record
from kg.readers import atom, daily_papers, jsonl, openalex, tabular
from kg.readers.options import ReadOptions
from kg.readers.source import InputError, read_bytes

Reader = Callable[[Path, bytes, ReadOptions], Iterator[Record | Problem]]

FORMATS: dict[str, Reader] = {
    "daily-papers": daily_papers.read,
    "jsonl": jsonl.read,
    "csv": tabular.read,
    "arxiv-atom": atom.read,
    "openalex": openalex.read,
}
_EXTENSIONS = {
    ".txt": "daily-papers",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".xml": "arxiv-atom",
    ".atom": "arxiv-atom",
    ".json": "openalex",
}

__all__ = ["FORMATS", "ReadOptions", "detect_format", "input_files", "read_file", "read_paths"]


def _extension(path: Path) -> str:
    """The format-bearing extension, looking through a trailing .gz."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def detect_format(path: Path, data: bytes) -> str:
    """Choose a format from the content, letting the extension decide within the JSON family.

    XML is an arXiv Atom feed; JSON is JSON Lines when it has one object per line (``.jsonl``) and
    OpenAlex otherwise (``.json``: a work, a list, or an API page); a header naming title/abstract is
    CSV/TSV; any other text is a Daily Papers listing unless its extension says JSON Lines or CSV.
    """
    by_extension = _EXTENSIONS.get(_extension(path))
    head = data[:4096].lstrip().decode("utf-8", errors="replace")
    if head.startswith("<"):
        return "arxiv-atom"
    if head.startswith(("{", "[")):
        if by_extension in ("jsonl", "openalex"):
            if by_extension == "openalex" and _one_object_per_line(data):
                return "jsonl"
            return by_extension
        return "jsonl" if _one_object_per_line(data) else "openalex"
    first = head.split("\n", 1)[0].lower()
    if ("abstract" in first or "title" in first) and ("," in first or "\t" in first) and len(first) < 1000:
        return "csv"
    return by_extension if by_extension in ("jsonl", "csv") else "daily-papers"


def _one_object_per_line(data: bytes) -> bool:
    """Whether the first line is a complete JSON object and more lines follow (JSON Lines)."""
    first, _, rest = data.lstrip().partition(b"\n")
    try:
        json.loads(first)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False
    return bool(rest.strip())


def input_files(paths: Iterable[Path | str]) -> Iterator[Path | Problem]:
    """Expand folders (recursively, sorted, known extensions only); missing paths become Problems."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            for file in found:
                if _extension(file) in _EXTENSIONS:
                    yield file
                else:
                    yield Problem(str(file), "", f"skipped: {file.suffix or 'no extension'} is not a listing format")
        elif path.exists():
            yield path
        else:
            yield Problem(str(path), "", "no such file or folder")


def read_file(path: Path, fmt: str | None = None, options: ReadOptions | None = None) -> Iterator[Record | Problem]:
    """Read one file in ``fmt`` (detected when None)."""
    options = options or ReadOptions()
    try:
        data = read_bytes(path)
    except InputError as err:
        yield Problem(str(path), "", str(err))
        return
    yield from FORMATS[fmt or detect_format(path, data)](path, data, options)


def read_paths(
    paths: Iterable[Path | str], fmt: str | None = None, options: ReadOptions | None = None
) -> Iterator[Record | Problem]:
    """Read files and folders in order, yielding Records and Problems as they come."""
    for item in input_files(paths):
        if isinstance(item, Problem):
            yield item
        else:
            yield from read_file(item, fmt, options)

"""CSV and TSV listings with a header row naming at least title and abstract."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path

from kg.model import Problem, Record
from kg.readers.fields import record_from_mapping
from kg.readers.options import ReadOptions
from kg.readers.source import decoded_lines

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # length limits are checked per field, with a clear message


def _lines(path: Path, data: bytes, problems: list[Problem]) -> Iterator[str]:
    """Decoded lines with newlines restored, collecting undecodable lines as problems."""
    for _number, line in decoded_lines(path, data):
        if isinstance(line, Problem):
            problems.append(line)
            yield "\n"  # keep line numbers aligned with the file
        else:
            yield line + "\n"


def read(path: Path, data: bytes, options: ReadOptions) -> Iterator[Record | Problem]:
    """Yield one Record per row; rows without an abstract or with bad bytes become Problems."""
    head = data[:4096].decode("utf-8", errors="replace").split("\n", 1)[0]
    delimiter = "\t" if head.count("\t") > head.count(",") else ","
    problems: list[Problem] = []
    reader = csv.DictReader(_lines(path, data, problems), delimiter=delimiter)
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    if "abstract" not in fields and "text" not in fields:
        yield Problem(str(path), "line 1", "CSV header names no 'abstract' (or 'text') column")
        return
    row_start = 2
    try:
        for row in reader:
            yield from problems
            problems.clear()
            locator = f"line {row_start}"
            row_start = reader.line_num + 1
            if None in row:
                yield Problem(
                    str(path), locator, f"row has {len(fields) + len(row[None])} fields, header has {len(fields)}"
                )
                continue
            yield record_from_mapping(row, str(path), locator)
    except csv.Error as err:
        yield Problem(str(path), f"line {reader.line_num}", f"malformed CSV: {err}")
    yield from problems

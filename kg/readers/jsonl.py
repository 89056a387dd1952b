"""JSON Lines listings: one paper object per line (the shape of ../shared/corpus, or gold {id, text})."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from kg.model import Problem, Record
from kg.readers.fields import record_from_mapping
from kg.readers.options import ReadOptions
from kg.readers.source import decoded_lines


def read(path: Path, data: bytes, options: ReadOptions) -> Iterator[Record | Problem]:
    """Yield one Record per JSON object line; bad lines become Problems naming the line."""
    for number, line in decoded_lines(path, data):
        if isinstance(line, Problem):
            yield line
            continue
        if not line.strip():
            continue
        locator = f"line {number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield Problem(str(path), locator, f"invalid JSON: {err.msg.removesuffix(' at')} (column {err.colno})")
            continue
        if not isinstance(obj, dict):
            yield Problem(str(path), locator, f"expected a JSON object, found {type(obj).__name__}")
            continue
        if "abstract_inverted_index" in obj:
            from kg.readers.openalex import record_from_work

            yield record_from_work(obj, str(path), locator)
        else:
            yield record_from_mapping(obj, str(path), locator)

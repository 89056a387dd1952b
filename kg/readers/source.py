"""Opening input files: gzip, binary and encoding checks shared by every reader."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path

from kg.model import Problem

GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 8192
MAX_ABSTRACT_CHARS = 1_000_000


class InputError(Exception):
    """A whole file cannot be read; the message says why (the caller turns it into a Problem)."""


def read_bytes(path: Path) -> bytes:
    """Return the file's content, decompressed if it is gzip; raise InputError if it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror or err}") from err
    if data[:2] == GZIP_MAGIC:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as err:
            raise InputError(f"corrupt or truncated gzip data: {err}") from err
    if not data.strip():
        raise InputError("empty file")
    if b"\x00" in data[:SNIFF_BYTES]:
        raise InputError("binary file, not text (contains NUL bytes)")
    return data


def decoded_lines(path: Path, data: bytes) -> Iterator[tuple[int, str | Problem]]:
    """Yield (line number, text) per line; a line that is not UTF-8 yields a Problem instead."""
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            yield number, Problem(str(path), f"line {number}", f"invalid UTF-8 (byte {err.start + 1} of the line)")
            continue
        if number == 1:
            line = line.removeprefix("\ufeff")
        yield number, line.rstrip("\r")


def too_long(abstract: str) -> str | None:
    """Return a reason if the abstract exceeds MAX_ABSTRACT_CHARS, else None."""
    if len(abstract) > MAX_ABSTRACT_CHARS:
        return f"abstract is {len(abstract):,} characters, over the {MAX_ABSTRACT_CHARS:,} limit"
    return None

"""Text taken from PDFs, repaired for the pipeline: ligatures spelled out ("classiﬁer"), words broken at line ends
joined again ("genera- tion", "Chi-nese").

Abstracts and full texts extracted from PDFs keep the typographic ligatures of their fonts (55 of the 20k corpus
abstracts: "ﬁne-tuning", "classiﬁer", "ﬂow") and the hyphens of their line breaks: 685 of the 20k abstracts have
one ("al- gorithm", "Eng- lish", "fine- tuning"), and so do TDMSci's sentences ("Written News Compression (WNC)
Cor- pus", "Chi-nese Treebank 5.1"). The entity model never saw such pieces as words. The pipeline runs on the
repaired text, and every offset it reports is mapped back to the text given (:func:`map_offsets`).

A ligature (U+FB00-U+FB06) becomes its letters ("ﬁ" -> "fi"). A break "a- b" (a hyphen, spaces or one line end,
a lower-case word) becomes "ab" when "ab" is a known word at least as common as "a-b" ("genera- tion"); "a-b" when
that is known or both parts are words ("back- translation"); else "ab". A function word after the hyphen is a
suspended hyphen and stays ("zero- and few-shot"). A hyphen with no space ("Chi-nese", "normaliza-tion") goes only
when "ab" is a known word, "a-b" never occurs and "b" is no word at least as common as "ab" ("pre-training",
"non-linear", "self-attention" stay). Known words are the word counts of the 20k corpus abstracts
(``word_counts.tsv``: words seen at least 3 times, lower case, not counting the pieces of "a- b"; rebuilt by
``python -m extractors.text_repair``).

Joining breaks repairs 21 of the 305 sentences of the TDMSci dev slice, 7 of the 50 SciERC dev abstracts
("summa-rization", "proba-bilistic") and 397 of the 20k corpus abstracts; exact micro F1 rises by .006 on the
TDMSci slice (Dataset +.023) and .004 on SciERC dev (session 24). No dev text has a ligature.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from pathlib import Path

__all__ = [
    "LIGATURES",
    "WORD_COUNTS_PATH",
    "expand_ligatures",
    "map_offsets",
    "rejoin",
    "repair",
    "repair_record",
    "to_repaired",
    "word_counts",
]

WORD_COUNTS_PATH = Path(__file__).resolve().parent / "word_counts.tsv"
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "corpus_sample_20k.jsonl.gz"
MIN_COUNT = 3
LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_LIGATURE = re.compile("[\ufb00-\ufb06]")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_BREAK = re.compile(r"\b([A-Za-z]+)-([ \t]*\n?[ \t]*)([a-z]+)\b")
_SPACED_BREAK = re.compile(r"\b[A-Za-z]+-\s+[a-z]+\b")
# after a hyphen these make it suspended ("pre- and post-training"), not a broken word
FUNCTION_WORDS = frozenset(
    ["a", "an", "and", "as", "but", "for", "in", "nor", "of", "on", "or", "the", "to", "versus", "vs", "with"]
)


@lru_cache(maxsize=1)
def word_counts(path: Path = WORD_COUNTS_PATH) -> dict[str, int]:
    """Lower-case word -> count in the corpus abstracts (empty if the file is missing)."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        return {word: int(count) for word, count in (line.rstrip("\n").split("\t") for line in fh if line.strip())}


def _joined(first: str, space: str, second: str, counts: dict[str, int]) -> str | None:
    """What the broken word ``first``-``space````second`` becomes, or None to leave it as written."""
    if second in FUNCTION_WORDS:
        return None
    whole, hyphenated = (first + second).lower(), f"{first}-{second}".lower()
    n_whole, n_hyphenated = counts.get(whole, 0), counts.get(hyphenated, 0)
    if not space:  # "b" is a word of its own if at least as common as "ab" ("linear" of "non-linear", not "tion")
        plain_piece = counts.get(second, 0) >= max(MIN_COUNT, n_whole)
        return first + second if n_whole >= MIN_COUNT and not n_hyphenated and not plain_piece else None
    if n_whole >= MIN_COUNT and n_whole >= n_hyphenated:
        return first + second
    if n_hyphenated or (counts.get(first.lower(), 0) >= MIN_COUNT and counts.get(second, 0) >= MIN_COUNT):
        return f"{first}-{second}"
    return first + second


def rejoin(text: str) -> tuple[str, list[int] | None]:
    """``text`` with broken words joined, and for each of its characters the index of that character in ``text``
    (None when nothing changed)."""
    counts = word_counts()
    if not counts or "-" not in text:
        return text, None
    pieces: list[str] = []
    index: list[int] = []
    done = 0
    for m in _BREAK.finditer(text):
        joined = _joined(m.group(1), m.group(2), m.group(3), counts)
        if joined is None:
            continue
        pieces.append(text[done : m.start()])
        index.extend(range(done, m.start()))
        hyphen = m.start(1) + len(m.group(1))
        pieces.append(joined)
        index.extend(range(m.start(), hyphen))
        if joined[len(m.group(1))] == "-":
            index.append(hyphen)
        index.extend(range(m.start(3), m.end()))
        done = m.end()
    if not pieces:
        return text, None
    pieces.append(text[done:])
    index.extend(range(done, len(text)))
    return "".join(pieces), index


def expand_ligatures(text: str) -> tuple[str, list[int] | None]:
    """``text`` with ligatures spelled out, and for each of its characters the index of the character it comes from
    (None when there was none)."""
    if not _LIGATURE.search(text):
        return text, None
    pieces: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        letters = LIGATURES.get(ch, ch)
        pieces.append(letters)
        index.extend([i] * len(letters))
    return "".join(pieces), index


def repair(text: str) -> tuple[str, list[int] | None]:
    """``text`` with ligatures spelled out and broken words joined, and for each of its characters the index of the
    character of ``text`` it comes from (None when nothing changed)."""
    expanded, first = expand_ligatures(text)
    repaired, second = rejoin(expanded)
    if first is None or second is None:
        return repaired, first or second
    return repaired, [first[i] for i in second]


def map_offsets(index: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """Offsets ``start:end`` of a repaired text as offsets of the text given (``index`` from :func:`repair`)."""
    if index is None or end <= start:
        return start, end
    return index[start], index[end - 1] + 1


def to_repaired(index: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """Offsets ``start:end`` of the text given as offsets of its repaired text (the inverse of :func:`map_offsets`;
    ``index`` is non-decreasing)."""
    if index is None:
        return start, end
    return bisect_left(index, start), bisect_left(index, end)


def repair_record(record: dict) -> dict:
    """A gold record (``text``, ``entities`` with ``start``/``end``) with its text repaired and its entities moved
    with it: what training sees is what ``kg extract`` reads."""
    text, index = repair(record["text"])
    if index is None:
        return record
    entities = []
    for entity in record.get("entities", []):
        start, end = to_repaired(index, entity["start"], entity["end"])
        entities.append({**entity, "start": start, "end": end})
    return {**record, "text": text, "entities": entities}


def build(corpus: Path, path: Path = WORD_COUNTS_PATH) -> int:
    """Count the words of the corpus titles and abstracts; write those seen :data:`MIN_COUNT` times; return how
    many."""
    counts: Counter = Counter()
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            text = f"{record.get('title') or ''} {record.get('abstract') or ''}"
            # the pieces of words broken at line ends are no words ("genera- tion" would count "tion")
            counts.update(w.lower() for w in _WORD.findall(_SPACED_BREAK.sub(" ", text)))
    kept = sorted(w for w, n in counts.items() if n >= MIN_COUNT)
    with path.open("w", encoding="utf-8") as fh:
        fh.writelines(f"{w}\t{counts[w]}\n" for w in kept)
    return len(kept)


def main(argv: list[str] | None = None) -> None:
    """Command line: rebuild ``word_counts.tsv`` from the corpus sample."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSON Lines of title/abstract records")
    parser.add_argument("-o", "--output", type=Path, default=WORD_COUNTS_PATH)
    args = parser.parse_args(argv)
    print(f"{build(args.corpus, args.output)} words written to {args.output}")


if __name__ == "__main__":
    main()

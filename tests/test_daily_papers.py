"""The Daily Papers reader on the four seed files, with counts made by hand (not by this parser).

Hand count: each seed file was read page by page; papers are title + abstract (+ optional
"• N authors / · / date" block). 000 has 30 metadata blocks and one paper without (TreeSynth): 31.
001 has 79 + 2 = 81. 002 has no metadata at all: 109 blocks - 5 header lines = 104 = 52 papers.
003 has 65 + 2 = 67. 21 titles appear in more than one file (24 repeated records), so the four
files hold 231 paper records and 207 distinct papers. No file lists a paper twice.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kg.identity import paper_id
from kg.model import Problem, Record
from kg.readers import ReadOptions, read_file, read_paths
from kg.readers.daily_papers import read as read_daily

EXPECTED = {
    "000_7c030fc38c0ba294.txt": 31,
    "001_9113a00110dc3bb6.txt": 81,
    "002_cb3285871106cd3f.txt": 52,
    "003_801f34164bebc5e3.txt": 67,
}


def records(path: Path, **kwargs: object) -> list[Record]:
    items = list(read_file(path, **kwargs))
    assert not [i for i in items if isinstance(i, Problem)]
    return [i for i in items if isinstance(i, Record)]


@pytest.mark.parametrize(("name", "count"), EXPECTED.items())
def test_papers_per_seed_file(seeds_dir: Path, name: str, count: int) -> None:
    found = records(seeds_dir / name)
    assert len(found) == count
    assert len({paper_id(r) for r in found}) == count


def test_distinct_papers_across_seed_files(seeds_dir: Path) -> None:
    found = [r for r in read_paths([seeds_dir]) if isinstance(r, Record)]
    assert len(found) == 231
    assert len({paper_id(r) for r in found}) == 207


def test_header_lines_are_not_papers(seeds_dir: Path) -> None:
    titles = {r.title for r in read_paths([seeds_dir]) if isinstance(r, Record)}
    for header in ("new", "Get trending papers in your email inbox!", "Subscribe", "Daily Papers", "Nov 20"):
        assert header not in titles


def test_first_paper_fields(seeds_dir: Path) -> None:
    first = records(seeds_dir / "000_7c030fc38c0ba294.txt")[0]
    assert first.title == "Probabilistic Partitive Partitioning (PPP)"
    assert first.abstract.startswith("Clustering is a NP-hard problem.")
    assert first.author_count == 1
    assert first.date == "2020-03-09"
    assert first.locator == "line 13"


def test_paper_without_metadata(seeds_dir: Path) -> None:
    found = {r.title: r for r in records(seeds_dir / "000_7c030fc38c0ba294.txt")}
    tree = found["TreeSynth: Synthesizing Diverse Data from Scratch via Tree-Guided Subspace Partitioning"]
    assert tree.date is None and tree.author_count is None
    assert "https://github.com/cpa2001/TreeSynth." in tree.abstract


def test_upvotes_organisation_and_dates(seeds_dir: Path) -> None:
    found = {r.title: r for r in records(seeds_dir / "001_9113a00110dc3bb6.txt")}
    bitstack = next(r for t, r in found.items() if t.startswith("BitStack"))
    assert (bitstack.date, bitstack.upvotes, bitstack.author_count) == ("2024-10-31", 6, 6)
    # "Oct 5" has no year: the newest year the page prints is 2024, so the listing is from 2025
    ev = next(r for t, r in found.items() if t.startswith("Learning More with Less"))
    assert ev.date == "2025-10-05"
    org = {r.title[:30]: r.organization for r in records(seeds_dir / "000_7c030fc38c0ba294.txt") if r.organization}
    assert org == {
        "Configurable Foundation Models": "openbmb OpenBMB",
        "Front-Loading Reasoning: The S": "nvidia NVIDIA",
    }


def test_year_less_dates_without_printed_years_use_listing_year() -> None:
    text = "Daily Papers\n\nNov 20\n\nA Title\n\nAn abstract.\n\n  • 2 authors\n·\nDec 3\n\nB Title\n\nB abstract.\n"
    today = dt.date(2026, 11, 22)
    found = [r for r in read_daily(Path("x.txt"), text.encode(), ReadOptions(today=today)) if isinstance(r, Record)]
    assert [r.date for r in found] == ["2025-12-03", None]  # Dec 3 is after the listing date: last year
    found = list(read_daily(Path("x.txt"), text.encode(), ReadOptions(today=today, listing_year=2024)))
    assert found[0].date == "2023-12-03"


def test_same_paper_twice_in_one_file_is_one_paper(tmp_path: Path) -> None:
    from kg.builder import run_build

    block = "Same Paper Title\n\nSame abstract text.\n\n  • 3 authors\n·\nMar 9, 2020\n\n"
    path = tmp_path / "dup.txt"
    path.write_text("Daily Papers\n\n" + block + "Other Paper\n\nOther abstract.\n\n" + block)
    report = run_build([path], tmp_path / "s.sqlite")
    assert (report.records, report.papers, report.nodes["Paper"]) == (3, 2, 2)


def test_title_without_abstract_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("Lonely Title\n\n  • 2 authors\n·\nMar 9, 2020\n\nGood Title\n\nGood abstract.\n")
    items = list(read_file(path))
    problems = [i for i in items if isinstance(i, Problem)]
    assert [str(p) for p in problems] == [f"{path}:line 1: paper 'Lonely Title' has no abstract"]
    assert [i.title for i in items if isinstance(i, Record)] == ["Good Title"]

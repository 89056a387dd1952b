"""Bad input: one clear line naming the file and line or record, the rest goes on, nothing is lost."""

from __future__ import annotations

import gzip
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.builder import run_build
from kg.cli import main
from kg.store import Store

GOOD = {"title": "A Good Paper", "abstract": "We propose a good method."}


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n")
    return path


def build(tmp_path: Path, *inputs: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["build", *map(str, inputs), "--store", str(tmp_path / "kg.sqlite")])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def paper_count(tmp_path: Path) -> int:
    with Store(tmp_path / "kg.sqlite") as store:
        return store.counts()[0].get("Paper", 0)


def test_truncated_json_line(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [json.dumps(GOOD), '{"title": "Cut', json.dumps(GOOD | {"title": "B"})])
    code, out, err = build(tmp_path, path)
    assert code == 1
    assert f"skipped {path}:line 2: invalid JSON: Unterminated string starting (column 11)" in err
    assert "Records skipped: 1" in out
    assert paper_count(tmp_path) == 2


def test_record_without_abstract(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [json.dumps({"title": "No Abstract Here"}), json.dumps(GOOD)])
    code, _, err = build(tmp_path, path)
    assert code == 1
    assert f"{path}:line 1: 'No Abstract Here' has no abstract" in err
    assert paper_count(tmp_path) == 1


def test_invalid_utf8_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(json.dumps(GOOD).encode() + b'\n{"title": "Bad \xff byte", "abstract": "x"}\n')
    code, _, err = build(tmp_path, path)
    assert code == 1
    assert f"{path}:line 2: invalid UTF-8 (byte 16 of the line)" in err
    assert paper_count(tmp_path) == 1


def test_invalid_utf8_in_daily_papers(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"Good Title\n\nGood abstract.\n\nBad \xfe Title\n\nAbstract.\n\nThird\n\nThird abstract.\n")
    code, _, err = build(tmp_path, path)
    assert code == 1
    assert f"{path}:line 5: invalid UTF-8" in err
    assert f"{path}:line 5: paper" in err and "skipped: it contains invalid UTF-8" in err
    assert paper_count(tmp_path) == 2


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n  \n")
    good = write_jsonl(tmp_path / "good.jsonl", [json.dumps(GOOD)])
    code, _, err = build(tmp_path, empty, good)
    assert code == 1
    assert f"skipped {empty}: empty file" in err
    assert paper_count(tmp_path) == 1


def test_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "model.jsonl"
    binary.write_bytes(bytes(range(256)) * 10)
    good = write_jsonl(tmp_path / "good.jsonl", [json.dumps(GOOD)])
    code, _, err = build(tmp_path, binary, good)
    assert code == 1
    assert f"skipped {binary}: binary file, not text (contains NUL bytes)" in err
    assert paper_count(tmp_path) == 1


def test_corrupt_gzip(tmp_path: Path) -> None:
    packed = tmp_path / "cut.jsonl.gz"
    packed.write_bytes(gzip.compress((json.dumps(GOOD) + "\n").encode() * 100)[:-20])
    code, _, err = build(tmp_path, packed)
    assert code == 1
    assert f"skipped {packed}: corrupt or truncated gzip data" in err


def test_ten_megabyte_abstract(tmp_path: Path) -> None:
    huge = json.dumps({"title": "Huge", "abstract": "word " * 2_100_000})
    path = write_jsonl(tmp_path / "a.jsonl", [huge, json.dumps(GOOD)])
    code, _, err = build(tmp_path, path)
    assert code == 1
    assert f"{path}:line 1: abstract is 10,499,999 characters, over the 1,000,000 limit" in err
    assert paper_count(tmp_path) == 1


def test_missing_path_and_unknown_extension(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "notes.md").write_text("# not a listing")
    write_jsonl(folder / "good.jsonl", [json.dumps(GOOD)])
    code, _, err = build(tmp_path, folder, tmp_path / "nope.jsonl")
    assert code == 1
    assert f"{folder / 'notes.md'}: skipped: .md is not a listing format" in err
    assert f"{tmp_path / 'nope.jsonl'}: no such file or folder" in err
    assert paper_count(tmp_path) == 1


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "secret.jsonl", [json.dumps(GOOD)])
    path.chmod(0)
    code, _, err = build(tmp_path, path)
    assert code == 1
    assert f"{path}: cannot read file: Permission denied" in err


def test_unreadable_folder_entry(tmp_path: Path) -> None:
    """A dangling link inside a folder is named as unreadable; root can't be denied, so use a link."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "gone.jsonl").symlink_to(tmp_path / "deleted.jsonl")
    write_jsonl(folder / "good.jsonl", [json.dumps(GOOD)])
    code, _, err = build(tmp_path, folder / "gone.jsonl", folder / "good.jsonl")
    assert code == 1
    assert f"{folder / 'gone.jsonl'}: no such file or folder" in err
    assert paper_count(tmp_path) == 1


def test_bad_input_does_not_lose_stored_graph(tmp_path: Path, seeds_dir: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(seeds_dir, seeds)
    store = tmp_path / "kg.sqlite"
    before = run_build([seeds], store)
    bad = write_jsonl(tmp_path / "bad.jsonl", ['{"oops', json.dumps(GOOD)])
    after = run_build([bad], store)
    assert len(after.problems) == 1
    assert after.nodes["Paper"] == before.nodes["Paper"] + 1
    assert after.edges == before.edges


def test_store_that_is_not_a_store(tmp_path: Path) -> None:
    fake = tmp_path / "kg.sqlite"
    fake.write_text("not a database")
    result = CliRunner().invoke(main, ["stats", "--store", str(fake)])
    assert result.exit_code == 3
    assert "is not a kg graph store" in result.stderr
    result = CliRunner().invoke(main, ["stats", "--store", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 3
    assert "no graph store at" in result.stderr and "kg build" in result.stderr

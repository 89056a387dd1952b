"""Shared fixtures: paths to the project's sample input and a graph built from the seeds once."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from seeds/ once per test session (read-only use, please)."""
    from kg.builder import run_build

    store = tmp_path_factory.mktemp("seeds") / "seeds.sqlite"
    report = run_build([SEEDS], store)
    assert not report.problems, report.problems
    return store

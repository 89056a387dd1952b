"""Fixtures of the RDF tests: the synthetic graph, the seeds graph (tests/conftest.py) and their exports."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from exporters.rdf.export import export_rdf
from exporters.rdf.serialize import EXTENSIONS, FORMATS

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the test modules import rdf_synthetic

from rdf_synthetic import build_synthetic


@pytest.fixture(scope="session")
def synthetic_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding every node and edge type, with nasty names (see rdf_synthetic.py)."""
    return build_synthetic(tmp_path_factory.mktemp("synthetic") / "synthetic.sqlite")


@pytest.fixture(scope="session", params=["synthetic", "seeds"])
def graph_store(request: pytest.FixtureRequest) -> Path:
    """Each of the two graphs in turn."""
    return request.getfixturevalue(f"{request.param}_store")


@pytest.fixture(scope="session")
def exports(graph_store: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, int]]:
    """The graph exported in every format: format -> (file, triples written)."""
    folder = tmp_path_factory.mktemp("exports")
    out = {}
    for fmt in FORMATS:
        path = folder / f"graph.{EXTENSIONS[fmt]}"
        out[fmt] = (path, export_rdf(graph_store, path, fmt).triples)
    return out

"""Fixtures for the visual tests: the seeds graph, and where test artefacts (screenshots) go."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg.graph import Graph

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"  # gitignored (tests/visual/.gitignore)


@pytest.fixture(scope="session")
def seeds_graph(seeds_store: Path) -> nx.MultiDiGraph:
    return Graph(seeds_store).to_networkx()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS

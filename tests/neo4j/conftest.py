"""A real Neo4j 5.26 for the whole session: built with Maven if needed, started once, always stopped."""

from __future__ import annotations

import secrets
import sys
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from exporters.neo4j import connect, load_graph, wipe_graph
from exporters.neo4j.loader import LoadReport
from kg.builder import run_build

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the test modules import neo4j_testserver
from neo4j_testserver import Neo4jServer, launcher_classpath

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="session")
def neo4j_password() -> str:
    """A fresh password per session (handed to the launcher and the CLI through the environment)."""
    return "kg-" + secrets.token_urlsafe(18)


@pytest.fixture(scope="session")
def launcher(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The launcher's class path (builds it with Maven the first time)."""
    return launcher_classpath()


@pytest.fixture(scope="session")
def neo4j_server(launcher: str, neo4j_password: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    """The session's Neo4j, on 127.0.0.1 and a free port, with auth on."""
    logs = tmp_path_factory.mktemp("neo4j-logs")
    server = Neo4jServer(neo4j_password, log=logs / "launcher.log")
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_server: Neo4jServer, neo4j_password: str) -> Iterator[neo4j.Driver]:
    """A driver for the session's server."""
    driver = connect(neo4j_server.uri, "neo4j", neo4j_password)
    try:
        yield driver
    finally:
        driver.close()


@pytest.fixture(scope="session")
def seeds_000_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from seeds/000 only: a smaller build than the seeds."""
    store = tmp_path_factory.mktemp("seeds000") / "seeds000.sqlite"
    run_build([next(SEEDS.glob("000_*"))], store)
    return store


@pytest.fixture()
def seeds_loaded(neo4j_driver: neo4j.Driver, neo4j_server: Neo4jServer, seeds_store: Path) -> LoadReport:
    """The session's server holds exactly the seeds graph (loaded again, idempotently, before each use)."""
    report = load_graph(seeds_store, neo4j_driver, uri=neo4j_server.uri, user="neo4j")
    if report.nodes_total != report.nodes_sent or report.relationships_total != report.relationships_sent:
        wipe_graph(neo4j_driver)  # an earlier test left other nodes behind
        report = load_graph(seeds_store, neo4j_driver, uri=neo4j_server.uri, user="neo4j")
    return report


@pytest.fixture()
def empty_graph(neo4j_driver: neo4j.Driver) -> None:
    """The session's server holds no kg node (tests that need the seeds graph reload it themselves)."""
    wipe_graph(neo4j_driver)

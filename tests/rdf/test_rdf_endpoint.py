"""A real Oxigraph server on loopback gets the export over the Graph Store protocol and answers the
example queries through ``kg query --endpoint`` exactly as the embedded graph does."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdf_synthetic import QUERIES

from exporters.rdf.endpoint import put_graph
from exporters.rdf.export import export_rdf
from kg.cli import main

QUERY_FILES = sorted(QUERIES.glob("*.rq"))


def _oxigraph() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).exists():
        pytest.skip("the oxigraph server binary is not installed (pip install '.[test]')")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An Oxigraph server on 127.0.0.1 with its own data folder; stopped at the end whatever happens."""
    binary, port = _oxigraph(), _free_port()
    folder = tmp_path_factory.mktemp("oxigraph")
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(folder / "data"), "--bind", f"127.0.0.1:{port}"], stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            if process.poll() is not None:
                pytest.fail(f"oxigraph exited: {(folder / 'server.log').read_text()}")
            try:
                with urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("oxigraph did not start in 20 s")
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _cli(*args: str) -> str:
    result = CliRunner().invoke(main, ["query", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("name", ["synthetic", "seeds"])
def test_endpoint_answers_like_the_embedded_graph(
    server: str, name: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    store = request.getfixturevalue(f"{name}_store")
    export = tmp_path / "graph.nt"
    export_rdf(store, export, "nt")
    put_graph(server + "/store", export)  # replaces the default graph (Graph Store protocol PUT)
    for query in QUERY_FILES:
        embedded = json.loads(_cli("--sparql", str(query), "--json", "--store", str(store)))
        remote = json.loads(_cli("--sparql", str(query), "--json", "--endpoint", server + "/query"))
        assert remote == embedded, query.name
        assert _cli("--sparql", str(query), "--format", "csv", "--endpoint", server + "/query") == _cli(
            "--sparql", str(query), "--format", "csv", "--store", str(store)
        )


def test_updates_go_to_the_endpoint_only_when_allowed(server: str) -> None:
    update = 'INSERT DATA { GRAPH <http://example.org/scratch> { <http://example.org/a> rdfs:label "x" } }'
    refused = CliRunner().invoke(main, ["query", "--sparql", update, "--endpoint", server + "/update"])
    assert refused.exit_code == 2
    ask = 'ASK { GRAPH <http://example.org/scratch> { ?s rdfs:label "x" } }'
    assert _cli("--sparql", ask, "--endpoint", server + "/query").strip() == "no"
    assert "Update done" in _cli("--sparql", update, "--allow-update", "--endpoint", server + "/update")
    assert _cli("--sparql", ask, "--endpoint", server + "/query").strip() == "yes"

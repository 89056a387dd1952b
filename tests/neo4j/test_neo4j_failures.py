"""Failure modes against the real server: wrong password, unreachable host, a server that dies mid-load."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import neo4j
from click.testing import CliRunner
from neo4j_testserver import Neo4jServer

from kg.cli import main
from kg.graph import Graph


def test_wrong_password(neo4j_server: Neo4jServer, seeds_store: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["load", "neo4j", "--uri", neo4j_server.uri, "--store", str(seeds_store)],
        env={"NEO4J_PASSWORD": "not-the-password"},
    )
    assert result.exit_code == 3
    assert "refused the credentials of user 'neo4j'" in result.output
    assert "not-the-password" not in result.output
    assert "Traceback" not in result.output


def test_unreachable_host(seeds_store: Path) -> None:
    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = CliRunner().invoke(
        main,
        ["load", "neo4j", "--uri", f"bolt://127.0.0.1:{port}", "--store", str(seeds_store)],
        env={"NEO4J_PASSWORD": "whatever-password"},
    )
    assert result.exit_code == 3
    assert f"cannot reach Neo4j at bolt://127.0.0.1:{port}" in result.output
    assert "Traceback" not in result.output


def _count(uri: str, password: str) -> int:
    with neo4j.GraphDatabase.driver(uri, auth=("neo4j", password)) as driver:
        return driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]


def test_server_dies_mid_load_and_a_rerun_completes(
    launcher: str, neo4j_password: str, seeds_store: Path, tmp_path: Path
) -> None:
    """Kill the server during a load: clear message, non-zero exit; restart, rerun: nothing lost or duplicated."""
    server = Neo4jServer(neo4j_password, home=tmp_path / "home", log=tmp_path / "launcher.log")
    kg = shutil.which("kg", path=str(Path(sys.executable).parent)) or "kg"
    env = {**os.environ, "NEO4J_PASSWORD": neo4j_password}
    try:
        uri = server.start()
        load = subprocess.Popen(
            [
                kg,
                "load",
                "neo4j",
                "--uri",
                uri,
                "--store",
                str(seeds_store),
                "--batch-size",
                "1",
                "--retry-seconds",
                "2",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        cmdline = Path(f"/proc/{load.pid}/cmdline").read_bytes().decode()
        assert neo4j_password not in cmdline  # never in the process listing
        deadline = time.monotonic() + 120
        while _count(uri, neo4j_password) < 20:
            assert load.poll() is None, load.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.05)
        server.kill()
        stdout, stderr = load.communicate(timeout=120)
        assert load.returncode == 3, stdout + stderr
        assert "cannot reach Neo4j" in stderr and "run the same command again" in stderr, stderr
        assert "Traceback" not in stderr and neo4j_password not in stdout + stderr
        assert len(stderr.strip().splitlines()) == 1, stderr

        uri = server.start()  # the same database files, recovered
        assert _count(uri, neo4j_password) > 0
        rerun = subprocess.run(
            [kg, "load", "neo4j", "--uri", uri, "--store", str(seeds_store)],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        assert rerun.returncode == 0, rerun.stdout + rerun.stderr
        graph = Graph(seeds_store)
        with neo4j.GraphDatabase.driver(uri, auth=("neo4j", neo4j_password)) as driver:
            ids = [r["id"] for r in driver.execute_query("MATCH (n) RETURN n.id AS id").records]
            rel_ids = [r["id"] for r in driver.execute_query("MATCH ()-[r]->() RETURN r.id AS id").records]
        assert sorted(ids) == sorted(n.id for n in graph.nodes())
        assert sorted(rel_ids) == sorted(e.id for e in graph.edges())
    finally:
        server.stop()


def test_a_uri_that_is_not_bolt_is_a_usage_error(seeds_store: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["load", "neo4j", "--uri", "http://127.0.0.1:7474", "--store", str(seeds_store)],
        env={"NEO4J_PASSWORD": "whatever-password"},
    )
    assert result.exit_code == 2
    assert "bad Neo4j URI 'http://127.0.0.1:7474'" in result.output

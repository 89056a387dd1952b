"""The Cypher side of ``kg query``: read queries printed as a table, CSV or JSON; writes refused."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from neo4j_testserver import Neo4jServer

from kg.cli.neo4j import connection_options, read_cypher, run_cypher
from kg.graph import Graph


@click.command()
@click.option("--cypher", "query", required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
@connection_options
def cypher_query(query: str, fmt: str, uri: str, user: str, database: str | None) -> None:
    """The shape ``kg query --cypher`` takes (wired into the shared ``kg query`` command)."""
    run_cypher(read_cypher(query), uri, user, database, fmt)


def ask(server: Neo4jServer, password: str, *args: str) -> Any:
    return CliRunner().invoke(cypher_query, ["--uri", server.uri, *args], env={"NEO4J_PASSWORD": password})


QUERY = "MATCH (p:Paper)-[:HAS_CODE]->(r:Repository) RETURN r.id AS repository, p.id AS paper ORDER BY repository"


@pytest.mark.usefixtures("seeds_loaded")
def test_formats(neo4j_server: Neo4jServer, neo4j_password: str, seeds_store: Path) -> None:
    expected = sorted((e.target, e.source) for e in Graph(seeds_store).edges("HAS_CODE"))
    as_json = ask(neo4j_server, neo4j_password, "--cypher", QUERY, "--format", "json")
    assert as_json.exit_code == 0, as_json.output
    assert [(r["repository"], r["paper"]) for r in json.loads(as_json.output)] == expected
    as_csv = ask(neo4j_server, neo4j_password, "--cypher", QUERY, "--format", "csv")
    rows = list(csv.reader(io.StringIO(as_csv.output)))
    assert rows[0] == ["repository", "paper"] and [tuple(r) for r in rows[1:]] == expected
    table = ask(neo4j_server, neo4j_password, "--cypher", QUERY)
    lines = table.output.splitlines()
    assert lines[0].split() == ["repository", "|", "paper"] and lines[-1] == f"({len(expected)} rows)"


@pytest.mark.usefixtures("seeds_loaded")
def test_query_from_a_file(neo4j_server: Neo4jServer, neo4j_password: str, seeds_store: Path) -> None:
    path = Path(__file__).resolve().parents[2] / "docs" / "queries" / "cypher" / "variants.cypher"
    result = ask(neo4j_server, neo4j_password, "--cypher", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    assert {r["id"] for r in json.loads(result.output)} == {e.target for e in Graph(seeds_store).edges("VARIANT_OF")}


@pytest.mark.usefixtures("seeds_loaded")
def test_nodes_and_lists_come_out_as_json(neo4j_server: Neo4jServer, neo4j_password: str) -> None:
    query = "MATCH (r:Repository {id: 'repository:github.com/zfj1998/a2search'}) RETURN r, [1, 2] AS xs"
    result = ask(neo4j_server, neo4j_password, "--cypher", query, "--format", "json")
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)
    assert row["r"]["labels"] == ["Repository"] and row["r"]["properties"]["host"] == "github.com"
    assert row["xs"] == [1, 2]


@pytest.mark.usefixtures("seeds_loaded")
def test_writes_and_bad_queries_are_refused(neo4j_server: Neo4jServer, neo4j_password: str) -> None:
    write = ask(neo4j_server, neo4j_password, "--cypher", "CREATE (:Method {id: 'method:x'})")
    assert write.exit_code == 2 and "read queries only" in write.output
    bad = ask(neo4j_server, neo4j_password, "--cypher", "MATCH (n RETURN n")
    assert bad.exit_code == 2 and "SyntaxError" in bad.output
    wrong = CliRunner().invoke(
        cypher_query, ["--uri", neo4j_server.uri, "--cypher", "RETURN 1"], env={"NEO4J_PASSWORD": "wrong-password"}
    )
    assert wrong.exit_code == 3 and "refused the credentials" in wrong.output


@pytest.mark.usefixtures("seeds_loaded")
def test_kg_query_cypher(neo4j_server: Neo4jServer, neo4j_password: str, seeds_store: Path) -> None:
    """The shared ``kg query`` command with --cypher, end to end."""
    from kg.cli import main

    expected = sorted((e.target, e.source) for e in Graph(seeds_store).edges("HAS_CODE"))
    result = CliRunner().invoke(
        main, ["query", "--cypher", QUERY, "--uri", neo4j_server.uri, "--json"], env={"NEO4J_PASSWORD": neo4j_password}
    )
    assert result.exit_code == 0, result.output
    assert [(r["repository"], r["paper"]) for r in json.loads(result.output)] == expected

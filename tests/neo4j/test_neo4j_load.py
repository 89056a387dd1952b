"""``kg load neo4j`` against the real server: counts checked, idempotent reloads, bigger builds, --wipe."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import neo4j
import pytest
from click.testing import CliRunner
from neo4j_testserver import Neo4jServer

from exporters.neo4j.mapping import constraint_statements, flatten, iter_edges, iter_nodes
from kg.cli import main
from kg.graph import Graph
from kg.schema import EdgeType, NodeType


def kg_load(server: Neo4jServer, password: str | None, store: Path, *args: str, input: str | None = None) -> Any:
    """Run ``kg load neo4j`` in-process with the password in the environment (or typed at the prompt)."""
    env = {"NEO4J_PASSWORD": password} if password is not None else {"NEO4J_PASSWORD": ""}
    return CliRunner().invoke(
        main, ["load", "neo4j", "--uri", server.uri, "--store", str(store), *args], env=env, input=input
    )


def counts(driver: neo4j.Driver) -> tuple[dict[str, int], dict[str, int]]:
    """Nodes by label and relationships by type, as the server counts them."""
    nodes = {
        r["label"]: r["n"]
        for r in driver.execute_query("MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n").records
    }
    rels = {r["t"]: r["n"] for r in driver.execute_query("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n").records}
    return nodes, rels


def snapshot(driver: neo4j.Driver) -> tuple[list[Any], list[Any]]:
    """Every node and relationship with its properties, sorted (to compare two loads exactly)."""
    nodes = driver.execute_query("MATCH (n) RETURN labels(n) AS l, properties(n) AS p ORDER BY n.id").records
    rels = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p ORDER BY r.id"
    ).records
    return [(r["l"], r["p"]) for r in nodes], [(r["a"], r["t"], r["b"], r["p"]) for r in rels]


def store_counts(store: Path) -> tuple[dict[str, int], dict[str, int]]:
    stats = Graph(store).stats(top=0)
    return stats["nodes"], stats["edges"]


@pytest.mark.usefixtures("empty_graph")
def test_load_checks_counts_and_reload_changes_nothing(
    neo4j_server: Neo4jServer, neo4j_driver: neo4j.Driver, neo4j_password: str, seeds_store: Path
) -> None:
    result = kg_load(neo4j_server, neo4j_password, seeds_store, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["nodes_sent"], report["relationships_sent"]) == store_counts(seeds_store)
    assert counts(neo4j_driver) == store_counts(seeds_store)
    assert neo4j_password not in result.output
    # the database was empty: every label and type was written with CREATE, not MERGE
    assert report["created_not_merged"] == sorted({*report["nodes_sent"], *report["relationships_sent"]})
    first = snapshot(neo4j_driver)

    again = kg_load(neo4j_server, neo4j_password, seeds_store, "--json", "--workers", "1")
    assert again.exit_code == 0, again.output
    assert json.loads(again.output)["created_not_merged"] == []
    assert snapshot(neo4j_driver) == first  # MERGE, one session, over CREATE from two: the same graph
    text = kg_load(neo4j_server, neo4j_password, seeds_store)
    assert text.exit_code == 0 and "counts checked" in text.output, text.output


def test_properties_follow_the_flattening_rule(
    neo4j_driver: neo4j.Driver, seeds_loaded: Any, seeds_store: Path
) -> None:
    nodes, rels = snapshot(neo4j_driver)
    assert {p["id"]: (labels, p) for labels, p in nodes} == {
        n.id: ([n.label], n.props) for n in iter_nodes(seeds_store)
    }
    assert {p["id"]: (a, t, b, p) for a, t, b, p in rels} == {
        e.id: (e.source, e.type, e.target, e.props) for e in iter_edges(seeds_store)
    }
    # evidence became parallel lists, one per key, in the store's order
    graph = Graph(seeds_store)
    edge = next(graph.edges("HAS_CODE"))
    stored = graph.evidence(edge.id)
    (row,) = neo4j_driver.execute_query("MATCH ()-[r:HAS_CODE {id: $id}]->() RETURN r", id=edge.id).records
    assert row["r"]["evidence_sentence"] == [e["sentence"] for e in stored]
    assert row["r"]["evidence_start"] == [e["start"] for e in stored]
    assert "evidence" not in row["r"]


def test_flatten_rule() -> None:
    assert flatten(
        {"a": 1, "b": None, "c": [], "d": {"x": 1, "y": "z"}, "e": [{"k": 1, "v": "a"}, {"k": 2, "v": "b"}]}
    ) == {
        "a": 1,
        "d_x": 1,
        "d_y": "z",
        "e_k": [1, 2],
        "e_v": ["a", "b"],
    }
    assert flatten({"n": [1, 2.5]}) == {"n": [1.0, 2.5]}
    with pytest.raises(ValueError):
        flatten({"e": [{"k": 1}, {"v": 2}]})


def test_names_come_from_the_schema(neo4j_driver: neo4j.Driver, seeds_loaded: Any) -> None:
    labels = {r[0] for r in neo4j_driver.execute_query("CALL db.labels()").records}
    types = {r[0] for r in neo4j_driver.execute_query("CALL db.relationshipTypes()").records}
    assert labels <= {t.value for t in NodeType}
    assert types <= {t.value for t in EdgeType}
    names = {r["name"] for r in neo4j_driver.execute_query("SHOW CONSTRAINTS YIELD name").records}
    assert {s.split()[2] for s in constraint_statements()} <= names
    assert len(constraint_statements()) == len(NodeType) + len(EdgeType)


@pytest.mark.usefixtures("empty_graph")
def test_bigger_build_adds_only_what_is_new(
    neo4j_server: Neo4jServer,
    neo4j_driver: neo4j.Driver,
    neo4j_password: str,
    seeds_000_store: Path,
    seeds_store: Path,
) -> None:
    small = kg_load(neo4j_server, neo4j_password, seeds_000_store)
    assert small.exit_code == 0, small.output
    assert counts(neo4j_driver) == store_counts(seeds_000_store)
    bigger = kg_load(neo4j_server, neo4j_password, seeds_store)
    assert bigger.exit_code == 0, bigger.output
    # every id of either build is one node: nothing duplicated, nothing of the first load lost
    expected_nodes: dict[str, set[str]] = {}
    for store in (seeds_000_store, seeds_store):
        for node in Graph(store).nodes():
            expected_nodes.setdefault(node.type, set()).add(node.id)
    expected_rels: dict[str, set[str]] = {}
    for store in (seeds_000_store, seeds_store):
        for edge in Graph(store).edges():
            expected_rels.setdefault(edge.relation, set()).add(edge.id)
    assert counts(neo4j_driver) == (
        {k: len(v) for k, v in expected_nodes.items()},
        {k: len(v) for k, v in expected_rels.items()},
    )


def test_wipe_asks_first(
    neo4j_server: Neo4jServer, neo4j_driver: neo4j.Driver, neo4j_password: str, seeds_loaded: Any, seeds_store: Path
) -> None:
    before = counts(neo4j_driver)
    refused = kg_load(neo4j_server, neo4j_password, seeds_store, "--wipe", input="n\n")
    assert refused.exit_code != 0 and "Delete every" in refused.output
    assert counts(neo4j_driver) == before
    neo4j_driver.execute_query("CREATE (:Method {id: 'method:not-in-the-store', name: 'stale'})")
    wiped = kg_load(neo4j_server, neo4j_password, seeds_store, "--wipe", "--yes")
    assert wiped.exit_code == 0, wiped.output
    assert counts(neo4j_driver) == store_counts(seeds_store)


def test_password_prompt_is_hidden(
    neo4j_server: Neo4jServer, neo4j_password: str, seeds_loaded: Any, seeds_store: Path
) -> None:
    result = kg_load(neo4j_server, None, seeds_store, input=neo4j_password + "\n")
    assert result.exit_code == 0, result.output
    assert "Neo4j password for neo4j" in result.output
    assert neo4j_password not in result.output


def test_no_store_is_a_clear_error(neo4j_server: Neo4jServer, neo4j_password: str, tmp_path: Path) -> None:
    result = kg_load(neo4j_server, neo4j_password, tmp_path / "missing.sqlite")
    assert result.exit_code == 3
    assert "no graph store" in result.output

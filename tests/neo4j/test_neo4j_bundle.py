"""``kg export neo4j-import`` imported with the real neo4j-admin; ``kg export cypher`` run statement by statement."""

from __future__ import annotations

import json
from pathlib import Path

import neo4j
from click.testing import CliRunner
from neo4j_testserver import Neo4jServer, admin_args_from_script, neo4j_admin
from test_neo4j_load import counts, snapshot, store_counts

from exporters.neo4j import load_graph, wipe_graph
from exporters.neo4j.mapping import iter_edges, iter_nodes
from kg.cli import main


def test_bulk_bundle_imports_with_neo4j_admin(
    launcher: str, neo4j_password: str, seeds_store: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "bundle"
    result = CliRunner().invoke(main, ["export", "neo4j-import", str(bundle), "--store", str(seeds_store), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["nodes"], report["relationships"]) == store_counts(seeds_store)
    assert (bundle / "import.sh").read_text().count("neo4j-admin database import full neo4j") == 1

    home = tmp_path / "home"
    imported = neo4j_admin(
        admin_args_from_script(bundle / "import.sh"), home, cwd=bundle
    )  # import.sh runs in the bundle
    assert imported.returncode == 0, imported.stdout[-2000:] + imported.stderr[-2000:]
    assert "IMPORT DONE" in imported.stdout

    server = Neo4jServer(neo4j_password, home=home, log=tmp_path / "launcher.log")
    try:
        uri = server.start()
        with neo4j.GraphDatabase.driver(uri, auth=("neo4j", neo4j_password)) as driver:
            for statement in (bundle / "constraints.cypher").read_text().split(";\n"):
                if statement.strip() and not statement.lstrip().startswith("//"):
                    driver.execute_query(statement)
            assert counts(driver) == store_counts(seeds_store)
            nodes, rels = snapshot(driver)
    finally:
        server.stop()
    # the same properties as the transactional load: the one flattening rule, typed columns
    assert {p["id"]: p for _, p in nodes} == {n.id: n.props for n in iter_nodes(seeds_store)}
    assert {p["id"]: (a, t, b, p) for a, t, b, p in rels} == {
        e.id: (e.source, e.type, e.target, e.props) for e in iter_edges(seeds_store)
    }


def test_cypher_script_gives_the_same_graph_as_the_loader(
    neo4j_server: Neo4jServer, neo4j_driver: neo4j.Driver, seeds_000_store: Path, tmp_path: Path
) -> None:
    # a smaller build: Neo4j parses big literals slowly, and the script's shape is what is tested here
    script = tmp_path / "graph.cypher"
    result = CliRunner().invoke(main, ["export", "cypher", str(script), "--store", str(seeds_000_store)])
    assert result.exit_code == 0, result.output

    wipe_graph(neo4j_driver)
    try:
        load_graph(seeds_000_store, neo4j_driver)
        loaded = snapshot(neo4j_driver)
        wipe_graph(neo4j_driver)
        _run_script(neo4j_driver, script)
        assert snapshot(neo4j_driver) == loaded
        assert counts(neo4j_driver) == store_counts(seeds_000_store)
    finally:
        wipe_graph(neo4j_driver)  # the next user of the session's server reloads the seeds


def _run_script(driver: neo4j.Driver, script: Path) -> None:
    """Run a cypher-shell script: ``:begin``/``:commit`` frame transactions, one statement per line."""
    with driver.session() as session:
        tx = None
        for line in script.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("//"):
                continue
            if line == ":begin":
                tx = session.begin_transaction()
            elif line == ":commit":
                assert tx is not None
                tx.commit()
                tx = None
            else:
                assert line.endswith(";"), line[:80]
                (tx or session).run(line[:-1]).consume()

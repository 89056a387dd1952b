"""``kg load neo4j``, ``kg export neo4j-import``, ``kg export cypher`` and the Cypher side of ``kg query``.

The password is read from ``NEO4J_PASSWORD`` or a hidden prompt: never an argument, never printed.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from kg.cli.options import EXIT_FAILED, json_option, store_option
from kg.store import StoreError

F = TypeVar("F", bound=Callable[..., Any])
EXIT_USAGE = 2
PASSWORD_ENV = "NEO4J_PASSWORD"


def _fail(message: str, status: int = EXIT_FAILED) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(status)


def read_password(user: str) -> str:
    """The password from ``NEO4J_PASSWORD``, else a prompt that does not echo."""
    from exporters.neo4j.connection import quiet_driver_logs

    quiet_driver_logs()
    password = os.environ.get(PASSWORD_ENV)
    if password:
        return password
    return click.prompt(f"Neo4j password for {user}", hide_input=True, err=True)


def _check_uri(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from exporters.neo4j.connection import Neo4jError, check_uri

    try:
        return check_uri(value)
    except Neo4jError as err:
        raise click.BadParameter(str(err)) from None


def connection_options(func: F) -> F:
    """``--uri``, ``--user``, ``--database``: where the Neo4j server is (the password is never an option)."""
    func = click.option(
        "--database", envvar="NEO4J_DATABASE", help="Database name (default: the server's default database)."
    )(func)
    func = click.option("--user", default="neo4j", envvar="NEO4J_USER", show_default=True, help="Neo4j user.")(func)
    return click.option(
        "--uri",
        callback=_check_uri,
        default="bolt://localhost:7687",
        envvar="NEO4J_URI",
        show_default=True,
        help="Bolt URI of the server (bolt://, neo4j://, +s/+ssc variants).",
    )(func)


@click.group("load")
def load_group() -> None:
    """Load the graph into a database server (Neo4j)."""


@load_group.command("neo4j")
@connection_options
@click.option("--wipe", is_flag=True, help="First delete every node with a kg label (asks for confirmation).")
@click.option("--yes", is_flag=True, help="Do not ask before --wipe.")
@click.option("--batch-size", default=5000, show_default=True, type=click.IntRange(1), help="Rows per transaction.")
@click.option(
    "--workers",
    default=2,  # exporters.neo4j.loader.DEFAULT_WORKERS (not imported here: the driver loads lazily)
    show_default=True,
    type=click.IntRange(1, 16),
    help="Sessions writing batches at the same time (1: one transaction after another).",
)
@click.option(
    "--retry-seconds",
    default=30.0,
    show_default=True,
    type=click.FloatRange(0),
    help="How long a batch is retried on transient errors before the load fails.",
)
@store_option
@json_option
def load_neo4j_command(
    uri: str,
    user: str,
    database: str | None,
    wipe: bool,
    yes: bool,
    batch_size: int,
    workers: int,
    retry_seconds: float,
    store: str,
    as_json: bool,
) -> None:
    """Load the whole graph into Neo4j: constraints, then nodes and relationships, then a count check.

    The password comes from NEO4J_PASSWORD or a prompt. Loading is idempotent: loading twice changes
    no count, loading a bigger build adds only what is new, and a failed load is completed by running
    the same command again. Exit status: 0 loaded and checked, 3 the server failed or the counts differ.
    """
    from exporters.neo4j import Neo4jError, connect, load_graph, wipe_graph
    from kg.graph import Graph

    try:
        Graph(store)
    except StoreError as err:
        _fail(str(err))
    if wipe and not yes:
        click.confirm(
            f"Delete every Paper, Method, Dataset, ... node in {database or 'the default database'} at {uri}?",
            abort=True,
            err=True,
        )
    password = read_password(user)
    try:
        driver = connect(uri, user, password, retry_seconds=retry_seconds)
    except Neo4jError as err:
        _fail(str(err))
    try:
        if wipe:
            deleted = wipe_graph(driver, database, uri=uri, user=user)
            click.echo(f"Wiped {sum(deleted.values())} nodes.", err=True)
        report = load_graph(
            store, driver, database=database, uri=uri, user=user, batch_size=batch_size, workers=workers
        )
    except Neo4jError as err:
        _fail(str(err))
    except StoreError as err:
        _fail(str(err))
    finally:
        driver.close()
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
        return
    data = report.as_dict()
    click.echo(f"Loaded {store} into {uri} ({database or 'default database'}); counts checked.")
    click.echo(
        f"Nodes: {report.nodes} in {data['node_seconds']}s ("
        + ", ".join(f"{k} {v}" for k, v in report.nodes_sent.items())
        + ")"
    )
    click.echo(
        f"Relationships: {report.relationships} in {data['relationship_seconds']}s ("
        + ", ".join(f"{k} {v}" for k, v in report.relationships_sent.items())
        + ")"
    )


@click.command("neo4j-import")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--database", default="neo4j", show_default=True, help="Database named in the import command.")
@store_option
@json_option
def neo4j_import_command(directory: str, database: str, store: str, as_json: bool) -> None:
    """Write CSV files and the exact `neo4j-admin database import full` command (import.sh) to DIRECTORY."""
    from exporters.neo4j import write_import_bundle

    try:
        report = write_import_bundle(store, directory, database)
    except StoreError as err:
        _fail(str(err))
    except OSError as err:
        _fail(f"cannot write the bundle in {directory}: {err}")
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
        return
    click.echo(
        f"Wrote {sum(report.nodes.values())} nodes and {sum(report.relationships.values())} relationships "
        f"to {directory}. Import (database stopped) with:\n  {directory}/import.sh\n"
        f"then start the database and run {directory}/constraints.cypher."
    )


@click.command("cypher")
@click.argument("output", type=click.Path(dir_okay=False, allow_dash=True))
@store_option
def cypher_command(output: str, store: str) -> None:
    """Write the graph as a Cypher script for cypher-shell (OUTPUT, or - for stdout)."""
    from exporters.neo4j import write_cypher_script

    try:
        counts = write_cypher_script(store, sys.stdout if output == "-" else output)
    except StoreError as err:
        _fail(str(err))
    except OSError as err:
        _fail(f"cannot write {output}: {err}")
    if output != "-":
        click.echo(f"Wrote {counts['nodes']} nodes and {counts['relationships']} relationships to {output}.")
        click.echo(f"Run: cypher-shell -u neo4j -f {output}   (password from NEO4J_PASSWORD)")


def read_cypher(value: str) -> str:
    """The Cypher text: ``-`` reads stdin, an existing ``.cypher`` file is read, anything else is the query."""
    if value == "-":
        return sys.stdin.read()
    path = Path(value)
    if "\n" not in value and path.suffix.lower() in (".cypher", ".cql"):
        try:
            return path.read_text(encoding="utf-8")
        except OSError as err:
            raise click.UsageError(f"cannot read query file {value}: {err}") from None
    return value


def run_cypher(
    query: str,
    uri: str,
    user: str,
    database: str | None = None,
    fmt: str = "table",
    parameters: dict[str, Any] | None = None,
) -> None:
    """Print the answer of a READ Cypher query (table, csv or json); exit 2 on a bad or writing query, 3 on failure.

    This is what ``kg query --cypher QUERY --uri ... [--user --database --format]`` calls.
    """
    from exporters.neo4j import Neo4jError, connect
    from exporters.neo4j.query import RENDERERS, run_read_query

    password = read_password(user)
    try:
        driver = connect(uri, user, password)
    except Neo4jError as err:
        _fail(str(err))
    try:
        columns, rows = run_read_query(driver, query, parameters, database=database, uri=uri, user=user)
    except Neo4jError as err:
        if "Statement.AccessMode" in str(err):
            _fail("kg query --cypher runs read queries only, and this query writes.", EXIT_USAGE)
        _fail(str(err), EXIT_USAGE if ".Statement." in str(err) else EXIT_FAILED)
    finally:
        driver.close()
    text = RENDERERS[fmt](columns, rows)
    click.echo(text, nl=not text.endswith("\n"))

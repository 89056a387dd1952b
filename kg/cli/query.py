"""``kg query --sparql``: SPARQL over the built graph (embedded Oxigraph) or a SPARQL 1.1 endpoint."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.neo4j import connection_options, read_cypher, run_cypher
from kg.cli.options import EXIT_FAILED, store_option
from kg.cli.rdf import base_option
from kg.store import StoreError

EXIT_USAGE = 2
_KEYWORDS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX", "BASE", "INSERT", "DELETE", "WITH", "LOAD", "CLEAR"}
_KEYWORDS |= {"DROP", "CREATE", "ADD", "MOVE", "COPY"}


def read_query(value: str) -> str:
    """The query text: ``-`` reads stdin, an existing file is read, anything else is the query itself."""
    if value == "-":
        return sys.stdin.read()
    path = Path(value)
    keyword = value.lstrip().split(None, 1)[0].upper() if value.strip() else ""
    looks_like_file = "\n" not in value and (
        path.suffix.lower() in (".rq", ".sparql", ".txt") or ("{" not in value and keyword not in _KEYWORDS)
    )
    try:
        if path.is_file():
            return path.read_text(encoding="utf-8")
    except (OSError, ValueError) as err:
        raise click.UsageError(f"cannot read query file {value}: {err}") from None
    if looks_like_file:
        raise click.UsageError(f"no query file {value} (and it is not a SPARQL query: it has no '{{')")
    return value


@click.command("query")
@click.option("--sparql", "query", help="A SPARQL query, a file holding one (.rq), or - for stdin.")
@click.option("--cypher", help="A Cypher query (or .cypher file) for the Neo4j server at --uri (see kg load neo4j).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="Output: aligned table, SPARQL CSV, or SPARQL JSON results.",
)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--endpoint", help="Send the query to this SPARQL 1.1 endpoint instead of the local graph.")
@click.option("--allow-update", is_flag=True, help="Allow SPARQL UPDATE (only with --endpoint).")
@click.option("--bind", "binds", multiple=True, help="NAME=VALUE: bind ?NAME (a string, or <iri>). Repeatable.")
@click.option("--no-cache", is_flag=True, help="Load the graph into memory instead of the cached Oxigraph store.")
@click.option("--timeout", default=60.0, show_default=True, help="Seconds to wait for an endpoint.")
@base_option
@store_option
@connection_options
def query_command(
    query: str | None,
    cypher: str | None,
    fmt: str,
    as_json: bool,
    endpoint: str | None,
    allow_update: bool,
    binds: tuple[str, ...],
    no_cache: bool,
    timeout: float,
    base: str,
    store: str,
    uri: str,
    user: str,
    database: str | None,
) -> None:
    """Run a read-only SPARQL query over the built graph, with no server (or Cypher on Neo4j).

    The graph is the RDF export (see `kg export rdf`) in an embedded Oxigraph store, cached next to
    the store file and rebuilt when the store changes. The prefixes kg:, schema:, dcterms:, skos:,
    mls:, prov:, lpwc:, rdfs:, xsd: ... are predeclared. Values given with --bind are substituted
    for variables, never pasted into the query. With --cypher the query goes to Neo4j instead
    (--uri, --user, --database; password from NEO4J_PASSWORD). Exit status: 0 answered, 2 bad query
    or refused update, 3 no store or the endpoint failed.
    """
    from exporters.rdf.endpoint import EndpointError, query_endpoint, update_endpoint
    from exporters.rdf.results import RENDERERS, collect
    from exporters.rdf.sparql import SparqlError, open_graph, parse_binding, query_kind, run_embedded

    if (query is None) == (cypher is None):
        raise click.UsageError("give one of --sparql QUERY or --cypher QUERY")
    if cypher is not None:
        run_cypher(read_cypher(cypher), uri, user, database, "json" if as_json else fmt)
        return
    assert query is not None
    text = read_query(query)
    try:
        kind = query_kind(text)
        bindings = dict(parse_binding(b) for b in binds)
    except SparqlError as err:
        click.echo(f"Error: {err}", err=True)
        sys.exit(EXIT_USAGE)
    if kind == "update" and not allow_update:
        click.echo("Error: this is a SPARQL UPDATE; kg query is read-only unless --allow-update is given.", err=True)
        sys.exit(EXIT_USAGE)
    if kind == "update" and not endpoint:
        click.echo(
            "Error: updates can only go to an --endpoint: the local graph is derived from the store "
            "(change the store with kg build instead).",
            err=True,
        )
        sys.exit(EXIT_USAGE)
    if endpoint and bindings:
        click.echo("Error: --bind works on the local graph only (an endpoint gets the query as written).", err=True)
        sys.exit(EXIT_USAGE)
    try:
        if endpoint and kind == "update":
            update_endpoint(endpoint, text, timeout)
            click.echo("Update done.")
            return
        if endpoint:
            answer = query_endpoint(endpoint, text, timeout)
        else:
            graph = open_graph(store, base, cache=not no_cache, progress=lambda m: click.echo(m, err=True))
            answer = run_embedded(graph, text, bindings)
        results = collect(answer)
    except EndpointError as err:
        click.echo(f"Error: {err}", err=True)
        sys.exit(EXIT_FAILED)
    except StoreError as err:
        click.echo(f"Error: {err}", err=True)
        sys.exit(EXIT_FAILED)
    except SparqlError as err:
        click.echo(f"Error: {err}", err=True)
        sys.exit(EXIT_USAGE)
    except OSError as err:
        click.echo(f"Error: query failed: {err}", err=True)
        sys.exit(EXIT_FAILED)
    click.echo(RENDERERS["json" if as_json else fmt](results), nl=fmt != "csv" or as_json)

"""``kg export graphml|gexf|cytoscape|html`` and ``kg report``: files for viewers and people."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
import networkx as nx

from kg.analysis import filter_graph
from kg.cli.analysis import load_graph, type_names
from kg.cli.options import EXIT_FAILED, store_option

F = TypeVar("F", bound=Callable[..., Any])
HTML_COMFORT = 5000  # nodes a browser draws and lays out comfortably


def _since(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from kg.analysis import parse_date

    if value is not None and parse_date(value) is None:
        raise click.BadParameter(f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def view_options(func: F) -> F:
    """``-o FILE``, ``--types``, ``--min-papers``, ``--since`` and ``--store``."""
    for option in reversed(
        [
            click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="File to write."),
            click.option("--types", help="Keep only these node types, comma-separated (e.g. Paper,Method,Dataset)."),
            click.option("--min-papers", default=0, show_default=True, help="Drop entities with fewer papers."),
            click.option("--since", callback=_since, help="Drop papers dated before this (YYYY, YYYY-MM, YYYY-MM-DD)."),
            store_option,
        ]
    ):
        func = option(func)
    return func


def _export(
    writer: Callable[[nx.Graph, str], None],
    output: str,
    types: str | None,
    min_papers: int,
    since: str | None,
    store: str,
) -> None:
    wanted = type_names(types)
    G = filter_graph(load_graph(store), types=wanted, min_papers=min_papers, since=since)
    try:
        writer(G, output)
    except OSError as err:
        click.echo(f"Error: cannot write {output}: {err.strerror or err}", err=True)
        sys.exit(EXIT_FAILED)
    click.echo(f"Wrote {output}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    if writer.__name__ == "write_html" and G.number_of_nodes() > HTML_COMFORT:
        click.echo(
            f"Note: {G.number_of_nodes()} nodes is a lot for a browser (a few thousand draw comfortably); "
            "cut the graph with --min-papers, --since or --types.",
            err=True,
        )


@click.command("graphml")
@view_options
def graphml_command(output: str, types: str | None, min_papers: int, since: str | None, store: str) -> None:
    """Write GraphML with typed attributes (networkx, Gephi, Cytoscape and yEd read it)."""
    from exporters.visual import write_graphml

    _export(write_graphml, output, types, min_papers, since, store)


@click.command("gexf")
@view_options
def gexf_command(output: str, types: str | None, min_papers: int, since: str | None, store: str) -> None:
    """Write GEXF 1.3 for Gephi: typed attributes, nodes coloured by type and sized by papers."""
    from exporters.visual import write_gexf

    _export(write_gexf, output, types, min_papers, since, store)


@click.command("cytoscape")
@view_options
def cytoscape_command(output: str, types: str | None, min_papers: int, since: str | None, store: str) -> None:
    """Write Cytoscape.js JSON (elements with data; evidence on edges)."""
    from exporters.visual import write_cytoscape

    _export(write_cytoscape, output, types, min_papers, since, store)


@click.command("html")
@view_options
def html_command(output: str, types: str | None, min_papers: int, since: str | None, store: str) -> None:
    """Write one interactive HTML page that works offline: search, type filter, papers and evidence.

    Cut big graphs down first (e.g. --min-papers 5 --since 2023): a browser draws a few thousand
    nodes comfortably.
    """
    from exporters.visual import write_html

    _export(write_html, output, types, min_papers, since, store)


@click.command("report")
@click.option("-o", "--output", "directory", required=True, type=click.Path(file_okay=False), help="Folder to write.")
@click.option("--title", default="Knowledge graph report", show_default=True, help="Title of the page.")
@store_option
def report_command(directory: str, title: str, store: str) -> None:
    """Write an HTML report with plots (index.html, plots inline) and its numbers (report.json)."""
    from exporters.report import write_report

    G = load_graph(store)
    try:
        data = write_report(G, directory, title=title)
    except OSError as err:
        click.echo(f"Error: cannot write {directory}: {err.strerror or err}", err=True)
        sys.exit(EXIT_FAILED)
    h = data["headline"]
    click.echo(f"Wrote {Path(directory) / 'index.html'}: {h['papers']} papers, {h['total_nodes']} nodes")

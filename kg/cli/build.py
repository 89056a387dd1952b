"""``kg build`` and ``kg stats``."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Sequence

import click

from kg.builder import BuildReport, run_build
from kg.cli.options import EXIT_FAILED, EXIT_SKIPPED, json_option, store_option
from kg.graph import Graph
from kg.model import Problem, Record
from kg.readers import FORMATS, ReadOptions
from kg.store import StoreError


def _progress(records: Sequence[Record], label: str) -> Iterable[Record]:
    """A progress bar on stderr for long files; click hides it when stderr is not a terminal."""
    if len(records) < 200:
        return records

    def bar() -> Iterable[Record]:
        with click.progressbar(records, label=f"building {label}", file=sys.stderr) as items:
            yield from items

    return bar()


def _print_report(report: BuildReport) -> None:
    """The human summary of a build: input read, input skipped, graph counts."""
    click.echo(f"Built {report.store} in {report.seconds:.1f}s")
    for f in report.files:
        state = (
            "unchanged since last build, not read again"
            if f.unchanged
            else (
                f"{f.records} records, {len(f.papers)} distinct papers"
                + (f", {f.problems} skipped" if f.problems else "")
            )
        )
        click.echo(f"  {f.path}: {state}")
    click.echo(f"Papers read: {report.papers} distinct ({report.records} records)")
    click.echo(f"Records skipped: {len(report.problems)}")
    for problem in report.problems:
        click.echo(f"  {problem}")
    click.echo("Nodes: " + (", ".join(f"{t} {n}" for t, n in report.nodes.items()) or "none"))
    click.echo("Edges: " + (", ".join(f"{t} {n}" for t, n in report.edges.items()) or "none"))


@click.command("build")
@click.argument("paths", nargs=-1, type=click.Path())
@store_option
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), help="Input format (default: detected).")
@click.option("--listing-year", type=int, help="Year of Daily Papers listings that print no year.")
@click.option("--force", is_flag=True, help="Read files again even if their content was built before.")
@click.option(
    "--aliases",
    type=click.Path(exists=True, dir_okay=False),
    envvar="KG_ALIASES",
    help="Alias file of same/different decisions (replaces the stored ones; PATHS may then be omitted).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(0),
    default=0,
    show_default=True,
    envvar="KG_JOBS",
    help="Extractor processes; 0 = one per CPU core.",
)
@json_option
def build_command(
    paths: tuple[str, ...],
    store: str,
    fmt: str | None,
    listing_year: int | None,
    force: bool,
    aliases: str | None,
    jobs: int,
    as_json: bool,
) -> None:
    """Read paper listings (files or folders) into the graph store.

    Formats: Daily Papers text, JSON Lines, CSV/TSV, arXiv Atom, OpenAlex JSON (gzip accepted).
    Building the same input again changes nothing; new input is added. An alias file (--aliases) says
    which names are the same entity or different ones; see README. Exit status: 0 all input
    used, 1 some records were skipped (each is listed with its reason), 3 the store could not be used.
    """

    if not paths and not aliases:
        raise click.UsageError("give the files or folders to build (or --aliases FILE to re-link the graph)")

    def warn(problem: Problem) -> None:
        if not as_json:
            click.echo(f"skipped {problem}", err=True)

    try:
        report = run_build(
            paths,
            store,
            fmt=fmt,
            options=ReadOptions(listing_year=listing_year),
            force=force,
            progress=None if as_json else _progress,
            on_problem=warn,
            aliases=aliases,
            jobs=jobs or os.cpu_count() or 1,
        )
    except StoreError as err:
        raise click.ClickException(str(err)) from err
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        _print_report(report)
    if report.problems:
        sys.exit(EXIT_SKIPPED)


@click.command("stats")
@store_option
@click.option("--top", default=10, show_default=True, help="How many most-connected entities to list.")
@json_option
def stats_command(store: str, top: int, as_json: bool) -> None:
    """Counts of nodes and edges by type, and the most connected entities."""
    try:
        stats = Graph(store).stats(top)
    except StoreError as err:
        click.echo(f"Error: {err}", err=True)
        sys.exit(EXIT_FAILED)
    if as_json:
        click.echo(json.dumps(stats, indent=2, ensure_ascii=False))
        return
    click.echo(f"Graph {store}: {stats['total_nodes']} nodes, {stats['total_edges']} edges")
    click.echo("Nodes by type:")
    for name, count in stats["nodes"].items():
        click.echo(f"  {name:<12} {count:>8}")
    click.echo("Edges by type:")
    for name, count in stats["edges"].items():
        click.echo(f"  {name:<14} {count:>6}")
    click.echo("Most connected entities:")
    for row in stats["most_connected"]:
        click.echo(f"  {row['degree']:>5}  {row['type']:<10} {row['name']}")

"""``kg validate``: check the RDF export against the SHACL shapes (pySHACL)."""

from __future__ import annotations

import json
import sys

import click

from kg.cli.options import EXIT_FAILED, json_option, store_option
from kg.cli.rdf import base_option
from kg.store import StoreError

EXIT_VIOLATIONS = 1


@click.command("validate")
@click.option(
    "--data", type=click.Path(exists=True, dir_okay=False), help="Validate this RDF file instead of the store."
)
@click.option("--limit", default=50, show_default=True, help="How many violations to print.")
@base_option
@store_option
@json_option
def validate_command(data: str | None, limit: int, base: str, store: str, as_json: bool) -> None:
    """Check the graph's RDF export against the SHACL shapes (docs/ontology/shapes.ttl).

    Prints each violation with its focus node, path and message. Exit status: 0 conforms,
    1 violations found, 3 no store or unreadable data.
    """
    from exporters.rdf.validate import validate_file, validate_store

    try:
        report = validate_file(data) if data else validate_store(store, base)
    except StoreError as err:
        click.echo(f"Error: {err}", err=True)
        sys.exit(EXIT_FAILED)
    except Exception as err:
        click.echo(f"Error: cannot read {data}: {err}", err=True)
        sys.exit(EXIT_FAILED)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    elif report.conforms:
        click.echo(f"Conforms: {report.triples} triples checked against the SHACL shapes, no violations.")
    else:
        for violation in report.violations[:limit]:
            click.echo(str(violation))
        more = len(report.violations) - limit
        if more > 0:
            click.echo(f"... and {more} more")
        click.echo(f"{len(report.violations)} violations in {report.triples} triples.")
    if not report.conforms:
        sys.exit(EXIT_VIOLATIONS)

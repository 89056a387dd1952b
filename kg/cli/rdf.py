"""``kg export rdf`` and ``kg export ontology``: the graph as RDF, and the generated OWL/SHACL/VoID files."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.cli.options import EXIT_FAILED, json_option, store_option
from kg.store import StoreError

RDF_FORMATS = ("turtle", "nt", "jsonld", "xml", "trig")
_BY_EXTENSION = {".ttl": "turtle", ".nt": "nt", ".jsonld": "jsonld", ".json": "jsonld", ".rdf": "xml", ".xml": "xml"}
_BY_EXTENSION[".trig"] = "trig"


def base_option(func):
    """``--base IRI``: the IRI under which nodes are minted."""
    from exporters.rdf.vocab import DEFAULT_BASE

    return click.option(
        "--base",
        default=DEFAULT_BASE,
        show_default=True,
        envvar="KG_RDF_BASE",
        help="Base IRI of the nodes (node IRIs are BASE + type + '/' + key).",
    )(func)


@click.command("rdf")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, allow_dash=True), help="File, or -.")
@click.option("--format", "fmt", type=click.Choice(RDF_FORMATS), help="RDF syntax (default: from the extension).")
@click.option("--void", type=click.Path(dir_okay=False), help="Also write a VoID description with counts (Turtle).")
@base_option
@store_option
@json_option
def rdf_command(output: str, fmt: str | None, void: str | None, base: str, store: str, as_json: bool) -> None:
    """Write the graph as RDF (Turtle, N-Triples, JSON-LD, RDF/XML or TriG), streaming.

    Vocabulary: schema.org, FaBiO, DCTERMS, SKOS, DCAT, ML-Schema, PROV-O, LinkedPapersWithCode and
    our own terms (docs/ontology/kg.ttl). Every extracted edge also appears as a kg:Statement with
    its support, score and PROV-O evidence.
    """
    from exporters.rdf.export import export_rdf
    from exporters.rdf.iris import BaseError, check_base

    fmt = fmt or _BY_EXTENSION.get(Path(output).suffix.lower(), "turtle")
    try:
        check_base(base)
    except BaseError as err:
        raise click.UsageError(str(err)) from None
    target = sys.stdout.buffer if output == "-" else output
    try:
        report = export_rdf(store, target, fmt, base, void=void)
    except StoreError as err:
        click.echo(f"Error: {err}", err=True)
        sys.exit(EXIT_FAILED)
    except BrokenPipeError:
        sys.stderr.close()  # the reader of stdout went away (| head): nothing to report
        sys.exit(0)
    except OSError as err:
        click.echo(f"Error: cannot write {output}: {err.strerror or err}", err=True)
        sys.exit(EXIT_FAILED)
    if output == "-":
        return
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    else:
        rate = report.triples / report.seconds if report.seconds else 0
        click.echo(f"Wrote {report.triples} triples to {output} ({fmt}) in {report.seconds:.1f}s ({rate:,.0f}/s)")


@click.command("ontology")
@click.option(
    "-o",
    "--output",
    "directory",
    type=click.Path(file_okay=False),
    help="Folder for kg.ttl, shapes.ttl and void.ttl (default: docs/ontology of this checkout).",
)
def ontology_command(directory: str | None) -> None:
    """Write the OWL ontology, SHACL shapes and VoID description generated from the schema."""
    from exporters.rdf.publish import DOCS_DIR, write_ontology_files

    for path in write_ontology_files(directory or DOCS_DIR):
        click.echo(f"Wrote {path}")

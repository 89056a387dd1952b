"""``kg schema``: print the graph schema."""

from __future__ import annotations

import click

from kg.schema_doc import schema_markdown


@click.command("schema")
def schema_command() -> None:
    """Print every node type, edge type and property of the graph (Markdown)."""
    click.echo(schema_markdown(), nl=False)

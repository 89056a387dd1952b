"""``kg export FORMAT``: the group every exporter adds its subcommand to."""

from __future__ import annotations

import click


@click.group("export")
def export_group() -> None:
    """Write the graph for other tools (RDF, Neo4j, GraphML, GEXF, Cytoscape, HTML)."""

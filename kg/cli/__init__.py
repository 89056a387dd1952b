"""The ``kg`` command line: thin click commands that parse options and call the library."""

from __future__ import annotations

import click

from kg import __version__
from kg.cli.analysis import path_command, related_command, top_command, trends_command
from kg.cli.build import build_command, stats_command
from kg.cli.entities import entity_command, paper_command, papers_command
from kg.cli.export import export_group
from kg.cli.extract import eval_command, extract_command
from kg.cli.neo4j import cypher_command, load_group, neo4j_import_command
from kg.cli.query import query_command
from kg.cli.rdf import ontology_command, rdf_command
from kg.cli.schema import schema_command
from kg.cli.validate import validate_command
from kg.cli.visual import cytoscape_command, gexf_command, graphml_command, html_command, report_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """Build a knowledge graph of methods, datasets, metrics, tasks and code from paper listings."""


main.add_command(build_command)
main.add_command(stats_command)
main.add_command(schema_command)
main.add_command(extract_command)
main.add_command(eval_command)
main.add_command(export_group)
main.add_command(entity_command)
main.add_command(papers_command)
main.add_command(paper_command)
main.add_command(query_command)
main.add_command(validate_command)
export_group.add_command(rdf_command)
export_group.add_command(ontology_command)
main.add_command(load_group)
export_group.add_command(neo4j_import_command)
export_group.add_command(cypher_command)
main.add_command(top_command)
main.add_command(trends_command)
main.add_command(related_command)
main.add_command(path_command)
export_group.add_command(graphml_command)
export_group.add_command(gexf_command)
export_group.add_command(cytoscape_command)
export_group.add_command(html_command)
main.add_command(report_command)

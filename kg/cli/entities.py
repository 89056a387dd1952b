"""``kg entity``, ``kg papers`` and ``kg paper``: read entities and papers with their links."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from kg.cli.options import EXIT_FAILED, json_option, store_option
from kg.graph import Graph
from kg.lookup import entity_view, find_entities, iter_papers, paper_view
from kg.schema import ENTITY_TYPES
from kg.store import StoreError


def _graph(store: str) -> Graph:
    try:
        return Graph(store)
    except StoreError as err:
        click.echo(f"Error: {err}", err=True)
        sys.exit(EXIT_FAILED)


def _dump(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@click.command("entity")
@click.argument("name")
@click.option("--type", "node_type", type=click.Choice([t.value for t in ENTITY_TYPES]), help="Only this type.")
@store_option
@json_option
def entity_command(name: str, node_type: str | None, store: str, as_json: bool) -> None:
    """Show the entity called NAME (id, name or alias): aliases, type, papers and neighbours."""
    graph = _graph(store)
    found = find_entities(graph, name, node_type)
    if not found:
        raise click.ClickException(f"no entity named {name!r}" + (f" of type {node_type}" if node_type else ""))
    views = [entity_view(graph, node) for node in found]
    if as_json:
        _dump(views[0] if len(views) == 1 else views)
        return
    for view in views:
        click.echo(f"{view['name']}  [{view['type']}]  {view['id']}")
        if view["aliases"]:
            click.echo(f"  aliases: {', '.join(view['aliases'])}")
        click.echo(f"  papers ({view['paper_count']}):")
        for paper in view["papers"]:
            click.echo(f"    {paper['relation']:<13} {paper['title']}  ({paper['date'] or 'no date'})")
        if view["neighbours"]:
            click.echo("  neighbours:")
            for n in view["neighbours"]:
                arrow = "<-" if n.get("direction") == "in" else "->"
                click.echo(f"    {arrow} {n['relation']:<13} {n['name']} [{n['type']}]")
        for result in view["results"]:
            click.echo(f"  result: {result['name']}")


@click.command("papers")
@store_option
@json_option
def papers_command(store: str, as_json: bool) -> None:
    """Every paper with its links: one JSON line per paper with --json, else a short listing."""
    for paper in iter_papers(_graph(store)):
        if as_json:
            click.echo(json.dumps(paper, ensure_ascii=False))
        else:
            click.echo(f"{paper['id']}\t{paper['title']}\t{len(paper['links'])} links")


@click.command("paper")
@click.argument("paper_id")
@click.option("--evidence", is_flag=True, help="Show where each link was found.")
@store_option
@json_option
def paper_command(paper_id: str, evidence: bool, store: str, as_json: bool) -> None:
    """Show one paper (by id, or by exact title) with its links and results."""
    graph = _graph(store)
    node = graph.node(paper_id) or next((p for p in graph.nodes("Paper") if p.name.lower() == paper_id.lower()), None)
    if node is None or node.type != "Paper":
        raise click.ClickException(f"no paper with id or title {paper_id!r} (see `kg papers`)")
    view = paper_view(graph, node, evidence=evidence)
    if as_json:
        _dump(view)
        return
    click.echo(f"{view['title']}\n  {view['id']}  {view['date'] or 'no date'}  {view['url'] or ''}")
    for link in view["links"]:
        aliases = f" (also: {', '.join(link['aliases'])})" if link["aliases"] else ""
        click.echo(f"  {link['relation']:<13} {link['type']:<10} {link['name']}{aliases}  score {link['score']:.2f}")
        for ev in link.get("evidence", []):
            click.echo(f"      [{ev['component']} {ev['start']}-{ev['end']}] {ev['sentence']}")
    for result in view["results"]:
        click.echo(f"  RESULT        {result['name']}  ({result['direction']}; missing: {result['unresolved'] or '-'})")

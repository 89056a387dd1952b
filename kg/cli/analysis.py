"""``kg top``, ``kg trends``, ``kg related`` and ``kg path``: thin commands over :mod:`kg.analysis`."""

from __future__ import annotations

import json
import sys
from typing import Any

import click
import networkx as nx

from kg import analysis
from kg.analysis.entities import ENTITY_TYPE_NAMES, is_paper
from kg.analysis.ranking import MEASURES
from kg.analysis.similarity import SIMILARITIES
from kg.analysis.trends import FREQUENCIES
from kg.cli.options import EXIT_FAILED, json_option, store_option
from kg.graph import Graph
from kg.schema import node_type
from kg.store import StoreError


def load_graph(store: str) -> nx.MultiDiGraph:
    """The store's graph as networkx, or exit with status 3 and a clear message."""
    try:
        return Graph(store).to_networkx()
    except StoreError as err:
        click.echo(f"Error: {err}", err=True)
        sys.exit(EXIT_FAILED)


def type_names(value: str | None) -> list[str] | None:
    """Parse ``Method,dataset`` into schema type names; a usage error for an unknown type."""
    if not value:
        return None
    try:
        return [node_type(part.strip()).value for part in value.split(",") if part.strip()]
    except KeyError as err:
        raise click.BadParameter(str(err.args[0])) from err


def resolve_node(G: nx.Graph, query: str) -> Any:
    """The one node ``query`` names (id, name, alias, title): a usage error if none or several."""
    found = analysis.find_nodes(G, query)
    if not found:
        raise click.UsageError(
            f"no node is called {query!r}: give an id (method:lora), a name or an alias (see `kg top`)"
        )
    if len(found) > 1:
        listed = "\n".join(f"  {n}  ({G.nodes[n].get('type')}: {G.nodes[n].get('name')})" for n in found[:10])
        more = f"\n  ... and {len(found) - 10} more" if len(found) > 10 else ""
        raise click.UsageError(f"{query!r} is ambiguous, it names {len(found)} nodes; give one id:\n{listed}{more}")
    return found[0]


def _dump(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


@click.command("top")
@click.option("--type", "types", help="Node types, comma-separated (default: Method, Dataset, Metric, Task).")
@click.option("--by", type=click.Choice(MEASURES), default="papers", show_default=True, help="Ranking measure.")
@click.option("-n", "--limit", default=10, show_default=True, help="How many per type.")
@store_option
@json_option
def top_command(types: str | None, by: str, limit: int, store: str, as_json: bool) -> None:
    """Top entities per type by number of papers, degree centrality or PageRank."""
    wanted = type_names(types) or list(ENTITY_TYPE_NAMES)
    G = load_graph(store)
    result = {t: analysis.top_entities(G, t, by=by, n=limit) for t in wanted}
    if as_json:
        _dump({"by": by, "top": result})
        return
    for t, rows in result.items():
        click.echo(f"{t} by {by}:")
        if not rows:
            click.echo("  (none)")
        for row in rows:
            score = "" if by == "papers" else f"  {by} {row['score']:.6f}"
            click.echo(f"  {row['papers']:>6} papers  {row['name']}  [{row['id']}]{score}")


@click.command("trends")
@click.argument("entities", nargs=-1)
@click.option("--type", "types", help="Take the top entities of these types (comma-separated).")
@click.option("--by", "freq", type=click.Choice(FREQUENCIES), default="year", show_default=True, help="Period.")
@click.option("-n", "--limit", default=5, show_default=True, help="How many entities with --type.")
@store_option
@json_option
def trends_command(
    entities: tuple[str, ...], types: str | None, freq: str, limit: int, store: str, as_json: bool
) -> None:
    """Papers per month or year, overall and for ENTITIES (ids, names or aliases) or top entities.

    A paper counts in a period only if its date is that precise: a paper dated only by year counts
    per year but in no month; undated papers count nowhere. The output says how many there are.
    """
    G = load_graph(store)
    nodes = [resolve_node(G, e) for e in entities]
    if not nodes and types:
        for t in type_names(types) or []:
            nodes += [r["id"] for r in analysis.top_entities(G, t, n=limit)]
    trends = analysis.entity_trends(G, nodes, freq=freq) if nodes else {}
    precision = analysis.date_precision(G)
    left_out = precision["missing"] + (precision["year"] if freq == "month" else 0)
    data = {
        "freq": freq,
        "date_precision": precision,
        "papers_not_counted": left_out,
        "papers": analysis.papers_per_period(G, freq),
        "entities": [
            {"id": n, "type": G.nodes[n].get("type"), "name": G.nodes[n].get("name"), "periods": trends[n]}
            for n in nodes
        ],
    }
    if as_json:
        _dump(data)
        return
    click.echo(
        f"Papers per {freq} ({left_out} not counted: {precision['missing']} undated"
        + (f", {precision['year']} dated by year only" if freq == "month" else "")
        + ")"
    )
    for period, count in data["papers"].items():
        click.echo(f"  {period}  {count:>6}")
    for row in data["entities"]:
        click.echo(f"{row['type']} {row['name']} [{row['id']}]:")
        if not row["periods"]:
            click.echo("  (no dated papers)")
        for period, count in row["periods"].items():
            click.echo(f"  {period}  {count:>6}")


@click.command("related")
@click.argument("entity")
@click.option("-n", "--limit", default=10, show_default=True, help="How many results.")
@click.option(
    "--method", type=click.Choice(SIMILARITIES), default="jaccard", show_default=True, help="Paper similarity."
)
@store_option
@json_option
def related_command(entity: str, limit: int, method: str, store: str, as_json: bool) -> None:
    """Papers like a paper (shared entities), or entities and papers related to an entity.

    ENTITY is an id, a name or an alias (a paper: its id, title or arXiv id).
    """
    G = load_graph(store)
    node = resolve_node(G, entity)
    data: dict[str, Any] = {"id": node, "type": G.nodes[node].get("type"), "name": G.nodes[node].get("name")}
    if is_paper(G, node):
        data["similar_papers"] = analysis.similar_papers(G, node, n=limit, method=method)
    else:
        papers = sorted(
            analysis.papers_of(G, node), key=lambda p: (not G.nodes[p].get("date"), str(G.nodes[p].get("date")), p)
        )
        data["papers"] = [{"id": p, "name": G.nodes[p].get("name"), "date": G.nodes[p].get("date")} for p in papers]
        data["related_entities"] = analysis.related_entities(G, node, n=limit)
    if as_json:
        _dump(data)
        return
    click.echo(f"{data['type']} {data['name']} [{node}]")
    if "similar_papers" in data:
        click.echo(f"Papers like this one ({method}):")
        for row in data["similar_papers"]:
            click.echo(f"  {row['score']:.3f}  {row['name']}  [{row['id']}]  shares {', '.join(row['shared'])}")
        if not data["similar_papers"]:
            click.echo("  (none share an entity)")
        return
    click.echo(f"Papers ({len(data['papers'])}):")
    for row in data["papers"][:limit]:
        click.echo(f"  {row['date'] or '----------'}  {row['name']}  [{row['id']}]")
    click.echo("Related entities (shared papers, Jaccard):")
    for row in data["related_entities"]:
        click.echo(f"  {row['shared_papers']:>4}  {row['score']:.3f}  {row['type']} {row['name']}  [{row['id']}]")


@click.command("path")
@click.argument("source")
@click.argument("target")
@click.option("--max-length", type=int, help="Give up on paths longer than this many steps.")
@store_option
@json_option
def path_command(source: str, target: str, max_length: int | None, store: str, as_json: bool) -> None:
    """The shortest chain of papers and entities joining SOURCE and TARGET, with evidence."""
    G = load_graph(store)
    a, b = resolve_node(G, source), resolve_node(G, target)
    steps = analysis.explain_path(G, a, b, max_length=max_length)
    if as_json:
        _dump({"source": a, "target": b, "steps": steps})
        return
    if steps is None:
        click.echo(f"No path joins {a} and {b}" + (f" within {max_length} steps" if max_length else "") + ".")
        return
    click.echo(f"{len(steps)} steps from {a} to {b}:")
    for i, step in enumerate(steps, 1):
        click.echo(f"  {i}. {step['text']}")
        if step["sentence"]:
            click.echo(f'       "{step["sentence"]}"')

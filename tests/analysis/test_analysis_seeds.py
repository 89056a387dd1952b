"""Analysis on the graph built from seeds/: answers checked against counts made independently from the
store's streaming API (no networkx), so they stay true while entity extraction improves."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import pairwise
from pathlib import Path

import networkx as nx
import pytest

from kg import analysis
from kg.graph import Graph


@pytest.fixture(scope="module")
def raw(seeds_store: Path) -> dict:
    """Papers, dates and each node's paper set, straight from the store rows."""
    graph = Graph(seeds_store)
    types = {n.id: n.type for n in graph.nodes()}
    dates = {n.id: n.props.get("date") for n in graph.nodes("Paper")}
    papers_of: dict[str, set[str]] = defaultdict(set)
    for e in graph.edges():
        for a, b in ((e.source, e.target), (e.target, e.source)):
            if types[a] == "Paper" and types[b] != "Paper":
                papers_of[b].add(a)
    return {"types": types, "dates": dates, "papers_of": papers_of, "stats": graph.stats()}


def test_the_seeds_graph_has_what_the_tests_need(seeds_graph: nx.MultiDiGraph, raw: dict) -> None:
    assert seeds_graph.number_of_nodes() == raw["stats"]["total_nodes"]
    assert raw["stats"]["nodes"]["Paper"] > 100
    assert all(raw["stats"]["nodes"].get(t, 0) > 0 for t in ("Method", "Dataset", "Task", "Repository"))


def test_paper_counts_and_top_entities(seeds_graph: nx.MultiDiGraph, raw: dict) -> None:
    counts = analysis.paper_counts(seeds_graph)
    for node, papers in raw["papers_of"].items():
        assert counts[node] == len(papers)
    for node_type in ("Method", "Dataset", "Metric", "Task"):
        top = analysis.top_entities(seeds_graph, node_type, n=5)
        expected = sorted((len(p) for n, p in raw["papers_of"].items() if raw["types"][n] == node_type), reverse=True)
        assert [r["papers"] for r in top] == expected[:5]
        ranked = analysis.top_entities(seeds_graph, node_type, by="pagerank", n=len(counts))
        assert all(a["score"] >= b["score"] for a, b in pairwise(ranked))


def test_trend_counts_per_month_and_year_equal_the_paper_dates(seeds_graph: nx.MultiDiGraph, raw: dict) -> None:
    dates = [d for d in raw["dates"].values() if d]
    assert analysis.papers_per_period(seeds_graph, "month") == dict(
        sorted(Counter(d[:7] for d in dates if len(d) >= 7).items())
    )
    assert analysis.papers_per_period(seeds_graph, "year") == dict(sorted(Counter(d[:4] for d in dates).items()))
    precision = analysis.date_precision(seeds_graph)
    assert precision["missing"] == sum(1 for d in raw["dates"].values() if not d)
    assert sum(precision.values()) == len(raw["dates"])
    # a given month: the papers dated in the busiest month
    month, count = Counter(d[:7] for d in dates if len(d) >= 7).most_common(1)[0]
    assert analysis.papers_per_period(seeds_graph, "month")[month] == count
    # per entity: the top task's papers per year
    task = analysis.top_entities(seeds_graph, "Task", n=1)[0]["id"]
    expected = Counter(raw["dates"][p][:4] for p in raw["papers_of"][task] if raw["dates"][p])
    assert analysis.entity_trends(seeds_graph, [task], freq="year")[task] == dict(sorted(expected.items()))


def test_cooccurrence_is_consistent_with_the_edges(seeds_graph: nx.MultiDiGraph, raw: dict) -> None:
    for col_type in ("Dataset", "Task", "Metric"):
        pairs = analysis.cooccurrence(seeds_graph, "Method", col_type)
        methods = [n for n, t in raw["types"].items() if t == "Method"]
        cols = [n for n, t in raw["types"].items() if t == col_type]
        expected = {
            (m, c): len(raw["papers_of"][m] & raw["papers_of"][c])
            for m in methods
            for c in cols
            if raw["papers_of"][m] & raw["papers_of"][c]
        }
        assert pairs == expected
    method, dataset = max(pairs := analysis.cooccurrence(seeds_graph), key=lambda k: (pairs[k], k))
    assert analysis.cooccurring(seeds_graph, method, "Dataset")[0]["papers"] == pairs[(method, dataset)]


def test_communities_partition_entities_and_follow_shared_papers(seeds_graph: nx.MultiDiGraph) -> None:
    communities = analysis.entity_communities(seeds_graph, min_size=1)
    members = [n for c in communities for n in c]
    assert len(members) == len(set(members))  # a partition
    assert set(members) == set(analysis.nodes_of_type(seeds_graph, ("Method", "Dataset", "Metric", "Task")))
    H = analysis.entity_graph(seeds_graph)
    home = {n: i for i, c in enumerate(communities) for n in c}
    component_of = {n: i for i, c in enumerate(nx.connected_components(H)) for n in c}
    for community in communities:  # Louvain never joins entities that share no path
        assert len({component_of[n] for n in community}) == 1
    # the two entities sharing most papers end up together unless that lowers modularity (Louvain's
    # objective): a hub such as "accuracy" shares papers with many fields and goes where most of them are
    u, v, w = max(H.edges(data="weight"), key=lambda e: (e[2], str(e[0]), str(e[1])))
    if w >= 2 and home[u] != home[v]:
        quality = nx.community.modularity(H, communities, weight="weight")
        for node, target in ((u, home[v]), (v, home[u])):
            moved = [c - {node} | ({node} if i == target else set()) for i, c in enumerate(communities)]
            assert nx.community.modularity(H, [c for c in moved if c], weight="weight") <= quality + 1e-9
    assert analysis.entity_communities(seeds_graph, min_size=1) == communities


def test_similar_papers_share_entities(seeds_graph: nx.MultiDiGraph) -> None:
    papers = analysis.nodes_of_type(seeds_graph, "Paper")
    paper = max(papers, key=lambda p: (len(analysis.entities_of(seeds_graph, p)), p))
    mine = analysis.entities_of(seeds_graph, paper)
    for row in analysis.similar_papers(seeds_graph, paper, n=20):
        theirs = analysis.entities_of(seeds_graph, row["id"])
        assert set(row["shared"]) == mine & theirs
        assert row["score"] == round(len(mine & theirs) / len(mine | theirs), 6)


def test_paths_are_shortest_and_made_of_real_edges(seeds_graph: nx.MultiDiGraph) -> None:
    top = [r["id"] for r in analysis.top_entities(seeds_graph, "Dataset", n=3)]
    undirected = nx.Graph(seeds_graph)
    undirected.remove_nodes_from([n for n, t in seeds_graph.nodes(data="type") if t == "Result"])
    for target in top[1:]:
        steps = analysis.explain_path(seeds_graph, top[0], target)
        if not nx.has_path(undirected, top[0], target):
            assert steps is None
            continue
        assert len(steps) == nx.shortest_path_length(undirected, top[0], target)
        assert steps[0]["source"] == top[0] and steps[-1]["target"] == target
        for step in steps:
            a, b = (step["source"], step["target"]) if step["forward"] else (step["target"], step["source"])
            assert seeds_graph.has_edge(a, b, key=step["relation"])


def test_headline_equals_the_store_counts(seeds_graph: nx.MultiDiGraph, raw: dict) -> None:
    h = analysis.headline(seeds_graph)
    assert h["nodes"] == dict(sorted(raw["stats"]["nodes"].items()))
    assert h["edges"] == dict(sorted(raw["stats"]["edges"].items()))
    repos = [n for n, t in raw["types"].items() if t == "Repository"]
    assert h["papers_with_code"] == len(set().union(*(raw["papers_of"][r] for r in repos)))

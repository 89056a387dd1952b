"""Fixtures: the hand-made toy graph, the same graph written to a real store, and the seeds graph."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg.analysis import toy_graph
from kg.fragment import EdgeData, Fragment, NodeData
from kg.graph import Graph
from kg.model import Evidence
from kg.schema import EdgeType, node_type
from kg.store import Store


def write_store(G: nx.MultiDiGraph, path: Path, extra: list[NodeData] | None = None) -> Path:
    """Write a graph in the shape of ``Graph.to_networkx()`` into a kg store, one fragment per paper."""

    def node(n: str) -> NodeData:
        data = G.nodes[n]
        props = {k: v for k, v in data.items() if k not in {"type", "name", "sources"}}
        return NodeData(n, node_type(data["type"]), data["name"], props)

    with Store(path) as store, store.transaction():
        for n, t in G.nodes(data="type"):
            record = f"toy:{n}"
            fragment = Fragment(n if t == "Paper" else "", record, nodes=[node(n)])
            for _, target, relation, data in G.out_edges(n, keys=True, data=True):
                evidence = [
                    Evidence(e["start"], e["end"], e["component"], e["score"], e["sentence"]) for e in data["evidence"]
                ]
                fragment.nodes.append(node(target))
                fragment.edges.append(EdgeData(n, EdgeType(relation), target, {"support": 1, "score": 0.9}, evidence))
            store.write(fragment)
        for extra_node in extra or []:
            store.write(Fragment("", "toy:extra", nodes=[extra_node]))
    return path


@pytest.fixture
def toy() -> nx.MultiDiGraph:
    return toy_graph()


@pytest.fixture(scope="session")
def toy_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The toy graph in a store, plus a Dataset also called 'ViT' (so that name is ambiguous)."""
    from kg.schema import NodeType

    path = tmp_path_factory.mktemp("toy") / "toy.sqlite"
    return write_store(toy_graph(), path, [NodeData("dataset:vit", NodeType.DATASET, "ViT", {"aliases": []})])


@pytest.fixture(scope="session")
def seeds_graph(seeds_store: Path) -> nx.MultiDiGraph:
    return Graph(seeds_store).to_networkx()

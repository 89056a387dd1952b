"""A read-only view of a built graph: streaming access for exporters, networkx for analysis."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kg.store import DEFAULT_STORE, EdgeRow, NodeRow, Store


class Graph:
    """The graph stored at ``path``. Every method opens the store read-only; nothing is cached."""

    def __init__(self, path: str | Path = DEFAULT_STORE) -> None:
        self.path = Path(path)
        Store(self.path, readonly=True).close()  # fail early, with a clear message, if there is no store

    def _store(self) -> Store:
        return Store(self.path, readonly=True)

    def nodes(self, node_type: str | None = None) -> Iterator[NodeRow]:
        """Stream nodes, optionally of one type (``"Paper"``, ``"Method"``, ...)."""
        with self._store() as store:
            yield from store.iter_nodes(node_type)

    def edges(self, relation: str | None = None) -> Iterator[EdgeRow]:
        """Stream edges, optionally of one relation (``"HAS_CODE"``, ...)."""
        with self._store() as store:
            yield from store.iter_edges(relation)

    def node(self, node_id: str) -> NodeRow | None:
        """One node by id, or None."""
        with self._store() as store:
            return store.node(node_id)

    def edges_of(self, node_id: str) -> list[EdgeRow]:
        """Every edge that starts or ends at ``node_id``."""
        with self._store() as store:
            return store.edges_of(node_id)

    def evidence(self, edge_id: str) -> list[dict[str, Any]]:
        """Where an edge was found: record, offsets, component, score, sentence."""
        with self._store() as store:
            return store.evidence(edge_id)

    def all_evidence(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Stream (edge id, evidence) pairs for the whole graph, ordered by edge id (for exporters)."""
        with self._store() as store:
            yield from store.iter_evidence()

    def stats(self, top: int = 10) -> dict[str, Any]:
        """Counts by node type and edge type, and the ``top`` most connected non-paper nodes."""
        with self._store() as store:
            nodes, edges = store.counts()
            connected = [{"id": i, "type": t, "name": n, "degree": d} for i, t, n, d in store.degrees(top)]
        return {
            "nodes": nodes,
            "edges": edges,
            "total_nodes": sum(nodes.values()),
            "total_edges": sum(edges.values()),
            "most_connected": connected,
        }

    def to_networkx(self) -> nx.MultiDiGraph:
        """The whole graph as a ``networkx.MultiDiGraph``.

        Nodes carry ``type``, ``name`` and their properties (papers also ``sources``); edges are keyed
        by relation and carry ``relation``, their properties and ``evidence`` (a list of dicts).

        Example
        -------
        >>> g = kg.build(["seeds/"]).to_networkx()            # doctest: +SKIP
        >>> sorted({d["type"] for _, d in g.nodes(data=True)})  # doctest: +SKIP
        ['Paper', 'Repository']
        """
        graph = nx.MultiDiGraph()
        with self._store() as store:
            for node in store.iter_nodes():
                attrs = dict(node.props, type=node.type, name=node.name)
                if node.type == "Paper":
                    attrs["sources"] = store.paper_sources(node.id)
                graph.add_node(node.id, **attrs)
            for edge in store.iter_edges():
                attrs = dict(edge.props, relation=edge.relation, evidence=store.evidence(edge.id))
                graph.add_edge(edge.source, edge.target, key=edge.relation, **attrs)
        return graph

"""GraphML with typed keys derived from the schema (see :mod:`exporters.visual.attributes`)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from exporters.visual._xml import XmlWriter
from exporters.visual.attributes import GRAPHML_TYPES, edge_attributes, kind_of, node_attributes, used_keys

__all__ = ["write_graphml"]

NS = "http://graphml.graphdrawing.org/xmlns"
SCHEMA = "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"


def write_graphml(G: nx.Graph, path: str | Path) -> None:
    """Write ``G`` as GraphML: one typed ``<key>`` per schema property used, edges with ``relation``.

    networkx reads it back with ``nx.read_graphml(path, force_multigraph=True, edge_key_type=str)``.

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> from kg.analysis import toy_graph
    >>> path = tempfile.mktemp(suffix=".graphml")
    >>> write_graphml(toy_graph(), path)
    >>> H = nx.read_graphml(path, force_multigraph=True, edge_key_type=str)
    >>> H.number_of_nodes(), H.nodes["paper:p1"]["date"], type(H.edges["paper:p1", "method:lora", "e0"]["support"])
    (17, '2021-06-17', <class 'int'>)
    """
    node_keys, edge_keys = used_keys(G)
    with open(path, "w", encoding="utf-8") as out:
        xml = XmlWriter(out)
        xml.start(
            "graphml",
            {"xmlns": NS, "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance", "xsi:schemaLocation": SCHEMA},
        )
        for domain, keys in (("node", node_keys), ("edge", edge_keys)):
            for key in keys:
                attrs = {
                    "id": f"{domain[0]}_{key}",
                    "for": domain,
                    "attr.name": key,
                    "attr.type": GRAPHML_TYPES[kind_of(key)],
                }
                xml.leaf("key", attrs)
        xml.leaf("key", {"id": "e_relation", "for": "edge", "attr.name": "relation", "attr.type": "string"})
        xml.start("graph", {"id": "kg", "edgedefault": "directed" if G.is_directed() else "undirected"})
        for node, data in G.nodes(data=True):
            xml.start("node", {"id": node})
            for key, value in node_attributes(data).items():
                xml.leaf("data", {"key": f"n_{key}"}, value)
            xml.end("node")
        edges = (
            G.edges(keys=True, data=True) if G.is_multigraph() else ((u, v, None, d) for u, v, d in G.edges(data=True))
        )
        for i, (u, v, k, data) in enumerate(edges):
            xml.start("edge", {"id": f"e{i}", "source": u, "target": v})
            xml.leaf("data", {"key": "e_relation"}, data.get("relation", k))
            for key, value in edge_attributes(data).items():
                xml.leaf("data", {"key": f"e_{key}"}, value)
            xml.end("edge")
        xml.end("graph")
        xml.end("graphml")
        xml.close()

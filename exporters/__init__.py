"""Exporters hand the graph on to other tools (RDF, Neo4j, GraphML/GEXF, Cytoscape, HTML).

Each reads the graph only through ``kg.graph.Graph`` (streaming nodes and edges) and knows no spaCy.
"""

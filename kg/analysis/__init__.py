"""Analysis of the graph: plain functions that take the networkx graph of ``Graph.to_networkx()`` first.

Mix them freely with networkx's own algorithms. Modules by topic:

- ``entities``: papers of a node, paper counts, finding nodes by name or alias
- ``ranking``: top entities by papers, degree centrality, PageRank
- ``cooccurrence``: which methods go with which datasets, tasks, metrics
- ``communities``: Louvain communities of related entities
- ``trends``: papers per month/year, overall and per entity (partial dates handled explicitly)
- ``similarity``: papers like this one, related entities
- ``paths``: shortest explanation path between two nodes
- ``filters``: cut a graph down for viewing
- ``summary``: headline numbers, code availability

Examples
--------
>>> from kg.analysis import toy_graph, top_entities
>>> top_entities(toy_graph(), "Dataset", n=1)[0]["name"]
'GLUE'
"""

from kg.analysis.communities import entity_communities, entity_graph
from kg.analysis.cooccurrence import cooccurrence, cooccurrence_matrix, cooccurring
from kg.analysis.entities import entities_of, find_nodes, nodes_of_type, paper_counts, papers_of
from kg.analysis.examples import toy_graph
from kg.analysis.filters import dated_since, filter_graph
from kg.analysis.paths import explain_path
from kg.analysis.ranking import degree_centrality, pagerank, top_entities
from kg.analysis.similarity import related_entities, similar_papers
from kg.analysis.summary import code_availability, headline, papers_with_code
from kg.analysis.trends import date_precision, entity_trends, paper_period, papers_per_period, parse_date

__all__ = [
    "code_availability",
    "cooccurrence",
    "cooccurrence_matrix",
    "cooccurring",
    "date_precision",
    "dated_since",
    "degree_centrality",
    "entities_of",
    "entity_communities",
    "entity_graph",
    "entity_trends",
    "explain_path",
    "filter_graph",
    "find_nodes",
    "headline",
    "nodes_of_type",
    "pagerank",
    "paper_counts",
    "paper_period",
    "papers_of",
    "papers_per_period",
    "papers_with_code",
    "parse_date",
    "related_entities",
    "similar_papers",
    "top_entities",
    "toy_graph",
]

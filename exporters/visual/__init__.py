"""Files for graph viewers: GraphML, GEXF (Gephi), Cytoscape.js JSON and a self-contained HTML page.

One module per format, each with ``write_<format>(G, path)`` taking the networkx graph of
``Graph.to_networkx()`` (or a cut-down one from :func:`kg.analysis.filter_graph`).
"""

from exporters.visual.cytoscape import cytoscape_data, write_cytoscape
from exporters.visual.gexf import write_gexf
from exporters.visual.graphml import write_graphml
from exporters.visual.html import write_html

__all__ = ["cytoscape_data", "write_cytoscape", "write_gexf", "write_graphml", "write_html"]

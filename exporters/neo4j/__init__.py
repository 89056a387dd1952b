"""Neo4j exporter: load the graph into a running Neo4j, write a bulk-import bundle or a cypher-shell script.

One job per module:

- ``mapping``: labels, relationship types, constraints and the flattening rule, all from ``kg.schema``;
  the graph as streams of Neo4j-ready rows.
- ``connection``: opening a driver and turning driver failures into one clear ``Neo4jError``.
- ``loader``: batched ``UNWIND $rows ... MERGE`` transactions, retries, read-back of counts.
- ``bulk``: the CSV bundle and exact command for ``neo4j-admin database import full``.
- ``script``: a script cypher-shell can run.
- ``query``: run a read query and render it as a table, CSV or JSON.
"""

from exporters.neo4j.bulk import BundleReport, write_import_bundle
from exporters.neo4j.connection import Neo4jError, connect
from exporters.neo4j.loader import LoadReport, load_graph, wipe_graph
from exporters.neo4j.query import run_read_query
from exporters.neo4j.script import write_cypher_script

__all__ = [
    "BundleReport",
    "LoadReport",
    "Neo4jError",
    "connect",
    "load_graph",
    "run_read_query",
    "wipe_graph",
    "write_cypher_script",
    "write_import_bundle",
]

"""How the kg graph maps onto Neo4j, derived from ``kg.schema`` only.

- Every node gets the label of its ``NodeType`` (``Paper``, ``Method``, ...) and one uniqueness
  constraint on ``id`` per label; every edge becomes a relationship of its ``EdgeType`` carrying its
  edge id in ``id`` (unique per type).
- Label and type names are taken from the schema enums, never from data: a store row whose type is
  not in the schema is an error.

The flattening rule (the one rule for values Neo4j cannot store as a property):

- scalars (string, integer, float, boolean) and lists of one scalar kind are stored as they are;
- a map under property ``p`` becomes one property per key, ``p_<key>``;
- a list of maps under ``p`` becomes *parallel lists*, one per key, ``p_<key>``: item ``i`` of every
  list describes map ``i``. An edge's ``evidence`` thus becomes ``evidence_record``,
  ``evidence_start``, ``evidence_end``, ``evidence_component``, ``evidence_score`` and
  ``evidence_sentence`` (in the store's order: by record, then offset);
- ``None`` and empty lists are not stored (Neo4j has no null property; read with ``coalesce``).

A paper's ``sources`` (the files and lines it was read from) are added as a string list.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.graph import Graph
from kg.schema import EDGES, NODES, PROPERTIES, EdgeType, NodeType, ValueKind
from kg.store import Store

ID = "id"
EVIDENCE = "evidence"
_PREFIXES = {t.prefix: t for t in NodeType}


def label(node_type: str | NodeType) -> str:
    """The Neo4j label of a node type (raises KeyError for a name the schema does not know)."""
    return NodeType(node_type).value if isinstance(node_type, NodeType) else _node_type(node_type).value


def rel_type(relation: str | EdgeType) -> str:
    """The Neo4j relationship type of an edge type (raises KeyError for a name the schema does not know)."""
    try:
        return EdgeType(relation).value
    except ValueError:
        raise KeyError(f"edge type {relation!r} is not in kg.schema") from None


def _node_type(name: str) -> NodeType:
    try:
        return NodeType(name)
    except ValueError:
        raise KeyError(f"node type {name!r} is not in kg.schema") from None


def type_of_id(node_id: str) -> NodeType:
    """The node type named by an id's prefix (``paper:...`` -> Paper)."""
    prefix = node_id.split(":", 1)[0]
    try:
        return _PREFIXES[prefix]
    except KeyError:
        raise KeyError(f"node id {node_id!r} has no known type prefix") from None


def constraint_name(kind: str, name: str) -> str:
    """A stable constraint name: ``kg_node_paper_id``, ``kg_rel_uses_id``."""
    return f"kg_{kind}_{name.lower()}_id"


def constraint_statements() -> list[str]:
    """``CREATE CONSTRAINT ... IF NOT EXISTS`` for every node label and relationship type of the schema."""
    statements = [
        f"CREATE CONSTRAINT {constraint_name('node', t.value)} IF NOT EXISTS FOR (n:{t.value}) REQUIRE n.{ID} IS UNIQUE"
        for t in NODES
    ]
    statements += [
        f"CREATE CONSTRAINT {constraint_name('rel', t.value)} IF NOT EXISTS "
        f"FOR ()-[r:{t.value}]-() REQUIRE r.{ID} IS UNIQUE"
        for t in EDGES
    ]
    return statements


_SCALARS = (str, bool, int, float)


def _flat_list(name: str, values: list[Any]) -> list[Any]:
    """A list Neo4j can store: all strings, all booleans, all integers, or numbers as floats."""
    kinds = {type(v) for v in values}
    if kinds <= {str} or kinds <= {bool} or kinds <= {int}:
        return values
    if kinds <= {int, float}:
        return [float(v) for v in values]
    if all(isinstance(v, _SCALARS) for v in values):
        return [str(v) for v in values]
    raise ValueError(f"property {name!r}: cannot store a list of {sorted(k.__name__ for k in kinds)} in Neo4j")


def flatten(props: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Apply the flattening rule (see the module docstring) to a property map."""
    flat: dict[str, Any] = {}
    for key, value in props.items():
        name = f"{prefix}{key}"
        if value is None or value == []:
            continue
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}_"))
        elif isinstance(value, list) and all(isinstance(v, dict) for v in value):
            keys = list(dict.fromkeys(k for item in value for k in item))
            for sub in keys:
                if any(sub not in item or item[sub] is None for item in value):
                    raise ValueError(f"property {name!r}: every map in the list needs a value for {sub!r}")
                flat[f"{name}_{sub}"] = _flat_list(f"{name}_{sub}", [item[sub] for item in value])
        elif isinstance(value, list):
            flat[name] = _flat_list(name, value)
        elif isinstance(value, _SCALARS):
            flat[name] = value
        else:
            raise ValueError(f"property {name!r}: cannot store a {type(value).__name__} in Neo4j")
    return flat


@dataclass(frozen=True)
class NodeOut:
    """A node ready for Neo4j: its label, id and flattened properties (``id`` included)."""

    label: str
    id: str
    props: dict[str, Any]


@dataclass(frozen=True)
class EdgeOut:
    """A relationship ready for Neo4j: type, endpoint labels and ids, flattened properties."""

    type: str
    source_label: str
    source: str
    target_label: str
    target: str
    id: str
    props: dict[str, Any]


def iter_nodes(store: str | Path) -> Iterator[NodeOut]:
    """Stream every node of the store as a ``NodeOut`` (papers with their ``sources``)."""
    graph = Graph(store)
    with Store(store, readonly=True) as sources:
        for node in graph.nodes():
            props: dict[str, Any] = dict(node.props, id=node.id, type=label(node.type), name=node.name)
            if node.type == NodeType.PAPER.value:
                props["sources"] = sources.paper_sources(node.id)
            yield NodeOut(label(node.type), node.id, flatten(props))


def iter_edges(store: str | Path) -> Iterator[EdgeOut]:
    """Stream every edge with its evidence, flattened (edges and evidence are merged in edge-id order)."""
    graph = Graph(store)
    evidence = graph.all_evidence()
    pending = next(evidence, None)
    for edge in graph.edges():
        rows: list[dict[str, Any]] = []
        while pending is not None and pending[0] < edge.id:
            pending = next(evidence, None)  # evidence of an edge that no longer exists
        while pending is not None and pending[0] == edge.id:
            rows.append(pending[1])
            pending = next(evidence, None)
        props = dict(edge.props, id=edge.id, evidence=rows)
        yield EdgeOut(
            rel_type(edge.relation),
            type_of_id(edge.source).value,
            edge.source,
            type_of_id(edge.target).value,
            edge.target,
            edge.id,
            flatten(props),
        )


# -- typed columns (for the CSV bundle) ---------------------------------------------------------

_NEO4J_TYPES = {
    ValueKind.STRING: "string",
    ValueKind.INTEGER: "long",
    ValueKind.FLOAT: "double",
    ValueKind.DATE: "string",  # partial ISO dates (2020, 2020-03) are kept as text
    ValueKind.STRING_LIST: "string[]",
    ValueKind.BOOLEAN: "boolean",
}
_EVIDENCE_TYPES = {
    "record": "string[]",
    "start": "long[]",
    "end": "long[]",
    "component": "string[]",
    "score": "double[]",
    "sentence": "string[]",
}


def column_type(name: str) -> str:
    """The neo4j-admin import type of a flattened property, from the schema's value kinds."""
    if name.startswith(f"{EVIDENCE}_") and name[len(EVIDENCE) + 1 :] in _EVIDENCE_TYPES:
        return _EVIDENCE_TYPES[name[len(EVIDENCE) + 1 :]]
    spec = PROPERTIES.get(name)
    return _NEO4J_TYPES[spec.kind] if spec else "string"

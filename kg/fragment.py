"""The unit the linking stage hands to the store: the nodes and edges one paper contributes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.model import Evidence
from kg.schema import EdgeType, NodeType, check_edge


@dataclass
class NodeData:
    """A node to upsert: id, type, display name and properties (first non-empty value wins)."""

    id: str
    type: NodeType
    name: str
    props: dict[str, Any] = field(default_factory=dict)


@dataclass
class EdgeData:
    """An edge to upsert with the evidence for it found in one record."""

    source: str
    relation: EdgeType
    target: str
    props: dict[str, Any] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def id(self) -> str:
        """Deterministic edge id: source, relation and target."""
        return edge_id(self.source, self.relation, self.target)


def edge_id(source: str, relation: EdgeType, target: str) -> str:
    """The id of the edge ``source -relation-> target``."""
    return f"{source}|{relation.value}|{target}"


@dataclass(frozen=True)
class MentionRow:
    """An extracted mention as stored: which paper and record, where, what, and the rule cue if any."""

    paper_id: str
    record: str
    start: int
    end: int
    text: str
    type: str
    component: str
    score: float
    canonical: str | None
    cue: str | None
    sentence: str
    in_title: bool = False


@dataclass(frozen=True)
class ClaimRow:
    """A numeric claim as stored; ``ties`` maps metric/dataset/method/baseline to [start, end, text, type]."""

    paper_id: str
    record: str
    start: int
    end: int
    value: float
    unit: str
    direction: str
    from_value: float | None
    claim: str
    sentence: str
    ties: dict[str, list] = field(default_factory=dict)


@dataclass
class Fragment:
    """Everything one record adds to the graph; ``record`` names the file and line it came from.

    ``mentions`` and ``claims`` replace those stored earlier for the same paper and record.
    """

    paper_id: str
    record: str
    nodes: list[NodeData] = field(default_factory=list)
    edges: list[EdgeData] = field(default_factory=list)
    mentions: list[MentionRow] | None = None
    claims: list[ClaimRow] | None = None

    def add_edge(self, source: NodeData, relation: EdgeType, target: NodeData, **kwargs: Any) -> EdgeData:
        """Add an edge after checking the schema allows it between the two node types."""
        check_edge(relation, source.type, target.type)
        edge = EdgeData(source.id, relation, target.id, **kwargs)
        self.edges.append(edge)
        return edge

"""The one place that names every node type, edge type and property of the graph.

Everything else (store, readers' output, RDF terms, Neo4j labels and constraints, SHACL shapes,
GraphML keys, docs) derives its names from here. Nothing else may invent a type name.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class NodeType(str, Enum):
    """Kinds of node in the graph."""

    PAPER = "Paper"
    METHOD = "Method"
    DATASET = "Dataset"
    METRIC = "Metric"
    TASK = "Task"
    REPOSITORY = "Repository"
    RESULT = "Result"

    @property
    def prefix(self) -> str:
        """The id prefix of nodes of this type (``paper:...``, ``method:...``)."""
        return self.value.lower()


class EdgeType(str, Enum):
    """Kinds of directed edge in the graph."""

    PROPOSES = "PROPOSES"
    USES = "USES"
    EVALUATED_ON = "EVALUATED_ON"
    MEASURED_BY = "MEASURED_BY"
    ADDRESSES = "ADDRESSES"
    HAS_CODE = "HAS_CODE"
    COMPARED_WITH = "COMPARED_WITH"
    APPLIED_TO = "APPLIED_TO"
    REPORTS = "REPORTS"
    RESULT_METRIC = "RESULT_METRIC"
    RESULT_DATASET = "RESULT_DATASET"
    RESULT_METHOD = "RESULT_METHOD"
    VARIANT_OF = "VARIANT_OF"


class ValueKind(str, Enum):
    """The value type of a property, used to derive typed exports (xsd, GraphML, Neo4j)."""

    STRING = "string"
    INTEGER = "integer"
    FLOAT = "float"
    DATE = "date"
    STRING_LIST = "string_list"
    BOOLEAN = "boolean"


@dataclass(frozen=True)
class NodeSpec:
    """A node type with its meaning and the properties its nodes may carry."""

    type: NodeType
    meaning: str
    properties: tuple[str, ...]


@dataclass(frozen=True)
class EdgeSpec:
    """An edge type with its meaning and the node types it may join."""

    type: EdgeType
    meaning: str
    sources: tuple[NodeType, ...]
    targets: tuple[NodeType, ...]


@dataclass(frozen=True)
class PropertySpec:
    """A property name with its value kind and meaning."""

    name: str
    kind: ValueKind
    meaning: str


_ENTITY_TYPES = (NodeType.METHOD, NodeType.DATASET, NodeType.METRIC, NodeType.TASK)

PROPERTIES: dict[str, PropertySpec] = {
    p.name: p
    for p in (
        # every node
        PropertySpec("id", ValueKind.STRING, "Stable node id: type prefix and a normalised key."),
        PropertySpec("type", ValueKind.STRING, "The node type, one of NodeType."),
        PropertySpec("name", ValueKind.STRING, "Display name: a paper's title, an entity's canonical name."),
        # papers
        PropertySpec("title", ValueKind.STRING, "The paper's title as given by its source."),
        PropertySpec("abstract", ValueKind.STRING, "The paper's abstract."),
        PropertySpec("date", ValueKind.DATE, "Publication or listing date, ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)."),
        PropertySpec("authors", ValueKind.STRING_LIST, "Author names, in order, when the source gives them."),
        PropertySpec("author_count", ValueKind.INTEGER, "Number of authors (given by listings that omit names)."),
        PropertySpec("url", ValueKind.STRING, "The paper's landing page."),
        PropertySpec("arxiv_id", ValueKind.STRING, "arXiv identifier without version suffix."),
        PropertySpec("doi", ValueKind.STRING, "Digital Object Identifier, lower-cased, without resolver prefix."),
        PropertySpec("categories", ValueKind.STRING_LIST, "Subject categories given by the source (arXiv)."),
        PropertySpec("venue", ValueKind.STRING, "Venue or collection the source lists the paper under."),
        PropertySpec("organization", ValueKind.STRING, "Organisation that submitted the paper to a listing."),
        PropertySpec("upvotes", ValueKind.INTEGER, "Upvote count shown by a Daily Papers listing."),
        PropertySpec("links", ValueKind.STRING_LIST, "Other URLs in the abstract that are not code repositories."),
        PropertySpec("sources", ValueKind.STRING_LIST, "Input files (and line or record) the paper was read from."),
        PropertySpec(
            "record_ids", ValueKind.STRING_LIST, "Ids the input listings give the paper ('acl:2021.acl-long.1')."
        ),
        # entities
        PropertySpec("aliases", ValueKind.STRING_LIST, "Other names the entity is mentioned by."),
        # repositories
        PropertySpec("host", ValueKind.STRING, "Host of a repository, lower-cased (github.com, huggingface.co)."),
        PropertySpec("kind", ValueKind.STRING, "Repository kind: code, model, dataset, space or project_page."),
        # results
        PropertySpec("value", ValueKind.FLOAT, "Reported numeric value of a result."),
        PropertySpec("unit", ValueKind.STRING, "Unit of a result value (%, GB, x, points)."),
        PropertySpec("direction", ValueKind.STRING, "Whether the claim is an increase, decrease or absolute value."),
        PropertySpec("raw", ValueKind.STRING, "The sentence a result was read from."),
        PropertySpec("claim", ValueKind.STRING, "The words of the sentence that state a result's number."),
        PropertySpec("from_value", ValueKind.FLOAT, "The value a change starts from ('from 42GB to 11GB': 42)."),
        PropertySpec("baseline", ValueKind.STRING, "What a result is compared with, as the paper names it."),
        PropertySpec(
            "unresolved", ValueKind.STRING_LIST, "Parts of a result the sentence does not tie it to (metric, dataset)."
        ),
        # edges
        PropertySpec("path", ValueKind.STRING_LIST, "Paths inside a repository that a paper links (tree/main/...)."),
        PropertySpec(
            "support",
            ValueKind.INTEGER,
            "How many distinct sentences state an edge (the same sentence in two listings counts once).",
        ),
        PropertySpec(
            "score", ValueKind.FLOAT, "Confidence of an extracted node or edge, 0..1 (the best of its evidence)."
        ),
        PropertySpec("component", ValueKind.STRING, "The pipeline component that produced a piece of evidence."),
        PropertySpec("sentence", ValueKind.STRING, "The sentence a piece of evidence was found in."),
        PropertySpec(
            "start", ValueKind.INTEGER, "Character offset where the evidence starts in title + blank line + abstract."
        ),
        PropertySpec("end", ValueKind.INTEGER, "Character offset where the evidence ends (exclusive)."),
    )
}

NODES: dict[NodeType, NodeSpec] = {
    s.type: s
    for s in (
        NodeSpec(
            NodeType.PAPER,
            "A scientific paper read from a listing.",
            (
                "id",
                "type",
                "name",
                "title",
                "abstract",
                "date",
                "authors",
                "author_count",
                "url",
                "arxiv_id",
                "doi",
                "categories",
                "venue",
                "organization",
                "upvotes",
                "links",
                "sources",
            ),
        ),
        NodeSpec(NodeType.METHOD, "A method, model, architecture or algorithm.", ("id", "type", "name", "aliases")),
        NodeSpec(NodeType.DATASET, "A dataset, benchmark or corpus.", ("id", "type", "name", "aliases")),
        NodeSpec(NodeType.METRIC, "An evaluation measure.", ("id", "type", "name", "aliases")),
        NodeSpec(NodeType.TASK, "A research problem or task.", ("id", "type", "name", "aliases")),
        NodeSpec(
            NodeType.REPOSITORY,
            "A code, model or data repository, or a project page.",
            ("id", "type", "name", "url", "host", "kind"),
        ),
        NodeSpec(
            NodeType.RESULT,
            "A numeric claim reported by a paper.",
            (
                "id",
                "type",
                "name",
                "value",
                "unit",
                "direction",
                "from_value",
                "baseline",
                "claim",
                "raw",
                "unresolved",
            ),
        ),
    )
}

EDGES: dict[EdgeType, EdgeSpec] = {
    s.type: s
    for s in (
        EdgeSpec(
            EdgeType.PROPOSES,
            "The paper introduces the method or dataset as its contribution.",
            (NodeType.PAPER,),
            (NodeType.METHOD, NodeType.DATASET),
        ),
        EdgeSpec(
            EdgeType.USES,
            "The paper uses an existing method or dataset.",
            (NodeType.PAPER,),
            (NodeType.METHOD, NodeType.DATASET),
        ),
        EdgeSpec(
            EdgeType.EVALUATED_ON,
            "The paper evaluates on the dataset or benchmark.",
            (NodeType.PAPER,),
            (NodeType.DATASET,),
        ),
        EdgeSpec(EdgeType.MEASURED_BY, "The paper reports the metric.", (NodeType.PAPER,), (NodeType.METRIC,)),
        EdgeSpec(EdgeType.ADDRESSES, "The paper works on the task.", (NodeType.PAPER,), (NodeType.TASK,)),
        EdgeSpec(
            EdgeType.HAS_CODE,
            "The paper links the repository or project page.",
            (NodeType.PAPER,),
            (NodeType.REPOSITORY,),
        ),
        EdgeSpec(
            EdgeType.COMPARED_WITH,
            "The method is compared with (e.g. outperforms) another method.",
            (NodeType.METHOD,),
            (NodeType.METHOD,),
        ),
        EdgeSpec(EdgeType.APPLIED_TO, "The method is applied to the task.", (NodeType.METHOD,), (NodeType.TASK,)),
        EdgeSpec(EdgeType.REPORTS, "The paper reports the numeric result.", (NodeType.PAPER,), (NodeType.RESULT,)),
        EdgeSpec(
            EdgeType.RESULT_METRIC, "The result is measured by the metric.", (NodeType.RESULT,), (NodeType.METRIC,)
        ),
        EdgeSpec(
            EdgeType.RESULT_DATASET, "The result was obtained on the dataset.", (NodeType.RESULT,), (NodeType.DATASET,)
        ),
        EdgeSpec(
            EdgeType.RESULT_METHOD, "The result was obtained by the method.", (NodeType.RESULT,), (NodeType.METHOD,)
        ),
        EdgeSpec(
            EdgeType.VARIANT_OF,
            "The entity is a version or variant of another (ImageNet-1K of ImageNet).",
            _ENTITY_TYPES,
            _ENTITY_TYPES,
        ),
    )
}

ENTITY_TYPES: tuple[NodeType, ...] = _ENTITY_TYPES
EVIDENCE_PROPERTIES: tuple[str, ...] = ("component", "score", "sentence", "start", "end")


def node_type(name: str) -> NodeType:
    """Return the NodeType called ``name`` (case-insensitive); raise KeyError if there is none."""
    for t in NodeType:
        if t.value.lower() == name.lower():
            return t
    raise KeyError(f"unknown node type {name!r}; known: {', '.join(t.value for t in NodeType)}")


def check_edge(relation: EdgeType, source: NodeType, target: NodeType) -> None:
    """Raise ValueError if ``relation`` may not join a ``source`` node to a ``target`` node."""
    spec = EDGES[relation]
    if source not in spec.sources or target not in spec.targets:
        raise ValueError(f"{relation.value} cannot join {source.value} to {target.value}")


def _check_consistency() -> None:
    """Every node property is declared, and every type has a spec (run at import)."""
    missing_specs = set(NodeType) - set(NODES) | set(EdgeType) - set(EDGES)
    if missing_specs:
        raise AssertionError(f"types without spec: {missing_specs}")
    for spec in NODES.values():
        undeclared = set(spec.properties) - set(PROPERTIES)
        if undeclared:
            raise AssertionError(f"{spec.type.value} uses undeclared properties {undeclared}")


_check_consistency()

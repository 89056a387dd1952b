"""Result nodes from numeric claims: value, unit, direction, and the metric, dataset and method entities.

A claim whose sentence names no metric (or dataset, or method) keeps what it has and lists the
missing parts in ``unresolved``; nothing is invented.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from kg.fragment import ClaimRow, EdgeData, Fragment, NodeData
from kg.model import Evidence
from kg.schema import EdgeType, NodeType

RESULTS_COMPONENT = "results"
_ROLES = (
    ("metric", NodeType.METRIC, EdgeType.RESULT_METRIC),
    ("dataset", NodeType.DATASET, EdgeType.RESULT_DATASET),
    ("method", NodeType.METHOD, EdgeType.RESULT_METHOD),
)
MentionKey = tuple[str, str, int, int]


def result_id(claim: ClaimRow) -> str:
    """Deterministic id: the paper, the sentence and the claim's words (the same in every listing)."""
    digest = hashlib.sha1(f"{claim.paper_id}\n{claim.sentence}\n{claim.claim}".encode()).hexdigest()[:16]
    return f"{NodeType.RESULT.prefix}:{digest}"


def _format_value(value: float) -> str:
    return f"{value:g}"


def result_name(claim: ClaimRow, metric: NodeData | None, dataset: NodeData | None) -> str:
    """A readable label: "accuracy +2.7% on ImageNet-1K", "memory 42 -> 11GB"."""
    sign = {"increase": "+", "decrease": "-"}.get(claim.direction, "") if claim.from_value is None else ""
    value = f"{sign}{_format_value(claim.value)}{claim.unit if claim.unit in ('%', 'x') else ' ' + claim.unit}".strip()
    if claim.from_value is not None:
        value = f"{_format_value(claim.from_value)} -> {value}"
    label = f"{metric.name if metric else 'value'} {value}"
    return f"{label} on {dataset.name}" if dataset else label


def link_results(claims: Iterable[ClaimRow], node_of_mention: dict[MentionKey, NodeData]) -> list[Fragment]:
    """One fragment per (paper, record) with its Result nodes and REPORTS / RESULT_* edges."""
    fragments: dict[tuple[str, str], Fragment] = {}
    for claim in claims:
        tied: dict[str, NodeData] = {}
        for role, node_type, _ in _ROLES:
            tie = claim.ties.get(role)
            node = node_of_mention.get((claim.paper_id, claim.record, tie[0], tie[1])) if tie else None
            if node is not None and node.type is node_type:
                tied[role] = node
        baseline = claim.ties.get("baseline")
        props = {
            "value": claim.value,
            "unit": claim.unit,
            "direction": claim.direction,
            "from_value": claim.from_value,
            "baseline": baseline[2] if baseline else None,
            "claim": claim.claim,
            "raw": claim.sentence,
            "unresolved": [role for role, _, _ in _ROLES if role not in tied],
        }
        node = NodeData(
            result_id(claim), NodeType.RESULT, result_name(claim, tied.get("metric"), tied.get("dataset")), props
        )
        fragment = fragments.setdefault((claim.paper_id, claim.record), Fragment(claim.paper_id, claim.record))
        fragment.nodes.append(node)
        evidence = Evidence(claim.start, claim.end, RESULTS_COMPONENT, 1.0, claim.sentence)
        fragment.edges.append(EdgeData(claim.paper_id, EdgeType.REPORTS, node.id, evidence=[evidence]))
        for role, _, relation in _ROLES:
            if role in tied:
                fragment.edges.append(EdgeData(node.id, relation, tied[role].id, evidence=[evidence]))
    return [fragments[key] for key in sorted(fragments)]

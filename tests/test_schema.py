"""The schema module is the one source of type names; the docs are generated from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.schema import EDGES, NODES, EdgeType, NodeType, check_edge, node_type
from kg.schema_doc import schema_markdown


def test_docs_are_generated_from_the_schema() -> None:
    docs = Path(__file__).resolve().parent.parent / "docs" / "schema.md"
    assert docs.read_text() == schema_markdown(), "run `kg schema > docs/schema.md`"


def test_every_type_has_a_spec() -> None:
    assert set(NODES) == set(NodeType) and set(EDGES) == set(EdgeType)


def test_edges_are_checked_against_the_schema() -> None:
    check_edge(EdgeType.HAS_CODE, NodeType.PAPER, NodeType.REPOSITORY)
    with pytest.raises(ValueError, match="HAS_CODE cannot join Method to Repository"):
        check_edge(EdgeType.HAS_CODE, NodeType.METHOD, NodeType.REPOSITORY)


def test_node_type_lookup() -> None:
    assert node_type("dataset") is NodeType.DATASET
    with pytest.raises(KeyError, match="unknown node type 'Gadget'"):
        node_type("Gadget")

"""Entity ids: readable slugs that never give two different names one id by accident."""

from __future__ import annotations

import pytest
from test_resolve import by_name, mention  # same folder (pytest puts it on sys.path)

from kg.identity import entity_id
from kg.linking.entities import resolve
from kg.schema import NodeType


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Low-Rank Adaptation", "method:low-rank-adaptation"),
        ("LoRA", "method:lora"),
        ("LoRA+", "method:lora-plus"),
        ("C++", "method:c-plus-plus"),
        ("C#", "method:c-sharp"),
    ],
)
def test_readable_ids(name: str, expected: str) -> None:
    assert entity_id(NodeType.METHOD, name) == expected


def test_names_without_ascii_letters_get_distinct_stable_ids() -> None:
    first, second = entity_id(NodeType.METHOD, "注意力"), entity_id(NodeType.METHOD, "自注意力")
    assert first != second
    assert first == entity_id(NodeType.METHOD, "注意力")
    assert first.startswith("method:x-")


def test_lora_and_lora_plus_are_two_entities() -> None:
    res = resolve([mention("p1", "LoRA", "Method"), mention("p2", "LoRA+", "Method")], {})
    assert {name: node_id for name, (node_id, _, _) in by_name(res).items()} == {
        "LoRA": "method:lora",
        "LoRA+": "method:lora-plus",
    }

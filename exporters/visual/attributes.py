"""Typed attributes for GraphML and GEXF, derived from :mod:`kg.schema`, and the one flattening rule.

Keys are the schema's property names, typed by their :class:`~kg.schema.ValueKind`:

| ValueKind | GraphML ``attr.type`` | GEXF ``type`` | value written |
|---|---|---|---|
| STRING | string | string | the text |
| INTEGER | long | long | the integer |
| FLOAT | double | double | the number |
| BOOLEAN | boolean | boolean | ``true`` / ``false`` |
| DATE | string | string | ISO 8601 at its own precision (``2023``, ``2023-05``, ``2023-05-17``) |
| STRING_LIST | string | string | the JSON array text (``json.loads`` gives the list back) |

**Flattening rule** (one rule for every list): a list value is written as the JSON text of the list.
An edge's ``evidence`` (a list of pieces) is flattened onto the schema's evidence properties by that
rule: ``sentence`` is the JSON array of its sentences and ``component`` the JSON array of its
components (each distinct, in order; offsets are dropped: they point into the paper's text, which is not
exported). Properties the schema does not declare are not written. The edge's relation is the
edge's ``relation`` (GraphML) or ``label`` and ``kind`` (GEXF). Dates stay strings because GraphML has
no date type and GEXF's ``date`` needs a full day, which partial dates don't have.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx

from kg.schema import PROPERTIES, ValueKind

__all__ = ["GEXF_TYPES", "GRAPHML_TYPES", "clean_text", "edge_attributes", "kind_of", "node_attributes", "used_keys"]

GRAPHML_TYPES: dict[ValueKind, str] = {
    ValueKind.STRING: "string",
    ValueKind.INTEGER: "long",
    ValueKind.FLOAT: "double",
    ValueKind.BOOLEAN: "boolean",
    ValueKind.DATE: "string",
    ValueKind.STRING_LIST: "string",
}
GEXF_TYPES: dict[ValueKind, str] = dict(GRAPHML_TYPES)

_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Written by the format itself (node id, edge relation), or flattened (evidence), never as a key.
_STRUCTURAL = {"id", "relation", "evidence", "papers"}


def clean_text(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot carry (control characters, lone surrogates)."""
    return _NOT_XML.sub("", value)


def _typed(kind: ValueKind, value: Any) -> Any:
    """``value`` as the Python type of ``kind``, or None if it cannot be one."""
    if value is None:
        return None
    try:
        if kind is ValueKind.STRING_LIST or isinstance(value, (list, tuple)):
            items = list(value) if isinstance(value, (list, tuple)) else [value]
            return json.dumps(items, ensure_ascii=False)
        if kind is ValueKind.INTEGER:
            return int(value)
        if kind is ValueKind.FLOAT:
            return float(value)
        if kind is ValueKind.BOOLEAN:
            return value if isinstance(value, bool) else str(value).lower() in {"1", "true", "yes"}
        return str(value)
    except (TypeError, ValueError):
        return None


def _declared(data: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    for key, value in data.items():
        spec = PROPERTIES.get(key)
        if spec is None or key in _STRUCTURAL:
            continue
        typed = _typed(spec.kind, value)
        if typed is not None:
            yield key, typed


def node_attributes(data: dict[str, Any]) -> dict[str, Any]:
    """A node's attributes to write: schema properties only, typed, lists flattened."""
    return dict(_declared(data))


def _distinct(values: Iterable[Any]) -> list[Any]:
    seen: list[Any] = []
    for v in values:
        if v not in (None, "") and v not in seen:
            seen.append(v)
    return seen


def edge_attributes(data: dict[str, Any]) -> dict[str, Any]:
    """An edge's attributes to write: schema properties typed, ``evidence`` flattened (see module doc)."""
    attrs = dict(_declared(data))
    evidence = data.get("evidence") or []
    if evidence:
        attrs["sentence"] = json.dumps(_distinct(e.get("sentence") for e in evidence), ensure_ascii=False)
        attrs["component"] = json.dumps(_distinct(e.get("component") for e in evidence), ensure_ascii=False)
    return attrs


def used_keys(G: nx.Graph) -> tuple[list[str], list[str]]:
    """The schema property names that occur on nodes and on edges of ``G``, in schema order."""
    order = list(PROPERTIES)
    node_keys = {k for _, d in G.nodes(data=True) for k in node_attributes(d)}
    edge_keys = {k for *_, d in G.edges(data=True) for k in edge_attributes(d)}
    return [k for k in order if k in node_keys], [k for k in order if k in edge_keys]


def kind_of(key: str) -> ValueKind:
    """The ValueKind of a written key."""
    return PROPERTIES[key].kind

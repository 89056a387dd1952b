"""Write a triple stream to a file in one of the RDF syntaxes, streaming (pyoxigraph's serialisers)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import NamedNode, Quad, RdfFormat, Triple, serialize

from exporters.rdf.vocab import PREFIXES

FORMATS: dict[str, RdfFormat] = {
    "turtle": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
    "xml": RdfFormat.RDF_XML,
    "trig": RdfFormat.TRIG,
}
EXTENSIONS: dict[str, str] = {"turtle": "ttl", "nt": "nt", "jsonld": "jsonld", "xml": "rdf", "trig": "trig"}
# Prefixes written at the top of Turtle, TriG and RDF/XML (only vocabularies the data uses).
DATA_PREFIXES = (
    "kg",
    "rdf",
    "rdfs",
    "xsd",
    "schema",
    "fabio",
    "dcterms",
    "skos",
    "dcat",
    "mls",
    "prov",
    "lpwc",
)


class Counter:
    """Counts the triples that pass through it."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self.triples = triples
        self.count = 0

    def __iter__(self) -> Iterator[Triple]:
        for triple in self.triples:
            self.count += 1
            yield triple


def _quads(triples: Iterable[Triple], graph_name: str) -> Iterator[Quad]:
    graph = NamedNode(graph_name)
    for t in triples:
        yield Quad(t.subject, t.predicate, t.object, graph)


def write(
    triples: Iterable[Triple], output: str | Path | BinaryIO, fmt: str = "turtle", *, graph_name: str | None = None
) -> int:
    """Serialise ``triples`` to ``output`` in ``fmt``; TriG puts them in the named graph ``graph_name``.

    Returns the number of triples written (the stream is expected to hold no duplicates).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; known: {', '.join(FORMATS)}")
    counter = Counter(triples)
    items: Iterable[Triple | Quad] = counter
    if fmt == "trig":
        if not graph_name:
            raise ValueError("TriG needs a graph name")
        items = _quads(counter, graph_name)
    prefixes = {name: PREFIXES[name] for name in DATA_PREFIXES} if fmt in ("turtle", "trig", "xml") else None
    if isinstance(output, Path):
        output = str(output)
    serialize(items, output, FORMATS[fmt], prefixes=prefixes)
    return counter.count

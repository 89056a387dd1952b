"""Write a triple stream to a file in one of the RDF syntaxes, streaming (pyoxigraph's serialisers)."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import NamedNode, RdfFormat, Triple, serialize

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


class _GraphBlock(io.RawIOBase):
    """Turns pyoxigraph's Turtle output into one TriG graph block (Oxigraph's TriG writer is 2-3x slower).

    The ``@prefix`` lines the Turtle writer puts first are written before ``<graph> {``; the triples,
    which are valid TriG as they are, go inside the braces.
    """

    def __init__(self, sink: BinaryIO, graph_name: str) -> None:
        super().__init__()
        self.sink = sink
        self.opening = f"<{NamedNode(graph_name).value}> {{\n".encode()
        self.head = b""
        self.in_block = False

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        if self.in_block:
            self.sink.write(data)
            return len(data)
        self.head += bytes(data)
        while not self.in_block and b"\n" in self.head:
            line, _, rest = self.head.partition(b"\n")
            if not line.startswith(b"@prefix"):
                self.sink.write(self.opening)
                self.sink.write(self.head)
                self.in_block = True
                break
            self.sink.write(line + b"\n")
            self.head = rest
        return len(data)

    def finish(self) -> None:
        """Close the graph block (an empty graph is an empty block)."""
        if not self.in_block:
            self.sink.write(self.opening + self.head)
        self.sink.write(b"\n}\n")


def write(
    triples: Iterable[Triple], output: str | Path | BinaryIO, fmt: str = "turtle", *, graph_name: str | None = None
) -> int:
    """Serialise ``triples`` to ``output`` in ``fmt``; TriG puts them in the named graph ``graph_name``.

    Returns the number of triples written (the stream is expected to hold no duplicates).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; known: {', '.join(FORMATS)}")
    counter = Counter(triples)
    prefixes = {name: PREFIXES[name] for name in DATA_PREFIXES} if fmt in ("turtle", "trig", "xml") else None
    if fmt != "trig":
        serialize(counter, str(output) if isinstance(output, Path) else output, FORMATS[fmt], prefixes=prefixes)
        return counter.count
    if not graph_name:
        raise ValueError("TriG needs a graph name")
    with contextlib.ExitStack() as stack:
        sink = stack.enter_context(open(output, "wb")) if isinstance(output, (str, Path)) else output
        block = _GraphBlock(sink, graph_name)
        serialize(counter, block, RdfFormat.TURTLE, prefixes=prefixes)
        block.finish()
    return counter.count

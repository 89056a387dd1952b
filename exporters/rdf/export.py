"""The export API the CLI calls: the graph at a store path to an RDF file."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import Triple

from exporters.rdf.iris import Minter
from exporters.rdf.serialize import write
from exporters.rdf.triples import TripleStream
from exporters.rdf.vocab import DEFAULT_BASE
from exporters.rdf.void import VoidStatistics
from kg.graph import Graph


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote."""

    output: str
    format: str
    triples: int
    seconds: float

    def as_dict(self) -> dict[str, object]:
        """The report as plain data (for ``--json``)."""
        rate = self.triples / self.seconds if self.seconds else 0.0
        return {
            "output": self.output,
            "format": self.format,
            "triples": self.triples,
            "seconds": round(self.seconds, 3),
            "triples_per_second": round(rate),
        }


def export_rdf(
    store: str | Path,
    output: str | Path | BinaryIO,
    fmt: str = "turtle",
    base: str = DEFAULT_BASE,
    void: str | Path | None = None,
) -> ExportReport:
    """Write the graph in ``store`` to ``output`` as RDF (streaming; memory stays flat).

    ``void`` names a Turtle file for the VoID description of this export, with its counts.
    """
    started = time.perf_counter()
    graph = Graph(store)
    triples: Iterable[Triple] = TripleStream(graph, base)
    statistics = VoidStatistics(triples) if void else None
    count = write(statistics or triples, output, fmt, graph_name=Minter(base).dataset())
    if statistics is not None and void is not None:
        statistics.graph(base).serialize(str(void), format="turtle")
    name = output if isinstance(output, (str, Path)) else getattr(output, "name", "<stream>")
    return ExportReport(str(name), fmt, count, time.perf_counter() - started)

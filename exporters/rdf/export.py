"""The export API the CLI calls: the graph at a store path to an RDF file."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from exporters.rdf.iris import Minter
from exporters.rdf.serialize import write
from exporters.rdf.triples import TripleStream
from exporters.rdf.vocab import DEFAULT_BASE
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
    store: str | Path, output: str | Path | BinaryIO, fmt: str = "turtle", base: str = DEFAULT_BASE
) -> ExportReport:
    """Write the graph in ``store`` to ``output`` as RDF (streaming; memory stays flat)."""
    started = time.perf_counter()
    graph = Graph(store)
    count = write(TripleStream(graph, base), output, fmt, graph_name=Minter(base).dataset())
    name = output if isinstance(output, (str, Path)) else getattr(output, "name", "<stream>")
    return ExportReport(str(name), fmt, count, time.perf_counter() - started)

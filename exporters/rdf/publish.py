"""Write the generated ontology, shapes and VoID files (shipped under docs/ontology/)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from exporters.rdf.ontology import ontology_graph
from exporters.rdf.shapes import shapes_graph
from exporters.rdf.void import void_graph

DOCS_DIR = Path(__file__).resolve().parents[2] / "docs" / "ontology"
HEADER = "# Generated from kg/schema.py by `kg export ontology`; do not edit by hand.\n"

GENERATED: dict[str, Callable[[], Graph]] = {
    "kg.ttl": ontology_graph,
    "shapes.ttl": shapes_graph,
    "void.ttl": void_graph,
}


def render(name: str) -> str:
    """The Turtle text of one generated file."""
    return HEADER + GENERATED[name]().serialize(format="turtle")


def write_ontology_files(directory: str | Path = DOCS_DIR) -> list[Path]:
    """Write kg.ttl (OWL), shapes.ttl (SHACL) and void.ttl (VoID) into ``directory``."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in GENERATED:
        path = directory / name
        path.write_text(render(name), encoding="utf-8")
        written.append(path)
    return written

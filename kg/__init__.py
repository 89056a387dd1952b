"""kg: a scientific knowledge-graph builder (readers -> extractors -> linking -> store -> exporters)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kg")
except PackageNotFoundError:  # running from a checkout without installation
    __version__ = "0.0.0+checkout"

__all__ = ["Graph", "__version__", "build"]


def __getattr__(name: str):
    """Import the API lazily so ``import kg`` stays cheap for the CLI's ``--help``."""
    if name == "build":
        from kg.builder import build

        return build
    if name == "Graph":
        from kg.graph import Graph

        return Graph
    raise AttributeError(name)

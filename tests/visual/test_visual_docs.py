"""The docstring examples of the visual exporters and the report run (and every module has ``__all__``)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "exporters.visual",
    "exporters.visual.attributes",
    "exporters.visual.cytoscape",
    "exporters.visual.gexf",
    "exporters.visual.graphml",
    "exporters.visual.html",
    "exporters.visual.layout",
    "exporters.visual.style",
    "exporters.report",
    "exporters.report.plots",
    "exporters.report.report",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    assert doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE).failed == 0
    assert hasattr(module, "__all__")

"""One self-contained interactive HTML page: Cytoscape.js (vendored, MIT) and the graph inlined.

Nodes are coloured by type, sized by papers and placed by a force layout computed in Python; a search
box, type filters, and a details panel that lists a clicked node's papers (or a paper's entities) with
the evidence sentences. No network needed.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from exporters.visual.cytoscape import cytoscape_data
from exporters.visual.layout import force_layout
from exporters.visual.style import color_of

__all__ = ["CYTOSCAPE_VERSION", "html_page", "write_html"]

CYTOSCAPE_VERSION = "3.34.4"
# Left out of the page to keep it small (the details panel does not show them).
_SKIP = ("abstract", "authors", "sources", "links", "categories", "title", "start", "end", "path")


def _static(name: str) -> str:
    return resources.files("exporters.visual").joinpath("static", name).read_text(encoding="utf-8")


def _label(data: dict[str, Any]) -> str:
    if data.get("type") == "Paper":
        return ""
    name = str(data.get("name", ""))
    return name if len(name) <= 40 else name[:39] + "…"


def html_page(G: nx.Graph, title: str = "kg graph") -> str:
    """The page for ``G`` as one HTML string (see :func:`write_html`).

    Examples
    --------
    >>> from kg.analysis import toy_graph
    >>> page = html_page(toy_graph())
    >>> page.startswith("<!DOCTYPE html>"), "cytoscape" in page, "http" not in page.split("<script")[0]
    (True, True, True)
    """
    data = cytoscape_data(G, evidence=True, skip=_SKIP)
    positions = force_layout(G)
    for node, key in zip(data["elements"]["nodes"], G.nodes, strict=True):
        node["data"]["label"] = _label(node["data"])
        x, y = positions[key]
        node["position"] = {"x": x, "y": y}
    counts = Counter(n["data"].get("type") for n in data["elements"]["nodes"])
    data["types"] = [{"type": t, "color": color_of(t), "count": c} for t, c in sorted(counts.items(), key=str)]
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    values = {
        "CSS": _static("viewer.css"),
        "APP": _static("viewer.js"),
        "TITLE": html_lib.escape(title),
        "CYTOSCAPE_VERSION": CYTOSCAPE_VERSION,
        "DATA": payload,
        "CYTOSCAPE": _static("cytoscape.min.js"),
    }
    # One pass over the template, so nothing inserted is ever scanned for markers again.
    page = re.sub(r"@@([A-Z_]+)@@", lambda m: values[m.group(1)], _static("viewer.html"))
    return page


def write_html(G: nx.Graph, path: str | Path, title: str = "kg graph") -> None:
    """Write the interactive page for ``G`` to ``path``: one file that works offline.

    Examples
    --------
    >>> import tempfile
    >>> from kg.analysis import toy_graph
    >>> path = tempfile.mktemp(suffix=".html")
    >>> write_html(toy_graph(), path)
    >>> Path(path).stat().st_size > 400_000  # the library is inside the page
    True
    """
    Path(path).write_text(html_page(G, title), encoding="utf-8")

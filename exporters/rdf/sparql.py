"""Read-only SPARQL over a built graph with no server: the export loaded into an embedded Oxigraph store.

The export of a store is cached as an Oxigraph (RocksDB) directory next to the SQLite file
(``kg.sqlite.oxigraph/``), stamped with a fingerprint of the SQLite files (size and modification
time of the database and its WAL), the base IRI and the vocabulary. A query reuses the cache while the
fingerprint matches and rebuilds it otherwise, so the first query after a build pays the load (about
20 s on the 20k-paper sample, 1.8M triples) and later ones open it in milliseconds. Where the cache
cannot be written (read-only folder) or ``cache=False``, the graph is loaded into memory instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib.plugins.sparql.parser import parseUpdate

from exporters.rdf.publish import render
from exporters.rdf.triples import TripleStream
from exporters.rdf.vocab import DEFAULT_BASE, PREFIXES
from kg.graph import Graph

CACHE_SUFFIX = ".oxigraph"
_CACHE_FORMAT = "1"
_FINGERPRINT = "kg-fingerprint.json"
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)


class SparqlError(Exception):
    """The query cannot be run: a syntax error, an update where only queries are allowed, ..."""


class UpdateRefused(SparqlError):
    """An update was given without ``--allow-update``."""


def query_kind(text: str) -> str:
    """``"query"`` or ``"update"``; raise SparqlError with the parser's message if it is neither."""
    try:
        ox.Store().query(text, prefixes=PREFIXES)
        return "query"
    except SyntaxError as err:
        query_error = err
    try:
        parseUpdate(with_prefixes(text))
        return "update"
    except Exception:
        raise SparqlError(f"SPARQL syntax error: {query_error}") from None


def with_prefixes(text: str) -> str:
    """``text`` preceded by PREFIX lines for the default prefixes it uses but does not declare."""
    declared = {m.group(1) or "" for m in _DECLARED.finditer(text)}
    lines = [f"PREFIX {name}: <{iri}>" for name, iri in PREFIXES.items() if name not in declared]
    return "\n".join(lines) + "\n" + text


def fingerprint(store: str | Path, base: str) -> dict[str, object]:
    """What the cached export depends on: the SQLite files' size and mtime, the base and the vocabulary."""
    files = {}
    for suffix in ("", "-wal"):
        path = Path(f"{store}{suffix}")
        if path.exists():
            stat = path.stat()
            files[suffix or "db"] = [stat.st_size, stat.st_mtime_ns]
    vocabulary = hashlib.sha1(render("kg.ttl").encode()).hexdigest()
    return {"format": _CACHE_FORMAT, "files": files, "base": base, "vocabulary": vocabulary}


def cache_dir(store: str | Path) -> Path:
    """Where the Oxigraph cache of ``store`` lives."""
    return Path(f"{store}{CACHE_SUFFIX}")


def _quads(store: str | Path, base: str):
    for t in TripleStream(Graph(store), base):
        yield ox.Quad(t.subject, t.predicate, t.object)


def load_memory(store: str | Path, base: str = DEFAULT_BASE) -> ox.Store:
    """The export of ``store`` in an in-memory Oxigraph store."""
    memory = ox.Store()
    memory.bulk_extend(_quads(store, base))
    return memory


def _read_fingerprint(directory: Path) -> dict[str, object] | None:
    try:
        return json.loads((directory / _FINGERPRINT).read_text())
    except (OSError, ValueError):
        return None


def _build_cache(store: str | Path, base: str, target: Path, stamp: dict[str, object]) -> None:
    """Load the export into a fresh directory, then move it into place (readers never see half a cache)."""
    building = target.with_name(f"{target.name}.building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    disk = ox.Store(str(building))
    disk.bulk_extend(_quads(store, base))
    disk.optimize()  # compacted, joins run about twice as fast
    del disk
    (building / _FINGERPRINT).write_text(json.dumps(stamp))
    old = target.with_name(f"{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    building.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def open_graph(
    store: str | Path,
    base: str = DEFAULT_BASE,
    *,
    cache: bool = True,
    progress: Callable[[str], None] | None = None,
) -> ox.Store:
    """An Oxigraph store holding the export of ``store`` (cached on disk when possible).

    ``progress`` is told when the graph has to be loaded (the slow step, once per change of the store).
    """
    Graph(store)  # a clear StoreError if there is no store
    if not cache:
        if progress:
            progress(f"loading {store} into memory for SPARQL ...")
        return load_memory(store, base)
    target = cache_dir(store)
    stamp = fingerprint(store, base)
    if _read_fingerprint(target) != stamp:
        if progress:
            progress(f"building the SPARQL cache {target} (once after each change of the store) ...")
        try:
            _build_cache(store, base, target, stamp)
        except OSError:
            return load_memory(store, base)
    try:
        return ox.Store.read_only(str(target))
    except OSError:
        return load_memory(store, base)


def clear_cache(store: str | Path) -> None:
    """Remove the Oxigraph cache of ``store``."""
    with contextlib.suppress(FileNotFoundError):
        shutil.rmtree(cache_dir(store))


def parse_binding(text: str) -> tuple[str, ox.NamedNode | ox.Literal]:
    """``name=value`` of ``--bind``: ``<iri>`` is an IRI, anything else a plain string literal."""
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise SparqlError(f"--bind wants NAME=VALUE, got {text!r}")
    if value.startswith("<") and value.endswith(">"):
        try:
            return name, ox.NamedNode(value[1:-1])
        except ValueError as err:
            raise SparqlError(f"--bind {name}: not a valid IRI: {err}") from None
    return name, ox.Literal(value)


def run_embedded(
    graph: ox.Store, text: str, bindings: dict[str, ox.NamedNode | ox.Literal] | None = None
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run a read-only query over ``graph``; values in ``bindings`` are substituted, never pasted into the text."""
    substitutions = {ox.Variable(k): v for k, v in (bindings or {}).items()}
    try:
        return graph.query(text, prefixes=PREFIXES, substitutions=substitutions or None)
    except SyntaxError as err:
        raise SparqlError(f"SPARQL syntax error: {err}") from None
    except RuntimeError as err:  # e.g. a --bind variable the query does not select
        raise SparqlError(f"cannot run the query: {err}") from None

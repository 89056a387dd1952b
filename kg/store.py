"""The embedded graph store: one SQLite file, written in batched transactions, ids deterministic.

Writing the same fragment twice changes nothing, so an interrupted build is simply run again.
Readers of the graph stream rows from here (``iter_nodes``, ``iter_edges``) without loading it all.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import astuple, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from kg.fragment import ClaimRow, Fragment, MentionRow, NodeData
from kg.linking.overrides import Decision
from kg.model import Problem

SCHEMA_VERSION = 1
DEFAULT_STORE = "kg.sqlite"

_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS nodes (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, props TEXT NOT NULL DEFAULT '{}');
CREATE INDEX IF NOT EXISTS nodes_by_type ON nodes(type);
CREATE TABLE IF NOT EXISTS edges (
    id TEXT PRIMARY KEY, source TEXT NOT NULL, relation TEXT NOT NULL, target TEXT NOT NULL,
    props TEXT NOT NULL DEFAULT '{}');
CREATE INDEX IF NOT EXISTS edges_by_source ON edges(source);
CREATE INDEX IF NOT EXISTS edges_by_target ON edges(target);
CREATE INDEX IF NOT EXISTS edges_by_relation ON edges(relation);
CREATE TABLE IF NOT EXISTS evidence (
    edge_id TEXT NOT NULL, record TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    component TEXT NOT NULL, score REAL NOT NULL, sentence TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (edge_id, record, start, end, component));
CREATE TABLE IF NOT EXISTS paper_sources (
    paper_id TEXT NOT NULL, source TEXT NOT NULL, locator TEXT NOT NULL,
    PRIMARY KEY (paper_id, source, locator));
CREATE TABLE IF NOT EXISTS mentions (
    paper_id TEXT NOT NULL, record TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    text TEXT NOT NULL, type TEXT NOT NULL, component TEXT NOT NULL, score REAL NOT NULL,
    canonical TEXT, cue TEXT, sentence TEXT NOT NULL, in_title INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (paper_id, record, start, end, type));
CREATE TABLE IF NOT EXISTS claims (
    paper_id TEXT NOT NULL, record TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    value REAL NOT NULL, unit TEXT NOT NULL, direction TEXT NOT NULL, from_value REAL,
    claim TEXT NOT NULL, sentence TEXT NOT NULL, ties TEXT NOT NULL,
    PRIMARY KEY (paper_id, record, start));
CREATE TABLE IF NOT EXISTS alias_decisions (
    position INTEGER PRIMARY KEY, kind TEXT NOT NULL, type TEXT NOT NULL, first TEXT NOT NULL, second TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entity_ids (
    type TEXT NOT NULL, key TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (type, key));
CREATE TABLE IF NOT EXISTS paper_titles (title_key TEXT PRIMARY KEY, paper_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, pipeline TEXT NOT NULL, records INTEGER NOT NULL,
    problems INTEGER NOT NULL, run_id INTEGER NOT NULL, completed_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS problems (
    run_id INTEGER NOT NULL, source TEXT NOT NULL, locator TEXT NOT NULL, reason TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT, version TEXT NOT NULL,
    inputs TEXT NOT NULL, status TEXT NOT NULL, summary TEXT);
"""


class StoreError(Exception):
    """The store file cannot be opened or is not a kg store."""


@dataclass(frozen=True)
class NodeRow:
    """A stored node: id, type, name and properties."""

    id: str
    type: str
    name: str
    props: dict[str, Any]


@dataclass(frozen=True)
class EdgeRow:
    """A stored edge with its properties (``support`` and ``score`` included)."""

    id: str
    source: str
    relation: str
    target: str
    props: dict[str, Any]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _merge_props(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Keep existing values; add new keys; union lists (order kept, no duplicates)."""
    merged = dict(old)
    for key, value in new.items():
        if value in (None, "", []):
            continue
        current = merged.get(key)
        if isinstance(current, list) and isinstance(value, list):
            merged[key] = current + [v for v in value if v not in current]
        elif current in (None, "", []):
            merged[key] = value
    return merged


def _dumps(props: dict[str, Any]) -> str:
    return json.dumps(props, ensure_ascii=False, sort_keys=True)


class Store:
    """A kg graph in a SQLite file. Use as a context manager, or call ``close()``."""

    def __init__(self, path: str | Path = DEFAULT_STORE, *, readonly: bool = False) -> None:
        self.path = Path(path)
        if readonly and not self.path.exists():
            raise StoreError(f"no graph store at {self.path} (run `kg build PATH...` first, or pass --store)")
        try:
            if readonly:
                self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            else:
                self.db = sqlite3.connect(self.path)
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
                self.db.executescript(_DDL)
                self.db.execute(
                    "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
                )
                self.db.commit()
            version = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path} is not a kg graph store ({err})") from err
        if not version or int(version[0]) != SCHEMA_VERSION:
            raise StoreError(f"{self.path} has store schema {version and version[0]}, this kg needs {SCHEMA_VERSION}")

    def close(self) -> None:
        """Close the database connection."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Commit everything written inside the block, or nothing if it raises."""
        try:
            yield
            self.db.commit()
        except BaseException:
            self.db.rollback()
            raise

    # -- writing -------------------------------------------------------------------------------

    def resolve_paper_id(self, paper_id: str, title_key: str | None) -> str:
        """Reuse the id of a paper already stored under the same normalised title, if there is one."""
        if not title_key:
            return paper_id
        row = self.db.execute("SELECT paper_id FROM paper_titles WHERE title_key = ?", (title_key,)).fetchone()
        if row:
            return row[0]
        self.db.execute("INSERT INTO paper_titles(title_key, paper_id) VALUES (?, ?)", (title_key, paper_id))
        return paper_id

    def upsert_node(self, node: NodeData) -> None:
        row = self.db.execute("SELECT props FROM nodes WHERE id = ?", (node.id,)).fetchone()
        if row is None:
            self.db.execute(
                "INSERT INTO nodes(id, type, name, props) VALUES (?, ?, ?, ?)",
                (node.id, node.type.value, node.name, _dumps({k: v for k, v in node.props.items() if v is not None})),
            )
            return
        old = json.loads(row[0])
        merged = _merge_props(old, node.props)
        if merged != old:
            self.db.execute("UPDATE nodes SET props = ? WHERE id = ?", (_dumps(merged), node.id))

    def write(self, fragment: Fragment) -> None:
        """Upsert a record's nodes, edges and evidence (call inside ``transaction()``)."""
        if any(node.id == fragment.paper_id for node in fragment.nodes):
            source, _, locator = fragment.record.rpartition(":")
            self.db.execute(
                "INSERT OR IGNORE INTO paper_sources(paper_id, source, locator) VALUES (?, ?, ?)",
                (fragment.paper_id, source, locator),
            )
        if fragment.mentions is not None:
            self._set_unlinked(True)
            self.db.execute(
                "DELETE FROM mentions WHERE paper_id = ? AND record = ?", (fragment.paper_id, fragment.record)
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO mentions(paper_id, record, start, end, text, type, component, score,"
                " canonical, cue, sentence, in_title) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [astuple(m) for m in fragment.mentions],  # fields in column order
            )
        if fragment.claims is not None:
            self.db.execute(
                "DELETE FROM claims WHERE paper_id = ? AND record = ?", (fragment.paper_id, fragment.record)
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO claims(paper_id, record, start, end, value, unit, direction, from_value,"
                " claim, sentence, ties) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(*astuple(c)[:-1], json.dumps(c.ties, sort_keys=True)) for c in fragment.claims],
            )
        for node in fragment.nodes:
            self.upsert_node(node)
        for edge in fragment.edges:
            row = self.db.execute("SELECT props FROM edges WHERE id = ?", (edge.id,)).fetchone()
            if row is None:
                self.db.execute(
                    "INSERT INTO edges(id, source, relation, target, props) VALUES (?, ?, ?, ?, ?)",
                    (edge.id, edge.source, edge.relation.value, edge.target, _dumps(edge.props)),
                )
            elif edge.props:
                old = json.loads(row[0])
                merged = _merge_props(old, edge.props)
                if merged != old:
                    self.db.execute("UPDATE edges SET props = ? WHERE id = ?", (_dumps(merged), edge.id))
            self.db.executemany(
                "INSERT OR IGNORE INTO evidence(edge_id, record, start, end, component, score, sentence)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(edge.id, fragment.record, e.start, e.end, e.component, e.score, e.sentence) for e in edge.evidence],
            )

    def needs_linking(self) -> bool:
        """Whether mentions were written after the last entity linking (e.g. linking was interrupted)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'mentions_unlinked'").fetchone()
        return bool(row and row[0] == "1")

    def _set_unlinked(self, value: bool) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('mentions_unlinked', ?)", ("1" if value else "0",)
        )

    def iter_mentions(self) -> Iterator[MentionRow]:
        """Stream every stored mention, ordered by paper, record and offset."""
        query = (
            "SELECT paper_id, record, start, end, text, type, component, score, canonical, cue, sentence, in_title"
            " FROM mentions ORDER BY paper_id, record, start, end, type"
        )
        for row in self.db.execute(query):
            yield MentionRow(*row[:-1], in_title=bool(row[-1]))

    def iter_claims(self) -> Iterator[ClaimRow]:
        """Stream every stored numeric claim, ordered by paper, record and offset."""
        query = (
            "SELECT paper_id, record, start, end, value, unit, direction, from_value, claim, sentence, ties"
            " FROM claims ORDER BY paper_id, record, start"
        )
        for row in self.db.execute(query):
            yield ClaimRow(*row[:-1], ties=json.loads(row[-1]))

    def alias_decisions(self) -> list[Decision]:
        """The user's same/different decisions, in file order."""
        rows = self.db.execute("SELECT kind, type, first, second FROM alias_decisions ORDER BY position")
        return [Decision(*row) for row in rows]

    def set_alias_decisions(self, decisions: list[Decision]) -> None:
        """Replace the user's decisions (from a new alias file); the next linking applies them."""
        self.db.execute("DELETE FROM alias_decisions")
        self.db.executemany(
            "INSERT INTO alias_decisions(position, kind, type, first, second) VALUES (?, ?, ?, ?, ?)",
            [(i, d.kind, d.type, d.first, d.second) for i, d in enumerate(decisions)],
        )
        self._set_unlinked(True)

    def entity_ids(self) -> dict[tuple[str, str], str]:
        """Stored decisions: (type, name key) -> node id, so ids stay the same across builds."""
        return {(t, k): i for t, k, i in self.db.execute("SELECT type, key, id FROM entity_ids")}

    def remember_entity_ids(self, decisions: dict[tuple[str, str], str]) -> None:
        """Store new (type, name key) -> node id decisions (existing ones are never changed); linking is done."""
        self._set_unlinked(False)
        self.db.executemany(
            "INSERT OR IGNORE INTO entity_ids(type, key, id) VALUES (?, ?, ?)",
            [(t, k, i) for (t, k), i in decisions.items()],
        )

    def clear_derived(self, node_types: Iterable[str], relations: Iterable[str]) -> None:
        """Delete derived nodes and edges (with their evidence) before they are derived again."""
        node_types, relations = list(node_types), list(relations)
        marks = ", ".join("?" * len(relations))
        self.db.execute(
            f"DELETE FROM evidence WHERE edge_id IN (SELECT id FROM edges WHERE relation IN ({marks}))", relations
        )
        self.db.execute(f"DELETE FROM edges WHERE relation IN ({marks})", relations)
        self.db.execute(f"DELETE FROM nodes WHERE type IN ({', '.join('?' * len(node_types))})", node_types)

    def add_problems(self, run_id: int, problems: Iterable[Problem]) -> None:
        """Record skipped input for this run."""
        self.db.executemany(
            "INSERT INTO problems(run_id, source, locator, reason) VALUES (?, ?, ?, ?)",
            [(run_id, p.source, p.locator, p.reason) for p in problems],
        )

    def start_run(self, version: str, inputs: list[str]) -> int:
        """Open a build run and return its id (committed at once, so an interrupted run is visible)."""
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO runs(started_at, version, inputs, status) VALUES (?, ?, ?, 'running')",
                (_now(), version, json.dumps(inputs)),
            )
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, status: str, summary: dict[str, Any]) -> None:
        """Close a build run with its status and summary."""
        with self.transaction():
            self.db.execute(
                "UPDATE runs SET finished_at = ?, status = ?, summary = ? WHERE id = ?",
                (_now(), status, json.dumps(summary), run_id),
            )

    def file_done(self, path: str, sha256: str, pipeline: str) -> bool:
        """Whether this exact file content was fully built by this pipeline version before."""
        row = self.db.execute(
            "SELECT 1 FROM files WHERE path = ? AND sha256 = ? AND pipeline = ?", (path, sha256, pipeline)
        ).fetchone()
        return row is not None

    def mark_file_done(self, path: str, sha256: str, pipeline: str, records: int, problems: int, run_id: int) -> None:
        """Remember that a file was built completely (call inside the transaction of its last batch)."""
        self.db.execute(
            "INSERT OR REPLACE INTO files(path, sha256, pipeline, records, problems, run_id, completed_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (path, sha256, pipeline, records, problems, run_id, _now()),
        )

    def refresh_edge_support(self) -> None:
        """Recompute each edge's ``support`` (distinct evidence sentences) and ``score`` (best evidence)."""
        with self.transaction():
            rows = self.db.execute(
                "SELECT edge_id, COUNT(DISTINCT sentence), MAX(score) FROM evidence GROUP BY edge_id"
            ).fetchall()
            for edge_id, support, score in rows:
                row = self.db.execute("SELECT props FROM edges WHERE id = ?", (edge_id,)).fetchone()
                if row is None:
                    continue
                props = json.loads(row[0])
                if props.get("support") != support or props.get("score") != score:
                    props.update(support=support, score=score)
                    self.db.execute("UPDATE edges SET props = ? WHERE id = ?", (_dumps(props), edge_id))

    # -- reading -------------------------------------------------------------------------------

    def iter_nodes(self, node_type: str | None = None) -> Iterator[NodeRow]:
        """Stream nodes (optionally of one type) in id order."""
        query, args = "SELECT id, type, name, props FROM nodes", ()
        if node_type:
            query, args = query + " WHERE type = ?", (node_type,)
        for row in self.db.execute(query + " ORDER BY id", args):
            yield NodeRow(row[0], row[1], row[2], json.loads(row[3]))

    def iter_edges(self, relation: str | None = None) -> Iterator[EdgeRow]:
        """Stream edges (optionally of one relation) in id order."""
        query, args = "SELECT id, source, relation, target, props FROM edges", ()
        if relation:
            query, args = query + " WHERE relation = ?", (relation,)
        for row in self.db.execute(query + " ORDER BY id", args):
            yield EdgeRow(row[0], row[1], row[2], row[3], json.loads(row[4]))

    def edges_of(self, node_id: str) -> list[EdgeRow]:
        """Every edge that starts or ends at ``node_id``."""
        rows = self.db.execute(
            "SELECT id, source, relation, target, props FROM edges WHERE source = ? UNION "
            "SELECT id, source, relation, target, props FROM edges WHERE target = ? ORDER BY 1",
            (node_id, node_id),
        )
        return [EdgeRow(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in rows]

    def node(self, node_id: str) -> NodeRow | None:
        """One node by id, or None."""
        row = self.db.execute("SELECT id, type, name, props FROM nodes WHERE id = ?", (node_id,)).fetchone()
        return NodeRow(row[0], row[1], row[2], json.loads(row[3])) if row else None

    def evidence(self, edge_id: str) -> list[dict[str, Any]]:
        """The evidence rows of one edge: record, offsets, component, score, sentence."""
        rows = self.db.execute(
            "SELECT record, start, end, component, score, sentence FROM evidence"
            " WHERE edge_id = ? ORDER BY record, start",
            (edge_id,),
        )
        keys = ("record", "start", "end", "component", "score", "sentence")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def iter_evidence(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Stream (edge id, evidence row) for every edge, ordered by edge id."""
        keys = ("record", "start", "end", "component", "score", "sentence")
        query = f"SELECT edge_id, {', '.join(keys)} FROM evidence ORDER BY edge_id, record, start"
        for row in self.db.execute(query):
            yield row[0], dict(zip(keys, row[1:], strict=True))

    def paper_sources(self, paper_id: str) -> list[str]:
        """The files (and lines) a paper was read from."""
        rows = self.db.execute(
            "SELECT source, locator FROM paper_sources WHERE paper_id = ? ORDER BY source, locator", (paper_id,)
        )
        return [f"{source}:{locator}" for source, locator in rows]

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Node counts by type and edge counts by relation."""
        nodes = dict(self.db.execute("SELECT type, COUNT(*) FROM nodes GROUP BY type ORDER BY type").fetchall())
        edges = dict(self.db.execute("SELECT relation, COUNT(*) FROM edges GROUP BY relation ORDER BY relation"))
        return nodes, edges

    def degrees(self, limit: int, exclude_type: str = "Paper") -> list[tuple[str, str, str, int]]:
        """The most connected nodes not of ``exclude_type``: (id, type, name, degree)."""
        return self.db.execute(
            """
            SELECT n.id, n.type, n.name, d.degree FROM nodes n JOIN (
                SELECT id, COUNT(*) AS degree FROM (
                    SELECT source AS id FROM edges UNION ALL SELECT target AS id FROM edges) GROUP BY id
            ) d ON d.id = n.id
            WHERE n.type != ? ORDER BY d.degree DESC, n.id LIMIT ?
            """,
            (exclude_type, limit),
        ).fetchall()

    def runs(self) -> list[dict[str, Any]]:
        """All build runs, oldest first."""
        keys = ("id", "started_at", "finished_at", "version", "inputs", "status", "summary")
        rows = self.db.execute(f"SELECT {', '.join(keys)} FROM runs ORDER BY id").fetchall()
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def problems(self, run_id: int) -> list[Problem]:
        """The problems recorded for one run."""
        rows = self.db.execute("SELECT source, locator, reason FROM problems WHERE run_id = ?", (run_id,))
        return [Problem(*row) for row in rows]

"""Load the graph into a running Neo4j: constraints, batched MERGE transactions, read-back of counts.

Every statement is a fixed text built from schema names (labels and types come from ``kg.schema``'s
enums); all data travels as parameters (``UNWIND $rows AS row``). Loading is idempotent: nodes are
merged on ``id``, relationships on their edge ``id``, and ``SET x = row.props`` replaces properties,
so loading twice changes nothing and loading a bigger build adds only what is new.

A label or relationship type that has nothing in the database when the load starts is written with
``CREATE`` instead of ``MERGE`` (no lookup per row). This is safe because the store's ids are unique
and the uniqueness constraints, created first, would reject a duplicate. A rerun after a failed load
finds the label no longer empty and merges.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import neo4j

from exporters.neo4j.connection import Neo4jError, explain, session_kwargs
from exporters.neo4j.mapping import ID, constraint_statements, iter_edges, iter_nodes, label, rel_type
from kg.graph import Graph
from kg.schema import NodeType

DEFAULT_BATCH = 5000
DEFAULT_WORKERS = 2  # on 2 cores: 30.9k nodes/s into a warm empty database against 24.8k with 1
VERIFY_BATCH = 20000
Progress = Callable[[str, int], None]


@dataclass
class LoadReport:
    """What a load sent, and what the server holds afterwards."""

    uri: str
    database: str | None
    nodes_sent: dict[str, int] = field(default_factory=dict)
    relationships_sent: dict[str, int] = field(default_factory=dict)
    nodes_found: dict[str, int] = field(default_factory=dict)
    relationships_found: dict[str, int] = field(default_factory=dict)
    nodes_total: dict[str, int] = field(default_factory=dict)
    relationships_total: dict[str, int] = field(default_factory=dict)
    node_seconds: float = 0.0
    relationship_seconds: float = 0.0
    verify_seconds: float = 0.0
    created: list[str] = field(default_factory=list)  # labels and types written with CREATE (empty at start)

    @property
    def nodes(self) -> int:
        """Nodes sent."""
        return sum(self.nodes_sent.values())

    @property
    def relationships(self) -> int:
        """Relationships sent."""
        return sum(self.relationships_sent.values())

    def as_dict(self) -> dict[str, Any]:
        """The report as plain data (for ``--json`` and the benchmark)."""
        return {
            "uri": self.uri,
            "database": self.database,
            "nodes_sent": self.nodes_sent,
            "relationships_sent": self.relationships_sent,
            "nodes_in_database": self.nodes_total,
            "relationships_in_database": self.relationships_total,
            "node_seconds": round(self.node_seconds, 3),
            "relationship_seconds": round(self.relationship_seconds, 3),
            "verify_seconds": round(self.verify_seconds, 3),
            "created_not_merged": self.created,
            "nodes_per_second": round(self.nodes / self.node_seconds) if self.node_seconds else None,
            "relationships_per_second": (
                round(self.relationships / self.relationship_seconds) if self.relationship_seconds else None
            ),
        }


def _node_query(node_label: str, create: bool = False) -> str:
    """The batch statement for one label: MERGE on ``id``, or CREATE when the label started empty."""
    if create:
        return f"UNWIND $rows AS row CREATE (n:{label(node_label)}) SET n = row.props"
    return f"UNWIND $rows AS row MERGE (n:{label(node_label)} {{{ID}: row.id}}) SET n = row.props"


def _edge_query(relation: str, source_label: str, target_label: str, create: bool = False) -> str:
    """The batch statement for one relationship type between two labels (MERGE, or CREATE if it started empty)."""
    write = (
        f"CREATE (a)-[r:{rel_type(relation)}]->(b)"
        if create
        else (f"MERGE (a)-[r:{rel_type(relation)} {{{ID}: row.id}}]->(b)")
    )
    return (
        f"UNWIND $rows AS row MATCH (a:{label(source_label)} {{{ID}: row.source}}) "
        f"MATCH (b:{label(target_label)} {{{ID}: row.target}}) {write} SET r = row.props"
    )


def _empty_at_start(
    session: neo4j.Session, labels: Iterable[str], relations: Iterable[str]
) -> tuple[set[str], set[str]]:
    """The labels, and the relationship types, among these that have nothing in the database yet."""
    node_query = "MATCH (n:{}) WITH n LIMIT 1 RETURN count(n)"
    rel_query = "MATCH ()-[r:{}]->() WITH r LIMIT 1 RETURN count(r)"
    return (
        {n for n in labels if not session.execute_read(_count, node_query.format(label(n)))},
        {r for r in relations if not session.execute_read(_count, rel_query.format(rel_type(r)))},
    )


def _run_rows(tx: neo4j.ManagedTransaction, query: str, rows: list[dict[str, Any]]) -> None:
    tx.run(query, rows=rows).consume()


def _count(tx: neo4j.ManagedTransaction, query: str, **params: Any) -> int:
    return int(tx.run(query, **params).single(strict=True)[0])


class _Writer:
    """Sends batches in managed write transactions (the driver retries transient failures).

    Batches go out on ``workers`` sessions at once, one per thread (a session is not thread-safe), with
    at most two batches per worker in flight, so the next batch is read from the store while one is
    sent; counts are kept by the caller's thread as batches finish. ``self.session`` serves the checks
    before and after.
    """

    def __init__(
        self, driver: neo4j.Driver, database: str | None, uri: str, user: str, report: LoadReport, workers: int = 1
    ) -> None:
        self.driver, self.database = driver, database
        self.session = driver.session(**session_kwargs(database))
        self.uri, self.user, self.report = uri, user, report
        self.nodes_done = 0
        self.relationships_done = 0
        self.workers = max(1, workers)
        self._local = threading.local()
        self._sessions: list[neo4j.Session] = []
        self._lock = threading.Lock()

    def _thread_session(self) -> neo4j.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self.driver.session(**session_kwargs(self.database))
            self._local.session = session
            with self._lock:
                self._sessions.append(session)
        return session

    def _send(self, query: str, rows: list[dict[str, Any]]) -> None:
        self._thread_session().execute_write(_run_rows, query, rows)

    def write_all(
        self, batches: Iterable[tuple[str, list[dict[str, Any]], str]], kind: str, progress: Progress | None
    ) -> None:
        """Send every ``(query, rows, what)`` batch; count finished rows as ``kind`` ("nodes"/"relationships")."""

        def done(rows: list[dict[str, Any]]) -> None:
            if kind == "nodes":
                self.nodes_done += len(rows)
            else:
                self.relationships_done += len(rows)
            if progress:
                progress(kind, self.nodes_done if kind == "nodes" else self.relationships_done)

        in_flight: deque[tuple[Future[None], list[dict[str, Any]], str]] = deque()
        with ThreadPoolExecutor(self.workers, thread_name_prefix="kg-neo4j") as pool:
            try:
                for query, rows, what in batches:
                    in_flight.append((pool.submit(self._send, query, rows), rows, what))
                    while len(in_flight) >= 2 * self.workers or (in_flight and in_flight[0][0].done()):
                        self._finish(in_flight.popleft(), done)
                while in_flight:
                    self._finish(in_flight.popleft(), done)
            finally:
                for future, _rows, _what in in_flight:
                    future.cancel()

    def _finish(
        self, item: tuple[Future[None], list[dict[str, Any]], str], done: Callable[[list[dict[str, Any]]], None]
    ) -> None:
        future, rows, what = item
        try:
            future.result()
        except Exception as err:
            raise self.failure(err, what) from None
        done(rows)

    def failure(self, err: BaseException, what: str) -> BaseException:
        doing = (
            f"writing {what} ({self.nodes_done} of {self.report.nodes} nodes and {self.relationships_done} "
            f"of {self.report.relationships} relationships written so far)"
        )
        explained = explain(err, self.uri, self.user, doing)
        if isinstance(explained, Neo4jError):
            return Neo4jError(
                f"{explained}. Every finished batch is kept and loading is idempotent: "
                "run the same command again to complete the load."
            )
        return explained

    def close(self) -> None:
        for session in [self.session, *self._sessions]:
            session.close()


def _batches(items: Iterable[tuple[Any, dict[str, Any]]], size: int) -> Iterator[tuple[Any, list[dict[str, Any]]]]:
    """Group (key, row) pairs into per-key batches of ``size`` rows; flush everything at the end."""
    pending: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for key, row in items:
        rows = pending[key]
        rows.append(row)
        if len(rows) >= size:
            yield key, rows
            pending[key] = []
    for key, rows in pending.items():
        if rows:
            yield key, rows


def create_constraints(driver: neo4j.Driver, database: str | None = None) -> list[str]:
    """Create the schema's uniqueness constraints (if they do not exist yet); return the statements."""
    statements = constraint_statements()
    with driver.session(**session_kwargs(database)) as session:
        for statement in statements:
            session.run(statement).consume()
    return statements


def load_graph(
    store: str | Path,
    driver: neo4j.Driver,
    *,
    database: str | None = None,
    uri: str = "",
    user: str = "",
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    workers: int = DEFAULT_WORKERS,
) -> LoadReport:
    """Load the graph in ``store`` into Neo4j and check the result; raise ``Neo4jError`` on any failure.

    Constraints first, then nodes, then relationships, in batches of ``batch_size`` rows per
    transaction. Afterwards every sent id is looked up by label and type: a count that differs from
    what was sent is an error.
    """
    graph = Graph(store)
    stats = graph.stats(top=0)
    nodes_by_type, edges_by_type = stats["nodes"], stats["edges"]
    report = LoadReport(uri=uri, database=database)
    report.nodes_sent = {label(t): n for t, n in sorted(nodes_by_type.items())}
    report.relationships_sent = {rel_type(t): n for t, n in sorted(edges_by_type.items())}
    try:
        create_constraints(driver, database)
    except Exception as err:
        raise explain(err, uri, user, "creating the uniqueness constraints") from None

    writer = _Writer(driver, database, uri, user, report, workers)
    try:
        try:
            empty_labels, empty_types = _empty_at_start(writer.session, report.nodes_sent, report.relationships_sent)
        except Exception as err:
            raise writer.failure(err, "nothing (checking which labels are empty)") from None
        report.created = sorted(empty_labels | empty_types)
        started = time.perf_counter()
        node_rows = ((n.label, {"id": n.id, "props": n.props}) for n in iter_nodes(store))
        node_batches = (
            (_node_query(node_label, node_label in empty_labels), rows, f"{node_label} nodes")
            for node_label, rows in _batches(node_rows, batch_size)
        )
        writer.write_all(node_batches, "nodes", progress)
        report.node_seconds = time.perf_counter() - started

        started = time.perf_counter()
        edge_rows = (
            (
                (e.type, e.source_label, e.target_label),
                {"id": e.id, "source": e.source, "target": e.target, "props": e.props},
            )
            for e in iter_edges(store)
        )
        edge_batches = (
            (_edge_query(relation, source, target, relation in empty_types), rows, f"{relation} relationships")
            for (relation, source, target), rows in _batches(edge_rows, batch_size)
        )
        writer.write_all(edge_batches, "relationships", progress)
        report.relationship_seconds = time.perf_counter() - started

        started = time.perf_counter()
        _verify(graph, writer, report)
        report.verify_seconds = time.perf_counter() - started
    finally:
        writer.close()
    return report


def _ids(items: Iterable[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _verify(graph: Graph, writer: _Writer, report: LoadReport) -> None:
    """Look every sent id up again; compare the counts by label and type with what was sent."""
    session = writer.session
    try:
        for node_label in report.nodes_sent:
            query = f"UNWIND $ids AS id MATCH (n:{label(node_label)} {{{ID}: id}}) RETURN count(n)"
            found = 0
            for ids in _ids((n.id for n in graph.nodes(node_label)), VERIFY_BATCH):
                found += session.execute_read(_count, query, ids=ids)
            report.nodes_found[node_label] = found
            report.nodes_total[node_label] = session.execute_read(
                _count, f"MATCH (n:{label(node_label)}) RETURN count(n)"
            )
        for relation in report.relationships_sent:
            query = f"UNWIND $ids AS id MATCH ()-[r:{rel_type(relation)} {{{ID}: id}}]->() RETURN count(r)"
            found = 0
            for ids in _ids((e.id for e in graph.edges(relation)), VERIFY_BATCH):
                found += session.execute_read(_count, query, ids=ids)
            report.relationships_found[relation] = found
            report.relationships_total[relation] = session.execute_read(
                _count, f"MATCH ()-[r:{rel_type(relation)}]->() RETURN count(r)"
            )
    except Exception as err:
        raise writer.failure(err, "nothing (reading the counts back)") from None
    wrong = [
        f"{name}: sent {sent}, found {found.get(name, 0)}"
        for sent_map, found in (
            (report.nodes_sent, report.nodes_found),
            (report.relationships_sent, report.relationships_found),
        )
        for name, sent in sent_map.items()
        if found.get(name, 0) != sent
    ]
    if wrong:
        raise Neo4jError("the counts read back from Neo4j differ from what was sent: " + "; ".join(wrong))


def wipe_graph(driver: neo4j.Driver, database: str | None = None, *, uri: str = "", user: str = "") -> dict[str, int]:
    """Delete every node (and its relationships) carrying a kg label; return how many per label."""
    deleted: dict[str, int] = {}
    try:
        with driver.session(**session_kwargs(database)) as session:
            for node_type in NodeType:
                summary = session.run(
                    f"MATCH (n:{node_type.value}) CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 10000 ROWS"
                ).consume()
                deleted[node_type.value] = summary.counters.nodes_deleted
    except Exception as err:
        raise explain(err, uri, user, "wiping the graph") from None
    return deleted


__all__ = ["DEFAULT_BATCH", "DEFAULT_WORKERS", "LoadReport", "create_constraints", "load_graph", "wipe_graph"]

"""The build: read inputs, extract, link and write the graph store in batched transactions."""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from extractors.repositories import find_links
from extractors.results import find_claims
from kg import __version__
from kg.graph import Graph
from kg.identity import paper_id, title_key
from kg.linking.entities import DERIVED_NODE_TYPES, DERIVED_RELATIONS, linked_only, resolve
from kg.linking.mentions import claim_rows, mention_rows
from kg.linking.overrides import parse_overrides
from kg.linking.papers import link_record
from kg.linking.results import link_results
from kg.model import Problem, Record
from kg.readers import ReadOptions, input_files, read_file
from kg.store import DEFAULT_STORE, Store

EXTRACTORS_DIR = Path(__file__).resolve().parent.parent / "extractors"
BATCH_SIZE = 500
MIN_RECORDS_PER_JOB = 100  # a batch smaller than this per worker is extracted in this process


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """kg's version and a fingerprint of the extractors (code, config, knowledge base, model).

    Files built by another pipeline are read again instead of being skipped as unchanged.
    """
    digest = hashlib.sha256()
    for path in sorted(EXTRACTORS_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and "training" not in path.parts:
            digest.update(str(path.relative_to(EXTRACTORS_DIR)).encode())
            digest.update(path.read_bytes())
    return f"kg-{__version__}/extractors-{digest.hexdigest()[:12]}"


@dataclass
class FileReport:
    """What one input file gave: records read, distinct papers and problems."""

    path: str
    records: int = 0
    papers: set[str] = field(default_factory=set)
    problems: int = 0
    unchanged: bool = False


@dataclass
class BuildReport:
    """The outcome of a build, for the summary the CLI prints."""

    store: str
    files: list[FileReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    nodes: dict[str, int] = field(default_factory=dict)
    edges: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def records(self) -> int:
        """Paper records read in this run (a paper listed twice counts twice)."""
        return sum(f.records for f in self.files)

    @property
    def papers(self) -> int:
        """Distinct papers read in this run."""
        return len(set().union(*(f.papers for f in self.files))) if self.files else 0

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready summary."""
        return {
            "store": self.store,
            "records_read": self.records,
            "papers_read": self.papers,
            "files": [
                {
                    "path": f.path,
                    "records": f.records,
                    "papers": len(f.papers),
                    "problems": f.problems,
                    "unchanged": f.unchanged,
                }
                for f in self.files
            ],
            "skipped": [{"source": p.source, "locator": p.locator, "reason": p.reason} for p in self.problems],
            "skip_reasons": dict(Counter(p.reason.split(":")[0] for p in self.problems)),
            "nodes": self.nodes,
            "edges": self.edges,
            "seconds": round(self.seconds, 3),
        }


ProgressFactory = Callable[[Sequence[Record], str], Iterable[Record]]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _write_batch(store: Store, batch: list[Record], report: FileReport, jobs: int = 1) -> None:
    """Extract and link a batch of records and write it in one transaction (``jobs`` extractor processes)."""
    if not batch:
        return
    from extractors.pipeline import extract_with_cues  # spaCy loads only when there is text to read

    workers = max(1, min(jobs, len(batch) // MIN_RECORDS_PER_JOB))  # forking costs more than tiny batches
    extracted = extract_with_cues([record.text for record in batch], n_process=workers)
    with store.transaction():
        for record, (mentions, cues) in zip(batch, extracted, strict=True):
            pid = store.resolve_paper_id(paper_id(record), title_key(record.title) if record.title else None)
            report.papers.add(pid)
            fragment = link_record(pid, record, find_links(record.text))
            fragment.mentions = mention_rows(pid, record, mentions, cues)
            fragment.claims = claim_rows(pid, record, find_claims(record.text, mentions))
            store.write(fragment)


def link_entities(store: Store) -> None:
    """Resolve stored mentions and claims into entities and results; rewrite derived nodes and edges at once."""
    with store.transaction():
        resolution = resolve(store.iter_mentions(), store.entity_ids(), store.alias_decisions())
        results = link_results(store.iter_claims(), resolution.node_of_mention)
        store.clear_derived([t.value for t in DERIVED_NODE_TYPES], [r.value for r in DERIVED_RELATIONS])
        fragments = [*resolution.fragments, *results]
        for node in linked_only(resolution.nodes, fragments):
            store.upsert_node(node)
        for fragment in fragments:
            store.write(fragment)
        store.remember_entity_ids(resolution.new_ids)


def run_build(
    paths: Iterable[str | Path],
    store_path: str | Path = DEFAULT_STORE,
    *,
    fmt: str | None = None,
    options: ReadOptions | None = None,
    force: bool = False,
    progress: ProgressFactory | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    batch_size: int = BATCH_SIZE,
    aliases: str | Path | None = None,
    jobs: int = 1,
) -> BuildReport:
    """Build ``paths`` into the store and report what was read, skipped and stored.

    Files whose content was already built by this pipeline version are skipped unless ``force``.
    ``aliases`` is a file of same/different decisions; it replaces the decisions stored before.
    Each batch is one transaction: an interrupted build keeps every finished batch and can be rerun.
    ``jobs`` > 1 runs the extractors in that many forked processes (the output is the same).
    """
    started = time.perf_counter()
    batch_size = max(batch_size, 2 * MIN_RECORDS_PER_JOB * jobs) if jobs > 1 else batch_size  # work for every job
    paths = [str(p) for p in paths]
    report = BuildReport(str(store_path))

    def problem(item: Problem) -> None:
        report.problems.append(item)
        if on_problem:
            on_problem(item)

    with Store(store_path) as store:
        run_id = store.start_run(__version__, paths)
        status = "interrupted"
        try:
            if aliases is not None:
                decisions, alias_problems = parse_overrides(Path(aliases))
                for item in alias_problems:
                    problem(item)
                with store.transaction():
                    store.set_alias_decisions(decisions)
            for item in input_files(paths):
                if isinstance(item, Problem):
                    problem(item)
                    continue
                file_report = FileReport(str(item))
                report.files.append(file_report)
                sha = _sha256(item)
                if not force and store.file_done(str(item), sha, pipeline_version()):
                    file_report.unchanged = True
                    continue
                records: list[Record] = []
                for result in read_file(item, fmt, options):
                    if isinstance(result, Problem):
                        file_report.problems += 1
                        problem(result)
                    else:
                        records.append(result)
                file_report.records = len(records)
                iterable = progress(records, item.name) if progress else records
                batch: list[Record] = []
                for record in iterable:
                    batch.append(record)
                    if len(batch) >= batch_size:
                        _write_batch(store, batch, file_report, jobs)
                        batch = []
                _write_batch(store, batch, file_report, jobs)
                with store.transaction():
                    store.mark_file_done(
                        str(item), sha, pipeline_version(), file_report.records, file_report.problems, run_id
                    )
            if any(not f.unchanged for f in report.files) or store.needs_linking():
                link_entities(store)
            store.refresh_edge_support()
            with store.transaction():
                store.add_problems(run_id, report.problems)
            status = "ok" if not report.problems else "skipped-input"
        finally:
            report.nodes, report.edges = store.counts()
            report.seconds = time.perf_counter() - started
            store.finish_run(run_id, status, report.as_dict() | {"skipped": len(report.problems)})
    return report


def build(paths: Iterable[str | Path], store: str | Path = DEFAULT_STORE, **kwargs: object) -> Graph:
    """Build ``paths`` into ``store`` and return the graph (see ``run_build`` for options)."""
    run_build(paths, store, **kwargs)  # type: ignore[arg-type]
    return Graph(store)

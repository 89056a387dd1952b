"""Benchmark: wall time of `kg build` on the corpus samples (fresh store, then an unchanged rebuild).

Usage: python bench/build_speed.py [--corpus ../shared/corpus] [--out bench/out]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from kg.builder import run_build


def measure(path: Path, store: Path) -> dict[str, float | int]:
    """Build ``path`` into a fresh ``store`` and rebuild it; return counts and seconds."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    report = run_build([path], store)
    first = time.perf_counter() - started
    started = time.perf_counter()
    run_build([path], store)
    again = time.perf_counter() - started
    return {
        "records": report.records,
        "papers": report.papers,
        "skipped": len(report.problems),
        "nodes": sum(report.nodes.values()),
        "edges": sum(report.edges.values()),
        "build_seconds": round(first, 2),
        "records_per_second": round(report.records / first, 1),
        "unchanged_rebuild_seconds": round(again, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    parser.add_argument("--out", type=Path, default=Path("bench/out"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    results = {}
    for name in ("corpus_sample_1k.jsonl", "corpus_sample_20k.jsonl.gz"):
        results[name] = measure(args.corpus / name, args.out / f"{name}.sqlite")
        print(name, json.dumps(results[name]))
    (args.out / "build_speed.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

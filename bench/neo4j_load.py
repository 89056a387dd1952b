"""Benchmark: nodes/s and relationships/s loading the 20k-sample graph into a real Neo4j 5.26 (target >= 20k nodes/s).

The graph is built from ../shared/corpus/corpus_sample_20k.jsonl.gz with ``kg.builder.run_build`` into a
temporary store (a few minutes with NLP), or taken from ``--store``. The server is the test launcher
(tests/neo4j/launcher: Neo4j Community embedded, Bolt on 127.0.0.1, built with Maven if needed), started
on a temporary home with a random password in its environment (full JIT, 2 GB heap). Measured:

- ``first_load``: the store into the empty database of the freshly started server (JIT still cold);
- ``reload``: the same store again (idempotent MERGE: nothing new, every property rewritten);
- ``warm_load``: wipe, then the store into the empty database of the now warm server;
- ``bulk_import``: ``kg export neo4j-import`` then the bundle's exact ``neo4j-admin database import full``
  command (the real tool, from the launcher's jars) into a new home: the path for loads too big for
  transactions.

Usage: python bench/neo4j_load.py [--corpus FILE] [--store kg.sqlite] [--batch-size N] [--workers N] [--skip-bulk]
[--out bench/out] [--name NAME]
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "neo4j"))

from neo4j_testserver import JAVA_OPTS, Neo4jServer, admin_args_from_script, neo4j_admin  # noqa: E402

from exporters.neo4j import connect, load_graph, wipe_graph, write_import_bundle  # noqa: E402
from exporters.neo4j.loader import DEFAULT_BATCH, DEFAULT_WORKERS  # noqa: E402
from kg.builder import run_build  # noqa: E402


def _rust_codec() -> bool:
    """Whether the driver packs Bolt messages with the Rust extension (``pip install neo4j-rust-ext``)."""
    try:
        import neo4j._rust  # noqa: F401
    except ImportError:
        return False
    return True


def build(corpus: Path, store: Path) -> float:
    """Build ``corpus`` into ``store``; return the seconds it took."""
    started = time.perf_counter()
    run_build([corpus], store)
    return time.perf_counter() - started


def bulk(store: Path, tmp: Path) -> dict[str, float | int]:
    """Write the CSV bundle and import it with the real neo4j-admin; seconds and rates."""
    started = time.perf_counter()
    report = write_import_bundle(store, tmp / "bundle")
    written = time.perf_counter() - started
    started = time.perf_counter()
    script = admin_args_from_script(tmp / "bundle" / "import.sh")
    done = neo4j_admin(script, tmp / "bulk-home", cwd=tmp / "bundle", java_opts=[JAVA_OPTS[0], "-Xmx2g"])
    imported = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"neo4j-admin import failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    nodes, relationships = sum(report.nodes.values()), sum(report.relationships.values())
    return {
        "nodes": nodes,
        "relationships": relationships,
        "bundle_seconds": round(written, 2),
        "import_seconds": round(imported, 2),
        "import_nodes_per_second": round(nodes / imported),
        "import_relationships_per_second": round(relationships / imported),
        "end_to_end_nodes_per_second": round(nodes / (written + imported)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "corpus_sample_20k.jsonl.gz")
    parser.add_argument("--store", type=Path, help="An already built store (skips the build).")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH)
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS, help="Sessions writing batches at once.")
    parser.add_argument("--skip-bulk", action="store_true", help="Skip the neo4j-admin bundle import.")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--name", default="neo4j_load", help="Results go to OUT/NAME.json.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kg-neo4j-bench-") as tmp:
        results: dict[str, object] = {
            "corpus": str(args.corpus), "batch_size": args.batch_size, "workers": args.workers
        }  # fmt: skip
        results["cpus"], results["load_average_at_start"] = os.cpu_count(), os.getloadavg()[0]
        results["driver_codec"] = "rust (neo4j-rust-ext)" if _rust_codec() else "pure Python"
        store = args.store
        if store is None:
            store = Path(tmp) / "bench.sqlite"
            results["build_seconds"] = round(build(args.corpus, store), 1)
        password = secrets.token_urlsafe(18)
        server = Neo4jServer(password, log=Path(tmp) / "launcher.log", java_opts=[*JAVA_OPTS[:1], "-Xmx2g"])
        try:
            uri = server.start()
            driver = connect(uri, "neo4j", password)
            try:
                for run in ("first_load", "reload", "warm_load"):
                    if run == "warm_load":
                        wipe_graph(driver)
                    started = time.perf_counter()
                    report = load_graph(
                        store, driver, uri=uri, user="neo4j", batch_size=args.batch_size, workers=args.workers
                    )
                    data = report.as_dict()
                    data["total_seconds"] = round(time.perf_counter() - started, 2)
                    data["nodes"], data["relationships"] = report.nodes, report.relationships
                    for key in ("uri", "database", "nodes_in_database", "relationships_in_database"):
                        data.pop(key)
                    results[run] = data
                    print(run, json.dumps({k: v for k, v in data.items() if not isinstance(v, dict)}), flush=True)
            finally:
                driver.close()
        finally:
            server.stop()
        if not args.skip_bulk:
            results["bulk_import"] = bulk(store, Path(tmp))
            print("bulk_import", json.dumps(results["bulk_import"]), flush=True)
    results["load_average_at_end"] = os.getloadavg()[0]  # other work on the machine slows every figure
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{args.name}.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

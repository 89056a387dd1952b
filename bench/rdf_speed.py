"""Benchmark: RDF export speed per format, SHACL validation and the example SPARQL queries on the 20k sample.

Usage: python bench/rdf_speed.py [--corpus ../shared/corpus/corpus_sample_20k.jsonl.gz] [--out bench/out]
       [--skip-shacl]

Builds the store with kg.builder.run_build (reused when it is already there), exports it in every
format, loads it into the embedded Oxigraph cache and times each query in docs/queries (the first run
of a query after the load, and the best of three; a query whose header has ``# example: --bind k=v``
runs with that binding). Figures go to stdout and bench/out/rdf_speed.json.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

from exporters.rdf.export import export_rdf
from exporters.rdf.results import collect
from exporters.rdf.serialize import EXTENSIONS, FORMATS
from exporters.rdf.sparql import clear_cache, open_graph, parse_binding, run_embedded
from exporters.rdf.validate import validate_store
from kg.builder import run_build

ROOT = Path(__file__).resolve().parents[1]
_EXAMPLE = re.compile(r"^# example: --bind \"?(\w+=[^\"]+?)\"?\s*$", re.MULTILINE)


def build(corpus: Path, store: Path) -> float:
    """Build ``store`` from ``corpus`` unless it is already built; return the seconds it took."""
    started = time.perf_counter()
    run_build([corpus], store)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "corpus_sample_20k.jsonl.gz")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--skip-shacl", action="store_true", help="Do not time kg validate (minutes on big graphs).")
    parser.add_argument("--reuse", action="store_true", help="Use the store in --out as it is, even if kg changed.")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    store = args.out / f"{args.corpus.name}.rdf.sqlite"
    seconds = 0.0 if args.reuse and store.exists() else build(args.corpus, store)
    figures: dict[str, object] = {"store": str(store), "build_seconds": round(seconds, 1)}
    print(f"store {store} ready in {figures['build_seconds']} s")

    exports = {}
    for fmt in FORMATS:
        report = export_rdf(store, args.out / f"rdf_speed.{EXTENSIONS[fmt]}", fmt)
        exports[fmt] = report.as_dict()
        rate = exports[fmt]["triples_per_second"]
        print(f"export {fmt:<7} {report.triples} triples in {report.seconds:6.2f} s: {rate:>9,} triples/s")
    figures["export"] = exports

    clear_cache(store)
    started = time.perf_counter()
    graph = open_graph(store)
    figures["cache_build_seconds"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    graph = open_graph(store)
    figures["cache_open_seconds"] = round(time.perf_counter() - started, 3)
    print(f"oxigraph cache built in {figures['cache_build_seconds']} s, reopened in {figures['cache_open_seconds']} s")

    queries = {}
    for path in sorted((ROOT / "docs" / "queries").glob("*.rq")):
        text = path.read_text()
        bindings = dict(parse_binding(b) for b in _EXAMPLE.findall(text))
        times = []
        for _ in range(3):
            started = time.perf_counter()
            rows = len(collect(run_embedded(graph, text, bindings)).rows)
            times.append(time.perf_counter() - started)
        queries[path.name] = {
            "bindings": {k: v.value for k, v in bindings.items()},
            "rows": rows,
            "first_seconds": round(times[0], 3),
            "best_seconds": round(min(times), 3),
        }
        shown = " ".join(f"{k}={v.value}" for k, v in bindings.items())
        print(f"query {path.name:<36} {rows:>7} rows  first {times[0]:6.3f} s  best {min(times):6.3f} s  {shown}")
    figures["queries"] = queries

    if not args.skip_shacl:
        started = time.perf_counter()
        report = validate_store(store)
        figures["shacl"] = {
            "conforms": report.conforms,
            "violations": len(report.violations),
            "triples": report.triples,
            "seconds": round(time.perf_counter() - started, 1),
        }
        print(f"shacl {figures['shacl']}")
        for violation in report.violations[:5]:
            print(violation)
    (args.out / "rdf_speed.json").write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()

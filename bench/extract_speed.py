"""Throughput of the extractor pipeline: abstracts/s and words/s, 1 process and all cores.

Usage: ``python bench/extract_speed.py [--limit 2000] [--corpus PATH] [--processes N] [--model DIR] [--no-fast]
[--cli] [--json]``

Texts are ``title + "\\n\\n" + abstract`` from the 20k-abstract sample, as ``kg extract`` sees them. In the
same run a bare ``spacy.blank("en")`` tokenizer pass over the same texts gives the baseline, and the trained
entity model alone (``extractors/models/ner``, run as the ``ner`` component runs it, on tokenized texts) shows
what our other components add; the ratio says how many times slower the full pipeline is than tokenizing
alone. Loading the pipeline is timed separately and not counted in the throughput. ``--no-fast`` runs the
model with thinc's default ops, spaCy's uncached floret lookups, no embedding cache and spaCy's own NER
decoder (``components.ner.fast = false``), for comparison. The word caches (floret vectors, embedding rows)
are emptied before each run, so no run profits from the words an earlier run looked up. ``--cli`` also times
the command itself, ``kg extract TEXTS.jsonl -o OUT.jsonl`` with 1 and N processes, on the same texts as
``id``/``text`` records: wall clock from start to exit, so Python start-up, loading the pipeline, reading and
writing JSON count too.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import spacy

from extractors.fast_inference import clear_caches
from extractors.pipeline import build_pipeline, extract, load_pipeline, model_overrides

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "corpus_sample_20k.jsonl.gz"


def read_texts(path: Path, limit: int) -> list[str]:
    """The first ``limit`` records with an abstract, as title + blank line + abstract."""
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            title, abstract = (row.get("title") or "").strip(), (row.get("abstract") or "").strip()
            if abstract:
                texts.append(f"{title}\n\n{abstract}" if title else abstract)
            if len(texts) >= limit:
                break
    return texts


def timed(run: Callable[[Iterable[str]], int], texts: list[str]) -> tuple[float, int]:
    """Seconds taken by ``run(texts)`` and what it returned (a count, to force evaluation)."""
    start = time.perf_counter()
    count = run(texts)
    return time.perf_counter() - start, count


def time_cli(texts: list[str], processes: int, batch_size: int, model: str | None) -> float:
    """Wall-clock seconds of ``kg extract`` over ``texts`` (written as id/text JSON Lines) with ``processes``."""
    kg = Path(sys.executable).with_name("kg")
    if not kg.is_file():
        raise SystemExit(f"--cli needs the kg command next to {sys.executable}: pip install -e . first")
    with tempfile.TemporaryDirectory() as tmp:
        source, out = Path(tmp) / "texts.jsonl", Path(tmp) / "out.jsonl"
        with source.open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps({"id": f"t{k}", "text": text}) + "\n" for k, text in enumerate(texts))
        command = [str(kg), "extract", str(source), "-o", str(out), "--n-process", str(processes)]
        command += ["--batch-size", str(batch_size)] + (["--model", model] if model else [])
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        with out.open(encoding="utf-8") as fh:
            if sum(1 for _ in fh) != len(texts):
                raise SystemExit(f"kg extract wrote the wrong number of records to {out}")
    return seconds


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=2000, help="number of abstracts (default 2000)")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1, help="for the all-cores run")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--model", help="entity model dir (default: extractors/models/ner)")
    parser.add_argument("--no-fast", action="store_true", help="spaCy's defaults (blis, no caches, its decoder)")
    parser.add_argument("--cli", action="store_true", help="also time `kg extract` itself (start-up and I/O included)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()

    texts = read_texts(args.corpus, args.limit)
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    overrides: dict[str, object] = model_overrides(args.model) if args.model else {}
    if args.no_fast:
        overrides["components.ner.fast"] = False
    nlp = build_pipeline(overrides=overrides) if overrides else load_pipeline()
    load_s = time.perf_counter() - t0
    blank = spacy.blank("en")

    def bare(xs: Iterable[str]) -> int:
        return sum(len(d) for d in blank.pipe(xs, batch_size=args.batch_size))

    def pipeline(n: int) -> Callable[[Iterable[str]], int]:
        def run(xs: Iterable[str]) -> int:
            return sum(len(ms) for ms in extract(xs, batch_size=args.batch_size, n_process=n, nlp=nlp))

        return run

    runs = {"blank_1proc": bare, "pipeline_1proc": pipeline(1)}
    ner = nlp.get_pipe("ner")
    model = ner.model
    if model is not None:  # the trained model alone, run as the component runs it, to show what the rest adds

        def model_only(xs: Iterable[str]) -> int:
            docs = nlp.tokenizer.pipe(xs, batch_size=args.batch_size)
            return sum(len(d.spans["ner"]) for d in ner.pipe(docs, batch_size=args.batch_size))

        runs = {"blank_1proc": bare, "model_only_1proc": model_only, "pipeline_1proc": pipeline(1)}
    if args.processes > 1:
        runs[f"pipeline_{args.processes}proc"] = pipeline(args.processes)
    results: dict[str, dict[str, float]] = {}
    for name, run in runs.items():
        if model is not None:  # each run starts cold, as `kg extract` does (only the model has caches)
            clear_caches(model)
        seconds, count = timed(run, texts)
        results[name] = {
            "seconds": round(seconds, 2),
            "abstracts_per_s": round(len(texts) / seconds, 1),
            "words_per_s": round(words / seconds),
            "count": count,
        }
    if args.cli:
        for n in sorted({1, args.processes}):
            seconds = time_cli(texts, n, args.batch_size, args.model)
            results[f"kg_extract_{n}proc"] = {
                "seconds": round(seconds, 2),
                "abstracts_per_s": round(len(texts) / seconds, 1),
                "words_per_s": round(words / seconds),
                "count": len(texts),
            }
    base = results["blank_1proc"]["abstracts_per_s"]
    for r in results.values():
        r["slowdown_vs_blank_1proc"] = round(base / r["abstracts_per_s"], 2)
    report = {
        "abstracts": len(texts), "words": words, "cores": os.cpu_count(), "pipeline": nlp.pipe_names,
        "model": model is not None, "fast": not args.no_fast, "load_seconds": round(load_s, 2), "runs": results,
    }  # fmt: skip
    if args.json:
        print(json.dumps(report, indent=1))
        return
    print(f"{len(texts)} abstracts, {words} words, {os.cpu_count()} cores; pipeline loaded in {load_s:.1f}s; "
          f"trained model: {'yes' if report['model'] else 'no'}; "
          f"fast inference: {'yes' if report['fast'] else 'no'}")  # fmt: skip
    print(f"{'run':<18} {'seconds':>8} {'abstracts/s':>12} {'words/s':>9} {'x slower than blank':>20}")
    for name, r in results.items():
        print(f"{name:<18} {r['seconds']:>8} {r['abstracts_per_s']:>12} {r['words_per_s']:>9} "
              f"{r['slowdown_vs_blank_1proc']:>20}")  # fmt: skip


if __name__ == "__main__":
    main()

"""Benchmark: time to compute the analysis and render the report for the 20k-sample graph.

Builds ``corpus_sample_20k.jsonl.gz`` into a fresh temporary store with ``kg.builder.run_build`` (the
NLP build takes a few minutes), unless ``--store`` names a store already built from it. Then times
loading the graph into networkx, each analysis (top entities by papers/degree/PageRank, co-occurrence,
Louvain communities, trends, similar papers, explanation paths, headline numbers), ``kg report``, and
the visual exports of a cut-down view (``--min-papers 5``).

Usage: python bench/analysis_speed.py [--corpus ../shared/corpus] [--store PATH] [--out bench/out]
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from exporters.report import write_report
from exporters.visual import write_cytoscape, write_gexf, write_graphml, write_html
from kg import analysis
from kg.builder import run_build
from kg.graph import Graph


def timed(results: dict[str, float], name: str, func: Callable[[], Any]) -> Any:
    """Run ``func``, record its wall time in seconds under ``name``, return its value."""
    started = time.perf_counter()
    value = func()
    results[name] = round(time.perf_counter() - started, 3)
    print(f"  {name:<32} {results[name]:>8.3f} s", flush=True)
    return value


def measure(store: Path, work: Path) -> dict[str, Any]:
    """Time every analysis, the report and the exports on the graph in ``store``."""
    seconds: dict[str, float] = {}
    G = timed(seconds, "load to_networkx", lambda: Graph(store).to_networkx())
    for node_type in ("Method", "Dataset", "Metric", "Task"):
        timed(seconds, f"top {node_type} by papers", lambda t=node_type: analysis.top_entities(G, t))
    timed(seconds, "top Method by degree", lambda: analysis.top_entities(G, "Method", by="degree"))
    timed(seconds, "top Method by pagerank", lambda: analysis.top_entities(G, "Method", by="pagerank"))
    for col in ("Dataset", "Task", "Metric"):
        timed(seconds, f"cooccurrence Method x {col}", lambda c=col: analysis.cooccurrence(G, "Method", c))
    communities = timed(seconds, "louvain communities", lambda: analysis.entity_communities(G))
    timed(seconds, "trends per month (papers)", lambda: analysis.papers_per_period(G, "month"))
    timed(seconds, "trends per year (top 10 Method)", lambda: analysis.entity_trends(G, node_type="Method"))
    papers = analysis.nodes_of_type(G, "Paper")
    paper = max(papers[:2000], key=lambda p: len(analysis.entities_of(G, p)))
    timed(seconds, "similar papers (one paper)", lambda: analysis.similar_papers(G, paper))
    top = [r["id"] for r in analysis.top_entities(G, "Dataset", n=2)]
    timed(seconds, "explanation path (top 2 datasets)", lambda: analysis.explain_path(G, top[0], top[-1]))
    timed(seconds, "headline numbers", lambda: analysis.headline(G))
    timed(seconds, "report (kg report)", lambda: write_report(G, work / "report"))
    view = timed(seconds, "filter --min-papers 5", lambda: analysis.filter_graph(G, min_papers=5))
    for name, writer, suffix in (
        ("graphml", write_graphml, "graphml"),
        ("gexf", write_gexf, "gexf"),
        ("cytoscape", write_cytoscape, "cyjs"),
        ("html", write_html, "html"),
    ):
        timed(seconds, f"export {name} (view)", lambda w=writer, s=suffix: w(view, work / f"view.{s}"))
    timed(seconds, "export graphml (whole graph)", lambda: write_graphml(G, work / "all.graphml"))
    timed(seconds, "export gexf (whole graph)", lambda: write_gexf(G, work / "all.gexf"))
    analysis_keys = [k for k in seconds if not k.startswith(("load", "report", "filter", "export"))]
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "papers": len(papers),
        "communities": len(communities),
        "view_nodes": view.number_of_nodes(),
        "view_edges": view.number_of_edges(),
        "html_bytes": (work / "view.html").stat().st_size,
        "seconds": seconds,
        "analysis_total_seconds": round(sum(seconds[k] for k in analysis_keys), 3),
        "load_analysis_report_seconds": round(
            seconds["load to_networkx"] + sum(seconds[k] for k in analysis_keys) + seconds["report (kg report)"], 3
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    parser.add_argument("--store", type=Path, help="A store already built from the 20k sample (skips the build).")
    parser.add_argument("--out", type=Path, default=Path("bench/out"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kg-analysis-bench-") as tmp:
        work = Path(tmp)
        result: dict[str, Any] = {"python": platform.python_version(), "machine": platform.machine()}
        store = args.store
        if store is None:
            store = work / "20k.sqlite"
            print(f"building {args.corpus / 'corpus_sample_20k.jsonl.gz'} into {store} ...", flush=True)
            started = time.perf_counter()
            report = run_build([args.corpus / "corpus_sample_20k.jsonl.gz"], store)
            result["build_seconds"] = round(time.perf_counter() - started, 1)
            result["records"] = report.records
            print(f"  built in {result['build_seconds']} s", flush=True)
        result.update(measure(store, work))
    print(json.dumps({k: v for k, v in result.items() if k != "seconds"}, indent=2))
    (args.out / "analysis_speed.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

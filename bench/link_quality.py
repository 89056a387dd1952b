"""Paper-level link quality against SciREX salient clusters (Papers with Code names).

For every abstract in a SciREX file of the shared gold schema, the (type, name) set kg links the paper
to (`kg papers --json`) is compared with the paper's salient clusters: precision, recall and F1,
micro over all papers and per type. Names are compared after normalisation (underscores as spaces,
then kg's spelling-variant key). Two gold sets are reported: all salient clusters, and only those
with a mention in the abstract (the others come from tables and full text, which kg never sees).

Usage: python bench/link_quality.py ../shared/gold/scirex/abstract_train.jsonl [--aliases]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path

from kg.builder import run_build
from kg.graph import Graph
from kg.linking.names import name_key
from kg.lookup import iter_papers

TYPES = ("Method", "Dataset", "Metric", "Task")


def norm(name: str) -> str:
    """Compare names as kg does, reading PwC's underscores as spaces."""
    return name_key(name.replace("_", " "))


def gold_sets(path: Path) -> tuple[dict[str, set], dict[str, set]]:
    """Per record id: all salient (type, name) pairs, and those with a mention in the text."""
    everything, mentioned = {}, {}
    for line in path.read_text().splitlines():
        record = json.loads(line)
        clusters = record.get("salient_clusters") or []
        everything[record["id"]] = {(c["type"], norm(c["name"])) for c in clusters if c["type"] in TYPES}
        mentioned[record["id"]] = {
            (c["type"], norm(c["name"])) for c in clusters if c["type"] in TYPES and c.get("mentions")
        }
    return everything, mentioned


def score(gold: dict[str, set], predicted: dict[str, list[dict]], with_aliases: bool) -> dict[str, dict]:
    """Micro P/R/F1 overall and per type.

    Precision: share of predicted links whose name (or an alias, if asked) is a gold name of the paper.
    Recall: share of the paper's gold names that some predicted link matches.
    """
    matched, predicted_n, hit, gold_n = Counter(), Counter(), Counter(), Counter()
    for record_id, truth in gold.items():
        links = [link for link in predicted.get(record_id, []) if link["type"] in TYPES]
        hit_gold: set = set()
        for link in links:
            names = {norm(link["name"])} | ({norm(a) for a in link["aliases"]} if with_aliases else set())
            matches = {(link["type"], n) for n in names} & truth
            predicted_n[link["type"]] += 1
            matched[link["type"]] += bool(matches)
            hit_gold |= matches
        for kind, _ in truth:
            gold_n[kind] += 1
        for kind, _ in hit_gold:
            hit[kind] += 1

    def prf(kinds: tuple[str, ...]) -> dict[str, float]:
        m, p = sum(matched[k] for k in kinds), sum(predicted_n[k] for k in kinds)
        h, g = sum(hit[k] for k in kinds), sum(gold_n[k] for k in kinds)
        precision, recall = (m / p if p else 0.0), (h / g if g else 0.0)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3), "gold": g}

    table = {kind: prf((kind,)) for kind in TYPES}
    table["micro"] = prf(TYPES)
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--store", type=Path, help="Reuse or keep this store (default: a temporary one).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or Path(tmp) / "scirex.sqlite"
        run_build([args.gold], store)
        predicted = {}
        for paper in iter_papers(Graph(store)):
            for record_id in paper["record_ids"]:
                predicted[record_id] = paper["links"]
    everything, mentioned = gold_sets(args.gold)
    report = {
        f"{label}{' +aliases' if aliases else ''}": score(gold, predicted, aliases)
        for label, gold in (("all salient", everything), ("salient mentioned in abstract", mentioned))
        for aliases in (False, True)
    }
    for label, table in report.items():
        print(f"{label}:")
        for kind, row in table.items():
            print(
                f"  {kind:<8} P {row['precision']:.3f}  R {row['recall']:.3f}  F1 {row['f1']:.3f}  (gold {row['gold']})"
            )
    print(json.dumps({"papers": len(everything), "report": report}))


if __name__ == "__main__":
    main()

"""Result claims on the seeds graph, every field checked by hand against the abstract's sentence."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

import kg

# paper (title start), claim text, value, unit, direction, from value, baseline text,
# metric, dataset, method (entity ids; None where the sentence names none that became an entity), unresolved
CLAIMS = [
    # "our method achieves a mIoU of 75.81 on Pascal VOC 2012" ("our method": no name)
    ("Confidence-Weighted Boundary-Aware", "75.81", 75.81, "", "absolute", None, None,
     "metric:miou", "dataset:pascal-voc-2012", None, ["method"]),
    # "it improves the accuracy by 2.7% compared to the E2E baseline on ImageNet-1K" (the example)
    ("Deep Model Assembling", "2.7%", 2.7, "%", "increase", None, "E2E",
     "metric:accuracy", "dataset:imagenet-1k", None, ["method"]),
    # "..., while saving the training cost by 43% in the meantime"
    ("Deep Model Assembling", "43%", 43.0, "%", "decrease", None, "E2E",
     "metric:training-cost", "dataset:imagenet-1k", None, ["method"]),
    # "reducing peak memory of AnimateDiff from 42GB to 11GB" (the example)
    ("Fast and Memory-Efficient Video Diffusion", "from 42GB to 11GB", 11.0, "GB", "decrease", 42.0, None,
     "metric:peak-memory", None, "method:animatediff", ["dataset"]),
    # "D{=}2048 yields current state-of-the-art FID of 1.74 on CIFAR-10"
    ("PFGM++", "1.74", 1.74, "", "absolute", None, None, "metric:fid", "dataset:cifar-10", None, ["method"]),
    # "For example on ImageNet retrieval, AdANNS-IVF is up to 1.5% more accurate than the rigid
    # representations-based IVF"
    ("AdANNS", "1.5%", 1.5, "%", "increase", None, "rigid representations-based IVF",
     "metric:accuracy", "dataset:imagenet", "method:adanns-ivf", []),
    # "our EconProver achieves comparable performance ... with only 12% of the computational cost" (a share)
    ("EconProver", "12%", 12.0, "%", "absolute", None, None,
     "metric:computational-cost", "dataset:proofnet", "method:econprover", []),
    # "on LLaMA2-7B, our 2:4 sparse model achieves ... a 0.36% gain in zero-shot accuracy compared to the dense model"
    ("CAST: Continuous", "0.36%", 0.36, "%", "increase", None, "dense model",
     "metric:accuracy", None, "method:llama2-7b", ["dataset"]),
    # "... a negligible perplexity increase of 0.09 and ..." (the baseline named after the next claim is not taken)
    ("CAST: Continuous", "0.09", 0.09, "", "increase", None, None,
     "metric:perplexity", None, "method:llama2-7b", ["dataset"]),
    # "DeepSeek-V3 achieves the highest accuracy at 98%"
    ("Systematic Optimization of Open Source", "98%", 98.0, "%", "absolute", None, None,
     "metric:accuracy", None, "method:deepseek-v3", ["dataset"]),
]  # fmt: skip


@pytest.fixture(scope="module")
def graph(seeds_store: Path) -> nx.MultiDiGraph:
    return kg.Graph(seeds_store).to_networkx()


def _results(graph: nx.MultiDiGraph, title_start: str, claim: str) -> list[tuple[str, dict]]:
    papers = [n for n, d in graph.nodes(data=True) if d.get("type") == "Paper" and d["title"].startswith(title_start)]
    assert len(papers) == 1, title_start
    return [
        (r, graph.nodes[r])
        for _, r, key in graph.out_edges(papers[0], keys=True)
        if key == "REPORTS" and graph.nodes[r]["claim"] == claim
    ]


@pytest.mark.parametrize(
    ("paper", "claim", "value", "unit", "direction", "from_value", "baseline", "metric", "dataset", "method",
     "unresolved"),
    CLAIMS,
)  # fmt: skip
def test_result_claims_on_the_seeds(
    graph, paper, claim, value, unit, direction, from_value, baseline, metric, dataset, method, unresolved
) -> None:
    [(node_id, result)] = _results(graph, paper, claim)
    assert (result["value"], result["unit"], result["direction"]) == (value, unit, direction)
    assert (result.get("from_value"), result.get("baseline")) == (from_value, baseline)
    assert result.get("unresolved", []) == unresolved
    ties = {key: target for _, target, key in graph.out_edges(node_id, keys=True)}
    tied = (ties.get("RESULT_METRIC"), ties.get("RESULT_DATASET"), ties.get("RESULT_METHOD"))
    assert tied == (metric, dataset, method)
    assert claim in result["raw"]


def test_ten_claims_are_checked() -> None:
    assert len(CLAIMS) >= 10

"""Entity resolution on the seeds graph, against hand-checked lists.

Each pair names two different seed papers (by the start of their titles) and the exact text of a
mention in each abstract; the pairs were read in the seed files by hand. "Together" pairs must link
to the one expected entity; "apart" pairs must link to two different entities.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import networkx as nx
import pytest

import kg

# (paper A, mention in A, paper B, mention in B, the entity both are)
TOGETHER = [
    ("Deep Learning on a Data Diet", "CIFAR10", "PFGM++", "CIFAR-10", "dataset:cifar-10"),
    ("Generalizing Few-Shot NAS", "cifar10", "Beyond neural scaling laws", "CIFAR-10", "dataset:cifar-10"),
    ("Continual Learning with Dynamic Sparse", "CIFAR100", "Maintaining Discrimination", "CIFAR-100",
     "dataset:cifar-100"),
    ("Generalizing Few-Shot NAS", "cifar100", "SP^2OT", "CIFAR100", "dataset:cifar-100"),
    ("Confidence-Weighted Boundary-Aware", "Pascal VOC 2012", "Multi-Granularity Distillation", "PASCAL VOC2012",
     "dataset:pascal-voc-2012"),
    ("ARM-Net", "DNNs", "Weight Compander", "deep neural networks", "method:deep-neural-networks"),
    ("NUPES", "Deep neural network (DNN)", "ExcelFormer", "DNN", "method:deep-neural-networks"),
    ("FRL: Federated Rank Learning", "FL", "Anchor Sampling for Federated", "federated learning",
     "method:federated-learning"),
    ("Randomized Quantization is All You Need", "Federated learning (FL)", "LIFL", "FL", "method:federated-learning"),
    ("CRaSh", "Fine-tuning", "DSEE", "fine-tuning", "method:fine-tuning"),
    ("Auto-GNN", "Graph neural networks (GNN)", "Learnable Commutative Monoids", "GNNs",
     "method:graph-neural-networks"),
    ("DataStates-LLM", "LLMs", "Rethinking Conventional Wisdom", "large language model (LLM)",
     "method:large-language-models"),
    ("Dynamic Loss-Based Sample Reweighting", "Large Language Model", "AWQ:", "Large language models (LLMs)",
     "method:large-language-models"),
    ("S^{2}FT", "LoRA", "MoS: Unleashing", "low-rank adaptation (LoRA)", "method:low-rank-adaptation"),
    ("S^{2}FT", "LoRA", "Bone: Block Affine", "Low-Rank Adaptation (LoRA)", "method:low-rank-adaptation"),
    ("A Survey on Inference Optimization Techniques for Mixture", "Mixture of Experts Models", "Chain-of-Experts",
     "Mixture-of-Experts Models", "method:mixture-of-experts-models"),
    ("BigNAS", "NAS", "AutoDistil", "Neural Architecture Search", "method:neural-architecture-search"),
    ("NAS evaluation is frustratingly hard", "Neural Architecture Search (NAS)", "Auto-GNN",
     "Neural architecture search (NAS)", "method:neural-architecture-search"),
    ("Neural networks behave as hash encoders", "Neural networks", "Sample complexity of data-driven tuning",
     "neural networks", "method:neural-network"),
    ("Adaptive Budget Allocation for Parameter-Efficient", "Parameter-Efficient Fine-Tuning",
     "Kernelized Sparse Fine-Tuning", "PEFT", "method:parameter-efficient-fine-tuning"),
    ("Fast and Eager k-Medoids", "PAM", "Faster k-Medoids Clustering", "Partitioning Around Medoids",
     "method:partitioning-around-medoids"),
    ("Enhancing Ultra-Low-Bit Quantization", "quantization-aware training", "Scaling Law for Quantization-Aware",
     "QAT", "method:quantization-aware-training"),
    ("Scaling Test-Time Compute Without Verification", "RL", "Achieving Sample and Computational Efficient",
     "Reinforcement learning", "method:reinforcement-learning"),
    ("Sharing is Caring", "reinforcement learning (RL)", "A$^2$Search", "Reinforcement Learning",
     "method:reinforcement-learning"),
    ("Scaling Law for Quantization-Aware", "Scaling Law", "Unraveling the Mystery of Scaling Laws", "Scaling Laws",
     "method:scaling-laws"),
    ("AutoDistil", "weight-sharing", "Fast, Expressive SE(n) Equivariant", "Weight sharing", "method:weight-sharing"),
    ("Deep Learning on a Data Diet", "Deep Learning", "Beyond neural scaling laws", "deep learning",
     "method:deep-learning"),
    ("BigNAS", "accuracies", "Data Filtering Networks", "accuracy", "metric:accuracy"),
    ("Reliable and Efficient In-Memory Fault Tolerance", "communication costs", "ByteScale", "communication cost",
     "metric:communication-cost"),
    ("BigNAS", "top-1 accuracies", "Kernelized Sparse Fine-Tuning", "Top-1 accuracy", "metric:top-1-accuracy"),
    ("Sample complexity of data-driven tuning", "Sample complexity", "Sharper Bounds for ell_p",
     "sample complexity", "metric:sample-complexity"),
    ("Constrained Optimization via Exact Augmented", "storage cost", "R2D2", "storage costs", "metric:storage-cost"),
    ("AutoDistil", "Knowledge distillation (KD)", "CAST: Continuous", "Knowledge Distillation",
     "task:knowledge-distillation"),
    ("Maintaining Discrimination", "KD", "A Survey on Inference Optimization Techniques for Mixture",
     "knowledge distillation", "task:knowledge-distillation"),
    ("HiBench", "decision-making", "Towards Bridging the Gaps", "decision making", "task:decision-making"),
    ("In defense of parameter sharing", "model-compression", "FoldGPT", "Model Compression",
     "task:model-compression"),
]  # fmt: skip

# (paper A, mention in A, paper B, mention in B): related names that are different things
APART = [
    ("Deep Learning on a Data Diet", "CIFAR10", "Continual Learning with Dynamic Sparse", "CIFAR100"),
    ("Generalizing Few-Shot NAS", "ImageNet", "Deep Model Assembling", "ImageNet-1K"),
    ("Faster k-Medoids Clustering", "CLARA", "Fast and Eager k-Medoids", "CLARANS"),
    ("Faster k-Medoids Clustering", "CLARA", "Fast and Eager k-Medoids", "PAM"),
    ("Auto-GNN", "Graph neural networks (GNN)", "Neural networks behave as hash encoders", "Neural networks"),
    ("ARM-Net", "DNNs", "Neural networks behave as hash encoders", "Neural networks"),
    ("S^{2}FT", "LoRA", "LQ-LoRA", "LQ-LoRA"),
    ("S^{2}FT", "LoRA", "LQ-LoRA", "QLoRA"),
    ("Adaptive Budget Allocation for Parameter-Efficient", "AdaLoRA", "S^{2}FT", "LoRA"),
    ("AWQ:", "AWQ", "GWQ: Gradient-Aware", "GWQ"),
    ("FRL: Federated Rank Learning", "Federated Rank Learning", "LIFL", "FL"),
    ("BigNAS", "top-1 accuracies", "Data Filtering Networks", "accuracy"),
    ("Kernelized Sparse Fine-Tuning", "PEFT", "DSEE", "fine-tuning"),
    ("ByteScale", "communication cost", "Deep Model Assembling", "computational cost"),
    ("Sample complexity of data-driven tuning", "Sample complexity", "Dynamic Constrained Submodular",
     "query complexity"),
    ("Beyond neural scaling laws", "neural scaling laws", "Unraveling the Mystery of Scaling Laws", "Scaling Laws"),
    ("Confidence-Weighted Boundary-Aware", "Pascal VOC 2012", "Confidence-Weighted Boundary-Aware", "Cityscapes"),
    ("Scaling Law for Quantization-Aware", "Quantization-Aware Training", "NUPES",
     "Non-Uniform Post-Training Quantization"),
]  # fmt: skip


@pytest.fixture(scope="module")
def graph(seeds_store: Path) -> nx.MultiDiGraph:
    return kg.Graph(seeds_store).to_networkx()


@pytest.fixture(scope="module")
def linked(graph: nx.MultiDiGraph) -> dict[tuple[str, str], set[str]]:
    """(paper id, exact mention text) -> the entities that mention is evidence for."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for paper, entity, data in graph.edges(data=True):
        if graph.nodes[paper].get("type") != "Paper":
            continue
        text = f"{graph.nodes[paper].get('title') or ''}\n\n{graph.nodes[paper].get('abstract') or ''}"
        for ev in data.get("evidence") or []:
            found[(paper, text[ev["start"] : ev["end"]])].add(entity)
    return found


def _paper(graph: nx.MultiDiGraph, title_start: str) -> str:
    ids = [n for n, d in graph.nodes(data=True) if d.get("type") == "Paper" and d["title"].startswith(title_start)]
    assert len(ids) == 1, f"{title_start!r} names {len(ids)} seed papers"
    return ids[0]


def _entity(graph: nx.MultiDiGraph, linked: dict, title_start: str, mention: str) -> str:
    entities = {e for e in linked[(_paper(graph, title_start), mention)] if graph.nodes[e]["type"] != "Result"}
    assert len(entities) == 1, f"{mention!r} in {title_start!r} links to {sorted(entities)}"
    return entities.pop()


def test_the_lists_are_as_long_as_promised() -> None:
    assert len(TOGETHER) >= 30 and len(APART) >= 15
    assert all(a != b for a, _, b, _, _ in TOGETHER), "together pairs come from different papers"


@pytest.mark.parametrize(("paper_a", "mention_a", "paper_b", "mention_b", "expected"), TOGETHER)
def test_mentions_resolve_together(graph, linked, paper_a, mention_a, paper_b, mention_b, expected) -> None:
    assert _entity(graph, linked, paper_a, mention_a) == expected
    assert _entity(graph, linked, paper_b, mention_b) == expected


@pytest.mark.parametrize(("paper_a", "mention_a", "paper_b", "mention_b"), APART)
def test_related_names_stay_apart(graph, linked, paper_a, mention_a, paper_b, mention_b) -> None:
    assert _entity(graph, linked, paper_a, mention_a) != _entity(graph, linked, paper_b, mention_b)

"""A tiny hand-made graph in the shape of ``Graph.to_networkx()``, for examples and tests."""

from __future__ import annotations

import networkx as nx

__all__ = ["toy_graph"]


def _edge(g: nx.MultiDiGraph, source: str, relation: str, target: str, sentence: str) -> None:
    evidence = [
        {"record": f"toy:{source}", "start": 0, "end": 1, "component": "kb", "score": 0.9, "sentence": sentence}
    ]
    g.add_edge(source, target, key=relation, relation=relation, support=1, score=0.9, evidence=evidence)


def toy_graph() -> nx.MultiDiGraph:
    """Five papers about LoRA-style fine-tuning and vision transformers, with exactly known answers.

    Papers ``paper:p1`` (2021-06-17), ``paper:p2`` (2023-05), ``paper:p3`` (2023), ``paper:p4``
    (2020-10-22) and ``paper:p5`` (no date); methods LoRA, QLoRA (a VARIANT_OF LoRA) and ViT;
    datasets GLUE, MMLU and ImageNet; two metrics, two tasks and two repositories.

    Examples
    --------
    >>> G = toy_graph()
    >>> G.number_of_nodes(), G.number_of_edges()
    (17, 26)
    """
    g = nx.MultiDiGraph()
    papers = {
        "paper:p1": ("LoRA: Low-Rank Adaptation of Large Language Models", "2021-06-17"),
        "paper:p2": ("QLoRA: Efficient Finetuning of Quantized LLMs", "2023-05"),
        "paper:p3": ("Parameter-Efficient Adapters Revisited", "2023"),
        "paper:p4": ("An Image is Worth 16x16 Words", "2020-10-22"),
        "paper:p5": ("Training Data-Efficient Image Transformers", None),
    }
    for pid, (title, date) in papers.items():
        attrs = {"type": "Paper", "name": title, "title": title, "sources": [f"toy.jsonl:line {pid[-1]}"]}
        if date:
            attrs["date"] = date
        g.add_node(pid, **attrs)
    entities = {
        "method:lora": ("Method", "LoRA", ["low-rank adaptation"]),
        "method:qlora": ("Method", "QLoRA", []),
        "method:vit": ("Method", "ViT", ["vision transformer"]),
        "dataset:glue": ("Dataset", "GLUE", []),
        "dataset:mmlu": ("Dataset", "MMLU", []),
        "dataset:imagenet": ("Dataset", "ImageNet", ["ImageNet-1k"]),
        "metric:accuracy": ("Metric", "Accuracy", []),
        "metric:top-1-accuracy": ("Metric", "Top-1 Accuracy", []),
        "task:fine-tuning": ("Task", "Fine-Tuning", ["finetuning"]),
        "task:image-classification": ("Task", "Image Classification", []),
    }
    for eid, (etype, name, aliases) in entities.items():
        g.add_node(eid, type=etype, name=name, aliases=aliases)
    g.add_node("repository:github.com/microsoft/lora", type="Repository", name="microsoft/LoRA", kind="code")
    g.add_node("repository:github.com/google/vit", type="Repository", name="google/vit", kind="code")
    for source, relation, target in [
        ("paper:p1", "PROPOSES", "method:lora"),
        ("paper:p1", "EVALUATED_ON", "dataset:glue"),
        ("paper:p1", "MEASURED_BY", "metric:accuracy"),
        ("paper:p1", "ADDRESSES", "task:fine-tuning"),
        ("paper:p1", "HAS_CODE", "repository:github.com/microsoft/lora"),
        ("paper:p2", "PROPOSES", "method:qlora"),
        ("paper:p2", "USES", "method:lora"),
        ("paper:p2", "EVALUATED_ON", "dataset:mmlu"),
        ("paper:p2", "MEASURED_BY", "metric:accuracy"),
        ("paper:p2", "ADDRESSES", "task:fine-tuning"),
        ("paper:p3", "USES", "method:lora"),
        ("paper:p3", "EVALUATED_ON", "dataset:glue"),
        ("paper:p3", "ADDRESSES", "task:fine-tuning"),
        ("paper:p4", "PROPOSES", "method:vit"),
        ("paper:p4", "EVALUATED_ON", "dataset:imagenet"),
        ("paper:p4", "MEASURED_BY", "metric:top-1-accuracy"),
        ("paper:p4", "ADDRESSES", "task:image-classification"),
        ("paper:p4", "HAS_CODE", "repository:github.com/google/vit"),
        ("paper:p5", "USES", "method:vit"),
        ("paper:p5", "EVALUATED_ON", "dataset:imagenet"),
        ("paper:p5", "ADDRESSES", "task:image-classification"),
        ("paper:p5", "USES", "dataset:imagenet"),
        ("method:qlora", "VARIANT_OF", "method:lora"),
        ("paper:p2", "USES", "dataset:mmlu"),
        ("paper:p3", "MEASURED_BY", "metric:accuracy"),
        ("paper:p1", "USES", "dataset:glue"),
    ]:
        name = g.nodes[target]["name"]
        _edge(g, source, relation, target, f"{g.nodes[source]['name']} {relation.lower()} {name}.")
    return g

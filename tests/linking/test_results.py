"""Numeric claims: the finder's fields on the issue's examples, and Result nodes tied to entities."""

from __future__ import annotations

import pytest

from extractors.results import find_claims
from kg.fragment import ClaimRow, NodeData
from kg.linking.results import link_results
from kg.model import Mention
from kg.schema import NodeType


def mentions_in(text: str, *spans: tuple[str, str]) -> list[Mention]:
    found = []
    for words, type_ in spans:
        start = text.index(words)
        found.append(Mention(start, start + len(words), words, type_, "test", 0.9))
    return found


def claim_fields(text: str, *spans: tuple[str, str]) -> list[tuple]:
    return [
        (
            text[c.start : c.end],
            c.value,
            c.unit,
            c.direction,
            c.from_value,
            c.metric and c.metric.text,
            c.dataset and c.dataset.text,
            c.method and c.method.text,
            c.baseline and c.baseline.text,
        )
        for c in find_claims(text, mentions_in(text, *spans))
    ]


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        (
            "Our ViT-S improves the accuracy by 2.7% compared to the E2E baseline on ImageNet-1K.",
            [("ViT-S", "Method"), ("accuracy", "Metric"), ("E2E", "Method"), ("ImageNet-1K", "Dataset")],
            [("2.7%", 2.7, "%", "increase", None, "accuracy", "ImageNet-1K", "ViT-S", "E2E")],
        ),
        (
            "It reduces peak memory of AnimateDiff from 42GB to 11GB.",
            [("peak memory", "Metric"), ("AnimateDiff", "Method")],
            [("from 42GB to 11GB", 11.0, "GB", "decrease", 42.0, "peak memory", None, "AnimateDiff", None)],
        ),
        (
            "SparseGPT reaches 87.1% top-1 accuracy on ImageNet and a BLEU score of 28.4 on WMT14.",
            [
                ("SparseGPT", "Method"),
                ("top-1 accuracy", "Metric"),
                ("ImageNet", "Dataset"),
                ("BLEU", "Metric"),
                ("WMT14", "Dataset"),
            ],
            [
                ("87.1%", 87.1, "%", "absolute", None, "top-1 accuracy", "ImageNet", "SparseGPT", None),
                ("28.4", 28.4, "", "absolute", None, "BLEU", "WMT14", "SparseGPT", None),
            ],
        ),
        (
            "BitStack gives a 2x speedup over FlashAttention with 35% fewer parameters.",
            [("BitStack", "Method"), ("FlashAttention", "Method")],
            [
                ("2x", 2.0, "x", "increase", None, None, None, "BitStack", "FlashAttention"),
                ("35%", 35.0, "%", "decrease", None, None, None, "BitStack", "FlashAttention"),
            ],
        ),
        (
            # the baseline is named so even when the model typed it a Dataset
            "It improves the accuracy by 2.7% compared to the E2E baseline on ImageNet-1K.",
            [("accuracy", "Metric"), ("E2E", "Dataset"), ("ImageNet-1K", "Dataset")],
            [("2.7%", 2.7, "%", "increase", None, "accuracy", "ImageNet-1K", None, "E2E")],
        ),
        (
            # a share: its metric is the one after "of", else none; never the nearest metric elsewhere
            "LLaMA2-7B gains 0.36% in accuracy using only 2% of the pretraining tokens and 12% of the FLOPs.",
            [("LLaMA2-7B", "Method"), ("accuracy", "Metric"), ("FLOPs", "Metric")],
            [
                ("0.36%", 0.36, "%", "increase", None, "accuracy", None, "LLaMA2-7B", None),
                ("2%", 2.0, "%", "absolute", None, None, None, "LLaMA2-7B", None),
                ("12%", 12.0, "%", "absolute", None, "FLOPs", None, "LLaMA2-7B", None),
            ],
        ),
        (
            "Compared with prior work, a ViT-H achieves 83.0% zero-shot accuracy on ImageNet.",
            [("ViT-H", "Method"), ("zero-shot accuracy", "Metric"), ("ImageNet", "Dataset")],
            [("83.0%", 83.0, "%", "absolute", None, "zero-shot accuracy", "ImageNet", "ViT-H", None)],
        ),
        (
            # a value in brackets after a method's name is that method's own score, not a gain
            "A^2Search-7B yields an AnsF1@1 score of 48.4%, outperforming the larger ReSearch-32B (46.2%).",
            [("A^2Search-7B", "Method"), ("AnsF1@1 score", "Metric"), ("ReSearch-32B", "Method")],
            [
                ("48.4%", 48.4, "%", "absolute", None, "AnsF1@1 score", None, "A^2Search-7B", None),
                ("46.2%", 46.2, "%", "absolute", None, "AnsF1@1 score", None, "ReSearch-32B", None),
            ],
        ),
        ("In 2023, 5 models and 10 datasets were released.", [], []),
    ],
)
def test_claims(text: str, spans: list[tuple[str, str]], expected: list[tuple]) -> None:
    assert claim_fields(text, *spans) == expected


def test_result_nodes_keep_what_they_have_and_say_what_is_missing() -> None:
    metric = NodeData("metric:accuracy", NodeType.METRIC, "accuracy")
    claim = ClaimRow(
        "p1",
        "f:line 1",
        40,
        44,
        2.7,
        "%",
        "increase",
        None,
        "2.7%",
        "It improves accuracy by 2.7%.",
        {"metric": [12, 20, "accuracy", "Metric"], "dataset": [50, 58, "ImageNet", "Dataset"]},
    )
    [fragment] = link_results([claim], {("p1", "f:line 1", 12, 20): metric})
    [node] = fragment.nodes
    assert node.name == "accuracy +2.7%"
    assert node.props["unresolved"] == ["dataset", "method"]  # the dataset mention did not become an entity
    assert {(e.source, e.relation.value, e.target) for e in fragment.edges} == {
        ("p1", "REPORTS", node.id),
        (node.id, "RESULT_METRIC", "metric:accuracy"),
    }

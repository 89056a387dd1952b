"""Name normalisation policy: spelling variants share a key; versions and variants do not."""

from __future__ import annotations

import pytest

from kg.linking.names import name_key, variant_base


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Vision Transformer", "vision transformers"),
        ("Vision Transformer", "Vision-Transformer"),
        ("CIFAR-10", "CIFAR10"),
        ("LLMs", "LLM"),
        ("Mixture-of-Experts", "mixture of experts"),
        ("GANs", "GAN"),
        ("low-rank adaptation", "Low-Rank Adaptation"),
        ("Question Answering", "question-answering"),
        ("ResNet-50", "ResNet50"),
        ("diffusion models", "Diffusion Model"),
        ("Retrieval-augmented Generation", "retrieval augmented generation"),
        ("Large Language Models", "large language model"),
        ("AlphaZero algorithm", "AlphaZero"),
        ("BERT model", "BERT"),
        ("C4 dataset", "C4"),
        ("GLUE benchmark", "GLUE"),
        ("ResNet-50 model", "ResNet-50"),
        ("Mixture-of-Experts models", "Mixture of Experts Models"),
        ("F1 score", "F1"),
        ("F1-score", "F1"),
        ("macro F1 scores", "Macro-F1"),
        ("BLEU score", "BLEU"),
        ("ROUGE-L scores", "ROUGE-L"),
        ("BLEU metric", "BLEU"),
    ],
)
def test_spelling_variants_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ImageNet", "ImageNet-1K"),
        ("GPT-4", "GPT-4o"),
        ("CIFAR-10", "CIFAR-100"),
        ("BERT", "BERT-large"),
        ("Llama 2", "Llama 3"),
        ("loss", "los"),
        ("analysis", "analysi"),
        ("BLEU", "BLEU-4"),
        ("ViT", "VAT"),
        # a generic head stays where the rest is not a name by its shape
        ("language model", "language"),
        ("Hidden Markov model", "Hidden Markov"),
        ("Graph Neural Networks", "Graph Neural"),
        ("Segment Anything Model", "Segment Anything"),
        ("ResNet-like architecture", "ResNet-like"),
        ("accuracy score", "accuracy"),
        ("Dice score", "Dice"),
        ("F-score", "F"),
        ("Z-score", "Z"),
        ("Inception Score", "Inception"),
    ],
)
def test_versions_and_other_names_do_not(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize(
    ("name", "base"),
    [
        ("ImageNet-1K", "ImageNet"),
        ("ImageNet-21k", "ImageNet"),
        ("GPT-4o", "GPT-4"),
        ("GPT-4", "GPT"),
        ("BERT-large", "BERT"),
        ("Llama-2-7B", "Llama-2"),
        ("YOLOv8", "YOLO"),
        ("ResNet50", "ResNet"),
        ("BLEU-4", "BLEU"),
        ("LLM", None),
        ("COCO", None),
        ("T5", None),
        ("F1", None),
        ("Top-1 Accuracy", None),
        ("word2vec", None),
    ],
)
def test_variant_base(name: str, base: str | None) -> None:
    assert variant_base(name) == base

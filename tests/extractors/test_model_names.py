"""Model-family names: which mentions name a model, and the resolver's retyping of them."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

import extractors.pipeline  # noqa: F401
from extractors.candidates import add_candidates
from extractors.model_names import is_model_class, is_model_name


@pytest.mark.parametrize(
    "text",
    ["GPT-4o", "GPT4o", "GPT-4o-mini", "Qwen2.5-VL-7B-Instruct", "Llama 2-13B", "Claude-3.7-sonnet",
     "Gemini 2.0 Flash", "Mistral-7B", "Flan-T5", "mT5", "XLM-R", "RoBERTa-large", "DeepSeek-R1", "ChatGPT",
     "ResNet-50", "ResNets", "EfficientNets", "MobileNet-v2", "ViT-B/16", "wav2vec 2.0", "YOLOv8", "GPTs",
     "ModernBERT", "PubMedBERT", "InstructGPT", "PaliGemma", "MedGemma-27B", "MiniGPT-4", "InceptionResNet-v2",
     "Mamba", "Mamba-2", "VMamba"],
)  # fmt: skip
def test_model_names(text: str) -> None:
    assert is_model_name(text)


@pytest.mark.parametrize(
    "text",
    [
        "GPT-based detection",
        "BERTScore",
        "GPTQ",
        "Gemma-SEA-LION-v3-9B-IT",
        "Mistral winds",
        "",
        "ImageNet",
        "ShareGPT",
        "FACT5",
        "modernBERT",
        "SuperGLUE",
    ],
)
def test_not_model_names(text: str) -> None:
    assert not is_model_name(text)


@pytest.mark.parametrize(
    "text", ["LLMs", "Large Language Models", "Multimodal Large Language Models", "sequence-to-sequence models",
             "Vision-Language Models", "Siamese Transformers", "graph neural networks"],
)  # fmt: skip
def test_kinds_of_models(text: str) -> None:
    assert is_model_class(text)


@pytest.mark.parametrize(
    "text", ["Entity Tracking in Language Models", "Classification with Binary Neural Network", "model", "Models",
             "Probing Language Models", "language modeling", "network", "Knowledge Distillation for LLMs"],
)  # fmt: skip
def test_not_kinds_of_models(text: str) -> None:
    assert not is_model_class(text)


def _resolved(text: str, candidates: tuple[tuple[int, int, str], ...]) -> list[tuple[str, str]]:
    """The resolver's entities for ``text`` given model candidates ``(start, end, label)`` scoring 0.8."""
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_resolver_v1", config={"sources": {"ner": 1.0}})
    doc = nlp.make_doc(text)
    for start, end, label in candidates:
        span = Span(doc, start, end, label=label)
        span.id_ = "ner"
        add_candidates(doc, "ner", [(span, 0.8)])
    doc = nlp.get_pipe("kg_resolver_v1")(doc)
    return [(e.text, e.label_) for e in doc.ents]


def test_the_resolver_retypes_a_dataset_or_task_that_names_a_model_but_not_a_metric() -> None:
    text = "We prompt GPT-4o and Llama 2 on MMLU; the GPT-4 score rises."
    assert _resolved(text, ((2, 3, "Dataset"), (4, 6, "Task"), (7, 8, "Dataset"), (10, 12, "Metric"))) == [
        ("GPT-4o", "Method"),
        ("Llama 2", "Method"),
        ("MMLU", "Dataset"),
        ("GPT-4 score", "Metric"),
    ]


def test_the_resolver_retypes_a_dataset_or_task_that_names_a_kind_of_model() -> None:
    text = "Large Language Models beat ResNets on Entity Tracking in Language Models."
    assert _resolved(text, ((0, 3, "Task"), (4, 5, "Dataset"), (6, 11, "Task"))) == [
        ("Large Language Models", "Method"),
        ("ResNets", "Method"),
        ("Entity Tracking in Language Models", "Task"),
    ]

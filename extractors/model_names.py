"""Names of well-known model families, and whether a mention names one ("GPT-4o", "Llama 2-13B").

The entity model often types a model name as a Dataset: in 1,017 abstracts of the 20k sample that name
GPT, Llama, Gemma, Gemini, Mistral, Qwen, Claude, DeepSeek or T5, 444 entities starting with one of
these names were typed Dataset and 594 Method. The Papers with Code lists behind the KB predate most
of these models. The resolver uses :func:`is_model_name` to retype such a Dataset or Task entity as a
Method. It never creates an entity, and Metrics stay as they are ("GPT-4 score" can be a judge
metric).

A mention is a model name when its first word is a family stem, optionally with a version glued on
("GPT4o", "Qwen2.5") or a capitalised prefix before it ("ModernBERT", "InstructGPT"; not "ShareGPT", data),
and every later word has a digit or is a variant word ("7B", "Instruct", "Flash"). So "Gemini 2.0 Flash" and
"Claude-3.7-sonnet" are model names; "GPT-based detection" and "BERTScore" are not.
"""

from __future__ import annotations

import re

__all__ = ["MODEL_FAMILIES", "MODEL_HEADS", "is_model_class", "is_model_name"]

# Hand-listed (kg-curated). Left out as ambiguous: OPT, Phi, Yi, Falcon, Bloom (words or other things).
MODEL_FAMILIES = (
    "ALBERT", "Alpaca", "Baichuan", "BART", "BERT", "ChatGLM", "ChatGPT", "Claude", "CLIP", "CodeLlama",
    "Codex", "DeBERTa", "DeepSeek", "DistilBERT", "ELECTRA", "Flan", "Gemini", "Gemma", "GLM", "GPT",
    "InternLM", "InternVL", "LLaMA", "LLaVA", "Llama", "Mamba", "Mistral", "Mixtral", "mT5", "OLMo", "PaLM",
    "Pythia", "Qwen", "RoBERTa", "StarCoder", "T5", "Vicuna", "XLM", "XLNet",
    # vision and speech backbones
    "AlexNet", "ConvNeXt", "DeiT", "DenseNet", "DETR", "EfficientNet", "HuBERT", "MobileNet", "ResNet", "ResNeXt",
    "Swin", "VGG", "ViT", "wav2vec", "Whisper", "YOLO",
)  # fmt: skip
# the last word of a kind of model ("Large Language Models", "State Space Models", "Kolmogorov-Arnold Networks")
MODEL_HEADS = frozenset(["model", "models", "network", "networks", "transformer", "transformers", "llm", "llms"])
# "Classification with Binary Neural Networks", "Entity Tracking in Language Models": a task done on or with a model
TASK_PREPOSITIONS = frozenset(
    ["with", "within", "of", "for", "on", "in", "to", "from", "via", "using", "by", "through", "across", "under"]
)
VARIANT_WORDS = frozenset(
    ["base", "large", "small", "mini", "medium", "tiny", "xl", "xxl", "instruct", "chat", "sonnet", "opus",
     "haiku", "flash", "pro", "ultra", "turbo", "vl", "vision", "coder", "code", "math", "it", "hf", "preview",
     "nano", "lite", "plus", "max", "omni", "r", "roberta"]
)  # fmt: skip

# a version glued on and a plural "s" after a family name: "GPT4o", "Qwen2.5", "ResNets"
_VERSION = r"(?:v?\d[\d.]*[a-z]?)?s?"


def _families(min_length: int = 1) -> str:
    """The family names as regex alternatives, longest first."""
    return "|".join(re.escape(f) for f in sorted(MODEL_FAMILIES, key=len, reverse=True) if len(f) >= min_length)


_STEM = re.compile(f"(?:{_families()}){_VERSION}", re.IGNORECASE)
# a family name glued to a capitalised prefix: "ModernBERT", "PubMedBERT", "InstructGPT", "PaliGemma", "MedGemma"
# (on the 20k abstracts 28 such names were Datasets, all models); families of two letters are left out ("FACT5")
_GLUED_STEM = re.compile(f"[A-Z][A-Za-z]*(?i:{_families(3)}){_VERSION}")
# data named after a model it collected from ("ShareGPT": conversations users shared from ChatGPT)
NOT_MODELS = frozenset(["ShareGPT"])
_SPLIT = re.compile(r"[\s\-‐]+")


def is_model_name(text: str) -> bool:
    """Whether ``text`` names a model of a listed family, with at most version, size and variant words."""
    words = [w for w in _SPLIT.split(text.strip()) if w]
    if not words or words[0] in NOT_MODELS or not (_STEM.fullmatch(words[0]) or _GLUED_STEM.fullmatch(words[0])):
        return False
    return all(any(ch.isdigit() for ch in w) or w.lower() in VARIANT_WORDS for w in words[1:])


def is_model_class(name: str) -> bool:
    """Whether ``name`` names a kind of model ("Large Language Models", "State Space Models", "LLMs",
    "Kolmogorov-Arnold Networks"), not a task done with one ("Classification with Binary Neural Network",
    "Probing Language Models", "Entity Tracking in Language Models")."""
    words = name.split()
    if not words or words[-1].lower() not in MODEL_HEADS:
        return False
    if len(words) == 1:
        return words[0].lower() in {"llm", "llms"}
    return not TASK_PREPOSITIONS & {w.lower() for w in words} and not words[0].lower().endswith("ing")

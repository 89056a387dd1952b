"""Entity-name normalisation: which spellings are the same name.

Policy
------
* Case, hyphens, spaces, underscores, slashes and a trailing plural are spelling variants of one name:
  "Vision Transformer", "vision transformers", "Vision-Transformer" and "CIFAR-10" / "CIFAR10"
  share a key.
* A proper name followed by a lower-case generic head is the name: "AlphaZero algorithm", "BERT model",
  "C4 dataset", "GLUE benchmark" and "F1 score" (also "F1-score") are "AlphaZero", "BERT", "C4", "GLUE"
  and "F1". "language model", "Hidden Markov model", "Segment Anything Model" and "ResNet-like
  architecture" keep their heads.
* Versions and variants are different names: "ImageNet-1K" is not "ImageNet", "GPT-4o" is not
  "GPT-4". They become separate nodes joined by a VARIANT_OF edge (see ``variant_base``).
"""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/]+")
_NON_KEY = re.compile(r"[^0-9a-z+#.]")
# Version and size suffixes after a base name, tried in order: "GPT-4o", "BERT-large",
# "Llama-2-7B" / "ImageNet-1K" / "BLEU-4" (separated number), "ResNet50" / "YOLOv8" (attached number).
_VARIANT_PATTERNS = (
    re.compile(r"^(?P<base>.+?\d)o$"),
    re.compile(
        r"^(?P<base>.+?)[\s\-_]+(?:base|large|small|tiny|huge|xl|xxl|mini|lite|pro|plus|turbo|ultra|instruct|chat)$",
        re.IGNORECASE,
    ),
    re.compile(r"^(?P<base>.*[A-Za-z0-9])[\s\-_]v?\d+(?:\.\d+)*[kKmMbB]?$"),
    re.compile(r"^(?P<base>.*?[A-Za-z])v?\d+(?:\.\d+)*[kKmMbB]?$"),
)
_PLURAL_EXCEPTIONS = frozenset(["bias", "analysis", "lens", "class", "loss", "process", "gaussians", "gans", "glass"])


def _singular(word: str) -> str:
    """Strip an English plural from the last word of a name ("transformers" -> "transformer")."""
    if len(word) <= 3 or word in _PLURAL_EXCEPTIONS or not word.isalpha() or word.isupper():
        return word.lower()
    lower = word.lower()
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-3] + "y"
    if lower.endswith(("sses", "shes", "ches", "xes")):
        return lower[:-2]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is", "os")):
        return lower[:-1]
    return lower


_NAMED_HEADS = frozenset(
    [
        "algorithm",
        "algorithms",
        "model",
        "models",
        "method",
        "methods",
        "framework",
        "frameworks",
        "architecture",
        "architectures",
        "dataset",
        "datasets",
        "benchmark",
        "benchmarks",
        "corpus",
        "approach",
        "system",
        "scheme",
        "technique",
        "score",
        "scores",
        "metric",
        "metrics",
    ]
)
# heads also written joined to the name by a hyphen: "F1-score" is "F1"
_HYPHENATED_HEADS = frozenset(["score", "scores"])


def _proper_name(words: list[str]) -> bool:
    """Words that are a name by their shape: a digit, or a capital inside a word ("AlphaZero", "BERT", "C4").

    Capitalised words alone are not enough: "Hidden Markov model" is the name "Hidden Markov Model".
    """
    pieces = [piece for w in words for piece in re.split(r"[-/]", w)]
    return any(ch.isdigit() for w in words for ch in w) or any(ch.isupper() for p in pieces for ch in p[1:])


def without_head(name: str) -> str:
    """``name`` without a lower-case generic head after a proper name ("AlphaZero algorithm" -> "AlphaZero",
    "F1 score" and "F1-score" -> "F1")."""
    words = name.split()
    if words and "-" in words[-1]:
        stem, _, head = words[-1].rpartition("-")
        if head in _HYPHENATED_HEADS and stem:
            words = [*words[:-1], stem, head]
    if len(words) < 2 or not words[-1].islower() or words[-1] not in _NAMED_HEADS:
        return name
    rest = words[:-1]
    if rest[-1].lower().endswith(("-like", "-based", "-style", "-type", "-inspired")) or not _proper_name(rest):
        return name
    return " ".join(rest)


def name_key(name: str) -> str:
    """The key two spellings of one name share: folded case, no separators, singular last word, no generic head."""
    text = without_head(unicodedata.normalize("NFKC", name).strip())
    words = [w for w in _SEPARATORS.split(text) if w]
    if not words:
        return ""
    words[-1] = _singular(words[-1])
    return _NON_KEY.sub("", "".join(words).casefold())


def variant_base(name: str) -> str | None:
    """The base name a version or variant name refines ("ImageNet-1K" -> "ImageNet"), else None."""
    name = name.strip()
    for pattern in _VARIANT_PATTERNS:
        match = pattern.match(name)
        if match:
            base = match.group("base").rstrip(" -_")
            if len(base) >= 2 and name_key(base) != name_key(name):
                return base
    return None

"""Entity-name normalisation: which spellings are the same name.

Policy
------
* Case, hyphens, spaces, underscores, slashes and a trailing plural are spelling variants of one name:
  "Vision Transformer", "vision transformers", "Vision-Transformer" and "CIFAR-10" / "CIFAR10"
  share a key.
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


def name_key(name: str) -> str:
    """The key two spellings of one name share: folded case, no separators, singular last word."""
    text = unicodedata.normalize("NFKC", name).strip()
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

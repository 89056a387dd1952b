"""Metric words that often mean something else, and the contexts that say so: "precision" and "recall".

"precision" is a metric (precision and recall) in evaluation sentences, but in quantization and systems
abstracts it is numeric precision ("full-precision model", "8-bit precision", "FP16 precision",
"reducing the precision of weights"), and in compounds another thing again ("precision medicine",
"precision matrix"). The model and the KB learnt the metric from corpora of NLP abstracts, so on the
seeds 22 of the 23 "precision" Metric mentions were numeric precision in quantization papers. The gold training
splits agree with these rules: none of their numeric or compound uses is annotated as the metric
(``mixed precision training`` is a Method, ``precision medicine`` a Task).

"recall" is also a verb ("to recall the knowledge from pretraining") or names a process ("a story recall
task"): on 2,000 abstracts of the 20k sample 4 of 45 "recall" Metrics were of this kind (two of them, "Recall
and Learn" and "a recall and learn mechanism", have no cue these rules can read and stay).

:func:`other_sense` says whether a Metric span ending in such a word is used in another sense; the
resolver then drops that candidate.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from extractors.candidates import hyphen_joined

__all__ = ["other_sense"]

SENSE_WORDS = frozenset(["precision", "precisions"])
# "full-precision", "half precision", "FP16 precision", "8-bit precision", "bits of precision"
NUMERIC_MODIFIERS = frozenset(
    ["full", "half", "single", "double", "mixed", "arbitrary", "variable", "fixed", "reduced", "ultra-low",
     "numerical", "numeric", "machine", "floating", "floating-point", "point", "bit", "bits", "byte", "bytes"]
)  # fmt: skip
NUMBER_FORMAT = re.compile(r"^(?:fp|bf|int|uint|float|bfloat|tf)\d+$|^\d+-?bits?$|^w\d+a\d+$", re.IGNORECASE)
# a compound "precision X" names X, not the metric: "precision tensors", "precision medicine"
COMPOUND_HEADS = frozenset(
    ["tensor", "tensors", "parameter", "parameters", "weight", "weights", "activation", "activations", "gradient",
     "gradients", "arithmetic", "format", "formats", "floating", "floating-point", "matrix", "matrices", "medicine",
     "agriculture", "farming", "motion", "grasp", "grasps", "training", "inference", "computation", "computations",
     "computing", "model", "models", "llm", "llms", "kernel", "kernels", "acceleration", "accelerator", "alignment",
     "component", "components", "number", "numbers", "quantization", "mode", "setting", "settings", "level",
     "levels", "instrument", "instruments", "manufacturing", "engineering", "multiplication"]
)  # fmt: skip
# "the precision of weights": what the precision is of
NUMERIC_OBJECTS = frozenset(
    ["weights", "weight", "activations", "parameters", "gradients", "tensors", "values", "numbers", "computations",
     "arithmetic", "representations", "embeddings", "states", "cache"]
)  # fmt: skip
# in a sentence about number formats, "precision" is numeric unless it stands with other metrics
QUANTIZATION_CUE = re.compile(
    r"quantiz|\d-?bits?\b|\bbit[- ]?(?:level|width)|\b(?:fp|bf|int)(?:4|8|16|32)\b|floating[- ]point"
    r"|(?:full|half|mixed|low|arbitrary)-precision",
    re.IGNORECASE,
)
METRIC_COMPANIONS = frozenset(["recall", "recalls", "f1", "f-score", "f-measure", "accuracy", "@", "map", "auc"])
# "recall" the verb: after "to"/a modal/a subject, before an object; or the head of a process name
RECALL_VERB_BEFORE = frozenset(["can", "could", "may", "might", "will", "would", "we", "they", "models", "i"])
RECALL_VERB_AFTER = frozenset(["the", "a", "an", "their", "its", "our", "what", "how", "knowledge", "facts"])
RECALL_NOUN_AFTER = frozenset(["and", "or", "than", "of", "at", "in", "on", "for", "with", "by", "is", "was", "rate"])
RECALL_PROCESS_HEADS = frozenset(["task", "tasks", "mechanism", "test", "tests", "questions", "ability"])
_BEFORE_OBJECT = frozenset(["the", "a", "an", "its", "their", "model", "our"])


def _other_sense_at(doc: Doc, i: int) -> bool:
    """Whether the word at token ``i`` ("precision") is not the metric there."""
    left = [t.lower_ for t in doc[max(0, i - 2) : i]]
    if hyphen_joined(doc, i) and doc[i - 2].lower_ not in {"micro", "macro", "r", "average", "mean"}:
        return True
    if any(word in NUMERIC_MODIFIERS or NUMBER_FORMAT.match(word) for word in left):
        return True
    after = i + 1
    if after < len(doc) and doc[i].whitespace_ and doc[after].lower_ in COMPOUND_HEADS:
        return True
    if after < len(doc) and doc[after].lower_ == "of":
        k = after + 1
        while k < len(doc) and doc[k].lower_ in _BEFORE_OBJECT:
            k += 1
        if k < len(doc) and doc[k].lower_ in NUMERIC_OBJECTS:
            return True
    sentence = doc[i].sent if doc.has_annotation("SENT_START") else doc[:]
    if not QUANTIZATION_CUE.search(sentence.text):
        return False
    near = doc[max(sentence.start, i - 3) : min(sentence.end, i + 4)]
    return not any(t.lower_ in METRIC_COMPANIONS for t in near)


def _recall_is_verb(doc: Doc, i: int) -> bool:
    """Whether "recall" at token ``i`` is the verb or names a process ("to recall the knowledge", "a story recall
    task"), not the metric ("precision and recall", "a recall of 75.4%")."""
    before = doc[i - 1].lower_ if i > 0 else ""
    after = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    if after in RECALL_VERB_AFTER or after in RECALL_PROCESS_HEADS:
        return True
    if before == "to":  # "to recall facts", not "weight assigned to recall." or "to recall and precision"
        return i + 1 < len(doc) and doc[i + 1].is_alpha and after not in RECALL_NOUN_AFTER
    return before in RECALL_VERB_BEFORE


def other_sense(doc: Doc, start: int, end: int) -> bool:
    """Whether the Metric span ``doc[start:end]`` holds a word like "precision" used in another sense there."""
    for i in range(start, end):
        word = doc[i].lower_
        if word in SENSE_WORDS and _other_sense_at(doc, i):
            return True
        if word == "recall" and end - start == 1 and _recall_is_verb(doc, i):
            return True
    return False

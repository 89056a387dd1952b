"""Rules for what abstracts say about their entities, written as candidates to ``doc.spans["patterns"]``.

Each candidate's ``id_`` is the rule, which is also the relation cue the linking stage can use:

=================  =====================================================  ========
rule (``id_``)     says                                                   type
=================  =====================================================  ========
``proposes``       "we propose/introduce/present X", "X, called/named Y"  Method, or what its head noun says
                   ("X, a corpus of", "the X dataset", "a metric, coined Y") (Dataset, Task, Metric)
``evaluated_on``   "on the Y dataset/benchmark", "on A, B and C datasets" Dataset (with the head noun when adjacent)
                   "experiments on A and B", "evaluated on A"            (names; not a known model name)
``measured_by``    "in terms of Z", "N% Z", "a Z of N",                   Metric
                   "improves Z by N", "reducing Z of X from N to M"
``compared_with``  "outperforms A and B", "compared with A"               Method
``addresses``      "the task of T", "for the T task"                      Task
=================  =====================================================  ========

There is no tagger in the pipeline, so phrases are delimited by rules: a *name* is a run of tokens
with a capital or digit ("Mixture of Shards", "BERT-large", "CIFAR-10"), a *term* a short run of
words up to punctuation or a function word ("top-1 accuracy"). A name before a dataset head does not
start with a function word, quantifier or article ("All datasets", "Most corpora", "Les corpus") or a
capitalised "-ing" word at a sentence start or in a title ("Leveraging datasets"), and in a title it is
more than one plain capitalised word ("An Annotated Corpus for ...": every title word has a capital).
A phrase followed by an abbreviation definition is taken as the detected long form.

"the task of T" and "in terms of Z" (unless Z ends in a measure's name: "Spearman correlations") are cues the
model must confirm: alone they score below the resolver's cut, since on the dev sets such spans were the gold
entity 1 time in 25 ("the problem of comparing them", "in terms of graph structure"). They still tell the
linking stage how a paper relates to an entity the model or the KB found on the same span.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extractors.abbreviations import USER_DATA_KEY
from extractors.candidates import add_candidates, hyphen_joined
from extractors.kb_matcher import is_acronym
from extractors.model_names import is_model_name

__all__ = ["PatternRules"]

SPANS_KEY = "patterns"

PROPOSE = frozenset(
    [
        "propose",
        "proposes",
        "introduce",
        "introduces",
        "present",
        "presents",
        "develop",
        "develops",
        "design",
        "designs",
    ]
)
SUBJECTS = frozenset(["we", "paper", "work", "study", "article", "here"])
NAMING = frozenset(["called", "named", "dubbed", "termed", "coined"])
DATASET_HEADS = frozenset(["dataset", "datasets", "benchmark", "benchmarks", "corpus", "corpora", "treebank"])
# what else a paper introduces as data ("a new language resource", "a lexical database")
RESOURCE_HEADS = frozenset(["resource", "database", "lexicon", "dictionary", "collection", "testbed", "suite"])
# head nouns of a new thing that is no method ("the ConvCom task", "a metric called MOS")
INTRODUCED_HEADS = {"task": "Task", "tasks": "Task", "metric": "Metric", "measure": "Metric", "score": "Metric"}
# words that end an apposition's noun phrase before its head could come ("a tool that ...", "a model for ...")
APPOSITION_STOPS = frozenset(
    ["for", "that", "which", "who", "to", "of", "in", "with", "on", "from", "by", "using", "where", "designed",
     "based", "built", "containing", "consisting", "."]
)  # fmt: skip
COMPARE = frozenset(
    ["outperform", "outperforms", "outperformed", "outperforming", "surpass", "surpasses", "surpassed", "beats"]
)
SKIP = frozenset(
    [
        "a",
        "an",
        "the",
        "our",
        "this",
        "these",
        "two",
        "three",
        "several",
        "novel",
        "new",
        "simple",
        "effective",
        "efficient",
        "unified",
        "general",
        "generic",
        "first",
        "large-scale",
        "lightweight",
        "strong",
        "state-of-the-art",
        "existing",
        "standard",
        "popular",
        "recent",
        "public",
        "publicly",
        "available",
        "well-known",
        "challenging",
        "widely",
        "used",
        "various",
        "multiple",
        "both",
        "all",
        "other",
    ]
)
STOP = frozenset(
    [
        "that",
        "which",
        "who",
        "to",
        "for",
        "with",
        "in",
        "on",
        "by",
        "at",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "using",
        "via",
        "based",
        "where",
        "when",
        "while",
        "than",
        "into",
        "over",
        "under",
        "through",
        "between",
        "against",
        "without",
        "within",
        "achieves",
        "achieve",
        "obtains",
        "obtain",
        "and",
        "or",
        "but",
        "also",
        "can",
        "could",
        "may",
        "might",
        "will",
        "would",
        "shows",
        "show",
        "demonstrates",
        "demonstrate",
    ]
)
CHANGE_VERBS = frozenset(
    f"{stem}{ending}"
    for stem, endings in {
        "improv": ("e", "es", "ed", "ing"),
        "reduc": ("e", "es", "ed", "ing"),
        "increas": ("e", "es", "ed", "ing"),
        "decreas": ("e", "es", "ed", "ing"),
        "boost": ("", "s", "ed", "ing"),
        "lower": ("", "s", "ed", "ing"),
        "rais": ("e", "es", "ed", "ing"),
        "sav": ("e", "es", "ed", "ing"),
        "cut": ("", "s", "ting"),
    }.items()
    for ending in endings
)
# "experiments on A and B", "evaluated on A": the names after "on" are what was evaluated on
EVALUATION_WORDS = frozenset(
    ["experiments", "experiment", "results", "evaluation", "evaluations", "evaluate", "evaluated", "evaluating",
     "tested", "test", "benchmarked", "conducted", "performed"]
)  # fmt: skip
CONNECTORS = frozenset(["of", "for", "-", "/", "+", "&"])
METRIC_WORDS = frozenset(
    [
        "accuracy",
        "precision",
        "recall",
        "f1",
        "f-score",
        "f1-score",
        "f-measure",
        "bleu",
        "rouge",
        "rouge-l",
        "meteor",
        "cider",
        "spice",
        "map",
        "auc",
        "roc-auc",
        "perplexity",
        "error",
        "wer",
        "cer",
        "mrr",
        "ndcg",
        "iou",
        "miou",
        "psnr",
        "ssim",
        "fid",
        "top-1",
        "top-5",
        "em",
        "exact-match",
        "correlation",
    ]
)

# last words of a measure's name ("F1 score", "error rate"): "in terms of" them is a metric even without the model
MEASURE_HEADS = frozenset(["score", "rate", "ratio", "distance", "divergence", "coefficient"])

METRIC_MODIFIERS = frozenset(
    ["average", "averaged", "mean", "overall", "macro", "micro", "weighted", "balanced", "exact", "test", "validation",
     "classification", "word", "character", "pixel", "relative", "absolute", "top-1", "top-5", "top1", "top5"]
)  # fmt: skip


def _namelike(text: str) -> bool:
    """A token that can be part of a name: a capital anywhere, or letters with digits."""
    if not text or not text[0].isalnum():
        return False
    return any(ch.isupper() for ch in text) or (any(ch.isdigit() for ch in text) and any(ch.isalpha() for ch in text))


def name_after(doc: Doc, i: int, end: int) -> Span | None:
    """The name starting at or after token ``i`` (skipping determiners/adjectives), before ``end``."""
    while i < end and doc[i].lower_ in SKIP:
        i += 1
    if i >= end or not _namelike(doc[i].text):
        return None
    j = i + 1
    while j < end:
        t = doc[j]
        if _namelike(t.text):
            j += 1
        elif t.text in CONNECTORS and j + 1 < end and _namelike(doc[j + 1].text):
            j += 2
        else:
            break
    return doc[i:j]


def _head_type(word: str) -> str | None:
    """The entity type a head noun says a new thing is ("dataset" -> Dataset, "metric" -> Metric), if any."""
    return "Dataset" if word in DATASET_HEADS or word in RESOURCE_HEADS else INTRODUCED_HEADS.get(word)


def introduced_type(doc: Doc, name: Span, end: int, named_by: int | None = None) -> str:
    """What a paper says its new ``name`` is, from the head nouns around it: its own last word ("Bahrain
    Corpus"), the word after it or after its short form ("the ExPUNations (ExPUN) dataset", "the ConvCom task"),
    an apposition ("TwiConv, an English coreference-annotated corpus", "OpenMEVA, a benchmark for ...") or, for
    "called"/"named" at ``named_by``, the word before ("an evaluation metric, coined KDA"); Method otherwise."""
    found = _head_type(name[-1].lower_)
    k = name.end
    if k + 2 < end and doc[k].text == "(" and doc[k + 2].text == ")":
        k += 3  # "the ExPUNations (ExPUN) dataset"
    if found is None and k < end:
        found = _head_type(doc[k].lower_)
    if (
        found is None
        and k + 1 < end
        and doc[k].text in {",", ":", "–", "—"}
        and doc[k + 1].lower_ in {"a", "an", "the"}
    ):
        for tok in doc[k + 2 : min(end, k + 10)]:  # "Mintaka, a complex, natural, and multilingual dataset"
            if tok.lower_ in APPOSITION_STOPS:
                break
            if not tok.whitespace_ and tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-":
                continue  # "a task-oriented dialogue system": a modifier, not the head
            found = _head_type(tok.lower_)
            if found is not None:
                break
    if named_by is None and name.start > 0 and doc[name.start - 1].lower_ in NAMING:
        named_by = name.start - 1  # "we propose an evaluation metric, coined KDA"
    if found is None and named_by is not None:
        before = named_by - 1 if named_by - 1 >= 0 and doc[named_by - 1].text != "," else named_by - 2
        found = _head_type(doc[before].lower_) if before >= 0 else None
    return found or "Method"


def title_cased(sent: Span) -> bool:
    """Whether a sentence capitalises its words as a title does ("A Comprehensive Benchmark for ..."): 3 or more
    words of 4 letters and most of them (60%) capitalised."""
    words = [t.text for t in sent if t.is_alpha and len(t) >= 4]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


# words that open a phrase without naming anything ("Most corpora", "Different Twitter Datasets", "Les corpus")
NOT_NAME_OPENERS = frozenset(
    ["most", "many", "some", "such", "each", "every", "any", "few", "different", "individual", "suitable", "smaller",
     "larger", "le", "la", "les", "un", "une", "el", "los", "las", "die", "der", "das", "one", "four", "five"]
)  # fmt: skip


def _plain_capitalised(tok: Token) -> bool:
    """A capital, then lower case only, no digit: a word a title or sentence start capitalises ("Annotated")."""
    text = tok.text
    return text[:1].isupper() and text[1:] == text[1:].lower() and not any(c.isdigit() for c in text)


def _opens_no_name(tok: Token, sent_start: int, titled: bool) -> bool:
    """A function word, quantifier or article ("All", "Most", "Les"), or a capitalised "-ing" word at a sentence
    start or in a title ("Evaluating Parallel Corpora", "Leveraging datasets")."""
    low = tok.lower_
    if low in SKIP or low in STOP or low in NOT_NAME_OPENERS or tok.text in CONNECTORS:
        return True
    return (titled or tok.i == sent_start) and _plain_capitalised(tok) and len(low) > 5 and low.endswith("ing")


def strong_name(name: Span | None, sent: Span, titled: bool) -> Span | None:
    """``name`` without the leading words of :func:`_opens_no_name`; None if nothing is left, or if in a title
    only one plain capitalised word is ("Annotated Corpus", "Parallel Corpus": every title word has a capital;
    "Romanian Read Speech Corpus", "GerParCor" stay)."""
    if name is None:
        return None
    i = name.start
    while i < name.end and _opens_no_name(name.doc[i], sent.start, titled):
        i += 1
    if i == name.end or (titled and name.end - i == 1 and _plain_capitalised(name.doc[i])):
        return None
    return name.doc[i : name.end]


def name_before(doc: Doc, j: int, start: int) -> Span | None:
    """The name ending just before token ``j`` (not before ``start``)."""
    i = j
    while i - 1 >= start and (_namelike(doc[i - 1].text) or (doc[i - 1].text == "-" and i - 2 >= start)):
        i -= 1
    while i < j and not _namelike(doc[i].text):
        i += 1
    return doc[i:j] if i < j else None


def _participle_before_stop(doc: Doc, j: int, end: int) -> bool:
    """Whether token ``j`` is a lower-case "-ed" word followed by a function word ("associated with")."""
    t = doc[j]
    return t.is_lower and len(t) > 4 and t.text.endswith("ed") and j + 1 < end and doc[j + 1].lower_ in STOP


def term_after(doc: Doc, i: int, end: int, max_len: int = 4) -> Span | None:
    """A short run of words (no punctuation, no function word) starting at ``i``."""
    while i < end and doc[i].lower_ in SKIP:
        i += 1
    j = i
    while j < end and j - i < max_len:
        t = doc[j]
        if t.is_space or t.lower_ in STOP or (t.is_punct and t.text != "-"):
            break
        if j > i and _participle_before_stop(doc, j, end):  # "costs [associated with]", "cost [obtained by]"
            break
        j += 1
    while j > i and doc[j - 1].text == "-":
        j -= 1
    return doc[i:j] if j > i else None


def changed_quantity(doc: Doc, i: int, end: int) -> Span | None:
    """The quantity a change verb changes by a number: "improves [the accuracy] by 2.7%",
    "reducing [peak memory] of AnimateDiff from 42GB to 11GB", "saving [the training cost] by 43%"."""
    while i < end and doc[i].lower_ in SKIP:
        i += 1
    j = i
    while j < end and j - i < 3 and doc[j].is_alpha and doc[j].is_lower and doc[j].lower_ not in STOP | {"of"}:
        j += 1
    if j == i:
        return None
    k = j
    if k < end and doc[k].lower_ == "of":  # "of AnimateDiff": skip the thing measured, up to 4 tokens
        k = next((m for m in range(k + 1, min(end, k + 6)) if doc[m].lower_ in {"by", "from"}), end)
    if k + 1 < end and doc[k].lower_ in {"by", "from"} and doc[k + 1].like_num:
        return doc[i:j]
    return None


def metric_before_value(doc: Doc, of: int, start: int) -> Span | None:
    """The metric named before "of N": "an RMSE of 0.61%", "a BLEU score of 28.4", "FID scores of 1.91".

    Only a metric word ("accuracy", "BLEU") or an acronym ("RMSE", "mAP") counts: "a batch size of 32" and
    "a total of 5" are no metrics."""
    j = of
    if j - 1 >= start and doc[j - 1].lower_ in {"score", "scores"}:
        j -= 1
    if j - 1 < start:
        return None
    word, value = doc[j - 1], doc[of + 1].text
    if not value[0].isdigit() or re.fullmatch(r"(?:19|20)\d\d", value):  # "of one", "GPT-4 of 2023": no values
        return None
    acronym = is_acronym(word.text) and not is_model_name(word.text)
    if word.lower_ not in METRIC_WORDS and not acronym:
        return None
    first = j - 1
    while first - 1 >= start and j - first < 4:
        if first - 2 >= start and hyphen_joined(doc, first):
            first -= 2  # "instance-F1", "macro-averaged F1 score": the hyphenated name whole
        elif doc[first - 1].lower_ in METRIC_MODIFIERS:
            first -= 1  # "an average precision of 98%", "a macro F1 of 0.8"
        else:
            break
    return doc[first:of]


def names_a_measure(span: Span) -> bool:
    """A term ending in a metric word or a measure's head: "Spearman correlations", "F1 scores", "error rate"."""
    last = span[-1].lower_
    return last in METRIC_WORDS or last.removesuffix("s") in METRIC_WORDS | MEASURE_HEADS


def coordinated(doc: Doc, first: Span, end: int, finder, comma_lists: bool = True) -> list[Span]:
    """``first`` and the phrases coordinated with it: "A, B and C", "A, B, or C".

    A list ends at its conjunction: the phrase after "and"/"or" is its last ("in terms of A and B, obtained
    by": not "obtained"). Without ``comma_lists``, phrases joined by commas alone count only when a
    conjunction follows them ("in terms of A, we treat them": A only); names need no conjunction
    ("results on tst2013, tst2014, tst2015")."""
    found = [first]
    complete = 1  # phrases in ``found`` known to belong to the list
    k = first.end
    while k < end and doc[k].lower_ in {",", "and", "or"}:
        conjunction = False
        while k < end and doc[k].lower_ in {",", "and", "or"}:
            conjunction = conjunction or doc[k].lower_ in {"and", "or"}
            k += 1
        nxt = finder(doc, k, end)
        if nxt is None:  # "A, B and shifted versions of C": A and B were the list's phrases
            complete = len(found) if conjunction or comma_lists else complete
            break
        found.append(nxt)
        k = nxt.end
        if conjunction:
            complete = len(found)
            break
        if comma_lists:
            complete = len(found)
    return found[:complete]


class PatternRules:
    """Apply the rules to each sentence and write typed, cue-labelled candidates."""

    def __init__(self, nlp: Language, name: str = "kg_patterns") -> None:
        self.name = name

    def _long_forms(self, doc: Doc) -> dict[int, Span]:
        """Long forms of detected abbreviations, by their first token."""
        return {ls: doc[ls:le] for s, e, ls, le in doc.user_data.get(USER_DATA_KEY, []) if le <= s}

    def __call__(self, doc: Doc) -> Doc:
        """Add rule candidates for every sentence."""
        found: list[tuple[Span, float]] = []
        long_forms = self._long_forms(doc)
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]

        def add(span: Span | None, label: str, rule: str, score: float) -> None:
            if span is None or len(span) == 0 or len(span) > 10:
                return
            span = doc[span.start : span.end]
            span.label_, span.id_ = label, rule
            found.append((span, score))

        for sent in sents:
            end = sent.end
            titled: bool | None = None  # worked out once, when a dataset head needs it
            for tok in sent:
                low = tok.lower_
                i = tok.i
                if (
                    low in PROPOSE
                    and i > sent.start
                    and any(t.lower_ in SUBJECTS for t in doc[max(sent.start, i - 3) : i])
                ):
                    long = next((long_forms[k] for k in range(i + 1, min(end, i + 8)) if k in long_forms), None)
                    name = long or name_after(doc, i + 1, end)
                    if name is not None:
                        add(name, introduced_type(doc, name, end), "proposes", 0.6)
                elif low in NAMING:
                    name = name_after(doc, i + 1, end)
                    if name is not None:
                        add(name, introduced_type(doc, name, end, named_by=i), "proposes", 0.55)
                elif low in DATASET_HEADS and i > sent.start:
                    titled = title_cased(sent) if titled is None else titled
                    last = strong_name(name_before(doc, i, sent.start), sent, titled)
                    if last is not None:
                        # SciERC/TDMSci/SciNLP annotate "SQuAD dataset" with its head noun
                        add(doc[last.start : i + 1], "Dataset", "evaluated_on", 0.6)
                        # "on A, B and C datasets": walk back over the list
                        k = last.start
                        while k - 1 > sent.start and doc[k - 1].lower_ in {",", "and", "or"}:
                            k -= 1
                            while k - 1 > sent.start and doc[k - 1].lower_ in {",", "and", "or"}:
                                k -= 1
                            prev = strong_name(name_before(doc, k, sent.start), sent, titled)
                            if prev is None:
                                break
                            add(prev, "Dataset", "evaluated_on", 0.55)
                            k = prev.start
                elif (
                    low == "terms"
                    and i > sent.start
                    and doc[i - 1].lower_ == "in"
                    and i + 1 < end
                    and doc[i + 1].lower_ == "of"
                ):
                    first = term_after(doc, i + 2, end)
                    if first is not None:
                        for span in coordinated(doc, first, end, term_after, comma_lists=False):
                            add(span, "Metric", "measured_by", 0.5 if names_a_measure(span) else 0.35)
                elif low in COMPARE or (low == "than" and i > sent.start and doc[i - 1].lower_ in {"better", "faster"}):
                    first = name_after(doc, i + 1, end)
                    if first is not None:
                        for span in coordinated(doc, first, end, name_after):
                            add(span, "Method", "compared_with", 0.5)
                elif low in {"%", "percent"} or (tok.like_num and i + 1 < end and doc[i + 1].lower_ in METRIC_WORDS):
                    k = i + 1
                    if k < end and doc[k].lower_ in METRIC_WORDS:
                        j = k + 1
                        if j < end and doc[j].lower_ in {"score", "scores"}:
                            j += 1
                        add(doc[k:j], "Metric", "measured_by", 0.6)
                elif low == "on" and any(t.lower_ in EVALUATION_WORDS for t in doc[max(sent.start, i - 3) : i]):
                    first = name_after(doc, i + 1, end)
                    names = coordinated(doc, first, end, name_after) if first is not None else []
                    # "on A and B datasets": the head-noun rule above has the whole list
                    if names and not (names[-1].end < end and doc[names[-1].end].lower_ in DATASET_HEADS):
                        for span in names:
                            if not is_model_name(span.text):
                                add(span, "Dataset", "evaluated_on", 0.5)
                elif low == "of" and i + 1 < end and doc[i + 1].like_num:
                    add(metric_before_value(doc, i, sent.start), "Metric", "measured_by", 0.5)
                elif low in CHANGE_VERBS:
                    add(changed_quantity(doc, i + 1, end), "Metric", "measured_by", 0.5)
                elif low in {"task", "problem"} and i + 1 < end and doc[i + 1].lower_ == "of":
                    add(term_after(doc, i + 2, end), "Task", "addresses", 0.35)
        add_candidates(doc, SPANS_KEY, found)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Process a stream of docs."""
        for doc in docs:
            yield self(doc)


@Language.factory("kg_patterns_v1")
def make_pattern_rules(nlp: Language, name: str) -> PatternRules:
    """Factory for :class:`PatternRules`."""
    return PatternRules(nlp, name)

"""The one place that decides the final entities from all candidates in ``doc.spans``.

1. Candidates of the four types are read from the configured span groups; each score is multiplied
   by its source's weight. Leading determiners and trailing punctuation or function words are
   trimmed; generic phrases ("method", "our approach", "this task") are dropped, and so is a span that is
   exactly a KB organisation, device, number format, venue, research field or language name ("OpenAI", "A100",
   "FP16", "LREC 2020", "NLP", "English", a year allowed after the name: ``NOT_ENTITY_TYPES``; a field's
   definition and short forms too: "natural language processing (NLP)"), and a Metric whose word
   means something else there ("8-bit precision": :mod:`extractors.word_senses`), a span with a URL
   in it (links are repositories or pages: :mod:`extractors.repositories`) and a Task that is a training
   stage alone ("training", "inference": ``PROCESS_WORDS``), and a Dataset that is a domain without a name
   ("news domain"; not "ATIS domain": 0 of 10 right on the dev sets); a Task "fine-tuning" or "pretraining" is a
   Method (``TRAINING_METHODS``). No candidate cuts a hyphenated word in two (``whole_words``): a piece before
   joins it ("e-SNLI", "XL-WiC"), as does a capital or digit piece after ("ROUGE-L", "MIT-10M"); a dangling
   prefix goes ("BERT pre" of "BERT pre-trained"); a negated name ("non-LLMs") and a plain word before a piece
   that is no modifier ("geo-referenced", "Zero-shot") are no entities; a KB name joined so loses its canonical
   name ("DDA-COCO" is not COCO). (Scoring such joined KB names at half, for "MAE" of "ViT-MAE", lost 41 right
   names on 4,000 corpus abstracts, "Cyrillic-MNIST", "e-SNLI", "GSM8K-Judgement", for no dev change.)
2. Candidates with the same span and type are combined (noisy-or of their scores), then chosen
   greedily, best score first (longer span on ties), so that no two final entities overlap.
3. A KB name with a prior of at least ``kb_type_prior`` matched on exactly a chosen span decides
   its type ("MAE" is a Metric even where the model says Dataset). A Dataset or Task that names a
   well-known model ("GPT-4o", "Llama 2-13B": :mod:`extractors.model_names`) becomes a Method. Not typed by
   the KB, a Dataset or Method named "... task" is a Task, and a name of two or more words ending in a measure's
   head noun ("Sentence Error Rate", "model perplexity": ``METRIC_HEADS``; not "Predicting Lexical Complexity")
   a Metric, and a Dataset or Task ending in a model's head noun ("MobileNet-v2 backbone", "Automatic Verb
   Classifier", "disfluency removal models": ``METHOD_HEADS``) a Method (18 and 82 of 3,000 corpus abstracts, most of
   the latter kinds of model that step 3 retypes anyway; dev SciNLP +.001, SciER +.0004, TDMSci +.0004).
   Then ``type_thresholds`` (pipeline.cfg: Method and Metric 0.5) drops a chosen entity below its type's cut when
   only the entity model stands behind it: no KB name, rule or abbreviation definition, not a training method
   or a model's name or kind ("fine-tuning", "neural networks"); the span is free again for what follows. Dev
   exact F1 +.001 TDMSci slice, +.002 SciERC, +.001 SciER, +.006 SciNLP; on the seeds 44 of 3,814 mentions go,
   most of them no entities ("construction of tree cover", "fast update time", "decision-making efficiency").
   So does a Dataset of one lower-case word that only the model stands behind: a kind of data ("images",
   "videos", "treebank", "abstracts"), not a dataset one could name (TDMSci slice +.002, SciERC +.001; 30 of
   12,807 mentions in the 1k corpus sample, 3 of 3,780 on the seeds: "abstracts", "biology", "database").
4. Abbreviations: with ``definitions = "whole"`` (how SciERC and TDMSci annotate) a definition
   "Low-Rank Adaptation (LoRA)" with an entity inside becomes one entity named "Low-Rank Adaptation";
   with ``"separate"`` (SciER, SciREX) the long and short forms are two entities. Later short forms
   take the type and canonical name of their definition's entity. The canonical name is the KB name,
   else the long form, else the text. A longer entity around a definition ("Product Quantization (PQ)
   method") is named by the long form unless it names something else: a gerund first, a preposition
   before the long form ("automatic evaluation of Machine Translation (MT)": its head is "evaluation") or a
   head that is not generic last ("empowering large language model (LLM) applications"); later short forms
   are then named by the long form and keep their own type, or, where the model found none, take the type
   of a candidate on exactly the long form, if one scored above ``threshold``.
5. With ``propagate``, an entity's exact token sequence elsewhere in the doc (not yet covered)
   becomes the same entity (``id_`` "repeat"): gold corpora annotate every mention, models miss some.
   Not repeated: a single lower-case word ("segmentation", "efficiency": the model judges each use of
   a common noun), and an occurrence glued by a hyphen or slash to a neighbour ("chart-parser",
   "FinBERT-domain": part of a longer name). On the dev data repeats of these kinds were right 27 times
   out of 238; the other repeats 86 times out of 391.
6. With ``nested_tasks``, a Method named after the task it does ("phrase-based machine translation system", "SRL
   system", "question answering models": a ``SYSTEM_HEADS`` word after a Task of the KB or the rules) also gives that
   Task, as a second entity inside the first (``id_`` "nested"): what the system is for is a task of the paper.
   TDMSci, which has no Methods, annotates such Tasks (62 in its training split right before such a word); SciERC
   only the whole Method (no training Task right before one).
7. Entities scoring below ``threshold`` are dropped. The result goes to ``doc.spans["entities"]``
   (``label_`` type, ``kb_id_`` canonical, ``id_`` the winning source, ``attrs["scores"]``; nested Tasks
   included) and, nested Tasks left out, to ``doc.ents``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.abbreviations import USER_DATA_KEY
from extractors.candidates import ENTITY_TYPES, NOT_ENTITY_TYPES, add_candidates, candidate_scores, hyphen_joined
from extractors.model_names import is_model_class, is_model_name
from extractors.word_senses import other_sense

__all__ = ["GENERIC_WORDS", "Resolver", "is_generic", "trim"]

SPANS_KEY = "entities"
TRAILING = frozenset(
    ["of", "the", "a", "an", "for", "and", "or", "with", "in", "on", "to", "by", "from", "as", "that", "which"]
)
LEADING = frozenset(["the", "a", "an", "our", "their", "its", "this", "these", "those", "such", "each", "both"])
_JOINERS = frozenset(["-", "/", "–"])
# a phrase "X of Y" is about X: an entity around a definition with one of these before it names something else
HEAD_PREPOSITIONS = frozenset(["of", "for", "in", "on", "with", "by", "from", "to", "via", "using"])
TASK_HEADS = frozenset(["task", "tasks"])
# sources of a chosen entity that mean only the entity model (and the resolver's own retyping) stand behind it
MODEL_ONLY_SOURCES = frozenset(["ner", "task_head", "method_head", "metric_head", "model_name", "version"])
# what a Method named after its task ends with: "machine translation system", "SRL models", "NER tagger"
SYSTEM_HEADS = frozenset(
    ["system", "systems", "model", "models", "approach", "approaches", "method", "methods", "framework", "frameworks",
     "tagger", "taggers", "parser", "parsers"]
)  # fmt: skip
# last words of Task candidates that name a way of learning, not what a system is for ("contrastive learning
# framework", "masked language modeling approach"): no nested Task
PARADIGM_ENDINGS = frozenset(
    ["learning", "fine-tuning", "finetuning", "pretraining", "pre-training", "training", "modeling"]
)
# head nouns of models: 2,912 of the 2,940 gold training spans (two words or more) ending in one are Methods
METHOD_HEADS = frozenset(
    ["network", "networks", "architecture", "architectures", "encoder", "encoders", "decoder", "decoders",
     "transformer", "transformers", "classifier", "classifiers", "backbone", "backbones", "algorithm", "algorithms",
     "technique", "techniques", "method", "methods", "approach", "approaches", "model", "models", "framework",
     "frameworks"]
)  # fmt: skip
# head nouns of measures: 307 of the 313 gold training spans (two words or more) ending in one are Metrics
METRIC_HEADS = frozenset(
    ["accuracy", "accuracies", "quality", "rate", "rates", "error", "measure", "ratio", "perplexity",
     "score", "scores", "complexity", "cost", "costs", "speed", "latency"]
)  # fmt: skip
METRIC_HEAD_EXCEPTIONS = frozenset(["learning"])  # "adaptive learning rate" is a way of training
# after a metric's name, as TDMSci annotates it ("F1 scores": F1; 22 of 30 training spans leave "scores" out)
METRIC_TRAILING = frozenset(["scores"])
_OPENING = frozenset(["(", "["])
YEAR = re.compile(r"^(?:19|20)\d\d$|^'\d\d$")
# what data in a language is called when it has no name of its own: "English datasets", "Chinese texts" (lower
# case only: a capital makes it a title or a name, "French Corpus")
LANGUAGE_DATA_HEADS = frozenset(
    ["data", "dataset", "datasets", "corpus", "corpora", "text", "texts", "documents", "sentences", "tweets"]
)
# a name ending in one is a device ("Frontier AMD GPUs", "Ascend NPUs"), whatever its maker or model is called
PROCESSOR_WORDS = frozenset(["GPU", "GPUs", "TPU", "TPUs", "CPU", "CPUs", "NPU", "NPUs"])
# what a device is, after its name: "T4 GPU", "A100 GPUs" run models and are no entity either
DEVICE_WORDS = PROCESSOR_WORDS | frozenset(["chip", "chips", "card", "cards"])
DATA_SIZES = frozenset(f"{unit}{s}" for unit in ("KB", "MB", "GB", "TB", "PB") for s in ("", "s"))  # "scale of TBs"
# the first piece of a hyphenated word that is no word alone: "pre" of "pre-trained" ends no name
BOUND_PREFIXES = frozenset(
    ["pre", "post", "non", "self", "semi", "multi", "co", "re", "sub", "un", "anti", "inter", "intra", "cross", "bi",
     "tri", "de", "mid", "fine", "well", "hand", "over", "under", "out", "up"]
)  # fmt: skip
NEGATING_PREFIXES = frozenset(["non", "un", "anti"])  # "non-LLMs" are no LLMs
# "high-accuracy" says how much accuracy: no name "high-accuracy"
DEGREE_WORDS = frozenset(["high", "higher", "highest", "low", "lower", "lowest", "better", "best", "good", "worse"])
NOT_JOINED_BEFORE = DEGREE_WORDS | NEGATING_PREFIXES
# pieces after a hyphen that make a name a modifier and keep it a mention: "Transformer-based", "BERT-like"
MODIFIER_PIECES = frozenset(
    ["based", "like", "style", "specific", "generated", "trained", "tuned", "powered", "guided", "enhanced",
     "augmented", "assisted", "inspired", "oriented", "centric"]
)  # fmt: skip
CITATION_YEAR = re.compile(r"^(?:19|20)\d\d[a-z]?$|^'\d\d$")  # "2020a", "'19"
# a short form the model types otherwise than its definition takes the definition's type when its own score is
# below this share of the definition's: on 3,000 corpus abstracts 59 short forms change, about 40 of 47 checked
# for the better ("ED" Dataset -> Task, "Event Detection"); the four dev sets do not move
SHORT_FORM_DOUBT = 0.8
# a version number after a name: "1.1", "2.0", "v2", "v1.1"
VERSION = re.compile(r"^v?\d+(?:\.\d+)+$|^v\d+$")
# words after a number that make it an amount, not a version: "2.3 points", "1.5 times", "3.5 %"
AMOUNT_UNITS = frozenset(
    ["points", "point", "pp", "%", "percent", "times", "x", "×", "fold", "absolute", "bleu", "f1", "higher", "lower",
     "better", "worse", "more", "less", "faster", "slower", "m", "b", "k", "gb", "mb", "hours", "seconds", "ms"]
)  # fmt: skip
# an alphabetic citation key: authors' initials and a two-digit year, "[And86, AGG14]", "[CCC+24a]"
CITATION_KEY = re.compile(r"^[A-Z][A-Za-z]{0,7}\+?\d\d[a-z]?$")
_CLOSING = frozenset([")", "]"])
GENERIC_WORDS = frozenset(
    [
        "method",
        "methods",
        "approach",
        "approaches",
        "model",
        "models",
        "technique",
        "techniques",
        "algorithm",
        "algorithms",
        "system",
        "systems",
        "framework",
        "frameworks",
        "task",
        "tasks",
        "problem",
        "problems",
        "dataset",
        "datasets",
        "data",
        "corpus",
        "corpora",
        "benchmark",
        "benchmarks",
        "metric",
        "metrics",
        "measure",
        "measures",
        "score",
        "scores",
        "result",
        "results",
        "performance",
        "network",
        "networks",
        "architecture",
        "architectures",
        "baseline",
        "baselines",
        "scheme",
        "schemes",
        "strategy",
        "strategies",
        "solution",
        "solutions",
        "procedure",
        "module",
        "modules",
        "component",
        "components",
        "tool",
        "tools",
        "work",
        "experiments",
        "experiment",
        "evaluation",
        # labels before a paper's content notes ("Warning: this paper contains offensive language"; session 24:
        # "Warning" was a Dataset or Task of 7 papers on the 20k abstracts)
        "warning",
        "warnings",
        "disclaimer",
        "caution",
        "this",
        "that",
        "these",
        "those",
        "it",
        "they",
        "them",
        "our",
        "we",
        "proposed",
        "novel",
        "new",
        "existing",
        "previous",
        "current",
        "other",
        "traditional",
        "conventional",
        "standard",
        "such",
        "which",
        "above",
        "following",
        "various",
        "several",
        "first",
        "second",
        "one",
        "two",
        "same",
        "different",
        "given",
        "based",
        "state-of-the-art",
        "sota",
        "real-world",
        "large-scale",
        "public",
        "popular",
        "challenging",
        "diverse",
        "multiple",
        "many",
        "extensive",
        "widely-used",
        # "downstream tasks", "real-world applications": annotated only in SciREX, never in SciER, SciNLP or TDMSci
        "downstream",
        "application",
        "applications",
        "scenario",
        "scenarios",
        # evaluation campaigns named alone, not a task or data of their own ("SemEval", "the SemEval task";
        # "SemEval-2010 Task 8", "TAC 2010 data", "WMT shared tasks" have more than these words and stay)
        "semeval",
        "senseval",
        "tac",
        "wmt",
        "conll",
        # sentence adverbs the model took for a name at the start of a sentence ("Nowadays", 9 papers of 20k)
        "nowadays",
        "besides",
        "moreover",
        "furthermore",
        "meanwhile",
        "additionally",
    ]
)


# stages of a model's life, not tasks, when they stand alone ("during training", "at inference")
PROCESS_WORDS = frozenset(["training", "inference", "generalization", "adaptation", "deployment", "optimization"])
# settings of training, not measures of a result: SciER and SciNLP never annotate them (103 and 36 uses of
# "learning rate"/"batch size" in their train texts); only SciREX's noisy labels call them Metrics
HYPERPARAMETERS = frozenset(
    ["learning rate", "learning rates", "batch size", "batch sizes", "dropout rate", "dropout rates",
     "learning rate decay", "learning rate schedule", "warmup steps", "warm-up steps", "l1 penalty", "l2 penalty",
     "hyperparameter", "hyperparameters", "hyper-parameters"]
)  # fmt: skip
# stages that are no measure ("generalization" can be one: "improves generalization")
TRAINING_STAGES = frozenset(["training", "inference", "deployment", "pretraining", "pre-training", "fine-tuning"])
# qualities a paper claims, not measures it reports: a Metric that is one of these words alone is none (session 24;
# the gold train splits annotate "quality" as a Metric 4 times of 273, "efficiency" 4 of 110, "reliability",
# "stability", "compatibility" never; "robustness", "complexity" and "scalability" SciERC often does, so they stay)
QUALITY_WORDS = frozenset(
    ["quality", "efficiency", "reliability", "stability", "compatibility", "connectivity", "granularity",
     "flexibility", "usability", "security", "safety", "privacy", "interpretability", "explainability",
     "transparency", "practicality", "controllability", "generalizability"]
)  # fmt: skip
# ways of training a model: Methods, as the KB has them, where the model says Task ("Enhance Fine-tuning")
TRAINING_METHODS = frozenset(["pretraining", "pre-training", "fine-tuning", "finetuning"])


def is_generic(words: Iterable[str]) -> bool:
    """Whether a phrase consists only of generic words ("the proposed method", "our approach")."""
    # "IT" (information technology) is not the pronoun "it"
    return all((w.lower() in GENERIC_WORDS or w.lower() in LEADING) and w != "IT" for w in words)


@dataclass
class _Choice:
    start: int
    end: int
    label: str
    score: float
    sources: list[str] = field(default_factory=list)
    canonical: str = ""


def _balance_brackets(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Tokens ``start:end`` cut so every bracket in them is closed: a span ends before an opening bracket it does
    not close ("TREC (Voorhees" -> "TREC") and starts after a closing bracket it did not open ("20)-reduced corpus")."""
    opened: list[int] = []
    for i in range(start, end):
        text = doc[i].text
        if text in _OPENING:
            opened.append(i)
        elif text in _CLOSING:
            if opened:
                opened.pop()
            else:
                start = i + 1
    if opened:
        end = next((i for i in opened if i >= start), end)
    return start, end


def _before_citation(doc: Doc, start: int, end: int) -> int:
    """Where tokens ``start:end`` end once a citation that closes them is cut off: "stereotype model of Koch et
    al. (2016)" -> "stereotype model of", "Polytropon [Ponti et al., 2023]" -> "Polytropon", "Malladi et al.
    (2023)" -> nothing. A citation inside a name ("Ott et al.'s dataset") stays."""
    for k in range(start + 1, end - 1):
        if doc[k].lower_ == "et" and doc[k + 1].lower_ in {"al", "al."}:
            rest = doc[k + 2 : end]
            if all(t.is_punct or CITATION_YEAR.match(t.text) for t in rest):
                cut = k - 1
                return cut - 1 if cut > start and doc[cut - 1].text in _OPENING else cut
            return end
    return end


def trim(doc: Doc, start: int, end: int, label: str = "") -> tuple[int, int]:
    """Tokens ``start:end`` without a citation at their end, with balanced brackets, without leading
    determiners and trailing punctuation or function words; a Metric also without a plural "scores" after its
    name ("F1 scores" is the metric F1)."""
    end = _before_citation(doc, start, end)
    start, end = _balance_brackets(doc, start, end)
    while start < end and (doc[start].lower_ in LEADING or doc[start].is_space):
        start += 1
    while end > start and (
        (doc[end - 1].is_punct and doc[end - 1].text not in {")", "]", "+"})
        or doc[end - 1].is_space
        or doc[end - 1].lower_ in TRAILING
    ):
        end -= 1
    if label == "Metric" and end - start > 1 and doc[end - 1].lower_ in METRIC_TRAILING:
        end -= 1
    return whole_words(doc, start, end, label)


def _hyphen_at(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a hyphen inside a word: no space on either side, a word piece on both."""
    return (
        0 < i < len(doc) - 1
        and hyphen_joined(doc, i + 1)
        and _word_piece(doc[i - 1].text, -1)
        and _word_piece(doc[i + 1].text, 0)
    )


def _word_piece(text: str, at: int) -> bool:
    """A piece of a word: letters and digits ("Llama-3.1"), not CJK text without spaces, nor LaTeX ("\\textbf{")."""
    return text.isascii() and text[at].isalnum() and all(ch.isalnum() or ch in ".+'-" for ch in text)


def whole_words(doc: Doc, start: int, end: int, label: str = "") -> tuple[int, int]:
    """Tokens ``start:end`` without cutting a hyphenated word in two.

    A dangling prefix at the end goes ("BERT pre" of "BERT pre-trained"); a piece before the span joins it
    ("e-SNLI", "XL-WiC", "sub-word segmentation"; not "high" of "high-accuracy", nor "non" of "non-LLMs":
    ``_cut_word`` drops those), as does a piece after it that starts with a capital or a digit ("ROUGE-L",
    "GSM8K-Judgement"; not "Model-Aided"), and a unit split off a number ("MIT-10M" is "MIT-10", "M"). A
    lower-case piece after stays out: "BERT-based", "LLM-generated" say what the name is used for. A Metric
    that starts or ends in a lower-case word joins nothing: "cost-accuracy", "accuracy-FLOPs" are trade-offs.
    """
    if label == "Metric" and (doc[start].text.islower() or doc[end - 1].text.islower()):
        return start, end
    if end - start > 1 and doc[end - 1].lower_ in BOUND_PREFIXES and _hyphen_at(doc, end) and doc[end - 2].whitespace_:
        end -= 1
    while start >= 2 and _hyphen_at(doc, start - 1) and doc[start - 2].lower_ not in NOT_JOINED_BEFORE:
        start -= 2
    while _hyphen_at(doc, end) and _name_piece(doc[end + 1].text):
        end += 2
    while end < len(doc) and _glued_pieces(doc, end - 1):
        end += 1
    return start, end


def _glued_pieces(doc: Doc, i: int) -> bool:
    """Whether tokens ``i`` and ``i + 1`` are one word that the tokenizer split ("10", "M" of "10M")."""
    return not doc[i].whitespace_ and _word_piece(doc[i].text, -1) and _word_piece(doc[i + 1].text, 0)


def _name_piece(piece: str) -> bool:
    """Whether a piece after a hyphen continues a name ("L" of "ROUGE-L", "3B", "Judgement"), not a modifier in
    title case ("Model-Aided", "BERT-Based")."""
    if not (piece[:1].isupper() or piece[:1].isdigit()):
        return False
    lower = piece.lower()
    return not (lower.isalpha() and (lower in MODIFIER_PIECES or lower.endswith("ed")))


def _cut_word(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens ``start:end`` name no thing of their own inside a hyphenated word: a negated name
    ("non-LLMs"), or one plain word before a piece that is no modifier ("geo-referenced", "Zero-shot",
    "State-of-the-art"; not "Transformer-based", nor a name-shaped word: "BERT-like", "LLM-evaluated")."""
    if start >= 2 and _hyphen_at(doc, start - 1) and doc[start - 2].lower_ in NOT_JOINED_BEFORE:
        return doc[start - 2].lower_ in NEGATING_PREFIXES
    if end - start != 1 or not _hyphen_at(doc, end):
        return False
    word = doc[start].text
    plain = word.isalpha() and not any(ch.isupper() for ch in word[1:])
    return plain and doc[end + 1].lower_ not in MODIFIER_PIECES


def _citation_keys(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens ``start:end`` lie in a bracket of alphabetic citation keys only: "[And86, AGG14]"."""

    def key_or_separator(i: int) -> bool:
        return doc[i].text in {",", ";"} or CITATION_KEY.match(doc[i].text) is not None

    if not all(key_or_separator(i) for i in range(start, end)):
        return False
    left, right = start - 1, end
    while left >= 0 and key_or_separator(left):
        left -= 1
    while right < len(doc) and key_or_separator(right):
        right += 1
    return left >= 0 and right < len(doc) and doc[left].text == "[" and doc[right].text == "]"


def _usable_type(doc: Doc, start: int, end: int, label: str) -> str | None:
    """The type a candidate of ``label`` on tokens ``start:end`` keeps, or None if it is no entity: generic
    phrases, links, a citation key ("[And86]"), a device, its maker or a data size ("A100 GPUs", "AMD" GPUs,
    "TBs"), a Metric word in another sense, a hyperparameter, training stage or quality as a Metric ("learning
    rate", "training", "efficiency"), a training stage alone as a Task ("inference"); a way of training
    ("fine-tuning") typed Task is a Method."""
    span = doc[start:end]
    if is_generic(span.text.split()) or any(t.like_url for t in span):  # links are repositories or pages
        return None
    if _citation_keys(doc, start, end):  # "[And86, AGG14]" cites two papers
        return None
    if span[-1].text in PROCESSOR_WORDS or span.text in DATA_SIZES:  # "Frontier AMD GPUs", "scale of TBs"
        return None
    if end < len(doc) and doc[end].text in PROCESSOR_WORDS:  # "AMD" of "AMD GPUs": a device's maker or model
        return None
    if label != "Metric" and _cut_word(doc, start, end):  # "accuracy" of "accuracy-FLOPs" is the metric
        return None
    if label == "Metric":
        text = span.text.lower()
        if text in HYPERPARAMETERS or text in TRAINING_STAGES or text in QUALITY_WORDS or other_sense(doc, start, end):
            return None
    if label == "Dataset" and span[-1].lower_ in {"domain", "domains"} and not _named(span):
        return None  # "news domain", "financial domain": where data comes from ("ATIS domain" names it)
    if label == "Task":
        text = span.text.lower()
        if text in PROCESS_WORDS:
            return None
        if text in TRAINING_METHODS:
            return "Method"
    return label


def _named(span: Span) -> bool:
    """Whether a token of ``span`` has a capital or a digit (a name, not a description)."""
    return any(ch.isupper() or ch.isdigit() for ch in span.text)


def _kind_of_data(doc: Doc, c: _Choice) -> bool:
    """Whether ``c`` is a Dataset of one word without a capital or digit: a kind of data ("images", "videos",
    "treebank", "abstracts"), not a named dataset."""
    return c.label == "Dataset" and c.end - c.start == 1 and not _named(doc[c.start : c.end])


def _is_definition(doc: Doc, s: int, e: int, ls: int, le: int) -> bool:
    """Whether the abbreviation pair (short form ``s:e``, long form ``ls:le``) is written ``long form (SF)``."""
    n = len(doc)
    return s == le + 1 and le < n and doc[le].text == "(" and e < n and doc[e].text == ")"


def _blocked(doc: Doc) -> set[tuple[int, int]]:
    """Token spans that are no entity: a KB name of a ``NOT_ENTITY_TYPES`` type, alone or with a year after it
    ("LREC 2020", "FOCS 2015"), a device with what it is after it ("T4 GPU"), a language before a field ("Chinese
    NLP", "Arabic language processing"), and the short form of such a long form with its definition ("natural
    language processing (NLP)" and each later "NLP"; never the other way: "AI" is blocked, "Adaptive Inference
    (AI)" and each later "AI" not)."""
    blocked = set()
    kb_spans = list(doc.spans.get("kb", []))
    fields_at = {span.start: span.end for span in kb_spans if span.label_ == "Field"}
    for span in kb_spans:
        if span.label_ == "NaturalLanguage" and span.end in fields_at:  # "Chinese language processing"
            blocked.add((span.start, fields_at[span.end]))
        if span.label_ in NOT_ENTITY_TYPES:
            blocked.add((span.start, span.end))
            after = doc[span.end] if span.end < len(doc) else None
            if after is not None and YEAR.match(after.text):
                blocked.add((span.start, span.end + 1))
            if after is not None and span.label_ == "NaturalLanguage" and after.text in LANGUAGE_DATA_HEADS:
                blocked.add((span.start, span.end + 1))  # "English datasets" is data; "French Corpus" may be a name
            if after is not None and span.label_ == "Hardware" and after.text in DEVICE_WORDS:
                blocked.add((span.start, span.end + 1))  # "T4 GPU"
    pairs = doc.user_data.get(USER_DATA_KEY, [])
    for s, e, ls, le in pairs:
        if (ls, le) in blocked:
            blocked.add((s, e))
            if _is_definition(doc, s, e, ls, le):
                blocked.add((ls, e + 1))
    # a field's name the doc defines as something else names that thing: "Adaptive Inference (AI)", then "AI"
    blocked -= {(s, e) for s, e, ls, le in pairs if (ls, le) not in blocked}
    return blocked


def _names_more(doc: Doc, covering: _Choice, start: int, end: int) -> bool:
    """Whether an entity around the definition at tokens ``start:end`` names something else than its long form:
    it starts with a gerund ("transforming large language models (LLMs)"), has its head before a preposition
    ("capabilities of Large Language Models (LLMs)") or ends in a head that is not a generic word ("dynamic
    Chain-of-Thought (CoT) switching mechanism"); not "vector-based inverted file system (IVF)", "Product
    Quantization (PQ) method" or "Divide-Conquer-Reunion (DCR) training method"."""
    first = doc[covering.start]
    gerund = (
        covering.start < start
        and first.is_alpha
        and first.lower_.endswith("ing")
        and not _glued(doc, first.i, first.i + 1)
    )
    head_before = any(
        doc[i].lower_ in HEAD_PREPOSITIONS and not _glued(doc, i, i + 1) for i in range(covering.start, start)
    )  # not the "to" of "end-to-end"
    return gerund or head_before or (covering.end > end and not is_generic([doc[covering.end - 1].text]))


def _name_words(doc: Doc, start: int, end: int) -> list[str]:
    """The lower-case words of a name of two or more words whose last word is its head, without a definition's short
    form; none for a phrase with a preposition ("assessment of quality": its head is first) or a gerund ("Predicting
    Lexical Complexity", "automatically assessing dialogue quality": an action on the head, a Task)."""
    if end - start > 3 and doc[end - 1].text in _CLOSING and doc[end - 3].text in _OPENING:
        end -= 3  # the short form of a definition
    words = [t.lower_ for t in doc[start:end]]
    if len(words) < 2 or any(w in HEAD_PREPOSITIONS or w.endswith("ing") for w in words[:-1]):
        return []
    return words


def _method_head(doc: Doc, start: int, end: int) -> bool:
    """Whether a name ends in a model's head noun ("MobileNet-v2 backbone", "Siamese network")."""
    words = _name_words(doc, start, end)
    return bool(words) and words[-1] in METHOD_HEADS


def _metric_head(doc: Doc, start: int, end: int) -> bool:
    """Whether a name ends in a measure's head noun ("Word Prediction Accuracy (WPA)", "mouse-action ratio"), not
    in a "learning rate"."""
    words = _name_words(doc, start, end)
    return bool(words) and words[-1] in METRIC_HEADS and words[-2] not in METRIC_HEAD_EXCEPTIONS


def _glued(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens ``start:end`` are joined to a neighbour by a hyphen or slash ("chart-parser")."""
    before = start > 0 and doc[start - 1].text in _JOINERS and not doc[start - 1].whitespace_
    after = end < len(doc) and not doc[end - 1].whitespace_ and doc[end].text in _JOINERS
    return before or after


class Resolver:
    """Merge overlapping candidates into non-overlapping typed entities."""

    def __init__(
        self,
        nlp: Language,
        name: str = "kg_resolver",
        sources: dict[str, float] | None = None,
        threshold: float = 0.3,
        abbreviation_factor: float = 0.9,
        propagate: bool = True,
        kb_type_prior: float = 0.7,
        definitions: str = "whole",
        nested_tasks: bool = True,
        type_thresholds: dict[str, float] | None = None,
    ) -> None:
        self.name = name
        self.sources = dict(sources) if sources else {"ner": 1.0, "kb": 0.8, "patterns": 0.8}
        self.threshold = threshold
        self.abbreviation_factor = abbreviation_factor
        self.propagate = propagate
        self.kb_type_prior = kb_type_prior
        if definitions not in {"whole", "separate"}:
            raise ValueError(f"definitions must be 'whole' or 'separate', not {definitions!r}")
        self.definitions = definitions
        self.nested_tasks = nested_tasks
        self.type_thresholds = dict(type_thresholds or {})

    def cut(self, label: str) -> float:
        """The least score an entity of type ``label`` keeps: its ``type_thresholds`` entry, else ``threshold``."""
        return max(self.threshold, self.type_thresholds.get(label, self.threshold))

    def candidates(self, doc: Doc, blocked: set[tuple[int, int]] | None = None) -> list[_Choice]:
        """All usable candidates, combined per (span, type); none on a ``blocked`` span (default: ``_blocked``)."""
        combined: dict[tuple[int, int, str], _Choice] = {}
        blocked = _blocked(doc) if blocked is None else blocked
        for key, weight in self.sources.items():
            for span, score in candidate_scores(doc, key):
                if span.label_ not in ENTITY_TYPES:
                    continue
                start, end = trim(doc, span.start, span.end, span.label_)
                if start >= end or (start, end) in blocked:
                    continue
                label = _usable_type(doc, start, end, span.label_)
                if label is None:
                    continue
                k = (start, end, label)
                s = max(0.0, min(1.0, score * weight))
                # a name joined to a hyphenated word is another name: "DDA-COCO" is not COCO
                canonical = span.kb_id_ if span.start <= start and end <= span.end else ""
                if k in combined:
                    c = combined[k]
                    c.score = 1 - (1 - c.score) * (1 - s)
                    c.sources.append(span.id_ or key)
                    c.canonical = c.canonical or canonical
                else:
                    combined[k] = _Choice(start, end, label, s, [span.id_ or key], canonical)
        return list(combined.values())

    def __call__(self, doc: Doc) -> Doc:
        """Write the final entities."""
        chosen: list[_Choice] = []
        taken = [False] * len(doc)
        unchosen: dict[tuple[int, int], _Choice] = {}  # the best candidate of each span not chosen
        blocked = _blocked(doc)
        for c in sorted(self.candidates(doc, blocked), key=lambda c: (-c.score, -(c.end - c.start), c.start)):
            if c.score < self.threshold or any(taken[c.start : c.end]):
                unchosen.setdefault((c.start, c.end), c)
                continue
            chosen.append(c)
            for i in range(c.start, c.end):
                taken[i] = True
        self._kb_types(doc, chosen)
        self._head_types(doc, chosen)
        self._model_types(doc, chosen)
        self._versions(doc, chosen, taken)
        chosen = self._model_only_cut(doc, chosen, taken)
        self._abbreviations(doc, chosen, taken, unchosen)
        if self.propagate:
            self._propagate(doc, chosen, taken)
        chosen = [c for c in chosen if (c.start, c.end) not in blocked]  # short forms of blocked long forms
        nested = self._nested_tasks(doc, chosen, unchosen) if self.nested_tasks else []
        spans: list[tuple[Span, float]] = []
        for c in sorted(chosen + nested, key=lambda c: (c.start, -c.end)):
            span = Span(doc, c.start, c.end, label=c.label, kb_id=c.canonical or doc[c.start : c.end].text)
            span.id_ = c.sources[0]
            spans.append((span, round(c.score, 4)))
        doc.spans[SPANS_KEY] = []
        add_candidates(doc, SPANS_KEY, spans)
        inner = {(c.start, c.end) for c in nested}
        doc.set_ents([s for s, _ in spans if (s.start, s.end) not in inner], default="outside")
        return doc

    def _model_only_cut(self, doc: Doc, chosen: list[_Choice], taken: list[bool]) -> list[_Choice]:
        """Entities only the entity model found (no KB name, rule or abbreviation definition behind them) below
        their type's ``type_thresholds`` cut, or one-word kinds of data typed Dataset, are dropped, before
        abbreviations and repeats build on them."""
        pairs = doc.user_data.get(USER_DATA_KEY, [])
        kept = []
        for c in chosen:
            span = (c.start, c.end)
            defines = any(
                span in {(s, e), (ls, le)} or (c.start <= min(s, ls) and max(e, le) <= c.end) for s, e, ls, le in pairs
            )
            text = doc[c.start : c.end].text
            named = text.lower() in TRAINING_METHODS or is_model_name(text) or is_model_class(text)
            below = c.score < self.cut(c.label) or _kind_of_data(doc, c)
            if below and set(c.sources) <= MODEL_ONLY_SOURCES and not defines and not named:
                for i in range(c.start, c.end):
                    taken[i] = False
            else:
                kept.append(c)
        return kept

    def _nested_tasks(self, doc: Doc, chosen: list[_Choice], unchosen: dict[tuple[int, int], _Choice]) -> list[_Choice]:
        """Tasks inside chosen Methods named after them: the longest Task candidate (KB or rules, at ``threshold``)
        that ends just before the Method's ``SYSTEM_HEADS`` word ("machine translation" of "phrase-based machine
        translation system")."""
        tasks: dict[int, list[_Choice]] = {}
        for (_, end), c in unchosen.items():
            if c.label == "Task" and c.score >= self.threshold and doc[c.end - 1].lower_ not in PARADIGM_ENDINGS:
                tasks.setdefault(end, []).append(c)
        nested = []
        for method in chosen:
            if method.label != "Method" or method.end - method.start < 2:
                continue
            if doc[method.end - 1].lower_ not in SYSTEM_HEADS:
                continue
            inside = [c for c in tasks.get(method.end - 1, []) if method.start <= c.start]
            if inside:
                task = min(inside, key=lambda c: c.start)
                nested.append(
                    _Choice(task.start, task.end, "Task", task.score, ["nested", *task.sources], task.canonical)
                )
        return nested

    def _kb_types(self, doc: Doc, chosen: list[_Choice]) -> None:
        """A KB name with a high prior, matched on exactly the chosen span, decides the type; not on a short form
        the doc defines: "MAE" in the KB is mean absolute error, "Masked autoencoders (MAE)" says otherwise."""
        if self.kb_type_prior > 1.0:
            return
        defined = {(s, e) for s, e, _, _ in doc.user_data.get(USER_DATA_KEY, [])}
        kb = {
            (span.start, span.end): span
            for span, score in candidate_scores(doc, "kb")
            if score >= self.kb_type_prior and span.label_ in ENTITY_TYPES and (span.start, span.end) not in defined
        }
        for c in chosen:
            span = kb.get((c.start, c.end))
            if span is not None and span.label_ != c.label:
                c.label, c.canonical = span.label_, span.kb_id_
                c.sources.append("kb")

    def _head_types(self, doc: Doc, chosen: list[_Choice]) -> None:
        """A Dataset or Method named "... task(s)" ("NIST Chinese-to-English translation task") is a Task (about 93%
        of such gold spans in the training splits are), a Dataset or Task ending in a model's head noun a Method, a
        name ending in a measure's head noun a Metric; not where the KB typed the span."""
        for c in chosen:
            if "kb" in c.sources:
                continue
            if c.label in {"Dataset", "Method"} and doc[c.end - 1].lower_ in TASK_HEADS:
                c.label = "Task"
                c.sources.append("task_head")
            elif c.label in {"Dataset", "Task"} and _method_head(doc, c.start, c.end):
                c.label = "Method"
                c.sources.append("method_head")
            elif c.label != "Metric" and _metric_head(doc, c.start, c.end):
                c.label = "Metric"
                c.sources.append("metric_head")

    def _model_types(self, doc: Doc, chosen: list[_Choice]) -> None:
        """A Dataset or Task that names a well-known model ("GPT-4o", "ResNets" typed Dataset) or a kind of model
        ("LLMs", "Compressed Large Language Models") is a Method."""
        for c in chosen:
            if c.label not in {"Dataset", "Task"}:
                continue
            text = doc[c.start : c.end].text
            if is_model_name(text) or is_model_class(text):
                c.label = "Method"
                c.sources.append("model_name")

    def _versions(self, doc: Doc, chosen: list[_Choice], taken: list[bool]) -> None:
        """A named Dataset or Method takes the version number just after it: "SQuAD 1.1", "MultiWOZ 2.2", "MARBERT
        v2" (gold Datasets include it: TDMSci 7 of 7 training spans, SciERC and SciREX all); not a number with a
        unit after it ("BERT 2.3 points")."""
        for c in chosen:
            after = c.end
            if c.label not in {"Dataset", "Method"} or after >= len(doc) or taken[after]:
                continue
            version = doc[after]
            if not VERSION.match(version.text) or not doc[after - 1].whitespace_ or not _named(doc[c.start : c.end]):
                continue
            if after + 1 < len(doc) and doc[after + 1].lower_ in AMOUNT_UNITS:
                continue
            c.end = after + 1
            taken[after] = True
            c.canonical = ""  # the KB name is the name without its version
            c.sources.append("version")

    def _propagate(self, doc: Doc, chosen: list[_Choice], taken: list[bool]) -> None:
        """Repeat each entity at its other, uncovered occurrences of the exact same tokens."""
        orths: list[int] = doc.to_array(ORTH).tolist()  # token texts as hashes: no Token objects made
        by_first: dict[int, dict[tuple[int, ...], _Choice]] = {}
        for c in sorted(chosen, key=lambda c: -c.score):
            if c.end - c.start == 1 and doc[c.start].is_lower:
                continue
            words = tuple(orths[c.start : c.end])
            by_first.setdefault(words[0], {}).setdefault(words, c)
        if not by_first:
            return
        n = len(orths)
        for i, orth in enumerate(orths):
            repeats = by_first.get(orth)
            if repeats is None:
                continue
            for words, c in repeats.items():
                end = i + len(words)
                if end > n or any(taken[i:end]) or tuple(orths[i:end]) != words or _glued(doc, i, end):
                    continue
                copy = _Choice(i, end, c.label, c.score * self.abbreviation_factor, ["repeat"], c.canonical)
                chosen.append(copy)
                for k in range(i, end):
                    taken[k] = True
                break

    def _abbreviations(
        self, doc: Doc, chosen: list[_Choice], taken: list[bool], unchosen: dict[tuple[int, int], _Choice]
    ) -> None:
        """Give short and long forms each other's type and canonical name.

        With ``definitions = "whole"`` (the SciERC/TDMSci convention) a definition that any chosen
        entity lies inside becomes one entity ``long form (SF)`` named by the long form; with
        ``"separate"`` (SciER, SciREX) the long and short forms are two entities. A later short form typed
        otherwise, less surely than its definition (``SHORT_FORM_DOUBT``), takes the definition's type.
        """
        pairs = doc.user_data.get(USER_DATA_KEY, [])
        if not pairs:
            return
        definitions = {pair for pair in pairs if _is_definition(doc, *pair)}
        named: dict[tuple[int, int], _Choice] = {}
        long_forms: dict[tuple[int, int], str] = {}
        if self.definitions == "whole":
            for _s, e, ls, le in sorted(definitions):
                end = e + 1
                around = (c for c in chosen if c.start <= ls and end <= c.end and (c.start, c.end) != (ls, end))
                covering = next(around, None)
                if covering is not None:  # "Product Quantization (PQ) method": named by the long form
                    if _names_more(doc, covering, ls, end):  # "empowering large language model (LLM) applications"
                        long_forms[(ls, le)] = doc[ls:le].text  # later "LLM"s are still named by the long form
                        continue
                    covering.canonical = covering.canonical or doc[ls:le].text
                    named[(ls, le)] = covering
                    continue
                inside = [c for c in chosen if ls <= c.start and c.end <= end]
                inside_ids = {id(c) for c in inside}  # not `c in inside`: field-wise == on every pair
                if not inside or any(c.start < end and ls < c.end for c in chosen if id(c) not in inside_ids):
                    continue
                best = max(inside, key=lambda c: c.score)
                canonical = next((c.canonical for c in inside if (c.start, c.end) == (ls, le) and c.canonical), "")
                whole = _Choice(ls, end, best.label, best.score, best.sources, canonical or doc[ls:le].text)
                for c in inside:
                    chosen.remove(c)
                chosen.append(whole)
                named[(ls, le)] = whole
                for k in range(ls, end):
                    taken[k] = True
        by_span = {(c.start, c.end): c for c in chosen}
        for s, e, ls, le in pairs:
            if self.definitions == "whole" and (s, e, ls, le) in definitions:
                continue
            long = by_span.get((ls, le)) or named.get((ls, le))
            short = by_span.get((s, e))
            if long is None and (ls, le) in long_forms:
                candidate = unchosen.get((ls, le))  # the long form's own candidate, below an entity around it
                if short is not None:
                    short.canonical = short.canonical or long_forms[(ls, le)]
                elif candidate is not None and candidate.score >= self.threshold and not any(taken[s:e]):
                    short = _Choice(s, e, candidate.label, candidate.score * self.abbreviation_factor, ["abbreviation"])
                    short.canonical = candidate.canonical or long_forms[(ls, le)]
                    chosen.append(short)
                    by_span[(s, e)] = short
                    for k in range(s, e):
                        taken[k] = True
                continue
            if long is not None and short is None and not any(taken[s:e]):
                short = _Choice(s, e, long.label, long.score * self.abbreviation_factor, ["abbreviation"])
                chosen.append(short)
                by_span[(s, e)] = short
                for k in range(s, e):
                    taken[k] = True
            elif short is not None and long is None and not any(taken[ls:le]):
                long = _Choice(ls, le, short.label, short.score * self.abbreviation_factor, ["abbreviation"])
                long.canonical = short.canonical
                chosen.append(long)
                by_span[(ls, le)] = long
                for k in range(ls, le):
                    taken[k] = True
            if (
                long is not None
                and short is not None
                and short.label != long.label
                and short.score < long.score * SHORT_FORM_DOUBT
            ):  # "Poisson Flow Generative Models (PFGM)" 0.74 Method, a later "PFGM" 0.51 Task
                short.label = long.label
                short.sources.append("definition_type")
            if long is not None and short is not None and short.label == long.label:
                short.canonical = long.canonical or doc[ls:le].text

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Process a stream of docs."""
        for doc in docs:
            yield self(doc)


@Language.factory(
    "kg_resolver_v1",
    default_config={
        "sources": {"ner": 1.0, "kb": 0.8, "patterns": 0.8},
        "threshold": 0.3,
        "abbreviation_factor": 0.9,
        "propagate": True,
        "kb_type_prior": 0.7,
        "definitions": "whole",
        "nested_tasks": True,
        "type_thresholds": {},
    },
)
def make_resolver(
    nlp: Language,
    name: str,
    sources: dict[str, float],
    threshold: float,
    abbreviation_factor: float,
    propagate: bool,
    kb_type_prior: float,
    definitions: str,
    nested_tasks: bool,
    type_thresholds: dict[str, float],
) -> Resolver:
    """Factory for :class:`Resolver`."""
    return Resolver(
        nlp,
        name,
        sources,
        threshold,
        abbreviation_factor,
        propagate,
        kb_type_prior,
        definitions,
        nested_tasks,
        type_thresholds,
    )

"""Build the cleaned knowledge base ``extractors/kb/kb.jsonl`` from the shared gazetteer.

Run ``python -m extractors.kb.build_kb`` (defaults: ``../shared/gold`` relative to the repo, output
next to this file). It prints the kept/dropped counts per rule, which ``SOURCE.md`` quotes.

The gazetteer (Papers with Code + NLP-TDMS + SciREX train) is noisy: spam dataset names, generic task
names ("model"), metric names with units in them ("DER(%)"), noisy SciREX mention strings. The rules,
applied in order, are :data:`RULES`. Besides string rules, each name is looked up in the *training*
splits of the gold corpora that annotate its type (never a dev or test split): a name that occurs
often there but is rarely annotated as that type is dropped, and the annotation rate becomes the
entry's ``prior`` (the score the matcher gives it).

Output lines: ``{"name", "type", "aliases", "prior", "sources"}`` (and ``train_counts``, ``defined_otherwise`` where
measured); aliases include the cleaned
abbreviations and the SciREX mention strings that are spelling variants of the name.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.matcher import PhraseMatcher

from extractors.abbreviations import best_long_form, find_definitions
from extractors.kb_matcher import capital_inside, is_acronym
from extractors.model_names import is_model_class
from extractors.sentences import SentenceSplitter
from extractors.tokenizer import blank_english

__all__ = ["GENERIC", "RULES", "build", "clean_name", "main"]

HERE = Path(__file__).resolve().parent
DEFAULT_GOLD = HERE.parents[2] / "shared" / "gold"
DEFAULT_CORPUS = HERE.parents[2] / "shared" / "corpus" / "corpus_sample_20k.jsonl.gz"

RULES = {
    "spam": "contains ?, #, ~, =, a URL, or starts with a non-alphanumeric character",
    "few_letters": "no letter, or a single lower-case letter among digits ('1', '16k', '2k'; 'F1' stays)",
    "too_long": "more than 8 words or 70 characters (descriptions, not names)",
    "generic": "a generic word or phrase ('model', 'data', 'dataset', 'method', 'n/a', ...)",
    "short_lowercase": "at most 3 characters and not an acronym ('cs', 'mr', 'em' are words or ambiguous)",
    "type_conflict": "the same name under several types with no evidence which is right",
    "rarely_annotated": "occurs >= 3 times in gold train text but < 20% of the time annotated (exactly) as its type",
    "defined_otherwise": "a Dataset or Metric acronym that the 20k abstracts define as something else at least "
    "twice and mostly ('brain-computer interface (BCI)', 'synthetic aperture radar (SAR)'): each such definition "
    "counts as an unannotated use, so the acronym's prior falls or, as an alias, it goes",
    "not_a_name": "a Papers with Code name that names no method, dataset, metric or task of its type, found by reading "
    "the 20k graph ('Privacy Preserving' Task: an adjective; '6-DoF' Metric; 'Skin' Task); list NOT_NAMES",
    "common_word": "a Dataset name never in gold train text that the 20k abstracts write as an ordinary lower-case "
    "phrase at least 5 times and half the time ('Torque', 'Meshes', 'Hate Speech'); acronyms and names with a "
    "capital inside ('ASSET', 'HoVer') are matched in their own case and stay",
}

# Papers with Code names that name nothing of their type (kg-curated, session 24, from the 20k graph: each matched
# alone, never seen in gold train text, and made a node of 9 to 77 papers). An adjective ("privacy-preserving
# federated learning"), a degree of freedom, a setting, a body part, an imaging modality, a game, a platform.
NOT_NAMES = frozenset(
    [("Privacy Preserving", "Task"), ("6-DoF", "Metric"), ("Novel classes", "Metric"), ("Source-Free", "Metric"),
     ("Best-of", "Metric"), ("Computed Tomography (CT)", "Task"), ("X-Ray", "Task"), ("Skin", "Task"),
     ("Minecraft", "Task"), ("Transparent objects", "Task"), ("Industrial Robots", "Task")]
)  # fmt: skip

# Single words and phrases that name a kind of thing, not a thing.
GENERIC = frozenset(
    [
        "model",
        "models",
        "method",
        "methods",
        "approach",
        "approaches",
        "algorithm",
        "algorithms",
        "system",
        "systems",
        "data",
        "dataset",
        "datasets",
        "corpus",
        "corpora",
        "benchmark",
        "benchmarks",
        "task",
        "tasks",
        "metric",
        "metrics",
        "measure",
        "measures",
        "score",
        "scores",
        "framework",
        "frameworks",
        "network",
        "networks",
        "technique",
        "techniques",
        "baseline",
        "baselines",
        "architecture",
        "architectures",
        "performance",
        "result",
        "results",
        "evaluation",
        "experiment",
        "experiments",
        "training",
        "test",
        "testing",
        "dev",
        "validation",
        "train",
        "set",
        "sets",
        "n/a",
        "na",
        "other",
        "others",
        "general",
        "features",
        "feature",
        "representation",
        "representations",
        "time",
        "error",
        "loss",
        "cost",
        "quality",
        "efficiency",
        "speed",
        "size",
        "memory",
        "image",
        "images",
        "video",
        "videos",
        "text",
        "texts",
        "language",
        "languages",
        "graph",
        "graphs",
    ]
) | {"our approach", "our method", "our model", "this task", "the model", "the method", "proposed method"}

_SPAM = re.compile(r"[?#~=]|https?:|www\.|\.com\b")
_PAREN = re.compile(r"\s*\(([^()]*)\)\s*$")
_CORPORA = {
    # corpus: (train file(s), types it annotates)
    "scierc": (["scierc/train.jsonl"], {"Method", "Dataset", "Metric", "Task"}),
    "scier": (["scier/train.jsonl"], {"Method", "Dataset", "Task"}),
    "scinlp": (["scinlp/train.jsonl"], {"Method", "Dataset", "Metric", "Task"}),
    "tdmsci": (["tdmsci/train.jsonl"], {"Dataset", "Metric", "Task"}),
    "scirex": (["scirex/abstract_train.jsonl"], {"Method", "Dataset", "Metric", "Task"}),
}
TDMSCI_DEV_EVERY = 5  # every 5th TDMSci train sentence is our dev slice: never counted here


def _alias_order(alias: str) -> tuple[str, str]:
    return alias.lower(), alias  # case-blind, ties by case: the same order on every run


def norm_key(text: str) -> str:
    """Lower-cased alphanumeric key ("F1-score" and "f1 score" share "f1score")."""
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def clean_name(name: str) -> tuple[str | None, str]:
    """Return ``(cleaned name, "")`` or ``(None, rule)`` naming the rule that drops it."""
    name = " ".join(name.split()).rstrip(" -_:;,")  # "SPARTQA -", "MatriVasha:": list titles cut short
    if _SPAM.search(name) or not name[:1].isalnum():
        return None, "spam"
    letters = [ch for ch in name if ch.isalpha()]
    if not letters or (len(letters) == 1 and not letters[0].isupper()):
        return None, "few_letters"
    if len(name.split()) > 8 or len(name) > 70:
        return None, "too_long"
    if name.lower() in GENERIC:
        return None, "generic"
    if len(name) <= 3 and not any(ch.isupper() for ch in name):
        return None, "short_lowercase"
    if len(name) <= 2 and not name.isupper():
        return None, "short_lowercase"
    return name, ""


def initials(name: str) -> str:
    """Upper-cased first characters of the words of ``name`` ("Low-Rank Adaptation" -> "LRA")."""
    return "".join(w[0].upper() for w in re.split(r"[\s\-_/]+", name) if w)


def is_acronym_of(alias: str, name: str) -> bool:
    """Whether the capitals of ``alias`` are, in order, initials of the words of ``name``."""
    caps = [ch for ch in alias if ch.isupper() or ch.isdigit()]
    if len(caps) < 2:
        return False
    it = iter(initials(name))
    return all(ch in it for ch in caps)


def clean_alias(alias: str, name: str) -> str | None:
    """Keep an alias only if it is a usable spelling variant or acronym of ``name``."""
    alias = " ".join(alias.split()).strip(" -_")
    cleaned, _ = clean_name(alias) if alias else (None, "")
    if cleaned is None or cleaned.lower() == name.lower():
        return None
    bare = _PAREN.sub("", name)
    if norm_key(cleaned) in {norm_key(name), norm_key(bare)} or is_acronym_of(cleaned, bare):
        return cleaned
    return None


_HEADS = re.compile(r"\s+(dataset|data set|corpus|benchmark|set|scores?|points|metric|task)$", re.I)


def is_variant(mention: str, name: str) -> bool:
    """A SciREX mention string is a spelling variant or abbreviation of ``name``."""
    bare = _HEADS.sub("", mention.strip())
    if norm_key(bare) == norm_key(name):
        return True
    if bare.isupper() and 2 <= len(bare) <= 8:
        long = best_long_form(bare, name)
        return long is not None and long == name and is_acronym_of(bare, name)
    return False


_OWNER = re.compile(r"^(?:Microsoft\s+|MS[\s-]+|MS(?=[A-Z]{4}))")
_DATA_HEAD = re.compile(r"\s+(?:dataset|data set|corpus|benchmark)$", re.I)


def variant_base(name: str) -> str:
    """The name ``name`` is a spelling of, as a :func:`norm_key`: without its owner ("Microsoft COCO", "MS-COCO",
    "MSCOCO"), a bracketed expansion of it ("COCO (Common Objects in Context)") or a data head ("IAM Dataset")."""
    m = _PAREN.search(name)
    short = name[: m.start()].strip() if m else ""
    if m and (is_acronym_of(short, m.group(1)) or (is_acronym(short) and m.group(1)[:1] == short[:1])):
        name = short  # "COCO (Common Objects in Context)": COCO takes "CO" from "Context"
    return norm_key(_OWNER.sub("", _DATA_HEAD.sub("", name.strip())))


def merge_variants(merged: dict[tuple[str, str], dict]) -> int:
    """Fold each entry whose :func:`variant_base` is another entry's name (same type) into that entry, as an alias:
    Papers with Code lists "COCO", "MS-COCO", "Microsoft COCO dataset" and "COCO (Common Objects in Context)" as
    four datasets, and the graph had MSCOCO and COCO as two nodes. Returns how many were folded."""
    folded = 0
    for key in list(merged):
        base = (variant_base(merged[key]["name"]), key[1])
        if base == key or base not in merged:
            continue
        entry, target = merged.pop(key), merged[base]
        target["aliases"] |= (entry["aliases"] | {entry["name"]}) - {target["name"]}
        target["sources"] |= entry["sources"]
        folded += 1
    return folded


def drop_shared_aliases(entries: list[dict]) -> int:
    """Drop aliases that several entries share (ambiguous), counting each entry once per spelling ("MS-COCO" and
    "MS COCO" are one), unless one entry is the dataset and the others settings of it ("MS-COCO" of "COCO" and of
    "MS-COCO (1-shot)"). Returns how many went."""
    keys_of = [{norm_key(a) for a in [*e["aliases"], e["name"]]} for e in entries]
    is_setting = [bool(_PAREN.search(e["name"])) for e in entries]
    owners = Counter(key for keys in keys_of for key in keys)
    settings = Counter(key for keys, setting in zip(keys_of, is_setting, strict=True) if setting for key in keys)
    dropped = 0
    for e, setting in zip(entries, is_setting, strict=True):
        keys = [norm_key(a) for a in e["aliases"]]
        kept = [
            a
            for a, k in zip(e["aliases"], keys, strict=True)
            if owners[k] == 1 or (not setting and owners[k] == settings[k] + 1)
        ]
        dropped += len(e["aliases"]) - len(kept)
        e["aliases"] = kept
    return dropped


def read_jsonl(path: Path) -> Iterator[dict]:
    """Records of a JSON Lines file."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def train_texts(gold: Path) -> Iterator[tuple[str, set[str], dict]]:
    """``(corpus, annotated types, record)`` for every train record we may learn from."""
    for corpus, (files, types) in _CORPORA.items():
        for file in files:
            for i, rec in enumerate(read_jsonl(gold / file)):
                if corpus == "tdmsci" and i % TDMSCI_DEV_EVERY == 0:
                    continue
                yield corpus, types, rec


def annotation_stats(entries: list[dict], gold: Path) -> dict[tuple[int, int], Counter]:
    """Per (entry index, form index; 0 is the name, then the aliases): how often the form occurs in train text
    and is gold of the entry's type, exactly or inside a longer gold span."""
    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for idx, entry in enumerate(entries):
        for form_idx, form in enumerate([entry["name"], *entry["aliases"]]):
            matcher.add(f"{idx}:{form_idx}", [nlp.make_doc(form)])
    stats: dict[tuple[int, int], Counter] = defaultdict(Counter)
    for _corpus, types, rec in train_texts(gold):
        text = rec["text"]
        if len(text) > 200_000:
            text = text[:200_000]
        doc = nlp.make_doc(text)
        gold_spans: dict[tuple[int, int], set[str]] = defaultdict(set)
        inside: list[tuple[int, int, str]] = []
        for ent in rec.get("entities", []):
            gold_spans[(ent["start"], ent["end"])].add(ent["type"])
            inside.append((ent["start"], ent["end"], ent["type"]))
        seen: set[tuple[int, int, int]] = set()  # one count per entry and place, as one alias may match twice
        for match_id, start, end in matcher(doc):
            idx, form_idx = (int(x) for x in nlp.vocab.strings[match_id].split(":"))
            etype = entries[idx]["type"]
            if etype not in types or (idx, start, end) in seen:
                continue
            seen.add((idx, start, end))
            span = doc[start:end]
            s, e = span.start_char, span.end_char
            stats[(idx, form_idx)]["occurrences"] += 1
            if etype in gold_spans.get((s, e), ()):
                stats[(idx, form_idx)]["exact"] += 1
            elif any(gs <= s and e <= ge and t == etype for gs, ge, t in inside):
                stats[(idx, form_idx)]["inside"] += 1
    return stats


def uses(st: Counter) -> int:
    """Uses of a name that can tell whether it names its entry: gold train occurrences and corpus definitions as
    something else (:func:`defined_otherwise`)."""
    return st["occurrences"] + st["defined_otherwise"]


def rarely_annotated(st: Counter, min_occurrences: int = 3) -> bool:
    """Used at least ``min_occurrences`` times (:func:`uses`) but under 20% of the time annotated exactly as its
    type."""
    return uses(st) >= min_occurrences and st["exact"] / uses(st) < 0.2


def drop_rare_aliases(entries: list[dict], stats: dict[tuple[int, int], Counter]) -> tuple[dict[int, Counter], int]:
    """Drop the aliases that are :func:`rarely_annotated`, once seen (an alias does not decide its entry's fate:
    "DST" is seldom annotated as Dialogue State Tracking, "STL10" was never); return each entry's counts over its
    name and kept aliases, and how many aliases went."""
    totals: dict[int, Counter] = {}
    dropped = 0
    for idx, entry in enumerate(entries):
        forms = [entry["name"], *entry["aliases"]]
        keep = [j for j in range(len(forms)) if j == 0 or not rarely_annotated(stats.get((idx, j), Counter()), 1)]
        dropped += len(forms) - len(keep)
        entry["aliases"] = [forms[j] for j in keep if j]
        totals[idx] = sum((stats.get((idx, j), Counter()) for j in keep), Counter())
    return totals, dropped


_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-]*")
MAX_COMMON_WORDS = 4


def corpus_abstracts(corpus: Path) -> list[str]:
    """The abstracts of a JSON Lines corpus (gzip accepted)."""
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as fh:
        return [json.loads(line).get("abstract") or "" for line in fh]


def lowercase_usage(phrases: set[str], abstracts: Iterable[str]) -> dict[str, tuple[int, int]]:
    """For each lower-cased phrase: (times written all lower-case, times written any way) in the abstracts."""
    counts: dict[str, list[int]] = {p: [0, 0] for p in phrases}
    for abstract in abstracts:
        words = _WORD.findall(abstract)
        folded = [w.lower() for w in words]
        for n in range(1, MAX_COMMON_WORDS + 1):
            for i in range(len(words) - n + 1):
                key = " ".join(folded[i : i + n])
                if key in counts:
                    seen = counts[key]
                    seen[1] += 1
                    seen[0] += all(w.islower() for w in words[i : i + n])
    return {p: (c[0], c[1]) for p, c in counts.items()}


# words that make a long form name data ("Labeled Faces in the Wild" is in the KB; "The Cancer Genome Atlas")
DATA_HEADS = frozenset(
    ["atlas", "bank", "benchmark", "benchmarks", "challenge", "collection", "corpora", "corpus", "database",
     "dataset", "datasets", "set", "suite", "treebank"]
)  # fmt: skip
# words that make a long form name a measure ("area under the curve", "mean opinion score", "word error rate")
METRIC_HEADS = frozenset(
    ["accuracy", "agreement", "auc", "average", "coefficient", "consistency", "correlation", "count", "curve",
     "deviation", "distance", "divergence", "entropy", "error", "errors", "f1", "fidelity", "gain", "index",
     "likelihood", "loss", "mean", "measure", "metric", "overlap", "per", "perplexity", "precision", "probability",
     "quality", "rate", "rates", "ratio", "recall", "score", "scores", "similarity", "success", "time", "understudy",
     "union", "value"]
)  # fmt: skip
OWN_HEADS = {"Dataset": DATA_HEADS, "Metric": METRIC_HEADS}
MIN_OTHER_DEFINITIONS = 2


def corpus_definitions(abstracts: Iterable[str]) -> dict[str, Counter]:
    """Per short form: how often the abstracts define it with each long form (case-folded), found as the pipeline
    finds them (:func:`extractors.abbreviations.find_definitions`)."""
    nlp = blank_english()
    splitter = SentenceSplitter(nlp)
    found: dict[str, Counter] = defaultdict(Counter)
    for doc in nlp.pipe(abstracts, batch_size=256):
        for short, long in find_definitions(splitter(doc)):
            found[short.text][long.text.casefold()] += 1
    return found


def defined_otherwise(entries: list[dict], stats: dict[tuple[int, int], Counter], defined: dict[str, Counter]) -> int:
    """Count the corpus definitions of a Dataset or Metric acronym as something else ("brain-computer interface
    (BCI)", "end-to-end (E2E)", "synthetic aperture radar (SAR)", "vision-language model (VLM)") as unannotated
    uses of that form (``defined_otherwise``, beside the gold train ``occurrences``), when there are at least
    :data:`MIN_OTHER_DEFINITIONS`, they are most of its definitions and gold train text does not annotate the form
    as the entry as often; return how many forms got such counts. A
    long form that is a KB name of the entry's type, one word ("OpenStreetMap (OSM)") or has a word of
    :data:`OWN_HEADS` ("The Cancer Genome Atlas (TCGA)", "area under the curve (AUC)") defines the entry itself."""
    own_forms = {
        etype: {f.casefold() for e in entries if e["type"] == etype for f in (e["name"], *e["aliases"])}
        for etype in OWN_HEADS
    }

    def names_own(long: str, etype: str) -> bool:
        words = set(re.split(r"[\s\-]+", long))
        spellings = {long, long + "s", long.removesuffix("s"), re.sub("y$", "ies", long)}  # "universal dependency"
        return bool(spellings & own_forms[etype]) or len(words) == 1 or bool(words & OWN_HEADS[etype])

    changed = 0
    for idx, entry in enumerate(entries):
        if entry["type"] not in OWN_HEADS:
            continue
        for form_idx, form in enumerate([entry["name"], *entry["aliases"]]):
            if not is_acronym(form) or form not in defined or stats[(idx, form_idx)]["exact"] >= MIN_OTHER_DEFINITIONS:
                continue  # annotated as the entry in gold train text: that evidence stands ("MAE", "CFD")
            other = sum(n for long, n in defined[form].items() if not names_own(long, entry["type"]))
            if other >= MIN_OTHER_DEFINITIONS and 2 * other > sum(defined[form].values()):
                stats[(idx, form_idx)]["defined_otherwise"] += other
                changed += 1
    return changed


def _common_word_candidate(entry: dict) -> bool:
    """A name the matcher finds in any case: no acronym, no capital inside a word ("ASSET", "HoVer" are safe)."""
    name, words = entry["name"], entry["name"].split()
    if is_acronym(name) or capital_inside(name):
        return False
    # tasks and metrics are written in lower case as a rule ("pansharpening", "jitter"): only dataset names
    return entry["type"] == "Dataset" and len(words) <= MAX_COMMON_WORDS


def name_by_base(entry: dict) -> bool:
    """Name an entry by its alias without a bracketed setting: "gsm8k (5-shots)" with alias "gsm8k" is "gsm8k"
    (Papers with Code names benchmark settings so; text names the dataset). An acronym in brackets stays
    ("Room Impulse Response (RIR)"). Aliases are unique by now, so no other entry has that name."""
    m = _PAREN.search(entry["name"])
    if m is None or is_acronym_of(m.group(1), entry["name"][: m.start()]):
        return False
    base = norm_key(entry["name"][: m.start()])
    alias = next((a for a in entry["aliases"] if norm_key(a) == base), None)
    if alias is None:
        return False
    entry["aliases"] = sorted([a for a in entry["aliases"] if a != alias] + [entry["name"]], key=_alias_order)
    entry["name"] = alias
    return True


def build(gold: Path, corpus: Path | None = DEFAULT_CORPUS) -> tuple[list[dict], Counter]:
    """Clean the gazetteer; return the KB entries and the counts per outcome."""
    counts: Counter = Counter()
    merged: dict[tuple[str, str], dict] = {}
    for row in read_jsonl(gold / "gazetteer" / "gazetteer.jsonl"):
        counts["input"] += 1
        raw = row["name"]
        aliases = list(row.get("aliases", []))
        m = _PAREN.search(raw)
        if m and row["type"] == "Metric":  # "DER(%)", "SARI (EASSE>=0.2.1)": the unit is not the name
            raw = raw[: m.start()]
        name, rule = clean_name(raw)
        if name is not None and (name, row["type"]) in NOT_NAMES:
            name, rule = None, "not_a_name"
        if name is None:
            counts[f"dropped:{rule}"] += 1
            continue
        kept_aliases = {a for a in (clean_alias(x, name) for x in aliases) if a}
        for mention in row.get("mention_aliases", []):
            alias, _ = clean_name(mention.strip())
            if alias and alias.lower() != name.lower() and is_variant(alias, name):
                kept_aliases.add(alias)
        counts["aliases_dropped"] += len(set(aliases) | set(row.get("mention_aliases", []))) - len(kept_aliases)
        key = (norm_key(name), row["type"])
        entry = merged.setdefault(key, {"name": name, "type": row["type"], "aliases": set(), "sources": set()})
        entry["aliases"] |= kept_aliases
        entry["sources"] |= set(row.get("sources", []))
    counts["merged:same_name_and_type"] = (
        counts["input"] - sum(v for k, v in counts.items() if k.startswith("dropped:")) - len(merged)
    )
    # a name under several types: keep the type whose sources are curated lists, else drop all
    by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in merged:
        by_name[key[0]].append(key)
    for keys in by_name.values():
        if len(keys) < 2:
            continue
        strong = [k for k in keys if merged[k]["sources"] & {"nlptdms", "scirex-train"}]
        winners = strong if len(strong) == 1 else []
        for k in keys:
            if k not in winners:
                counts["dropped:type_conflict"] += 1
                del merged[k]
    counts["merged:variant_of_another_name"] = merge_variants(merged)
    for e in merged.values():
        if e["type"] == "Task" and is_model_class(e["name"]):
            e["type"] = "Method"
            counts["retyped:model_class"] += 1
    entries = [
        {**e, "aliases": sorted(e["aliases"], key=_alias_order), "sources": sorted(e["sources"])}
        for e in sorted(merged.values(), key=lambda e: (e["type"], e["name"].lower()))
    ]
    counts["aliases_dropped"] += drop_shared_aliases(entries)
    for e in entries:
        if name_by_base(e):
            counts["renamed:setting_in_brackets"] += 1
    form_stats = annotation_stats(entries, gold)
    abstracts = corpus_abstracts(corpus) if corpus is not None and corpus.exists() else []
    if abstracts:
        counts["counted:defined_otherwise"] = defined_otherwise(entries, form_stats, corpus_definitions(abstracts))
    stats, counts["aliases_dropped:rarely_annotated"] = drop_rare_aliases(entries, form_stats)
    usage: dict[str, tuple[int, int]] = {}
    if abstracts:
        unseen = [e for i, e in enumerate(entries) if not stats[i]["occurrences"]]
        candidates = {e["name"].lower() for e in unseen if _common_word_candidate(e)}
        usage = lowercase_usage(candidates, abstracts)
    kept: list[dict] = []
    for idx, e in enumerate(entries):
        st = stats[idx]
        occ, exact, inside = st["occurrences"], st["exact"], st["inside"]
        if rarely_annotated(st):
            counts["dropped:rarely_annotated"] += 1
            continue
        lower, total = usage.get(e["name"].lower(), (0, 0)) if not occ and _common_word_candidate(e) else (0, 0)
        if lower >= 5 and 2 * lower >= total:
            counts["dropped:common_word"] += 1
            continue
        e["prior"] = round((exact + 1) / (uses(st) + 2), 3) if uses(st) else 0.5
        if occ:
            e["train_counts"] = {"occurrences": occ, "exact": exact, "inside": inside}
        if st["defined_otherwise"]:
            e["defined_otherwise"] = st["defined_otherwise"]
        kept.append(e)
    kept += curated_entries()
    counts["kept"] = len(kept)
    counts["aliases_kept"] = sum(len(e["aliases"]) for e in kept)
    for e in kept:
        counts[f"kept:{e['type']}"] += 1
    return kept, counts


# Companies, labs and platforms that abstracts name next to their models ("OpenAI Codex", "models on
# HuggingFace", "NVIDIA A100"); the entity model sometimes types the bare name as a Task or Dataset.
# Hand-written (kg-curated). Left out on purpose, as they also name data or models: Amazon (reviews),
# Twitter, Reddit, Wikipedia (data sources), IBM (the alignment models), Mistral and DeepSeek
# (model families), AMD (a dataset in the gazetteer), xAI (XAI is a task).
ORGANISATIONS = (
    "Alibaba", "Allen Institute for AI", "Anthropic", "Baidu", "ByteDance", "Cohere", "DeepMind",
    "Facebook AI", "Facebook AI Research", "Google", "Google DeepMind", "Google Research", "Hugging Face",
    "HuggingFace", "Huawei", "Intel", "Meta", "Meta AI", "Microsoft", "Microsoft Research", "Mistral AI",
    "Moonshot AI", "NVIDIA", "Nvidia", "OpenAI", "Qualcomm", "Salesforce", "Samsung", "Stability AI",
    "Tencent", "Zhipu AI",
)  # fmt: skip


# where code and data are published ("available on GitHub", "in our GitHub repository"), not data of their own:
# the gold train splits leave "GitHub" unannotated 42 times of 46; on the 20k abstracts it was a Dataset of 29
# papers, 28 of them "code is available on GitHub" (session 24). Type Organisation, with "X repository".
CODE_HOSTS = ("Bitbucket", "GitHub", "GitLab", "Hugging Face Hub", "Zenodo")


# programming languages and data formats: what code or data is written in ("implemented in Python", "outputs in
# JSON"), not one of the four. The gold train splits never annotate one as such (Python: 28 occurrences, once a
# Method); on the 20k abstracts "Python" was a Dataset of 8 papers (session 24). "Go" (the game) is left out.
PROGRAMMING_LANGUAGES = (
    "C++", "CSV", "HTML", "JSON", "Java", "JavaScript", "LaTeX", "Markdown", "Python", "Rust", "SQL", "TypeScript",
    "Verilog", "XML", "YAML",
)  # fmt: skip


# general-purpose software libraries: what code is built with ("implemented in PyTorch", "tools in TensorFlow"), not
# one of the four. SciER never annotates one (PyTorch, Caffe, Keras: 6 occurrences in its train split), SciNLP as a
# Tool, SciREX's noisy labels as Methods; on the seeds "TensorFlow" was a Dataset (session 26). Systems that papers
# propose or compare as such (DeepSpeed, vLLM, TensorRT) are left out.
SOFTWARE_LIBRARIES = (
    "Caffe", "JAX", "Keras", "MXNet", "NumPy", "ONNX", "PaddlePaddle", "PyTorch", "SciPy", "TensorFlow",
    "TensorFlow Lite", "TensorFlowLite", "Theano", "pandas", "scikit-learn",
)  # fmt: skip


# conferences and journals: where a paper appeared ("at LREC 2020", "FOCS 2015"), not one of the four (shared
# tasks and evaluation campaigns such as SemEval, CoNLL or WMT name tasks and data, and are not listed)
VENUES = (
    "AACL", "AAAI", "ACL", "AISTATS", "ASPLOS", "BMVC", "CHI", "CIKM", "COLING", "COLT", "CSCW", "CVPR", "CoRL",
    "EACL", "ECCV", "EMNLP", "EuroSys", "FOCS", "HPCA", "ICALP", "ICASSP", "ICCV", "ICDE", "ICLR", "ICML", "ICRA",
    "IJCAI", "IJCNLP", "INTERSPEECH", "IROS", "ISBI", "ISCA", "Interspeech", "JACM", "JMLR", "KDD", "LREC",
    "MICCAI", "MLSys", "NAACL", "NAACL-HLT", "NIPS", "NSDI", "NeurIPS", "OSDI", "PODS", "PPoPP", "RecSys",
    "SICOMP", "SIGIR", "SIGKDD", "SIGMOD", "SODA", "SOSP", "STOC", "TACL", "TMLR", "TPAMI", "TheWebConf", "UAI",
    "UIST", "VLDB", "WACV", "WSDM", "WWW",
)  # fmt: skip


# devices and number formats: what a model ran on or in ("on A100 GPUs", "FP16 precision"), not one of the four
HARDWARE = (
    "A100", "A100s", "A6000", "A800", "Apple M1", "Apple M2", "CPU", "CPUs", "FPGA", "FPGAs", "GPU", "GPUs",
    "GTX 1080", "GTX 1080 Ti", "H100", "H100s", "H800", "Jetson AGX Orin", "Jetson Nano", "Jetson TX2", "MI250X",
    "MI300X", "NPU", "NPUs", "P100", "RTX 2080", "RTX 2080 Ti", "RTX 3080", "RTX 3090", "RTX 4090", "RTX A6000",
    "Raspberry Pi", "Raspberry Pi 3", "Raspberry Pi 4", "TPU", "TPUs", "TPU v3", "TPU v4", "TPUv3", "TPUv4",
    "Titan X", "V100", "V100s",
    # session 24: "T4 GPU" was a Dataset of 5 papers on 20k abstracts, "iPhone" of 6
    "A10G", "A40", "B200", "H200", "L4", "L40S", "T4", "iPhone",
)  # fmt: skip
NUMBER_FORMATS = (
    "BF16", "FP16", "FP32", "FP4", "FP6", "FP8", "INT2", "INT4", "INT8", "NF4", "W2A16", "W3A16", "W4A16", "W4A4",
    "W4A8", "W8A8",
)  # fmt: skip


# research fields: what a paper's work belongs to, not a task it addresses ("advances in NLP", "machine
# learning models"). Papers with Code kept such areas apart from its tasks; TDMSci and SciNLP leave them
# unannotated (NLP: 46 of 49 and 81 of 84 occurrences in their train splits), SciERC mostly too (16 of 18);
# only SciER annotates them as Task. Left out: "information retrieval" and "speech recognition" (tasks as
# well), "deep learning" (a family of methods).
FIELDS = (
    "AI", "ML", "NLP", "artificial intelligence", "bioinformatics", "computational linguistics", "computer graphics",
    "computer vision", "data mining", "data science", "human-computer interaction", "information processing",
    "language processing", "linguistics", "machine learning", "natural language processing", "robotics",
    "human-robot interaction", "HRI",  # session 23: "HRI" was a Dataset of 10 papers on 20k
    # session 24: language itself ("code from natural language"): the gold train splits annotate it 2 times of 349;
    # it was a Dataset of 6 papers on 20k
    "natural language",
)  # fmt: skip


# natural languages: what a text or corpus is written in ("English", "the Dutch language"), not data of
# their own. TDMSci, SciER, SciNLP and SciREX never annotate one alone (English: 0 of 171, 18, 144 and 13
# occurrences in their train splits); SciERC does now and then (9 of 34), as Material.
LANGUAGES = (
    "Arabic", "Basque", "Bengali", "Bulgarian", "Catalan", "Chinese", "Croatian", "Czech", "Danish", "Dutch",
    "English", "Estonian", "Finnish", "French", "German", "Greek", "Hebrew", "Hindi", "Hungarian", "Indonesian",
    "Italian", "Japanese", "Korean", "Latvian", "Lithuanian", "Malay", "Mandarin", "Norwegian", "Persian",
    "Polish", "Portuguese", "Romanian", "Russian", "Serbian", "Slovenian", "Spanish", "Swahili", "Swedish",
    "Tagalog", "Tamil", "Telugu", "Thai", "Turkish", "Ukrainian", "Urdu", "Vietnamese",
    # session 23: languages of the ACL Anthology's shared tasks ("Malayalam" was a Dataset of 12 papers on 20k)
    "Afrikaans", "Amharic", "Assamese", "Bangla", "Burmese", "Cantonese", "Galician", "Gujarati", "Hausa", "Icelandic",
    "Igbo", "Kannada", "Kazakh", "Khmer", "Kinyarwanda", "Kurdish", "Malayalam", "Maltese", "Marathi", "Nepali",
    "Odia", "Pashto", "Punjabi", "Sindhi", "Sinhala", "Slovak", "Somali", "Tigrinya", "Uyghur", "Uzbek", "Yoruba",
    "Zulu",
)  # fmt: skip


def _case_forms(name: str) -> list[str]:
    """Other spellings of a lower-case field name at a sentence start or in a title ("Machine Learning")."""
    if name != name.lower():
        return []
    title = re.sub(r"(^|[ -])([a-z])", lambda m: m.group(1) + m.group(2).upper(), name)
    forms = {name[:1].upper() + name[1:], title}
    return sorted(forms - {name})


def curated_entries() -> list[dict]:
    """KB entries for :data:`ORGANISATIONS`, :data:`CODE_HOSTS`, :data:`PROGRAMMING_LANGUAGES`,
    :data:`SOFTWARE_LIBRARIES`, :data:`HARDWARE`, :data:`NUMBER_FORMATS`, :data:`VENUES`, :data:`FIELDS` and
    :data:`LANGUAGES` (types ``Organisation``, ``ProgrammingLanguage``, ``Software``, ``Hardware``, ``NumberFormat``,
    ``Venue``, ``Field``, ``NaturalLanguage``: matched to block, never an entity). These match in their own case
    only, so a field's capitalised forms are aliases, and so are "X language" of a language and "X repository" of a
    code host."""
    curated = [("Organisation", ORGANISATIONS, None), ("Organisation", CODE_HOSTS, lambda n: [f"{n} repository"]),
               ("ProgrammingLanguage", PROGRAMMING_LANGUAGES, None), ("Software", SOFTWARE_LIBRARIES, None),
               ("Hardware", HARDWARE, None),
               ("NumberFormat", NUMBER_FORMATS, None), ("Venue", VENUES, None), ("Field", FIELDS, _case_forms),
               ("NaturalLanguage", LANGUAGES, lambda n: [f"{n} language"])]  # fmt: skip
    return [{"name": n, "type": etype, "aliases": aliases(n) if aliases else [], "sources": ["kg-curated"],
             "prior": 1.0}
            for etype, names, aliases in curated for n in names]  # fmt: skip


def write(entries: Iterable[dict], path: Path) -> None:
    """Write entries as JSON Lines (sorted, one per line, stable for diffs)."""
    with path.open("w", encoding="utf-8") as fh:
        for e in entries:
            fh.write(json.dumps(e, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> None:
    """Command line: build the KB and print the counts per rule."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="the shared gold folder")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="abstracts for the common_word rule")
    parser.add_argument("-o", "--output", type=Path, default=HERE / "kb.jsonl")
    args = parser.parse_args(argv)
    entries, counts = build(args.gold, args.corpus)
    write(entries, args.output)
    print(json.dumps(dict(sorted(counts.items())), indent=1))


if __name__ == "__main__":
    main()

"""Entity resolution: all stored mentions -> one node per real method, dataset, metric and task.

How mentions become entities (deterministic: the same mentions always give the same graph):

1. Each mention's name is its canonical form (knowledge-base name or the long form of an
   abbreviation defined in the same abstract), else its text. Names are compared by ``name_key``
   (case, hyphen, spacing and plural variants share a key).
2. A short form used without its definition ("LoRA" alone) joins the long form that other papers
   define for it, when all papers that define it agree; an ambiguous short form ("SAM" defined as two
   different things) stays apart. A name with such a short form in it ("OOD detection", "deep RL") joins
   the entity named with the long form instead ("Out-of-Distribution Detection", "deep reinforcement
   learning") when that entity exists.
3. A name typed differently in different papers takes its majority type.
4. The display name is the most frequent spelling; the node id is chosen once per (type, key) and
   stored, so ids stay stable as the graph grows.
5. Variants ("ImageNet-1K" of "ImageNet") are separate nodes with a VARIANT_OF edge to the base,
   when the base is itself an entity.
6. An entity that no paper links to (its only mentions were in passing, see ``_passing_mentions``) and no
   result or linked variant names is no node (``linked_only``): every node answers "which papers?".
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from kg.fragment import EdgeData, Fragment, MentionRow, NodeData
from kg.identity import entity_id
from kg.linking.mentions import TITLE_CUE
from kg.linking.names import name_key, variant_base, without_head
from kg.linking.no_entity import GENERIC_ACTIVITY_WORDS, GENERIC_HEADS, names_no_entity
from kg.linking.overrides import Decision
from kg.model import Evidence
from kg.schema import EdgeType, NodeType, node_type

# The relation a paper has with an entity, by the rule cue found on the mention, else by type.
_CUE_RELATIONS = {
    ("proposes", "Method"): EdgeType.PROPOSES,
    ("proposes", "Dataset"): EdgeType.PROPOSES,
    (TITLE_CUE, "Method"): EdgeType.PROPOSES,
    (TITLE_CUE, "Dataset"): EdgeType.PROPOSES,
    ("evaluated_on", "Dataset"): EdgeType.EVALUATED_ON,
}
COMPARISON_CUE = "compared_with"
_DEFAULT_RELATIONS = {
    "Method": EdgeType.USES,
    "Dataset": EdgeType.USES,
    "Metric": EdgeType.MEASURED_BY,
    "Task": EdgeType.ADDRESSES,
}
DERIVED_RELATIONS = (
    EdgeType.PROPOSES,
    EdgeType.USES,
    EdgeType.EVALUATED_ON,
    EdgeType.MEASURED_BY,
    EdgeType.ADDRESSES,
    EdgeType.COMPARED_WITH,
    EdgeType.APPLIED_TO,
    EdgeType.VARIANT_OF,
    EdgeType.REPORTS,
    EdgeType.RESULT_METRIC,
    EdgeType.RESULT_DATASET,
    EdgeType.RESULT_METHOD,
)
# Components that only propose names: knowledge-base entries, defined abbreviations and rule phrases.
NAMING_COMPONENTS = frozenset(
    {"kb", "abbreviation", "proposes", "evaluated_on", "compared_with", "measured_by", "addresses"}
)
MIN_PAPERS_FOR_TERMS = 2
DERIVED_NODE_TYPES = (NodeType.METHOD, NodeType.DATASET, NodeType.METRIC, NodeType.TASK, NodeType.RESULT)
LINKING_COMPONENT = "linking"


@dataclass
class _Cluster:
    """The mentions resolved to one (type, key)."""

    type: str
    key: str
    spellings: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)


@dataclass
class Resolution:
    """Entity nodes, fragments of derived edges (one per record), and new id decisions."""

    nodes: list[NodeData]
    fragments: list[Fragment]
    new_ids: dict[tuple[str, str], str]
    node_of_mention: dict[tuple[str, str, int, int], NodeData]


DOMINANT_DEFINITION = 0.8  # share of a short form's definitions its usual long form needs


def short_form_spelling(text: str) -> str:
    """A short form as written, case kept, without a generic head ("KD methods"), separators ("Q&A") or a
    plural "s" after a capital or digit: "LLMs", "LLM" and "LLM models" are one spelling, "CoCo" and "COCO" two."""
    bare = re.sub(r"[\W_]", "", without_head(text))
    return re.sub(r"(?<=[A-Z0-9])s$", "", bare)


@dataclass(frozen=True)
class _ShortForm:
    """Where a short form's uses go: its usual long form (key and most frequent spelling), and how the defining
    papers spelled the short form."""

    long_key: str
    long_name: str
    spellings: frozenset[str]


def _short_form_targets(mentions: list[MentionRow], apart: set[tuple[str, frozenset[str]]]) -> dict[str, _ShortForm]:
    """Key of a short form -> its usual long form and the spellings the defining papers gave it.

    Keyed by name only, not type: "FL" defined as a Method in one paper and typed Dataset by the model in
    another is still Federated Learning (the cluster then takes the majority type). The usual long form
    must give at least 80% of the papers' definitions: over 20,000 papers a few odd definitions of "LLMs"
    do not keep it apart from "Large Language Models", while "SAM" defined as two things stays apart, and so
    does a pair a user's "different" decision names, whatever type the decision gives. A bare
    use joins only when written as a definition wrote it (``short_form_spelling``): "Code-as-CoT (CoCo)" in
    one paper does not make the "COCO" dataset of 47 others Code-as-CoT.
    """
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    spellings: dict[str, set[str]] = defaultdict(set)
    long_spellings: dict[str, Counter[str]] = defaultdict(Counter)
    defined: set[tuple[str, str, str]] = set()
    for m in mentions:
        if m.canonical and name_key(m.canonical) != name_key(m.text):
            short, long = name_key(m.text), name_key(m.canonical)
            if (m.paper_id, short, long) not in defined:  # one vote per paper
                defined.add((m.paper_id, short, long))
                seen[short][long] += 1
            spellings[short].add(short_form_spelling(m.text))
            long_spellings[long][m.canonical] += 1
    apart_pairs = {pair for _, pair in apart}  # a user's "different" decisions, of any type
    targets = {}
    for short, longs in seen.items():
        (long, votes), total = _most_common(longs), sum(longs.values())
        if votes >= DOMINANT_DEFINITION * total and frozenset({short, long}) not in apart_pairs:
            targets[short] = _ShortForm(long, _most_common(long_spellings[long])[0], frozenset(spellings[short]))
    return targets


def _most_common(counts: Counter[str]) -> tuple[str, int]:
    """The most frequent item and its count; the first in sort order on ties (deterministic)."""
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _expanded(name: str, short_forms: dict[str, _ShortForm]) -> str | None:
    """``name`` with its one short form written out ("OOD detection" -> "out-of-distribution detection"), when a
    word of it is a short form other papers define, spelled as they do; else None. Names of one word are the
    short-form rule's."""
    words = name.split()
    if len(words) < 2:
        return None
    for i, word in enumerate(words):
        target = short_forms.get(name_key(word))
        if target is not None and short_form_spelling(word) in target.spellings:
            return " ".join([*words[:i], target.long_name, *words[i + 1 :]])
    return None


@dataclass
class _Decisions:
    """The user's same/different decisions, indexed for resolution."""

    redirect: dict[tuple[str, str], str] = field(default_factory=dict)
    preferred: dict[tuple[str, str], str] = field(default_factory=dict)
    apart: set[tuple[str, frozenset[str]]] = field(default_factory=set)
    split: dict[tuple[str, str], set[str]] = field(default_factory=dict)

    @classmethod
    def index(cls, decisions: Iterable[Decision]) -> _Decisions:
        index = cls()
        for d in decisions:
            first, second = d.keys
            if d.kind == "same":
                index.redirect[(d.type, second)] = first
                index.preferred[(d.type, first)] = d.first
            elif first == second:  # spellings that normalise alike, kept apart by exact name
                index.split.setdefault((d.type, first), set()).add(d.second.casefold())
            else:
                index.apart.add((d.type, frozenset({first, second})))
        return index

    def key(self, type_: str, name: str) -> str:
        """The key of ``name``: its name key, split if the user said so, redirected if merged."""
        key = name_key(name)
        if name.casefold() in self.split.get((type_, key), ()):
            key = f"{key}|{name.casefold()}"
        return self.follow(type_, key)

    def follow(self, type_: str, key: str) -> str:
        """Where "same" decisions send a key."""
        for _ in range(10):  # follow chains of "same" decisions, never loop
            if (type_, key) not in self.redirect:
                break
            key = self.redirect[(type_, key)]
        return key

    def canonical(self, m: MentionRow) -> str | None:
        """The mention's canonical name unless the user keeps it apart from the mention's text."""
        if m.canonical and (m.type, frozenset({name_key(m.text), name_key(m.canonical)})) in self.apart:
            return None
        return m.canonical


def _majority_types(mentions: list[MentionRow], key_of: dict[int, str]) -> dict[str, str]:
    """The type most mentions of each key have (ties broken by type name, for determinism)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for index, m in enumerate(mentions):
        votes[key_of[index]][m.type] += 1
    return {key: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for key, c in votes.items()}


def _name_shaped(text: str) -> bool:
    """A proper name rather than a description: a capital after the first letter, or a digit ("LoRA", "GPT-4")."""
    words = text.split()
    return (
        any(ch.isdigit() for ch in text)
        or any(ch.isupper() for w in words for ch in w[1:])
        or (len(words) > 1 and all(w[:1].isupper() for w in words if len(w) > 3))
    )


def admitted(mentions: list[MentionRow]) -> list[MentionRow]:
    """The mentions that become graph entities.

    Names always do: knowledge-base entries, defined abbreviations, rule phrases ("we propose X") and
    name-shaped words ("LoRA", "GPT-4", "Vision Transformer"). Lower-case terms found only by the
    statistical model ("knowledge distillation", "unified framework") need two papers that use them and
    a head word that is not generic, and are never datasets ("images", "synthetic data"). Names that name no
    thing are never entities (``names_no_entity``: "RGB images", "mobile robot", "AI systems", "Unified
    Framework"). `kg extract` still reports every mention.
    """
    papers_of: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        papers_of[name_key(m.canonical or m.text)].add(m.paper_id)

    def keep(m: MentionRow) -> bool:
        name = m.canonical or m.text
        if name.casefold() in GENERIC_ACTIVITY_WORDS or names_no_entity(name):
            return False
        if m.component in NAMING_COMPONENTS or m.cue or _name_shaped(name) or (m.canonical and m.canonical != m.text):
            return True
        if m.type == "Dataset" and name == name.lower():  # datasets are named: "images", "synthetic data" are data
            return False
        head = name.split()[-1].lower() if name.split() else ""
        return head not in GENERIC_HEADS and len(papers_of[name_key(name)]) >= MIN_PAPERS_FOR_TERMS

    return [m for m in mentions if keep(m)]


def _display_name(spellings: Counter[str]) -> str:
    """The most used spelling (title uses count double: "TreeSynth: ..." over "TREESYNTH" in the text).

    Long all-capital spellings lose to any mixed-case one; then ties go to more capitals, then alphabetical.
    """
    mixed = [s for s in spellings if not (s.isupper() and len(s) > 6)]
    candidates = mixed or list(spellings)
    return min(candidates, key=lambda s: (-spellings[s], -sum(ch.isupper() for ch in s), s))


def resolve(
    mentions: Iterable[MentionRow], known_ids: dict[tuple[str, str], str], decisions: Iterable[Decision] = ()
) -> Resolution:
    """Resolve mentions into entities and the paper-entity edges with their evidence."""
    user = _Decisions.index(decisions)
    mentions = admitted(
        [
            replace(m, canonical=user.canonical(m))
            for m in mentions
            if m.type in _DEFAULT_RELATIONS and name_key(m.canonical or m.text)
        ]
    )
    short_forms = _short_form_targets(mentions, user.apart)
    key_of: dict[int, str] = {}
    for index, m in enumerate(mentions):
        key = user.key(m.type, m.canonical or m.text)
        target = short_forms.get(key)
        bare = name_key(m.canonical or m.text) == name_key(m.text)
        if target is not None and bare and short_form_spelling(m.text) in target.spellings:
            key = user.follow(m.type, target.long_key)
        key_of[index] = key
    keys = set(key_of.values())
    for index, m in enumerate(mentions):
        name = m.canonical or m.text
        if name_key(name) in short_forms:  # a short form with a generic head ("MoE models"): the rule above
            continue
        expanded = _expanded(name, short_forms)
        if expanded is None:
            continue
        key = user.key(m.type, expanded)
        if key in keys and key != key_of[index] and (m.type, frozenset({key, key_of[index]})) not in user.apart:
            key_of[index] = key
    types = _majority_types(mentions, key_of)

    clusters: dict[str, _Cluster] = {}
    for index, m in enumerate(mentions):
        key = key_of[index]
        cluster = clusters.setdefault(key, _Cluster(types[key], key))
        name = m.canonical or m.text
        if user.key(m.type, name) == key:
            cluster.spellings[without_head(name)] += 2 if m.in_title else 1
        cluster.aliases.update({m.text, name})

    new_ids: dict[tuple[str, str], str] = {}
    nodes: dict[str, NodeData] = {}
    node_of_key: dict[str, NodeData] = {}
    for key in sorted(clusters):
        cluster = clusters[key]
        spellings = cluster.spellings or Counter(cluster.aliases)
        name = user.preferred.get((cluster.type, key)) or _display_name(spellings)
        node_id = known_ids.get((cluster.type, key)) or new_ids.get((cluster.type, key))
        if node_id is None:
            node_id = entity_id(node_type(cluster.type), name)
            new_ids[(cluster.type, key)] = node_id
        aliases = sorted(a for a in cluster.aliases if a != name)
        node = nodes.get(node_id)
        if node is None:
            node = NodeData(node_id, node_type(cluster.type), name, {"aliases": aliases})
            nodes[node_id] = node
        else:  # two keys that slug to one id are one entity
            node.props["aliases"] = sorted(set(node.props["aliases"]) | set(aliases) - {node.name})
        node_of_key[key] = node

    fragments = _paper_edges(mentions, key_of, node_of_key)
    fragments.extend(_variant_edges(node_of_key))
    node_of_mention = {(m.paper_id, m.record, m.start, m.end): node_of_key[key_of[i]] for i, m in enumerate(mentions)}
    return Resolution(list(nodes.values()), fragments, new_ids, node_of_mention)


STATISTICAL_COMPONENTS = frozenset({"ner", "repeat"})


def _passing_mentions(found: list[tuple[MentionRow, NodeData]]) -> set[str]:
    """Methods and tasks a paper names only in passing: one sentence, outside the title, found only by the
    statistical model (and, for tasks, not name-shaped). They are not linked to the paper: measured on
    SciREX, under 3% of such method links and none of the lower-case task links are the paper's subject.
    """
    sentences: dict[str, set[str]] = defaultdict(set)
    strong: set[str] = set()
    for m, node in found:
        sentences[node.id].add(m.sentence)
        if m.in_title or m.cue or m.component not in STATISTICAL_COMPONENTS:
            strong.add(node.id)
        if node.type is NodeType.TASK and _name_shaped(node.name):
            strong.add(node.id)
    return {
        node.id
        for _, node in found
        if node.type in (NodeType.METHOD, NodeType.TASK) and node.id not in strong and len(sentences[node.id]) < 2
    }


@dataclass
class _EdgeCollector:
    """Collects the edges of one (paper, record) fragment, merging evidence of repeated edges."""

    fragment: Fragment
    edges: dict[tuple[str, EdgeType, str], EdgeData] = field(default_factory=dict)

    def add(self, source: str, relation: EdgeType, target: str, m: MentionRow) -> None:
        edge = self.edges.get((source, relation, target))
        if edge is None:
            edge = self.edges[(source, relation, target)] = EdgeData(source, relation, target)
            self.fragment.edges.append(edge)
        edge.evidence.append(Evidence(m.start, m.end, m.component, m.score, m.sentence))


def _paper_edges(
    mentions: list[MentionRow], key_of: dict[int, str], node_of_key: dict[str, NodeData]
) -> list[Fragment]:
    """One fragment per (paper, record): paper -> entity edges, and the method edges the paper states."""
    by_record: dict[tuple[str, str], list[tuple[MentionRow, NodeData]]] = defaultdict(list)
    for index, m in enumerate(mentions):
        by_record[(m.paper_id, m.record)].append((m, node_of_key[key_of[index]]))
    fragments = []
    for (paper_id, record), found in sorted(by_record.items()):
        collector = _EdgeCollector(Fragment(paper_id, record))
        passing = _passing_mentions(found)
        for m, node in found:
            relation = _CUE_RELATIONS.get((m.cue or "", node.type.value)) or _DEFAULT_RELATIONS[node.type.value]
            if not (relation in (EdgeType.USES, EdgeType.ADDRESSES) and node.id in passing):
                collector.add(paper_id, relation, node.id, m)
        proposed = {
            node.id
            for m, node in found
            if node.type is NodeType.METHOD and _CUE_RELATIONS.get((m.cue or "", "Method")) is EdgeType.PROPOSES
        }
        _method_edges(found, proposed, collector)
        fragments.append(collector.fragment)
    return fragments


def _method_edges(found: list[tuple[MentionRow, NodeData]], proposed: set[str], collector: _EdgeCollector) -> None:
    """COMPARED_WITH: a proposed method against methods the paper compares it with ("outperforms A").

    APPLIED_TO: a proposed method to the tasks named in its title or in a sentence that names it.
    """
    if not proposed:
        return
    sentences_of: dict[str, set[str]] = defaultdict(set)
    for m, node in found:
        if node.id in proposed:
            sentences_of[node.id].add(m.sentence)
    for m, node in found:
        if m.cue == COMPARISON_CUE and node.type is NodeType.METHOD:
            for method_id in proposed:
                if method_id != node.id:
                    collector.add(method_id, EdgeType.COMPARED_WITH, node.id, m)
        elif node.type is NodeType.TASK:
            for method_id in proposed:
                if m.in_title or m.sentence in sentences_of[method_id]:
                    collector.add(method_id, EdgeType.APPLIED_TO, node.id, m)


def _variant_edges(node_of_key: dict[str, NodeData]) -> list[Fragment]:
    """VARIANT_OF edges from a version or variant to its base entity of the same type."""
    fragment = Fragment("", LINKING_COMPONENT)
    done: set[tuple[str, str]] = set()
    for node in sorted({n.id: n for n in node_of_key.values()}.values(), key=lambda n: n.id):
        base_name = variant_base(node.name)
        base = node_of_key.get(name_key(base_name)) if base_name else None
        if base is None or base.type != node.type or base.id == node.id or (node.id, base.id) in done:
            continue
        done.add((node.id, base.id))
        edge = EdgeData(node.id, EdgeType.VARIANT_OF, base.id)
        edge.evidence.append(Evidence(-1, -1, LINKING_COMPONENT, 1.0, f"{node.name} is a variant of {base.name}"))
        fragment.edges.append(edge)
    return [fragment] if fragment.edges else []


def linked_only(nodes: list[NodeData], fragments: list[Fragment]) -> list[NodeData]:
    """The ``nodes`` some edge of ``fragments`` links, other than a VARIANT_OF edge from an unlinked variant;
    VARIANT_OF edges that touch a node left out are removed from ``fragments`` (in place)."""
    linked = {
        end for f in fragments for e in f.edges if e.relation is not EdgeType.VARIANT_OF for end in (e.source, e.target)
    }
    linked |= {e.target for f in fragments for e in f.edges if e.relation is EdgeType.VARIANT_OF and e.source in linked}
    for f in fragments:
        f.edges = [e for e in f.edges if e.relation is not EdgeType.VARIANT_OF or {e.source, e.target} <= linked]
    return [n for n in nodes if n.id in linked]

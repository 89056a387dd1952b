"""Entity resolution on hand-made mentions: exact expected entities, ids and edges."""

from __future__ import annotations

from kg.fragment import EdgeData, Fragment, MentionRow, NodeData
from kg.linking.entities import linked_only, resolve
from kg.linking.overrides import Decision
from kg.schema import EdgeType, NodeType


def mention(
    paper: str,
    text: str,
    type_: str,
    canonical: str | None = None,
    cue: str | None = None,
    start: int = 0,
    sentence: str = "s",
    in_title: bool = False,
    component: str = "kb",
) -> MentionRow:
    return MentionRow(
        paper,
        f"{paper}.txt:line 1",
        start,
        start + len(text),
        text,
        type_,
        component,
        0.9,
        canonical,
        cue,
        sentence,
        in_title,
    )


def by_name(resolution) -> dict[str, tuple[str, str, list[str]]]:
    return {n.name: (n.id, n.type.value, n.props["aliases"]) for n in resolution.nodes}


def edges(resolution) -> set[tuple[str, str, str]]:
    return {(e.source, e.relation.value, e.target) for f in resolution.fragments for e in f.edges}


def test_abbreviation_defined_in_one_paper_links_bare_use_in_another() -> None:
    res = resolve(
        [
            mention("p1", "Low-Rank Adaptation", "Method", start=0),
            mention("p1", "LoRA", "Method", canonical="Low-Rank Adaptation", start=30),
            mention("p2", "LoRA", "Method"),
            mention("p3", "low-rank adaptation", "Method"),
        ],
        {},
    )
    assert by_name(res) == {
        "Low-Rank Adaptation": ("method:low-rank-adaptation", "Method", ["LoRA", "low-rank adaptation"])
    }
    assert {s for s, _, _ in edges(res)} == {"p1", "p2", "p3"}


def test_a_bare_short_form_joins_only_as_its_definition_spelled_it() -> None:
    # one paper defines "CoCo"; "COCO" (the dataset) in two others is another name, "CoCo" and "LLM" join
    res = resolve(
        [
            mention("p1", "Code-as-CoT", "Method", cue="proposes"),
            mention("p1", "CoCo", "Method", canonical="Code-as-CoT", start=20, component="abbreviation"),
            mention("p2", "COCO", "Dataset"),
            mention("p3", "COCO", "Dataset"),
            mention("p4", "CoCo", "Method", in_title=True),
            mention("p5", "LLMs", "Method", canonical="Large Language Models", component="abbreviation"),
            mention("p6", "LLM", "Method", in_title=True),
            mention("p7", "CoCo framework", "Method", in_title=True),  # a generic head: still "CoCo"
        ],
        {},
    )
    names = by_name(res)
    assert set(names) == {"Code-as-CoT", "COCO", "Large Language Models"}
    assert names["COCO"][:2] == ("dataset:coco", "Dataset")
    assert {s for s, _, t in edges(res) if t == "method:code-as-cot"} == {"p1", "p4", "p7"}
    assert {s for s, _, t in edges(res) if t == "method:large-language-models"} == {"p5", "p6"}


def test_bare_short_form_whose_canonical_is_itself_joins_its_definition() -> None:
    # the extractor writes canonical = text for a mention with no definition in its own abstract
    res = resolve(
        [
            mention("p1", "LLMs", "Method", canonical="Large Language Models", start=30, component="abbreviation"),
            mention("p2", "LLMs", "Method", canonical="LLMs", component="ner", in_title=True),
            mention("p3", "large language models", "Method", canonical="large language models"),
        ],
        {},
    )
    assert [name for name in by_name(res)] == ["Large Language Models"]
    assert {s for s, _, _ in edges(res)} == {"p1", "p2", "p3"}


def test_short_form_typed_otherwise_still_joins_its_definition() -> None:
    res = resolve(
        [
            mention("p1", "FL", "Method", canonical="Federated Learning", start=20),
            mention("p2", "FL", "Method", canonical="Federated Learning", start=20),
            mention("p3", "FL", "Dataset"),  # the model's type is wrong here
        ],
        {},
    )
    assert by_name(res) == {"Federated Learning": ("method:federated-learning", "Method", ["FL"])}
    assert {s for s, _, _ in edges(res)} == {"p1", "p2", "p3"}


def test_short_form_follows_its_usual_definition() -> None:
    usual = [mention(f"p{i}", "LLMs", "Method", canonical="Large Language Models") for i in range(8)]
    odd = [mention("q1", "LLMs", "Method", canonical="Language Learning Models")]
    res = resolve([*usual, *odd, mention("r1", "LLMs", "Method")], {})
    names = by_name(res)
    assert "LLMs" not in names  # the bare use joins the long form 8 of 9 papers give
    assert {s for s, _, t in edges(res) if t == names["Large Language Models"][0]} >= {"r1", "p0"}


def test_a_name_with_a_short_form_in_it_joins_the_name_with_the_long_form() -> None:
    """ "deep RL" is deep reinforcement learning where other papers define RL so; "SAM features" stay apart."""
    res = resolve(
        [
            mention("p1", "RL", "Method", canonical="reinforcement learning"),
            mention("p2", "deep reinforcement learning", "Method"),
            mention("p3", "deep RL", "Method"),
            mention("p4", "deep rl", "Method"),  # not spelled as the definitions spell "RL"
            mention("p5", "offline RL", "Method"),  # no entity "offline reinforcement learning" to join
            mention("p6", "SAM", "Method", canonical="Segment Anything Model"),
            mention("p7", "SAM", "Method", canonical="Sharpness-Aware Minimization"),
            mention("p8", "SAM features", "Method"),
            mention("p9", "Segment Anything Model features", "Method"),
            mention("q1", "RL models", "Method"),  # a short form with a head: the short-form rule's
        ],
        {},
    )
    names = by_name(res)
    assert "deep RL" not in names and "deep rl" in names and "offline RL" in names
    assert {s for s, _, t in edges(res) if t == names["deep reinforcement learning"][0]} == {"p2", "p3"}
    assert "SAM features" in names  # "SAM" is defined two ways
    assert {s for s, _, t in edges(res) if t == names["reinforcement learning"][0]} == {"p1", "q1"}


def test_ambiguous_short_form_stays_apart() -> None:
    res = resolve(
        [
            mention("p1", "SAM", "Method", canonical="Segment Anything Model"),
            mention("p2", "SAM", "Method", canonical="Sharpness-Aware Minimization"),
            mention("p3", "SAM", "Method"),
        ],
        {},
    )
    assert set(by_name(res)) == {"Segment Anything Model", "Sharpness-Aware Minimization", "SAM"}


def test_majority_type_and_variants() -> None:
    res = resolve(
        [
            mention("p1", "ImageNet", "Dataset"),
            mention("p2", "ImageNet", "Dataset"),
            mention("p3", "ImageNet", "Method"),
            mention("p3", "ImageNet-1K", "Dataset", start=20),
        ],
        {},
    )
    names = by_name(res)
    assert names["ImageNet"][1] == "Dataset" and names["ImageNet-1K"][1] == "Dataset"
    assert ("dataset:imagenet-1k", "VARIANT_OF", "dataset:imagenet") in edges(res)
    assert ("p3", "USES", "dataset:imagenet") in edges(res)


def test_relations_from_cues_and_title() -> None:
    res = resolve(
        [
            mention("p1", "TreeSynth", "Method", in_title=True, cue="title_name", sentence="TreeSynth: x"),
            mention("p1", "Text Classification", "Task", start=20, sentence="TreeSynth: x", in_title=True),
            mention("p1", "GPT-4", "Method", cue="compared_with", start=40, sentence="It beats GPT-4."),
            mention("p1", "MMLU", "Dataset", cue="evaluated_on", start=60),
            mention("p1", "accuracy", "Metric", start=80),
        ],
        {},
    )
    assert edges(res) == {
        ("p1", "PROPOSES", "method:treesynth"),
        ("p1", "ADDRESSES", "task:text-classification"),
        ("p1", "USES", "method:gpt-4"),
        ("p1", "EVALUATED_ON", "dataset:mmlu"),
        ("p1", "MEASURED_BY", "metric:accuracy"),
        ("method:treesynth", "COMPARED_WITH", "method:gpt-4"),
        ("method:treesynth", "APPLIED_TO", "task:text-classification"),
    }


def test_ids_are_stable_once_chosen() -> None:
    first = resolve([mention("p1", "vision transformers", "Method")], {})
    assert by_name(first)["vision transformers"][0] == "method:vision-transformers"
    known = first.new_ids
    again = resolve(
        [
            mention("p1", "vision transformers", "Method"),
            mention("p2", "Vision Transformer", "Method"),
            mention("p3", "Vision Transformer", "Method"),
        ],
        known,
    )
    assert by_name(again) == {"Vision Transformer": ("method:vision-transformers", "Method", ["vision transformers"])}
    assert again.new_ids == {}


def test_user_decisions() -> None:
    mentions = [
        mention("p1", "Segment Anything Model", "Method"),
        mention("p1", "SAM", "Method", canonical="Segment Anything Model", start=30),
        mention("p2", "CIFAR-10", "Dataset"),
        mention("p3", "CIFAR10", "Dataset"),
        mention("p4", "RL", "Task"),
        mention("p5", "Reinforcement Learning", "Task"),
    ]
    decisions = [
        Decision("different", "Method", "SAM", "Segment Anything Model"),
        Decision("different", "Dataset", "CIFAR-10", "CIFAR10"),
        Decision("same", "Task", "Reinforcement Learning", "RL"),
    ]
    names = by_name(resolve(mentions, {}, decisions))
    assert set(names) == {"Segment Anything Model", "SAM", "CIFAR-10", "CIFAR10", "Reinforcement Learning"}
    assert names["Reinforcement Learning"][2] == ["RL"]


def test_evidence_and_support_inputs() -> None:
    res = resolve(
        [
            mention("p1", "BLEU", "Metric", start=5, sentence="a"),
            mention("p1", "BLEU", "Metric", start=50, sentence="b"),
        ],
        {},
    )
    [edge] = [e for f in res.fragments for e in f.edges]
    assert [(e.start, e.sentence) for e in edge.evidence] == [(5, "a"), (50, "b")]


def test_statistical_terms_need_two_papers_and_a_specific_head() -> None:
    res = resolve(
        [
            mention("p1", "knowledge distillation", "Method", component="ner"),
            mention("p2", "knowledge distillation", "Method", component="ner", sentence="a"),
            mention("p2", "knowledge distillation", "Method", component="ner", start=40, sentence="b"),
            mention("p1", "unified framework", "Method", component="ner", start=30),
            mention("p2", "unified framework", "Method", component="ner", start=60),
            mention("p3", "expressive model", "Method", component="ner"),
            mention("p3", "FlashAttention-2", "Method", component="ner", start=20),
        ],
        {},
    )
    assert set(by_name(res)) == {"knowledge distillation", "FlashAttention-2"}
    # p1 names knowledge distillation once, in passing: no USES link; p2 names it in two sentences
    assert {(s, r, t) for s, r, t in edges(res) if t == "method:knowledge-distillation"} == {
        ("p2", "USES", "method:knowledge-distillation")
    }


def test_activity_words_are_never_entities() -> None:
    res = resolve(
        [
            mention("p1", "Inference", "Task"),
            mention("p2", "inference", "Method", component="ner", in_title=True),
            mention("p2", "inference", "Task", component="ner"),
            mention("p3", "training", "Task", in_title=True),
            mention("p3", "LLM inference", "Task", component="ner", in_title=True),
        ],
        {},
    )
    assert set(by_name(res)) == {"LLM inference"}


def test_lower_case_data_descriptions_are_not_datasets() -> None:
    res = resolve(
        [
            mention("p1", "images", "Dataset", component="ner"),
            mention("p2", "images", "Dataset", component="ner"),
            mention("p1", "synthetic data", "Dataset", component="ner"),
            mention("p2", "synthetic data", "Dataset", component="ner"),
            mention("p1", "KITTI", "Dataset", component="ner"),
            mention("p2", "the Waymo dataset", "Dataset", component="patterns", cue="evaluated_on"),
        ],
        {},
    )
    assert set(by_name(res)) == {"KITTI", "the Waymo dataset"}


def test_modalities_data_forms_and_platforms_are_not_entities() -> None:
    res = resolve(
        [
            mention("p1", "RGB images", "Dataset", component="ner"),  # the form of data, not a dataset
            mention("p2", "Synthetic Data", "Dataset"),
            mention("p1", "3D", "Method", component="ner"),  # a modality, whatever its type
            mention("p2", "X-Ray", "Task"),
            mention("p1", "mobile robot", "Method"),  # a platform, not a method
            mention("p2", "Autonomous Vehicles", "Task"),  # a platform whatever its type
            mention("p2", "Autonomous Driving", "Task"),
            mention("p1", "3D point clouds", "Task"),  # the form of data whatever its type
            mention("p2", "real-time", "Task"),
            mention("p1", "3-D", "Method"),  # hyphenated parts count one by one
            mention("p2", "3D-point-cloud", "Method"),
            mention("p1", "Multi-View Stereo", "Method"),
            mention("p2", "RGB-D Scenes Dataset", "Dataset"),  # a capital head makes it a name
            mention("p1", "MRI dataset", "Dataset"),
            mention("p2", "3D models", "Method"),
            mention("p1", "Unmanned Aerial Vehicles", "Dataset"),
        ],
        {},
    )
    assert set(by_name(res)) == {"Autonomous Driving", "Multi-View Stereo", "RGB-D Scenes Dataset"}


def test_fields_and_praise_with_generic_heads_are_not_entities() -> None:
    res = resolve(
        [
            mention("p1", "AI systems", "Task"),  # a field (a KB type that blocks) and a generic head
            mention("p2", "NLP tasks", "Task", component="ner"),
            mention("p1", "Unified Framework", "Method", cue="proposes"),  # praise and a generic head
            mention("p2", "Comprehensive Benchmark", "Dataset", cue="proposes"),
            mention("p1", "AI agents", "Method"),
            mention("p2", "ImageNet benchmark", "Dataset"),
            mention("p1", "Efficient Transformer", "Method"),
            mention("p2", "Large Datasets", "Dataset", cue="proposes"),
            mention("p1", "2D and 3D", "Task"),
            mention("p2", "Large Language Models", "Method"),
        ],
        {},
    )
    assert set(by_name(res)) == {"AI agents", "ImageNet", "Efficient Transformer", "Large Language Models"}


def test_an_entity_no_paper_links_is_no_node() -> None:
    res = resolve(
        [
            mention("p1", "FlashAttention", "Method", component="ner"),  # once, in passing: no USES edge
            mention("p2", "FlashAttention-2", "Method", cue="proposes"),  # a variant of it, proposed by p2
            mention("p3", "GPT-4o", "Method", component="ner"),  # once, in passing, and its base too
            mention("p3", "GPT-4", "Method", component="ner", start=20),
            mention("p4", "KITTI", "Dataset", component="ner"),  # a dataset is never "in passing"
        ],
        {},
    )
    assert set(by_name(res)) == {"FlashAttention", "FlashAttention-2", "GPT-4o", "GPT-4", "KITTI"}
    variants = {(e.source, e.target) for f in res.fragments for e in f.edges if e.relation is EdgeType.VARIANT_OF}
    assert variants == {("method:flashattention-2", "method:flashattention"), ("method:gpt-4o", "method:gpt-4")}
    kept = linked_only(res.nodes, res.fragments)
    # FlashAttention stays as the base a linked variant names; GPT-4o and GPT-4 are linked to nothing else
    assert {n.name for n in kept} == {"FlashAttention", "FlashAttention-2", "KITTI"}
    assert ("method:gpt-4o", "VARIANT_OF", "method:gpt-4") not in edges(res)  # the edge went with its nodes
    assert ("method:flashattention-2", "VARIANT_OF", "method:flashattention") in edges(res)


def test_a_node_a_result_names_is_kept() -> None:
    nodes = [NodeData("metric:bleu", NodeType.METRIC, "BLEU", {}), NodeData("task:mt", NodeType.TASK, "MT", {})]
    result = Fragment("p1", "r")
    result.edges.append(EdgeData("result:1", EdgeType.RESULT_METRIC, "metric:bleu"))
    assert [n.id for n in linked_only(nodes, [result])] == ["metric:bleu"]


def test_a_different_decision_keeps_a_short_form_apart_whatever_type_it_names() -> None:
    # "MAE" is defined as Masked Autoencoders (a Method) in p1 and is mean absolute error (a Metric) in p2, p3
    mentions = [
        mention("p1", "Masked Autoencoders", "Method", cue="proposes"),
        mention("p1", "MAE", "Method", canonical="Masked Autoencoders", start=30, component="abbreviation"),
        mention("p2", "MAE", "Metric"),
        mention("p3", "MAE", "Metric"),
    ]
    assert set(by_name(resolve(mentions, {}))) == {"Masked Autoencoders"}
    for type_ in ("Metric", "Method"):  # the type the user sees on the wrong node, or the definition's
        res = resolve(mentions, {}, [Decision("different", type_, "MAE", "Masked Autoencoders")])
        assert {name: kind for name, (_, kind, _) in by_name(res).items()} == {
            "Masked Autoencoders": "Method",
            "MAE": "Metric",
        }
        assert ("p2", "MEASURED_BY", "metric:mae") in edges(res)

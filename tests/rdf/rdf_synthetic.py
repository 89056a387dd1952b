"""A small graph written through Fragments with every node and edge type, and names that break naive RDF.

Three papers:
- LoRA (arXiv): proposes Low-Rank Adaptation, uses full fine-tuning, evaluated on GLUE, accuracy,
  natural language understanding, code at microsoft/LoRA (named by the listing and by the abstract).
- A pruning paper whose id, title and repository hold spaces, unicode, quotes, <>, backslashes and
  newlines: proposes magnitude pruning, uses CIFAR-10 and ImageNet, evaluated on ImageNet-1K, top-1
  accuracy, image classification, reports 76.1 % top-1 on ImageNet by magnitude pruning.
- A paper with a URL id (``?`` and ``#``): proposes the nasty method and the NewBench dataset, uses
  LoRA, evaluated on ImageNet, accuracy, image classification, a Space given without scheme, reports
  0.00005 x accuracy.
Methods: LoRA compared with full fine-tuning and applied to NLU; ImageNet-1K is a variant of ImageNet.
"""

from __future__ import annotations

from pathlib import Path

from kg.fragment import Fragment, NodeData
from kg.model import Evidence
from kg.schema import EdgeType, NodeType

QUERIES = Path(__file__).resolve().parents[2] / "docs" / "queries"
NASTY = 'Größe — 数据 ☃ "quoted" <tag> back\\slash\nnew line\ttab \x01ctrl'
LORA_PAPER = "paper:arxiv:2106.09685"
PRUNING_PAPER = 'paper:title:pruning <at> "scale" \\ ünï\nline'
URL_PAPER = "paper:url:openreview.net/forum?id=Xy 9#frag"
NASTY_METHOD = 'method:quo"te <x> \\ ünï'


def _ev(component: str, sentence: str, start: int = 0, score: float = 0.9) -> Evidence:
    return Evidence(start, start + 10, component, score, sentence)


def _node(node_id: str, node_type: NodeType, name: str, **props: object) -> NodeData:
    return NodeData(node_id, node_type, name, dict(props))


METHODS = {
    "lora": _node("method:low-rank-adaptation", NodeType.METHOD, "Low-Rank Adaptation", aliases=["LoRA", "LoRA"]),
    "fft": _node("method:full-fine-tuning", NodeType.METHOD, "full fine-tuning", aliases=[]),
    "prune": _node("method:magnitude-pruning", NodeType.METHOD, "Magnitude Pruning", aliases=["MP"]),
    "nasty": _node(NASTY_METHOD, NodeType.METHOD, NASTY, aliases=[NASTY + " alias"]),
}
DATASETS = {
    "glue": _node("dataset:glue", NodeType.DATASET, "GLUE", aliases=[]),
    "cifar": _node("dataset:cifar-10", NodeType.DATASET, "CIFAR-10", aliases=["CIFAR10"]),
    "imagenet": _node("dataset:imagenet", NodeType.DATASET, "ImageNet", aliases=["ILSVRC"]),
    "in1k": _node("dataset:imagenet-1k", NodeType.DATASET, "ImageNet-1K", aliases=[]),
    "newbench": _node("dataset:newbench", NodeType.DATASET, "NewBench", aliases=[]),
}
METRICS = {
    "acc": _node("metric:accuracy", NodeType.METRIC, "Accuracy", aliases=["acc"]),
    "top1": _node("metric:top-1-accuracy", NodeType.METRIC, "top-1 accuracy", aliases=[]),
}
TASKS = {
    "nlu": _node("task:natural-language-understanding", NodeType.TASK, "natural language understanding"),
    "cls": _node("task:image-classification", NodeType.TASK, "image classification"),
}
REPOS = {
    "lora": _node(
        "repository:github.com/microsoft/lora",
        NodeType.REPOSITORY,
        "microsoft/LoRA",
        url="https://github.com/microsoft/LoRA",
        host="github.com",
        kind="code",
    ),
    "nasty": _node(
        'repository:github.com/ü/"x" <y>',
        NodeType.REPOSITORY,
        'ü/"x" <y>',
        url='https://github.com/ü/"x" <y>\\z',
        host="github.com",
        kind="code",
    ),
    "noscheme": _node(
        "repository:huggingface.co/spaces/a/b",
        NodeType.REPOSITORY,
        "a/b",
        url="huggingface.co/spaces/a/b",
        kind="space",
    ),
}


def _paper(node_id: str, title: str, **props: object) -> NodeData:
    return _node(node_id, NodeType.PAPER, title, title=title, **props)


def fragments() -> list[Fragment]:
    """The three papers' fragments."""
    m, d, k, t, r = METHODS, DATASETS, METRICS, TASKS, REPOS
    lora = _paper(
        LORA_PAPER,
        "LoRA: Low-Rank Adaptation of Large Language Models",
        abstract="We propose LoRA. Code: https://github.com/microsoft/LoRA",
        date="2021-06-17",
        authors=["Edward J. Hu", "Yelong Shen", "Edward J. Hu"],
        arxiv_id="2106.09685",
        categories=["cs.CL", "cs.LG"],
        url="https://arxiv.org/abs/2106.09685",
        upvotes=42,
        links=["https://example.org/a b", "not a url"],
    )
    f1 = Fragment(LORA_PAPER, "listing.jsonl:line 1")
    f1.nodes += [lora, m["lora"], m["fft"], d["glue"], k["acc"], t["nlu"], r["lora"]]
    f1.add_edge(lora, EdgeType.PROPOSES, m["lora"], evidence=[_ev("patterns", "We propose LoRA.", 0, 0.95)])
    f1.add_edge(lora, EdgeType.USES, m["fft"], evidence=[_ev("kb", "Compared to full fine-tuning, ...", 20, 0.4)])
    f1.add_edge(lora, EdgeType.EVALUATED_ON, d["glue"], evidence=[_ev("evaluated_on", "On GLUE ...", 40)])
    f1.add_edge(lora, EdgeType.MEASURED_BY, k["acc"], evidence=[_ev("kb", "accuracy", 50)])
    f1.add_edge(lora, EdgeType.ADDRESSES, t["nlu"], evidence=[_ev("kb", "NLU tasks", 60)])
    f1.add_edge(
        lora,
        EdgeType.HAS_CODE,
        r["lora"],
        props={"path": []},
        evidence=[Evidence(-1, -1, "listing", 1.0, ""), _ev("repository_links", "Code: https://...", 70, 1.0)],
    )
    f1.add_edge(m["lora"], EdgeType.COMPARED_WITH, m["fft"], evidence=[_ev("patterns", "LoRA outperforms FT", 80)])
    f1.add_edge(m["lora"], EdgeType.APPLIED_TO, t["nlu"], evidence=[_ev("patterns", "LoRA for NLU", 90)])

    pruning = _paper(
        PRUNING_PAPER,
        NASTY + " pruning",
        abstract=NASTY,
        date="2020-03",
        author_count=3,
        organization="Lab \\ <Org>",
    )
    result1 = _node(
        "result:pruning-imagenet-top1",
        NodeType.RESULT,
        "76.1% top-1 on ImageNet",
        value=76.1,
        unit="%",
        direction="absolute",
        raw="reaches 76.1% top-1 accuracy on ImageNet",
    )
    f2 = Fragment(PRUNING_PAPER, 'weird "dir"/file <1>.jsonl:line 2')
    f2.nodes += [pruning, m["prune"], d["cifar"], d["imagenet"], d["in1k"], k["top1"], t["cls"], r["nasty"], result1]
    f2.add_edge(pruning, EdgeType.PROPOSES, m["prune"], evidence=[_ev("patterns", NASTY, 0, 0.8)])
    f2.add_edge(pruning, EdgeType.USES, d["cifar"], evidence=[_ev("kb", "CIFAR-10", 10)])
    f2.add_edge(pruning, EdgeType.USES, d["imagenet"], evidence=[_ev("kb", "ImageNet", 20)])
    f2.add_edge(pruning, EdgeType.EVALUATED_ON, d["in1k"], evidence=[_ev("evaluated_on", "ImageNet-1K", 30)])
    f2.add_edge(pruning, EdgeType.MEASURED_BY, k["top1"], evidence=[_ev("kb", "top-1", 40)])
    f2.add_edge(pruning, EdgeType.ADDRESSES, t["cls"], evidence=[_ev("kb", "classification", 50, 0.3)])
    f2.add_edge(
        pruning,
        EdgeType.HAS_CODE,
        r["nasty"],
        props={"path": ["tree/main/a b"]},
        evidence=[_ev("repository_links", NASTY)],
    )
    f2.add_edge(pruning, EdgeType.REPORTS, result1, evidence=[_ev("results", "reaches 76.1%", 60)])
    f2.add_edge(result1, EdgeType.RESULT_METRIC, k["top1"], evidence=[_ev("results", "top-1", 60)])
    f2.add_edge(result1, EdgeType.RESULT_DATASET, d["imagenet"], evidence=[_ev("results", "ImageNet", 60)])
    f2.add_edge(result1, EdgeType.RESULT_METHOD, m["prune"], evidence=[_ev("results", "pruning", 60)])
    f2.add_edge(d["in1k"], EdgeType.VARIANT_OF, d["imagenet"], evidence=[_ev("variants", "ImageNet-1K", 30)])

    third = _paper(URL_PAPER, "A third paper", abstract="Short.", date="2024", doi="10.1000/x y")
    result2 = _node(
        "result:third-accuracy",
        NodeType.RESULT,
        "0.00005x accuracy",
        value=5e-05,
        unit="x",
        direction="increase",
        raw="0.00005x better accuracy",
    )
    f3 = Fragment(URL_PAPER, "listing.jsonl:line 3")
    f3.nodes += [third, m["nasty"], m["lora"], d["newbench"], d["imagenet"], k["acc"], t["cls"], r["noscheme"], result2]
    f3.add_edge(third, EdgeType.PROPOSES, m["nasty"], evidence=[_ev("patterns", "we propose quo", 0)])
    f3.add_edge(third, EdgeType.PROPOSES, d["newbench"], evidence=[_ev("patterns", "we release NewBench", 5)])
    f3.add_edge(third, EdgeType.USES, m["lora"], evidence=[_ev("kb", "with LoRA", 10, 0.6)])
    f3.add_edge(third, EdgeType.EVALUATED_ON, d["imagenet"], evidence=[_ev("evaluated_on", "on ImageNet", 20)])
    f3.add_edge(third, EdgeType.MEASURED_BY, k["acc"], evidence=[_ev("kb", "accuracy", 30)])
    f3.add_edge(third, EdgeType.ADDRESSES, t["cls"], evidence=[_ev("kb", "classification", 40)])
    f3.add_edge(third, EdgeType.HAS_CODE, r["noscheme"], evidence=[_ev("repository_links", "huggingface.co/a/b")])
    f3.add_edge(third, EdgeType.REPORTS, result2, evidence=[_ev("results", "0.00005x", 50)])
    f3.add_edge(result2, EdgeType.RESULT_METRIC, k["acc"], evidence=[_ev("results", "accuracy", 50)])
    f3.add_edge(result2, EdgeType.RESULT_DATASET, d["imagenet"], evidence=[_ev("results", "ImageNet", 50)])
    f3.add_edge(result2, EdgeType.RESULT_METHOD, m["nasty"], evidence=[_ev("results", "quo", 50)])
    return [f1, f2, f3]


def build_synthetic(path: Path) -> Path:
    """Write the synthetic graph into a fresh store at ``path``."""
    from kg.store import Store

    with Store(path) as store:
        with store.transaction():
            for fragment in fragments():
                store.write(fragment)
        store.refresh_edge_support()
    return path

"""Every analysis function on the hand-made toy graph, whose answers are known exactly."""

from __future__ import annotations

import doctest
import importlib

import networkx as nx
import pytest

from kg import analysis
from kg.analysis import (
    code_availability,
    cooccurrence,
    cooccurrence_matrix,
    cooccurring,
    date_precision,
    dated_since,
    degree_centrality,
    entity_communities,
    entity_graph,
    entity_trends,
    explain_path,
    filter_graph,
    find_nodes,
    headline,
    pagerank,
    paper_counts,
    paper_period,
    papers_of,
    papers_per_period,
    parse_date,
    related_entities,
    similar_papers,
    top_entities,
)

MODULES = [
    "kg.analysis",
    "kg.analysis.entities",
    "kg.analysis.ranking",
    "kg.analysis.cooccurrence",
    "kg.analysis.communities",
    "kg.analysis.trends",
    "kg.analysis.similarity",
    "kg.analysis.paths",
    "kg.analysis.filters",
    "kg.analysis.summary",
    "kg.analysis.examples",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
    assert hasattr(module, "__all__")


def test_paper_counts_count_distinct_papers(toy: nx.MultiDiGraph) -> None:
    counts = paper_counts(toy)
    assert counts["method:lora"] == 3
    assert counts["dataset:imagenet"] == 2  # p5 both USES and EVALUATED_ON ImageNet: still one paper
    assert counts["metric:accuracy"] == 3
    assert counts["repository:github.com/microsoft/lora"] == 1
    assert papers_of(toy, "method:qlora") == {"paper:p2"}


def test_top_entities_by_papers_degree_and_pagerank(toy: nx.MultiDiGraph) -> None:
    assert [r["id"] for r in top_entities(toy, "Task")] == ["task:fine-tuning", "task:image-classification"]
    assert [r["papers"] for r in top_entities(toy, "Dataset")] == [2, 2, 1]
    assert [r["name"] for r in top_entities(toy, "Dataset")] == ["GLUE", "ImageNet", "MMLU"]  # ties by name
    by_degree = top_entities(toy, "Method", by="degree")
    assert by_degree[0]["id"] == "method:lora" and by_degree[0]["score"] == pytest.approx(4 / 16, abs=1e-6)
    by_rank = top_entities(toy, "Method", by="pagerank", n=1)
    assert by_rank[0]["id"] == "method:lora"
    with pytest.raises(ValueError, match="unknown measure"):
        top_entities(toy, by="fame")


def test_pagerank_matches_closed_form() -> None:
    # star with 3 leaves: centre c and leaves x solve c = 0.15/4 + 0.85*3x, x = 0.15/4 + 0.85*c/3
    ranks = pagerank(nx.star_graph(3))
    assert ranks[0] == pytest.approx(0.133125 / 0.2775, abs=1e-6)
    assert sum(ranks.values()) == pytest.approx(1.0)
    assert pagerank(nx.cycle_graph(5)) == pytest.approx(dict.fromkeys(range(5), 0.2))
    assert degree_centrality(nx.star_graph(3))[0] == 1.0


def test_cooccurrence_of_methods_with_datasets_tasks_and_metrics(toy: nx.MultiDiGraph) -> None:
    assert cooccurrence(toy, "Method", "Dataset") == {
        ("method:lora", "dataset:glue"): 2,
        ("method:lora", "dataset:mmlu"): 1,
        ("method:qlora", "dataset:mmlu"): 1,
        ("method:vit", "dataset:imagenet"): 2,
    }
    assert cooccurrence(toy, "Method", "Task")[("method:lora", "task:fine-tuning")] == 3
    assert cooccurrence(toy, "Method", "Metric")[("method:vit", "metric:top-1-accuracy")] == 1
    assert [(r["id"], r["papers"]) for r in cooccurring(toy, "method:lora", "Metric")] == [("metric:accuracy", 3)]
    rows, cols, matrix = cooccurrence_matrix(toy, "Method", "Dataset")
    assert rows == ["method:lora", "method:vit", "method:qlora"]
    assert cols == ["dataset:glue", "dataset:imagenet", "dataset:mmlu"]
    assert matrix == [[2, 0, 1], [0, 2, 0], [0, 0, 1]]


def test_communities_keep_related_methods_together(toy: nx.MultiDiGraph) -> None:
    communities = entity_communities(toy)
    home = {n: i for i, c in enumerate(communities) for n in c}
    assert home["method:lora"] == home["method:qlora"] == home["dataset:glue"]
    assert home["method:vit"] == home["dataset:imagenet"] != home["method:lora"]
    assert entity_communities(toy) == communities  # fixed seed: same answer every time
    H = entity_graph(toy)
    assert H["method:lora"]["task:fine-tuning"]["weight"] == 3
    assert "paper:p1" not in H


def test_dates_of_every_precision() -> None:
    assert parse_date("2023-05-17T10:00:00Z") == (2023, 5, 17)
    assert parse_date("2023-13") is None
    assert parse_date(None) is None
    assert parse_date("") is None


def test_trends_count_papers_only_at_their_precision(toy: nx.MultiDiGraph) -> None:
    assert date_precision(toy) == {"day": 2, "month": 1, "year": 1, "missing": 1}
    assert papers_per_period(toy, "month") == {"2020-10": 1, "2021-06": 1, "2023-05": 1}
    assert papers_per_period(toy, "year") == {"2020": 1, "2021": 1, "2023": 2}
    assert paper_period(toy, "paper:p5", "year") is None
    assert entity_trends(toy, ["method:vit"], freq="year") == {"method:vit": {"2020": 1}}
    assert entity_trends(toy, node_type="Task", freq="year", top=1) == {"task:fine-tuning": {"2021": 1, "2023": 2}}
    with pytest.raises(ValueError):
        papers_per_period(toy, "week")


def test_similar_papers_jaccard_and_adamic_adar(toy: nx.MultiDiGraph) -> None:
    rows = similar_papers(toy, "paper:p1")
    assert [(r["id"], r["score"]) for r in rows] == [("paper:p3", 0.8), ("paper:p2", round(3 / 7, 6))]
    assert rows[0]["shared"] == ["dataset:glue", "method:lora", "metric:accuracy", "task:fine-tuning"]
    aa = similar_papers(toy, "paper:p4", method="adamic_adar")
    # p4 and p5 share ViT, ImageNet and Image Classification, each in 2 papers: 3 / log 2
    assert [(r["id"], r["score"]) for r in aa] == [("paper:p5", round(3 / 0.6931471805599453, 6))]
    related = related_entities(toy, "method:qlora")
    assert related[0]["id"] == "dataset:mmlu" and related[0]["score"] == 1.0


def test_explanation_paths(toy: nx.MultiDiGraph) -> None:
    steps = explain_path(toy, "method:qlora", "dataset:glue")
    assert [(s["source"], s["target"]) for s in steps] == [
        ("method:qlora", "method:lora"),
        ("method:lora", "paper:p3"),  # p3 (4 neighbours) rather than p1 (5): the less connected
        ("paper:p3", "dataset:glue"),
    ]
    assert [s["relation"] for s in steps] == ["VARIANT_OF", "USES", "EVALUATED_ON"]
    assert [s["forward"] for s in steps] == [True, False, True]
    assert steps[1]["sentence"] == "Parameter-Efficient Adapters Revisited uses LoRA."
    assert explain_path(toy, "method:lora", "method:vit") is None  # two unrelated fields
    assert explain_path(toy, "dataset:mmlu", "dataset:glue", max_length=3) is None
    with pytest.raises(nx.NodeNotFound):
        explain_path(toy, "method:lora", "method:nothing")
    # a Result node is a claim of one paper: not a step in between unless asked for
    toy.add_node("result:r1", type="Result", name="Accuracy 90 on MMLU and GLUE")
    toy.add_edge("result:r1", "dataset:mmlu", key="RESULT_DATASET", relation="RESULT_DATASET")
    toy.add_edge("result:r1", "dataset:glue", key="RESULT_DATASET", relation="RESULT_DATASET")
    assert len(explain_path(toy, "dataset:mmlu", "dataset:glue")) == 4
    assert len(explain_path(toy, "dataset:mmlu", "dataset:glue", exclude_types=())) == 2
    assert explain_path(toy, "result:r1", "dataset:glue")[0]["relation"] == "RESULT_DATASET"


def test_find_nodes_by_id_name_alias_and_title(toy: nx.MultiDiGraph) -> None:
    assert find_nodes(toy, "IMAGENET-1K") == ["dataset:imagenet"]
    assert find_nodes(toy, "an image is worth 16x16 words") == ["paper:p4"]
    assert find_nodes(toy, "ViT", node_type="Dataset") == []
    toy.add_node("task:vit", type="Task", name="ViT")
    assert find_nodes(toy, "vit") == ["method:vit", "task:vit"]


def test_filter_graph(toy: nx.MultiDiGraph) -> None:
    assert dated_since("2023-05-17", "2023-05") and not dated_since(None, "2020")
    with pytest.raises(ValueError):
        dated_since("2023", "soon")
    H = filter_graph(toy, since="2023")
    assert sorted(n for n in H if n.startswith("paper:")) == ["paper:p2", "paper:p3"]
    assert "method:vit" not in H and H.nodes["method:lora"]["papers"] == 2
    H = filter_graph(toy, min_papers=2)
    assert sorted(n for n in H if not n.startswith("paper:")) == [
        "dataset:glue",
        "dataset:imagenet",
        "method:lora",
        "method:vit",
        "metric:accuracy",
        "task:fine-tuning",
        "task:image-classification",
    ]
    H = filter_graph(toy, types=["Method"])
    assert sorted(H) == ["method:lora", "method:qlora", "method:vit"]
    assert list(H.edges(keys=True)) == [("method:qlora", "method:lora", "VARIANT_OF")]
    toy.add_node("paper:p6", type="Paper", name="A paper that names no entity", date="2024-01")
    assert filter_graph(toy).number_of_nodes() == toy.number_of_nodes()
    assert filter_graph(toy).number_of_edges() == toy.number_of_edges()
    assert "paper:p6" in filter_graph(toy, since="2024") and "paper:p6" not in filter_graph(toy, min_papers=1)


def test_headline_and_code_availability(toy: nx.MultiDiGraph) -> None:
    h = headline(toy)
    assert h["nodes"] == {"Dataset": 3, "Method": 3, "Metric": 2, "Paper": 5, "Repository": 2, "Task": 2}
    assert h["total_edges"] == 26 and h["papers_with_code"] == 2 and h["share_with_code"] == 0.4
    assert h["dated_papers"] == 4
    assert code_availability(toy, "Method")[0] == {
        "id": "method:lora",
        "name": "LoRA",
        "papers": 3,
        "with_code": 1,
        "share": round(1 / 3, 6),
    }


def test_everything_accepts_a_plain_undirected_graph(toy: nx.MultiDiGraph) -> None:
    G = nx.Graph(toy)  # networkx users may hand us simpler graphs
    assert paper_counts(G, "Method") == paper_counts(toy, "Method")
    assert cooccurrence(G) == cooccurrence(toy)
    assert len(explain_path(G, "dataset:mmlu", "dataset:glue")) == 4
    assert analysis.top_entities(G, "Dataset", by="pagerank")[0]["papers"] == 2

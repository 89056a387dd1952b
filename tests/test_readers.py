"""JSON Lines, CSV, arXiv Atom and OpenAlex readers, format detection and paper identity."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from kg.identity import paper_id
from kg.model import Problem, Record
from kg.readers import detect_format, read_file
from kg.readers.openalex import abstract_from_inverted_index


def only_records(path: Path, fmt: str | None = None) -> list[Record]:
    items = list(read_file(path, fmt))
    assert [i for i in items if isinstance(i, Problem)] == []
    return [i for i in items if isinstance(i, Record)]


def test_jsonl_corpus_shape(data_dir: Path) -> None:
    found = only_records(data_dir / "corpus_sample.jsonl")
    assert len(found) == 5
    ijcai, acl, openreview, aaai, _ = found
    assert ijcai.arxiv_id == "2506.05418"
    assert ijcai.code_urls == ["https://github.com/unigary/SPD"]
    assert ijcai.authors and ijcai.author_count == len(ijcai.authors) == 3
    assert ijcai.date == "2022"
    assert paper_id(ijcai) == "paper:arxiv:2506.05418"
    assert paper_id(acl) == "paper:url:aclanthology.org/1963.earlymt-1.1"
    assert acl.date == "1963-08"
    assert paper_id(openreview) == "paper:url:openreview.net/forum?id=xdiqbFlKsu"
    assert paper_id(aaai) == "paper:doi:10.1609/aaai.v35i8.16836"


def test_jsonl_gzip_equals_plain(data_dir: Path, tmp_path: Path) -> None:
    packed = tmp_path / "corpus.jsonl.gz"
    packed.write_bytes(gzip.compress((data_dir / "corpus_sample.jsonl").read_bytes()))
    assert only_records(packed) == [
        Record(**{**r.__dict__, "source": str(packed)}) for r in only_records(data_dir / "corpus_sample.jsonl")
    ]


def test_gold_schema_records_have_text_only(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "doc1", "text": "We use  BERT.", "entities": []}) + "\n")
    [record] = only_records(path)
    assert (record.source_id, record.title, record.text) == ("doc1", "", "We use  BERT.")


def test_csv(data_dir: Path) -> None:
    found = only_records(data_dir / "listing.csv")
    assert [r.title for r in found] == ["Sliced Recursive Transformer", 'A paper with "quotes" in its title']
    assert found[0].authors == ["Zhiqiang Shen", "Zechun Liu", "Eric Xing"]
    assert found[1].abstract == "An abstract\nthat spans two lines."
    assert found[1].locator == "line 3"
    assert paper_id(found[1]) == "paper:url:openreview.net/forum?id=abc123"


def test_tsv(tmp_path: Path) -> None:
    path = tmp_path / "x.tsv"
    path.write_text("title\tabstract\nA\tAn abstract, with a comma.\n")
    assert [r.abstract for r in only_records(path)] == ["An abstract, with a comma."]


def test_arxiv_atom(data_dir: Path) -> None:
    lora, attention = only_records(data_dir / "arxiv_feed.xml")
    assert lora.title == "LoRA: Low-Rank Adaptation of Large Language Models"
    assert lora.abstract.startswith("An important paradigm of natural language processing consists of large-scale pre")
    assert lora.arxiv_id == "2106.09685"
    assert lora.date == "2021-06-17"
    assert lora.authors == ["Edward J. Hu", "Yelong Shen", "Phillip Wallis"]
    assert lora.categories == ["cs.CL", "cs.AI", "cs.LG"]
    assert paper_id(lora) == "paper:arxiv:2106.09685"
    assert attention.doi == "10.48550/arXiv.1706.03762"


def test_openalex_work(data_dir: Path) -> None:
    [work] = only_records(data_dir / "openalex_work.json")
    assert work.abstract == (
        "Deeper neural networks are more difficult to train. We present a residual learning networks framework "
        "on ImageNet."
    )
    assert work.authors == ["Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"]
    assert work.date == "2016-06-01"
    assert paper_id(work) == "paper:arxiv:1512.03385"


def test_openalex_page_and_jsonl(data_dir: Path, tmp_path: Path) -> None:
    work = json.loads((data_dir / "openalex_work.json").read_text())
    page = tmp_path / "page.json"
    page.write_text(json.dumps({"meta": {"count": 2}, "results": [work, dict(work, id="W2", title="Other")]}))
    assert [r.title for r in only_records(page)] == [work["title"], "Other"]
    lines = tmp_path / "works.jsonl"
    lines.write_text(json.dumps(work) + "\n")
    assert only_records(lines)[0].authors == ["Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"]


def test_inverted_index_empty() -> None:
    assert abstract_from_inverted_index(None) == ""
    assert abstract_from_inverted_index({"b": [1], "a": [0]}) == "a b"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("x.txt", b'{"title": "a", "abstract": "b"}\n{"title": "c", "abstract": "d"}\n', "jsonl"),
        ("x.data", b"<?xml version='1.0'?><feed/>", "arxiv-atom"),
        ("x.txt", b"title,abstract\na,b\n", "csv"),
        ("x.json", b'{\n  "id": "W1"\n}', "openalex"),
        ("x.txt", b"Daily Papers\n\nTitle\n\nAbstract\n", "daily-papers"),
        ("x.jsonl", b"not json\n", "jsonl"),  # plain text with a JSONL name: its reader says which lines are bad
    ],
)
def test_detect_format_from_content(name: str, content: bytes, expected: str) -> None:
    assert detect_format(Path(name), content) == expected


def test_format_override(tmp_path: Path) -> None:
    path = tmp_path / "weird.dat"
    path.write_text("title,abstract\nA,B\n")
    assert [r.title for r in only_records(path, "csv")] == ["A"]


def test_paper_identity_rules() -> None:
    base = dict(source="f", locator="line 1", title="Some Title: Here!", abstract="x")
    assert paper_id(Record(**base, arxiv_id="2106.09685v3")) == "paper:arxiv:2106.09685"
    assert paper_id(Record(**base, url="https://arxiv.org/pdf/2106.09685v1")) == "paper:arxiv:2106.09685"
    assert paper_id(Record(**base, doi="https://doi.org/10.1145/ABC.123")) == "paper:doi:10.1145/abc.123"
    assert paper_id(Record(**base, url="https://www.ACL.org/x/")) == "paper:url:acl.org/x"
    assert paper_id(Record(**base)) == "paper:title:some-title-here"

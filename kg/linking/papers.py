"""Linking: turn a Record and what the extractors found in it into graph nodes and edges."""

from __future__ import annotations

import re
from typing import Any

from extractors.repositories import Link, Repository, find_code_links
from kg.fragment import Fragment, NodeData
from kg.model import Evidence, Record
from kg.schema import EdgeType, NodeType

LISTING_COMPONENT = "listing"
LINK_COMPONENT = "repository_links"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(\[])|\n{2,}")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that contains [start, end) (split at '. ' before a capital, and paragraphs)."""
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    following = _SENTENCE_END.search(text, end)
    right = following.start() if following else len(text)
    return text[left:right].strip()


def paper_node(paper_id: str, record: Record) -> NodeData:
    """The Paper node for a record, with every property the record gives."""
    props: dict[str, Any] = {
        "title": record.title,
        "abstract": record.abstract,
        "date": record.date,
        "authors": record.authors,
        "author_count": record.author_count,
        "url": record.url,
        "arxiv_id": record.arxiv_id,
        "doi": record.doi,
        "categories": record.categories,
        "venue": record.venue,
        "organization": record.organization,
        "upvotes": record.upvotes,
        "record_ids": [record.source_id] if record.source_id else None,
    }
    return NodeData(paper_id, NodeType.PAPER, record.title or record.source_id or paper_id, props)


def repository_node(repository: Repository) -> NodeData:
    """The Repository node for a normalised repository link."""
    props = {"url": repository.url, "host": repository.host, "kind": repository.kind}
    return NodeData(f"{NodeType.REPOSITORY.prefix}:{repository.key}", NodeType.REPOSITORY, repository.name, props)


def link_record(paper_id: str, record: Record, links: list[Link]) -> Fragment:
    """The fragment a record contributes: its Paper, its repositories and HAS_CODE edges with evidence."""
    fragment = Fragment(paper_id, f"{record.source}:{record.locator}")
    paper = paper_node(paper_id, record)
    fragment.nodes.append(paper)
    text = record.text
    other_links = []
    found: list[tuple[Repository, Evidence]] = []
    for link in links:
        if link.repository is None:
            other_links.append(link.url)
            continue
        sentence = sentence_around(text, link.start, link.end)
        found.append((link.repository, Evidence(link.start, link.end, LINK_COMPONENT, 1.0, sentence)))
    for given in record.code_urls:  # listings give code links as URLs, bare hosts, or markdown badges
        for link in find_code_links(given):
            if link.repository is None:
                other_links.append(link.url)
            else:
                found.append((link.repository, Evidence(-1, -1, LISTING_COMPONENT, 1.0, "")))
    edges: dict[str, Any] = {}
    for repository, evidence in found:
        node = repository_node(repository)
        if node.id not in edges:
            fragment.nodes.append(node)
            edges[node.id] = fragment.add_edge(paper, EdgeType.HAS_CODE, node, props={"path": []})
        edge = edges[node.id]
        edge.evidence.append(evidence)
        if repository.path and repository.path not in edge.props["path"]:
            edge.props["path"].append(repository.path)
    if other_links:
        paper.props["links"] = list(dict.fromkeys(other_links))
    return fragment

"""Stable ids: papers from arXiv id, DOI, URL or normalised title; entities from type and name."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

from kg.model import Record
from kg.schema import NodeType

_ARXIV_NEW = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d])")
_ARXIV_OLD = re.compile(r"\b([a-z][a-z.-]+/\d{7})(?:v\d+)?\b", re.IGNORECASE)
_DOI = re.compile(r"\b(10\.\d{4,9}/\S+)", re.IGNORECASE)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def arxiv_id(value: str | None) -> str | None:
    """Return the version-less arXiv id in ``value`` (an id, an abs/pdf URL, 'arXiv:...'), else None."""
    if not value:
        return None
    match = _ARXIV_NEW.search(value) or _ARXIV_OLD.search(value)
    return match.group(1).lower() if match else None


def doi(value: str | None) -> str | None:
    """Return the lower-cased DOI in ``value`` (with or without https://doi.org/), else None."""
    match = _DOI.search(value or "")
    return match.group(1).rstrip(".,;").lower() if match else None


def slug(text: str) -> str:
    """Lower-case ASCII-folded words joined by hyphens: 'Low-Rank Adaptation (LoRA)' -> 'low-rank-adaptation-lora'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return _NON_ALNUM.sub("-", folded).strip("-")


def title_key(title: str) -> str:
    """The normalised-title key that identifies a paper with no stronger id."""
    return slug(title)


def url_key(url: str) -> str | None:
    """Host (lower-case, no www.), path and query of a URL, without scheme, fragment or trailing slash.

    The query stays because it often is the identity (``openreview.net/forum?id=xdiqbFlKsu``).
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    if not host:
        return None
    return host + parts.path.rstrip("/") + (f"?{parts.query}" if parts.query else "")


def paper_id(record: Record) -> str:
    """The paper's node id: arXiv id, else DOI, else URL, else normalised title (never empty)."""
    found = arxiv_id(record.arxiv_id) or _arxiv_from_url(record.url) or _arxiv_from_url(record.source_id)
    if found:
        return f"{NodeType.PAPER.prefix}:arxiv:{found}"
    if found := doi(record.doi) or (doi(record.url) if record.url and "doi.org/" in record.url else None):
        return f"{NodeType.PAPER.prefix}:doi:{found}"
    if record.url and (key := url_key(record.url)):
        return f"{NodeType.PAPER.prefix}:url:{key}"
    if record.title and (key := title_key(record.title)):
        return f"{NodeType.PAPER.prefix}:title:{key}"
    if record.source_id:
        return f"{NodeType.PAPER.prefix}:id:{record.source_id}"
    return f"{NodeType.PAPER.prefix}:record:{slug(record.source)}:{slug(record.locator)}"


def _arxiv_from_url(value: str | None) -> str | None:
    """An arXiv id from an arxiv.org URL or an 'arxiv:' prefixed id, else None."""
    if value and ("arxiv.org/" in value.lower() or value.lower().startswith("arxiv:")):
        return arxiv_id(value)
    return None


def entity_id(node_type: NodeType, name: str) -> str:
    """The node id of an entity: type prefix and the slug of its canonical name.

    "+" and "#" are spelled out, so "LoRA+" and "C#" do not take the ids of "LoRA" and "C"; a name with
    no ASCII letter or digit ("注意力") gets a hash of its name instead of a slug shared by all such names.
    """
    text = name.replace("+", " plus ").replace("#", " sharp ")
    key = slug(text)
    if not key:
        key = "x-" + hashlib.sha1(unicodedata.normalize("NFKC", name).casefold().encode("utf-8")).hexdigest()[:12]
    return f"{node_type.prefix}:{key}"

"""Plain data types that flow between the stages: readers -> extractors -> linking -> store."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """A piece of input that was skipped, with where it was and why (never raised, always reported)."""

    source: str
    locator: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.locator}" if self.locator else self.source
        return f"{where}: {self.reason}"


@dataclass
class Record:
    """One paper as a reader found it.

    ``source`` is the file, ``locator`` the line or record number within it. Optional fields are
    ``None`` when the source does not give them.
    """

    source: str
    locator: str
    title: str
    abstract: str
    date: str | None = None
    authors: list[str] | None = None
    author_count: int | None = None
    url: str | None = None
    arxiv_id: str | None = None
    doi: str | None = None
    categories: list[str] | None = None
    venue: str | None = None
    organization: str | None = None
    upvotes: int | None = None
    code_urls: list[str] = field(default_factory=list)
    source_id: str | None = None

    @property
    def text(self) -> str:
        """The text extractors see: title, a blank line, abstract (offsets refer to this)."""
        return f"{self.title}\n\n{self.abstract}" if self.title else self.abstract


@dataclass(frozen=True)
class Evidence:
    """Where a node or edge was found: the sentence, character offsets, component and score."""

    start: int
    end: int
    component: str
    score: float
    sentence: str = ""


@dataclass(frozen=True)
class Mention:
    """A typed span of a record's text found by an extractor."""

    start: int
    end: int
    text: str
    type: str
    component: str
    score: float
    canonical: str | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None

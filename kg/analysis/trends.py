"""Trends over time: papers per month or year, overall and per entity, from the papers' dates.

Paper dates are ISO 8601 strings of varying precision (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) or
missing. The rule, applied everywhere: a paper is counted in a period only when its date is at
least as precise as the period (a ``2023`` paper counts for the year 2023 but in no month);
:func:`date_precision` tells how many papers each precision has, so callers can say what was left out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg.analysis.entities import is_paper, nodes_of_type, paper_counts, papers_of

__all__ = ["FREQUENCIES", "date_precision", "entity_trends", "paper_period", "papers_per_period", "parse_date"]

FREQUENCIES = ("year", "month")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$")


def parse_date(value: Any) -> tuple[int, int | None, int | None] | None:
    """``(year, month, day)`` of an ISO date of any precision; missing parts are None.

    Returns None for a missing or malformed date.

    Examples
    --------
    >>> parse_date("2023-05-17"), parse_date("2023-05"), parse_date("2023"), parse_date("May 2023")
    ((2023, 5, 17), (2023, 5, None), (2023, None, None), None)
    """
    if not isinstance(value, str):
        return None
    m = _DATE.match(value.strip())
    if not m:
        return None
    year, month, day = (int(x) if x else None for x in m.groups())
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    return year, month, day  # type: ignore[return-value]


def paper_period(G: nx.Graph, paper: Any, freq: str = "month") -> str | None:
    """The period (``"YYYY"`` or ``"YYYY-MM"``) a paper counts in, or None if its date is too coarse.

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> G = toy_graph()
    >>> paper_period(G, "paper:p1"), paper_period(G, "paper:p3"), paper_period(G, "paper:p3", "year")
    ('2021-06', None, '2023')
    """
    if freq not in FREQUENCIES:
        raise ValueError(f"unknown frequency {freq!r}; use one of {', '.join(FREQUENCIES)}")
    parts = parse_date(G.nodes[paper].get("date"))
    if parts is None:
        return None
    year, month, _ = parts
    if freq == "year":
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}" if month is not None else None


def date_precision(G: nx.Graph) -> dict[str, int]:
    """How many papers have a date to the ``day``, ``month`` or ``year`` only, or ``missing``.

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> date_precision(toy_graph())
    {'day': 2, 'month': 1, 'year': 1, 'missing': 1}
    """
    counts = dict.fromkeys(("day", "month", "year", "missing"), 0)
    for paper in nodes_of_type(G, "Paper"):
        parts = parse_date(G.nodes[paper].get("date"))
        if parts is None:
            counts["missing"] += 1
        else:
            counts["day" if parts[2] else "month" if parts[1] else "year"] += 1
    return counts


def papers_per_period(G: nx.Graph, freq: str = "month") -> dict[str, int]:
    """Number of papers per period, in time order (papers whose date is too coarse are left out).

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> papers_per_period(toy_graph(), "year")
    {'2020': 1, '2021': 1, '2023': 2}
    """
    counts = Counter(p for p in (paper_period(G, n, freq) for n in nodes_of_type(G, "Paper")) if p)
    return dict(sorted(counts.items()))


def entity_trends(
    G: nx.Graph,
    entities: Iterable[Any] | None = None,
    *,
    node_type: str | None = None,
    freq: str = "year",
    top: int = 10,
) -> dict[Any, dict[str, int]]:
    """Papers per period for each entity, in time order.

    Give ``entities``, or a ``node_type`` whose ``top`` entities by papers are taken (any
    non-paper type when None). Periods without papers are absent.

    Examples
    --------
    >>> from kg.analysis.examples import toy_graph
    >>> entity_trends(toy_graph(), ["method:lora"], freq="year")
    {'method:lora': {'2021': 1, '2023': 2}}
    >>> entity_trends(toy_graph(), ["method:lora"], freq="month")
    {'method:lora': {'2021-06': 1, '2023-05': 1}}
    """
    if entities is None:
        counts = paper_counts(G, node_type)
        entities = sorted(counts, key=lambda v: (-counts[v], str(v)))[:top]
    result: dict[Any, dict[str, int]] = {}
    for node in entities:
        periods = Counter(
            p for p in (paper_period(G, paper, freq) for paper in papers_of(G, node) if is_paper(G, paper)) if p
        )
        result[node] = dict(sorted(periods.items()))
    return result

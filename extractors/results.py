"""Numeric claims in abstracts: "improves the accuracy by 2.7% ... on ImageNet-1K", "from 42GB to 11GB".

``find_claims`` reads one text and the entity mentions found in it and returns each claim with its
value, unit, direction (increase, decrease or absolute), the value it changes from, and the metric,
dataset, method and baseline mentions of the same sentence it can be tied to. Parts that cannot be
tied stay empty: nothing is guessed. Regular expressions suffice: claims are short, fixed phrasings
around a number, and no trained model for them exists in our dependencies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.model import Mention

_NUMBER = r"(\d+(?:,\d{3})*(?:\.\d+)?)"
_UNIT = (
    r"(%|\s?percent(?:age points?)?|\s?pp\b|\s?points?\b|\s?(?:×|x)(?![a-z])|\s?times\b|\s?(?:GB|MB|TB|KB|GiB|MiB)\b"
    r"|\s?(?:ms|seconds|hours|minutes)\b|\s?fps\b|\s?dB\b)"
)
_FROM_TO = re.compile(rf"\bfrom\s+{_NUMBER}\s*{_UNIT}?\s+to\s+{_NUMBER}\s*{_UNIT}", re.IGNORECASE)
_WITH_UNIT = re.compile(rf"(?<![\w.\-]){_NUMBER}{_UNIT}", re.IGNORECASE)
# a metric value without a unit: "a BLEU score of 28.4", "F1 of 0.91", "mIoU = 52.1"
_OF_VALUE = re.compile(
    rf"\b(?:of|=|:|reaching|achieves|achieving|attains|obtains)\s+{_NUMBER}(?![\w%.])", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\[])|\n\s*\n")
_INCREASE = re.compile(
    r"\b(improv\w*|boost\w*|increas\w*|gain\w*|outperform\w*|higher|faster|speed-?ups?|accelerat\w*|rais\w*|better|"
    r"surpass\w*|exceed\w*|enhanc\w*|up to)\b",
    re.IGNORECASE,
)
_DECREASE = re.compile(
    r"\b(reduc\w*|decreas\w*|lower\w*|cuts?|cutting|fewer|less|sav\w*|drops?|shrink\w*|compress\w*|smaller|"
    r"slash\w*|down to)\b",
    re.IGNORECASE,
)
_BASELINE = re.compile(r"\b(?:compared (?:to|with)|than|over|against|relative to|versus|vs\.?)\s*(?:the\s+)?$", re.I)
_STATES_VALUE = re.compile(
    r"\b(?:achiev\w*|reach\w*|obtain\w*|attain\w*|yield\w*|scor\w*|of|at|=|:)\s*(?:an?\s+|the\s+)?$", re.IGNORECASE
)
_CHANGE_OF = re.compile(r"\b(?:increas|decreas|gain|improv|reduc|drop|boost|speed-?up|rise|declin)\w*\s+of\s*$", re.I)
_BASELINE_WORD = re.compile(r"\s+baselines?\b", re.IGNORECASE)
_SHARE = re.compile(r"\s+of\b", re.IGNORECASE)  # "only 12% of the computational cost": a share, not a change
_UNIT_NAMES = {"percent": "%", "percentage point": "pp", "percentage points": "pp", "point": "points", "×": "x"}


@dataclass(frozen=True)
class Claim:
    """A numeric claim: where it is, the number and unit, its direction, and what it is about."""

    start: int
    end: int
    value: float
    unit: str
    direction: str
    sentence_start: int
    sentence_end: int
    from_value: float | None = None
    metric: Mention | None = None
    dataset: Mention | None = None
    method: Mention | None = None
    baseline: Mention | None = None


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _unit(text: str | None) -> str:
    unit = (text or "").strip()
    return _UNIT_NAMES.get(unit.lower(), unit if unit not in ("X",) else "x")


def _sentences(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def _direction(sentence: str, at: int, from_value: float | None, value: float) -> str:
    """increase / decrease from a change's endpoints, the words right after the number, or the nearest before."""
    if from_value is not None:
        return "decrease" if value < from_value else "increase"
    clause = re.split(r"[,;](?!\d)", sentence[at:], maxsplit=1)[0]  # "48.4%, outperforming X": not this number's word
    after = " ".join(clause.split()[1:3])  # "2.7% improvement", "35% fewer parameters" decide first
    if _DECREASE.search(after):
        return "decrease"
    if _INCREASE.search(after):
        return "increase"
    before = sentence[:at]
    if _STATES_VALUE.search(before) and not _CHANGE_OF.search(before):  # "achieves 83.0%", "a mIoU of 75.81"
        return "absolute"
    last_up = max((m.end() for m in _INCREASE.finditer(before)), default=-1)
    last_down = max((m.end() for m in _DECREASE.finditer(before)), default=-1)
    if last_up < 0 and last_down < 0:
        return "absolute"
    return "increase" if last_up > last_down else "decrease"


def _nearest(mentions: Sequence[Mention], kind: str, at: int, exclude: Mention | None = None) -> Mention | None:
    candidates = [m for m in mentions if m.type == kind and m is not exclude]
    return min(candidates, key=lambda m: (abs((m.start + m.end) // 2 - at), m.start), default=None)


def _is_baseline(text: str, m: Mention) -> bool:
    """A method compared against ("than X", "compared to X"), or any mention named a baseline ("the E2E baseline")."""
    if m.type not in ("Method", "Dataset"):
        return False
    named = _BASELINE_WORD.match(text, m.end) is not None
    return named or (m.type == "Method" and _BASELINE.search(text[max(0, m.start - 30) : m.start]) is not None)


def _tie(
    text: str, claim_at: int, sentence_mentions: Sequence[Mention], share_of: int | None = None
) -> dict[str, Mention | None]:
    """Metric, dataset, method and baseline mentions of the sentence that the claim is about.

    ``share_of``: the claim is a share ("12% of the computational cost"); its metric is the one named right
    after "of", or none.
    """
    baseline = next((m for m in sentence_mentions if _is_baseline(text, m)), None)
    method_candidates = [m for m in sentence_mentions if m.type == "Method" and m is not baseline]
    method = min(method_candidates, key=lambda m: (m.start > claim_at, abs(m.start - claim_at)), default=None)
    if share_of is None:
        metric = _nearest(sentence_mentions, "Metric", claim_at)
    else:
        metric = next((m for m in sentence_mentions if m.type == "Metric" and 0 <= m.start - share_of <= 25), None)
    return {
        "metric": metric,
        "dataset": _nearest(sentence_mentions, "Dataset", claim_at, exclude=baseline),
        "method": method,
        "baseline": baseline,
    }


def _value_of(text: str, at: int, mentions: Sequence[Mention]) -> Mention | None:
    """The Method or baseline whose own value the number at ``at`` is: written in brackets right after its
    name ("outperforming ReSearch-32B (46.2%)")."""
    before = text[:at].rstrip()
    if not before.endswith("("):
        return None
    name_end = len(before[:-1].rstrip())
    return next((m for m in mentions if m.type == "Method" and m.end == name_end), None)


def find_claims(text: str, mentions: Sequence[Mention] = ()) -> list[Claim]:
    """Every numeric claim in ``text``, tied to the ``mentions`` of its sentence where possible."""
    claims: list[Claim] = []
    for s_start, s_end in _sentences(text):
        sentence = text[s_start:s_end]
        in_sentence = [m for m in mentions if s_start <= m.start and m.end <= s_end]
        taken: list[tuple[int, int]] = []
        found: list[tuple[int, int, float, str, float | None]] = []
        for match in _FROM_TO.finditer(sentence):
            unit = _unit(match.group(4) or match.group(2))
            found.append((match.start(), match.end(), _number(match.group(3)), unit, _number(match.group(1))))
            taken.append(match.span())
        for match in _WITH_UNIT.finditer(sentence):
            if not any(a <= match.start() < b for a, b in taken):
                found.append((match.start(), match.end(), _number(match.group(1)), _unit(match.group(2)), None))
                taken.append(match.span())
        for match in _OF_VALUE.finditer(sentence):
            start = match.start(1)
            metric_near = any(m.type == "Metric" and 0 <= start - (m.end - s_start) <= 25 for m in in_sentence)
            if metric_near and not any(a <= start < b for a, b in taken):
                found.append((start, match.end(), _number(match.group(1)), "", None))
        found.sort()
        for index, (start, end, value, unit, from_value) in enumerate(found):
            # a claim's scope: from the previous claim to the next one ("87.1% on ImageNet and 28.4 BLEU on WMT14")
            low = s_start + (found[index - 1][1] if index else 0)
            high = s_start + (found[index + 1][0] if index + 1 < len(found) else len(sentence))
            scoped = [m for m in in_sentence if low <= m.start and m.end <= high]
            share = _SHARE.match(sentence, end) if unit == "%" and from_value is None else None
            share_of = s_start + share.end() if share else None
            ties = _tie(text, s_start + start, scoped, share_of)
            if ties["method"] is None:  # the subject of a sentence usually comes before its first claim
                ties["method"] = _tie(text, s_start + start, in_sentence)["method"]
            owner = _value_of(text, s_start + start, in_sentence)
            if owner is not None:  # "than ReSearch-32B (46.2%)": that method's own score, on the sentence's metric
                ties["method"], ties["baseline"] = owner, None
                ties["metric"] = ties["metric"] or _nearest(in_sentence, "Metric", s_start + start)
            claims.append(
                Claim(
                    s_start + start,
                    s_start + end,
                    value,
                    unit,
                    "absolute" if share or owner is not None else _direction(sentence, start, from_value, value),
                    s_start,
                    s_end,
                    from_value,
                    **ties,
                )
            )
    return claims

"""Lexical forms for literals: text any serialisation can carry, xsd:decimal, xsd:integer and dates."""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from rdflib.namespace import XSD

# Characters no XML 1.0 document may contain (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F):
# replaced by U+FFFD in every format, so all serialisations carry the same text and offsets still fit.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_YEAR_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_YEAR = re.compile(r"^\d{4}$")


def clean_text(value: Any) -> str:
    """``value`` as a string every RDF syntax (RDF/XML included) can hold."""
    text = value if isinstance(value, str) else str(value)
    if text.isascii() and text.isprintable():  # the common case, checked in C
        return text
    return _NOT_XML.sub("\ufffd", text)


def decimal_lexical(value: Any) -> str | None:
    """The xsd:decimal lexical form of a number (``1e-05`` -> ``0.00001``), or None if it is not a finite number."""
    if isinstance(value, bool):
        return None
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or (isinstance(value, float) and not math.isfinite(value)):
        return None
    text = format(number, "f")
    return text if "." in text else text + ".0"


def integer_lexical(value: Any) -> str | None:
    """The xsd:integer lexical form of a whole number, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text if re.fullmatch(r"[+-]?\d+", text) else None


def date_literal(value: Any) -> tuple[str, str]:
    """(lexical form, datatype IRI) of an ISO date: xsd:date, xsd:gYearMonth or xsd:gYear (else xsd:string)."""
    text = clean_text(value).strip()
    if _YEAR.match(text):
        return text, str(XSD.gYear)
    if _YEAR_MONTH.match(text):
        return text, str(XSD.gYearMonth)
    try:
        return date.fromisoformat(text[:10]).isoformat(), str(XSD.date)
    except ValueError:
        return text, str(XSD.string)

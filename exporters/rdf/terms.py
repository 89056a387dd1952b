"""pyoxigraph terms for the vocabulary, built once (the exporter's hot loop reuses them)."""

from __future__ import annotations

from functools import lru_cache

from pyoxigraph import Literal, NamedNode
from rdflib import URIRef
from rdflib.namespace import XSD

from exporters.rdf.literals import clean_text


@lru_cache(maxsize=4096)
def iri(term: URIRef | str) -> NamedNode:
    """The pyoxigraph NamedNode of a vocabulary term (cached)."""
    return NamedNode(str(term))


XSD_STRING = iri(XSD.string)
XSD_INTEGER = iri(XSD.integer)
XSD_DECIMAL = iri(XSD.decimal)
XSD_BOOLEAN = iri(XSD.boolean)
XSD_ANY_URI = iri(XSD.anyURI)


def text(value: object) -> Literal:
    """A plain string literal, cleaned so that every syntax can carry it."""
    return Literal(clean_text(value))


def typed(lexical: str, datatype: NamedNode | URIRef | str) -> Literal:
    """A literal with a datatype."""
    return Literal(lexical, datatype=datatype if isinstance(datatype, NamedNode) else iri(datatype))

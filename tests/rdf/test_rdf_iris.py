"""IRIs are stable, distinct for distinct ids, and valid under strict parsers whatever the names hold."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib

from exporters.rdf.iris import BaseError, Minter, check_base, web_iri

NASTY_IDS = [
    "method:low-rank-adaptation",
    'method:quo"te <x> \\ ünï',
    "method:a b",
    "method:a%20b",
    "method:a\nb",
    "method:..",
    "method:./x/../y",
    "paper:url:openreview.net/forum?id=Xy 9#frag",
    "paper:title:数据 ☃ {curly} |pipe| ^caret^ `tick`",
    "repository:github.com/a/b",
    "gadget:unknown-type",
]


def test_readable_and_dereferenceable_in_form() -> None:
    assert Minter().node("method:low-rank-adaptation") == "https://w3id.org/kg/method/low-rank-adaptation"
    assert Minter().node("repository:github.com/a/b") == "https://w3id.org/kg/repository/github.com/a/b"
    assert Minter("http://example.org/g/").node("task:qa") == "http://example.org/g/task/qa"


def test_stable_and_distinct() -> None:
    first = [Minter().node(i) for i in NASTY_IDS]
    assert first == [Minter().node(i) for i in NASTY_IDS]
    assert len(set(first)) == len(NASTY_IDS)


@pytest.mark.parametrize("node_id", NASTY_IDS)
def test_valid_for_strict_parsers(node_id: str) -> None:
    iri = Minter().node(node_id)
    assert iri.isascii()
    ox.NamedNode(iri)  # oxigraph validates RFC 3987
    line = f"<{iri}> <http://example.org/p> <http://example.org/o> .\n"
    assert len(rdflib.Graph().parse(data=line, format="nt")) == 1
    assert len(list(ox.parse(line.encode(), format=ox.RdfFormat.N_TRIPLES))) == 1
    assert "/../" not in iri and not iri.endswith("/..")


def test_web_addresses_are_encoded_or_refused() -> None:
    assert web_iri("https://github.com/ü/x y") == "https://github.com/%C3%BC/x%20y"
    assert web_iri("https://a.org/p#frag#more") == "https://a.org/p#frag%23more"
    assert web_iri("huggingface.co/spaces/a/b") is None


@pytest.mark.parametrize("base", ["w3id.org/kg/", "https://w3id.org/kg", "https://bad base/", "ftp://x/"])
def test_bad_base_is_refused(base: str) -> None:
    with pytest.raises(BaseError):
        check_base(base)

"""IRI minting: stable (same input, same IRI), valid under strict parsers, readable where possible.

A node ``method:low-rank-adaptation`` becomes ``{base}method/low-rank-adaptation``. Everything in
the key that is not an unreserved URI character (or ``/``, ``:``, ``@``, ``!``, ``$``, ``&``, ``'``,
``(``, ``)``, ``*``, ``+``, ``,``, ``;``, ``=``) is percent-encoded from UTF-8, as are ``%`` itself
and dot segments, so every IRI is also a plain ASCII URI that no parser normalises differently.
Things with no readable key (reified edges, evidence, source records) get a hash of what identifies them.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

from exporters.rdf.vocab import DEFAULT_BASE
from kg.schema import NodeType

_SAFE = "/:@!$&'()*+,;=-._~"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_DOT_SEGMENT = re.compile(r"(?<=/)\.\.?(?=/|$)|^\.\.?(?=/|$)")
_BARE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_TYPE_BY_PREFIX = {t.prefix: t for t in NodeType}


class BaseError(ValueError):
    """The ``--base`` given is not an absolute http(s) IRI ending in ``/`` or ``#``."""


def check_base(base: str) -> str:
    """Return ``base`` if it can prefix our IRIs, else raise BaseError with the reason."""
    if not re.match(r"^https?://[^\s<>\"{}|\\^`]+[/#]$", base):
        raise BaseError(f"--base must be an absolute http(s) IRI ending in '/' or '#', not {base!r}")
    return base


def encode(key: str) -> str:
    """Percent-encode ``key`` for use in an IRI path (keeps ``/`` and ``:``, encodes dot segments)."""
    text = quote(key, safe=_SAFE, errors="surrogatepass")
    return _DOT_SEGMENT.sub(lambda m: m.group(0).replace(".", "%2E"), text)


def digest(*parts: str) -> str:
    """A short stable hash of ``parts`` (80 bits of SHA-1, hex)."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:20]


def web_iri(url: str) -> str | None:
    """``url`` with offending characters percent-encoded, or None if it has no scheme.

    The result may still be rejected by a strict parser (a bad port, say): callers check it.
    """
    url = url.strip()
    if not _SCHEME.match(url):
        return None
    address, hash_, fragment = url.partition("#")
    address = _BARE_PERCENT.sub("%25", address)
    fragment = _BARE_PERCENT.sub("%25", fragment)
    safe = "/:@!$&'()*+,;=-._~?%"
    return (
        quote(address, safe=safe, errors="surrogatepass") + hash_ + quote(fragment, safe=safe, errors="surrogatepass")
    )


class Minter:
    """Mints every IRI of one export under ``base``."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = check_base(base)

    def node(self, node_id: str, node_type: str | None = None) -> str:
        """The IRI of a node: ``{base}{type}/{key}``, the type taken from the id's prefix."""
        prefix, sep, key = node_id.partition(":")
        if sep and prefix in _TYPE_BY_PREFIX:
            return f"{self.base}{prefix}/{encode(key) or '-'}"
        folder = node_type.lower() if node_type else "node"
        return f"{self.base}{encode(folder)}/{encode(node_id) or '-'}"

    def statement(self, edge_id: str) -> str:
        """The IRI of a reified edge."""
        return f"{self.base}statement/{digest(edge_id)}"

    def evidence(self, edge_id: str, record: str, start: int, end: int, component: str) -> str:
        """The IRI of one piece of evidence (the key of an evidence row)."""
        return f"{self.base}evidence/{digest(edge_id, record, str(start), str(end), component)}"

    def record(self, record: str) -> str:
        """The IRI of a source record (``file:locator``)."""
        return f"{self.base}record/{digest(record)}"

    def activity(self, component: str, version: str) -> str:
        """The IRI of the extraction activity of one component of one kg version."""
        return f"{self.base}activity/{encode(component)}/{encode(version)}"

    def agent(self, component: str, version: str) -> str:
        """The IRI of one pipeline component of one kg version, as a software agent."""
        return f"{self.base}agent/{encode(component)}/{encode(version)}"

    def dataset(self) -> str:
        """The IRI of the exported graph as a whole (VoID dataset, TriG graph name).

        Not ``{base}dataset``: that folder holds the Dataset nodes.
        """
        return f"{self.base}graph"

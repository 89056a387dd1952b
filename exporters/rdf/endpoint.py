"""A SPARQL 1.1 client (protocol and Graph Store protocol) on the standard library's urllib."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox

from exporters.rdf.sparql import SparqlError, with_prefixes

_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
_RDF_TYPES = {
    ".nt": "application/n-triples",
    ".ttl": "text/turtle",
    ".trig": "application/trig",
    ".jsonld": "application/ld+json",
    ".rdf": "application/rdf+xml",
    ".xml": "application/rdf+xml",
}


class EndpointError(SparqlError):
    """The endpoint could not be reached or refused the request."""


def _send(request: urllib.request.Request, timeout: float) -> tuple[str, bytes]:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as err:
        body = err.read().decode("utf-8", "replace").strip()[:500]
        raise EndpointError(f"{request.full_url} answered {err.code} {err.reason}: {body}") from None
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise EndpointError(f"cannot reach {request.full_url}: {reason}") from None


def query_endpoint(url: str, text: str, timeout: float = 60.0) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
    """POST a query to a SPARQL 1.1 endpoint and parse the answer into pyoxigraph results."""
    body = urllib.parse.urlencode({"query": with_prefixes(text)}).encode()
    request = urllib.request.Request(
        url,
        data=body,
        headers={"Accept": _ACCEPT, "Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    content_type, data = _send(request, timeout)
    media = content_type.split(";")[0].strip().lower()
    try:
        if media in ("application/sparql-results+json", "application/json"):
            return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        if media in ("application/sparql-results+xml", "application/xml"):
            return ox.parse_query_results(data, format=ox.QueryResultsFormat.XML)
        fmt = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
        return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=fmt)]
    except (SyntaxError, ValueError) as err:
        raise EndpointError(f"{url} answered {media or 'no content type'} that cannot be read: {err}") from None


def update_endpoint(url: str, text: str, timeout: float = 60.0) -> None:
    """POST a SPARQL 1.1 update to an endpoint (its update URL)."""
    body = urllib.parse.urlencode({"update": with_prefixes(text)}).encode()
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"}, method="POST"
    )
    _send(request, timeout)


def put_graph(store_url: str, path: str | Path, graph: str | None = None, timeout: float = 300.0) -> None:
    """Replace a graph of a Graph Store protocol endpoint with an RDF file (HTTP PUT; default graph if no name)."""
    path = Path(path)
    media = _RDF_TYPES.get(path.suffix.lower())
    if media is None:
        raise EndpointError(f"cannot tell the RDF syntax of {path} from its extension")
    target = f"{store_url}?{urllib.parse.urlencode({'graph': graph})}" if graph else f"{store_url}?default"
    request = urllib.request.Request(target, data=path.read_bytes(), headers={"Content-Type": media}, method="PUT")
    _send(request, timeout)

"""Find code-repository links in text and normalise them.

Recognised hosts: github.com, gitlab.com, bitbucket.org, huggingface.co, anonymous.4open.science,
and project pages on ``*.github.io`` / ``*.gitlab.io``. Other URLs are returned as plain links.
A regular expression is enough here: URLs in abstracts are short, single tokens, and the
normalisation rules are host-specific, which no general URL library knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# A URL with a scheme, or a bare repository-host URL such as "github.com/owner/repo".
_URL = re.compile(
    r"(?:https?://|(?<![\w./@])(?=(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|huggingface\.co)/))"
    r"[^\s<>\"'`\[\]]+",
    re.IGNORECASE,
)
# LaTeX debris and punctuation that cling to URLs in abstracts: "}}", "{here}", "\url{", "),", "."
_TRAILING_LATEX = re.compile(r"(\{[^{}/]*\}|[{}\\])+$")
_TRAILING_PUNCT = ".,;:!?'\"*"
_HF_KINDS = {"datasets": "dataset", "spaces": "space"}
_HF_NOT_REPOS = {"papers", "docs", "blog", "models", "collections", "learn", "join", "login", "posts", "tasks"}


@dataclass(frozen=True)
class Link:
    """A URL found in text. ``repository`` is set when it names a code/model/data repository."""

    start: int
    end: int
    raw: str
    url: str
    repository: Repository | None = None


@dataclass(frozen=True)
class Repository:
    """A normalised repository: ``key`` identifies it case-insensitively (``github.com/owner/repo``)."""

    host: str
    name: str
    kind: str
    url: str
    path: str = ""

    @property
    def key(self) -> str:
        """Case-insensitive identity of the repository: host and name, lower-cased."""
        if self.kind == "project_page":
            return self.name.lower()
        return f"{self.host}/{self.name}".lower()


def _strip_debris(url: str) -> str:
    """Remove trailing LaTeX debris, punctuation and unbalanced closing brackets from a URL."""
    previous = None
    while previous != url:
        previous = url
        url = _TRAILING_LATEX.sub("", url)
        url = url.rstrip(_TRAILING_PUNCT)
        for opener, closer in ("()", "[]"):
            if url.endswith(closer) and url.count(closer) > url.count(opener):
                url = url[:-1]
    if url.lower().startswith(("\\url{", "url{")):
        url = url.split("{", 1)[1]
    return url


def _split_owner_repo(segments: list[str]) -> tuple[str, str] | None:
    """Return (``owner/repo``, rest-of-path) from path segments, or None if there are too few."""
    if len(segments) < 2:
        return None
    repo = segments[1]
    if repo.lower().endswith(".git"):
        repo = repo[:-4]
    return f"{segments[0]}/{repo}", "/".join(segments[2:])


def normalise(raw_url: str) -> tuple[str, Repository | None]:
    """Return the cleaned URL and, if it points at a repository or project page, the Repository."""
    url = _strip_debris(raw_url)
    if not re.match(r"https?://", url, re.IGNORECASE):
        url = "https://" + url
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:  # e.g. a bracketed "host" that is no IP address: not a usable URL
        return url, None
    if host.startswith("www."):
        host = host[4:]
    segments = [s for s in parts.path.split("/") if s]
    clean = f"{parts.scheme.lower()}://{host}{'/' + '/'.join(segments) if segments else ''}"
    if parts.query:
        clean += f"?{parts.query}"
    repository: Repository | None = None
    if host in ("github.com", "bitbucket.org"):
        split = _split_owner_repo(segments)
        if split:
            name, path = split
            repository = Repository(host, name, "code", f"https://{host}/{name}", path)
    elif host == "gitlab.com":
        if "-" in segments:
            cut = segments.index("-")
            name_parts, path = segments[:cut], "/".join(segments[cut + 1 :])
        else:
            name_parts, path = segments, ""
        if len(name_parts) >= 2:
            name_parts[-1] = name_parts[-1].removesuffix(".git")
            name = "/".join(name_parts)
            repository = Repository(host, name, "code", f"https://{host}/{name}", path)
    elif host == "huggingface.co" and segments and segments[0] not in _HF_NOT_REPOS:
        kind = _HF_KINDS.get(segments[0], "model")
        owner_repo = segments[1:] if kind != "model" else segments
        split = _split_owner_repo(owner_repo)
        if split:
            name, path = split
            prefix = "" if kind == "model" else f"{segments[0]}/"
            repository = Repository(host, prefix + name, kind, f"https://{host}/{prefix}{name}", path)
    elif host == "anonymous.4open.science" and len(segments) >= 2 and segments[0] == "r":
        name = f"r/{segments[1]}"
        repository = Repository(host, name, "code", f"https://{host}/{name}", "/".join(segments[2:]))
    elif host.endswith((".github.io", ".gitlab.io")):
        name = host + ("/" + "/".join(segments) if segments else "")
        repository = Repository(host, name, "project_page", f"https://{name}")
    return clean, repository


_BARE_OWNER_REPO = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")


def find_code_links(given: str) -> list[Link]:
    """Links in a listing's code field: URLs, bare hosts, markdown badges, or a bare GitHub ``owner/repo``."""
    given = given.strip()
    if _BARE_OWNER_REPO.match(given) and "." not in given.split("/", 1)[0]:
        given = f"https://github.com/{given}"
    return find_links(given)


def find_links(text: str) -> list[Link]:
    """Return every URL in ``text`` with its character offsets and, where it is one, its repository."""
    links = []
    for match in _URL.finditer(text):
        raw = _strip_debris(match.group(0))
        if not raw or "." not in raw.split("//", 1)[-1]:
            continue
        start = match.start()
        url, repository = normalise(raw)
        if "://" not in url or not urlsplit(url).hostname:
            continue
        links.append(Link(start, start + len(raw), raw, url, repository))
    return links

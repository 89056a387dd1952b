"""A small streaming XML writer (escaping and invalid characters handled) for GraphML and GEXF."""

from __future__ import annotations

from typing import IO, Any
from xml.sax.saxutils import XMLGenerator

from exporters.visual.attributes import clean_text


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return clean_text(str(value))


class XmlWriter:
    """Write elements one by one to a text stream, indented."""

    def __init__(self, out: IO[str]) -> None:
        self.gen = XMLGenerator(out, encoding="utf-8", short_empty_elements=True)
        self.out = out
        self.depth = 0
        self.gen.startDocument()

    def start(self, tag: str, attrs: dict[str, Any] | None = None) -> None:
        """Open ``tag`` with ``attrs`` (None values left out)."""
        self.out.write("\n" + "  " * self.depth)
        self.gen.startElement(tag, {k: _text(v) for k, v in (attrs or {}).items() if v is not None})
        self.depth += 1

    def end(self, tag: str, inline: bool = False) -> None:
        """Close ``tag``."""
        self.depth -= 1
        if not inline:
            self.out.write("\n" + "  " * self.depth)
        self.gen.endElement(tag)

    def leaf(self, tag: str, attrs: dict[str, Any] | None = None, text: Any = None) -> None:
        """An element with attributes and optional text and no children."""
        self.start(tag, attrs)
        if text is not None:
            self.gen.characters(_text(text))
        self.end(tag, inline=True)

    def close(self) -> None:
        """Finish the document."""
        self.out.write("\n")
        self.gen.endDocument()

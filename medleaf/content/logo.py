"""A brand's SVG logo, checked before it is printed: a self-contained drawing.

WeasyPrint would quietly drop what it may not load (an image outside the brand folder, an
external DTD) and print the leaflet without its logo; an XML entity can expand to gigabytes.
So a logo may not declare a DTD or entities, and every reference in it (href, src, url())
must point inside itself (#id) or be a data: URI.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.parsers import expat

from medleaf.content import characters, inputs
from medleaf.errors import ContentError, Problem

_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]*)", re.I)
_IMPORT = re.compile(r"@import", re.I)


def _inside(reference: str) -> bool:
    return reference.startswith(("#", "data:")) or reference == ""


def problems(path: Path, shown: str) -> list[Problem]:
    """Why the logo cannot be printed as drawn, each with its line."""
    try:
        data = inputs.read_bytes(path, shown, "logo")
    except ContentError as exc:
        return exc.problems
    found: list[Problem] = []
    styles: list[str] = []  # the open elements that are <style>
    parser = expat.ParserCreate(namespace_separator=" ")

    def at(message: str) -> None:
        found.append(Problem(shown, parser.CurrentLineNumber, None, message, "logo"))

    def start(name: str, attributes: dict[str, str]) -> None:
        element = name.rsplit(" ", 1)[-1]
        styles.append(element)
        for attribute, value in attributes.items():
            local = attribute.rsplit(" ", 1)[-1]
            for char, _ in characters.problems(value, limit=None):
                at(f"<{element} {local}> holds {characters.describe(char)}")
            if local in ("href", "src") and not _inside(value.strip()):
                at(f"<{element} {local}=\"{value}\"> refers to a file or address outside "
                   "the drawing: embed it as a data: URI or remove it")
            else:
                css(value)

    def css(data: str) -> None:
        data = characters.css_unescape(data)
        for reference in _URL.findall(data):
            if not _inside(reference):
                at(f"url({reference}) refers to a file or address outside the drawing")
        if _IMPORT.search(data):
            at("@import is not allowed in a logo")

    def text(data: str) -> None:
        for char, _ in characters.problems(data, limit=None):
            at(f"holds {characters.describe(char)}, which prints other than it reads")
        if styles and styles[-1] == "style":
            css(data)

    def doctype(*_args) -> None:
        at("a DOCTYPE (DTD) is not allowed in a logo: remove it")

    def entity(name, *_args) -> None:
        at(f"the entity {name!r} is not allowed in a logo: write its text out")

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda _name: styles.pop()
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.ExternalEntityRefHandler = lambda *_args: 0  # never fetched
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        if not found:  # a DTD or entity, already reported, is why it stopped
            found.append(Problem(shown, exc.lineno, None, f"not a well-formed SVG file: "
                                 f"{expat.errors.messages[exc.code]}", "logo"))
    return list(dict.fromkeys(found))

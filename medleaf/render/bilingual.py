"""A bilingual leaflet: the leaflet of each language rendered as usual (each passing the gate
and its own checks), then joined section by section, each block marked with its language:
side by side on A4 and Letter, one after the other on A5.

Sections are paired by their class (`<section class="dosage" ...>` of leaflet.html); a
project template with content outside such sections prints each language's leaflet whole,
one after the other: nothing is ever dropped.
"""

from __future__ import annotations

import re

from medleaf.content.languages import Language
from medleaf.errors import ContentError, Problem

_SECTION = re.compile(r'<section class="([\w-]+)"[^>]*>.*?</section>\s*', re.S)
_FOOTER = re.compile(r"<footer\b.*?</footer>\s*", re.S)
_BODY = re.compile(r'(<body class=")([^"]*)(">)(.*)(</body>)', re.S)
_WATERMARK = re.compile(r'<div class="watermark".*?</div>\s*', re.S)
SIDE_BY_SIDE = ("A4", "Letter")


def bilingual_html(pages: list[tuple[Language, str]], paper: str, profiles) -> str:
    """One HTML page of the leaflets in `pages` ((language, its leaflet's HTML), the first
    language first); `profiles(language)` gives each language's profile."""
    (first, html), *others = pages
    if not all(_BODY.search(text) for _, text in pages):
        raise ContentError([Problem("leaflet.html", None, None, "a bilingual leaflet needs "
                                    'the template\'s <body class="..."> to join its '
                                    "languages: add a class attribute to <body>")])
    parts = [(language, _parts(text, language, profiles(language))) for language, text in
             [(first, html), *others]]
    fonts = "".join(f'[lang="{language.html_lang}"] {{ font-family: '
                    f'{profiles(language).css_fonts}; direction: '
                    f'{profiles(language).direction}; }}\n' for language, _ in parts)
    html = html.replace("</style>", fonts + "</style>", 1)
    body = _BODY.search(html)
    if any(p["rest"] or not p["sections"] for _, p in parts):  # what pairing would drop
        inner = "".join(p["whole"] for _, p in parts)  # each language whole, one after other
    else:
        side = " side-by-side" if paper in SIDE_BY_SIDE else ""
        order = list(dict.fromkeys(name for _, p in parts for name, _ in p["sections"]))
        inner = parts[0][1]["header"] + "".join(
            f'<div class="pair{side}">' + "".join(block for _, p in parts
                                                   for key, block in p["sections"]
                                                   if key == name) + "</div>\n"
            for name in order)
        inner += f'<div class="pair{side}">' + "".join(p["footer"] for _, p in parts) + \
            "</div>\n" + next((p["watermark"] for _, p in parts if p["watermark"]), "")
    return html[:body.start()] + body[1] + body[2] + " bilingual" + body[3] + inner + \
        body[5] + html[body.end():]


def _parts(html: str, language: Language, profile) -> dict:
    """A leaflet's body cut into its running header, sections, footer and draft mark;
    `rest` is whatever else it holds (then it is not paired, but printed whole)."""
    body = _BODY.search(html)[4]
    marks = f' lang="{language.html_lang}" dir="{profile.direction}"'
    start = body.find("<section")
    header = body[:start] if start >= 0 else ""
    sections = list(_SECTION.finditer(body))
    footer, watermark = _FOOTER.search(body), _WATERMARK.search(body)
    rest = body[len(header):]
    for found in [*sections, footer, watermark]:
        if found:
            rest = rest.replace(found[0], "", 1)
    return {"header": header, "rest": rest.strip(),
            "sections": [(m[1], _marked(m[0], marks, language)) for m in sections],
            "footer": _marked(footer[0], marks, language) if footer else "",
            "watermark": watermark[0] if watermark else "",
            "whole": f"<div{marks}>{_ids(body, language)}</div>\n"}


def _ids(block: str, language: Language) -> str:
    return re.sub(r'\bid="([\w-]+)"', rf'id="\1-{language.tag}"', block)


def _marked(block: str, marks: str, language: Language) -> str:
    """The block's opening tag with its language, and ids made its language's own."""
    block = _ids(block, language)
    return re.sub(r"^(<(?:section|footer)\b[^>]*?)>", rf"\1{marks}>", block, count=1)

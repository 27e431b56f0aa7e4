"""A bilingual leaflet: the leaflet of each language rendered as usual (each passing the gate
and its own checks), then joined section by section, each block marked with its language:
side by side on A4 and Letter, one after the other on A5.

Sections are paired by their class (`<section class="dosage" ...>` of leaflet.html); a
project template whose sections do not pair prints each language's sections one after the
other, in its own order.
"""

from __future__ import annotations

import re

from medleaf.content.languages import Language

_SECTION = re.compile(r'<section class="([\w-]+)"[^>]*>.*?</section>\s*', re.S)
_FOOTER = re.compile(r"<footer\b.*?</footer>\s*", re.S)
_BODY = re.compile(r'(<body class=")([^"]*)(">)(.*)(</body>)', re.S)
_WATERMARK = re.compile(r'<div class="watermark".*?</div>\s*', re.S)
SIDE_BY_SIDE = ("A4", "Letter")


def bilingual_html(pages: list[tuple[Language, str]], paper: str, profiles) -> str:
    """One HTML page of the leaflets in `pages` ((language, its leaflet's HTML), the first
    language first); `profiles(language)` gives each language's profile."""
    (first, html), *others = pages
    parts = [(language, _parts(text, language, profiles(language))) for language, text in
             [(first, html), *others]]
    order = list(dict.fromkeys(name for _, p in parts for name, _ in p["sections"]))
    side = paper in SIDE_BY_SIDE
    blocks = []
    for name in order:
        found = [block for _, p in parts for key, block in p["sections"] if key == name]
        blocks.append(f'<div class="pair{" side-by-side" if side else ""}">'
                      + "".join(found) + "</div>\n")
    footers = "".join(p["footer"] for _, p in parts)
    watermark = next((p["watermark"] for _, p in parts if p["watermark"]), "")
    fonts = "".join(f'[lang="{language.html_lang}"] {{ font-family: '
                    f'{profiles(language).css_fonts}; direction: '
                    f'{profiles(language).direction}; }}\n' for language, _ in parts)
    html = html.replace("</style>", fonts + "</style>", 1)
    body = _BODY.search(html)
    header = body[4][:body[4].index("<section")]
    inner = header + "".join(blocks) + \
        f'<div class="pair{" side-by-side" if side else ""}">{footers}</div>\n' + watermark
    return html[:body.start()] + body[1] + body[2] + " bilingual" + body[3] + inner + \
        body[5] + html[body.end():]


def _parts(html: str, language: Language, profile) -> dict:
    body = _BODY.search(html)[4]
    marks = f' lang="{language.html_lang}" dir="{profile.direction}"'
    sections = [(match[1], _marked(match[0], marks, language)) for match in
                _SECTION.finditer(body)]
    footer = _FOOTER.search(body)
    watermark = _WATERMARK.search(body)
    return {"sections": sections,
            "footer": _marked(footer[0], marks, language) if footer else "",
            "watermark": watermark[0] if watermark else ""}


def _marked(block: str, marks: str, language: Language) -> str:
    """The block's opening tag with its language, and ids made its language's own."""
    block = re.sub(r'\bid="([\w-]+)"', rf'id="\1-{language.tag}"', block)
    return re.sub(r"^(<(?:section|footer)\b[^>]*?)>", rf"\1{marks}>", block, count=1)

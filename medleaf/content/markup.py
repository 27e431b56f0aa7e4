"""The light inline markup allowed in leaflet text: emphasis, strong and lists, nothing else.

Text is Markdown restricted to that subset. Raw HTML, links, images, headings and code are
rejected when content is validated, so they never reach a page; rendering escapes everything.
"""

from __future__ import annotations

import re
from html import unescape

from markdown_it import MarkdownIt
from markupsafe import Markup

_ALLOWED = {
    "paragraph_open", "paragraph_close", "inline", "text", "softbreak",
    "em_open", "em_close", "strong_open", "strong_close",
    "bullet_list_open", "bullet_list_close", "ordered_list_open", "ordered_list_close",
    "list_item_open", "list_item_close",
}
_NAMES = {
    "html_block": "raw HTML", "html_inline": "raw HTML", "link_open": "a link",
    "image": "an image", "heading_open": "a heading", "code_inline": "code",
    "code_block": "code", "fence": "code", "blockquote_open": "a quotation",
    "hr": "a rule", "hardbreak": "a hard line break", "lheading_open": "a heading",
}

_parser = MarkdownIt("commonmark")  # recognises everything, so that we can reject it
_renderer = MarkdownIt("zero").enable(["emphasis", "list", "escape"])


def _tokens(tokens):
    for token in tokens:
        yield token
        yield from _tokens(token.children or [])


def markup_problem(text: str) -> str | None:
    """Why text is not allowed leaflet markup, or None when it is."""
    env: dict = {}
    tokens = _parser.parse(text, env)
    if env.get("references"):  # '[1]: http://...' leaves no token, and would print as is
        return "a link definition ([name]: address) is not allowed in leaflet text"
    for token in _tokens(tokens):
        if token.type not in _ALLOWED:
            what = _NAMES.get(token.type, token.type)
            return f"{what} is not allowed in leaflet text (only *emphasis*, **strong** and lists)"
    return None


def markup_skeleton(text: str) -> list[str]:
    """The markup elements of text in order, e.g. ['em', 'strong', 'bullet_list']."""
    return [t.type.removesuffix("_open") for t in _tokens(_parser.parse(text))
            if t.type.endswith("_open") and t.type != "paragraph_open"]


_QUANTITY = re.compile(
    r"\d+(?:[.,]\d+)*(?:\s*(?:-|–|to|至)\s*\d+(?:[.,]\d+)*)?\s?"
    r"(?:mg|ml|g|kg|micrograms?|mcg|%|hours?|days?|weeks?|months?|years?|puffs?|drops?|"
    r"tablets?|capsules?|times|[毫微]?克|毫升|公斤|小時|日|天|週|星期|個月|歲|次|劑|滴|粒|片|"
    r"下|％)(?![A-Za-z])")
_TAG = re.compile(r"(<[^>]+>)")


def _keep_quantities_whole(html: str) -> str:
    """Never break a line between a number and its unit ('5 mg', '5毫克')."""
    parts = _TAG.split(html)
    return "".join(part if part.startswith("<") else _QUANTITY.sub(
        lambda m: f'<span class="nowrap">{m.group(0)}</span>', part) for part in parts)


def plain(text: str) -> str:
    """The text as it prints, markup gone: what the checks read ("carbi*ma*zole" prints
    "carbimazole")."""
    return unescape(_TAG.sub("", _renderer.render(text))).strip()


def render_block(text: str) -> Markup:
    """Paragraphs and lists, as safe HTML."""
    return Markup(_keep_quantities_whole(_renderer.render(text)))


def render_inline(text: str) -> Markup:
    """One line of text with emphasis, as safe HTML."""
    return Markup(_keep_quantities_whole(_renderer.renderInline(text)))

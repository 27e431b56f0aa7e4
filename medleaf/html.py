"""LocalizedLeaflet + Brand -> HTML, through the Jinja2 templates (autoescaped)."""

from __future__ import annotations

import re
from html import unescape

from babel.dates import format_date
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from . import glyphs, preflight
from .brand import Brand
from .catalogs import UI_DOMAIN, CompiledCatalog, load_compiled, po_path
from .errors import ContentError, Problem
from .locales import Language
from .localize import LocalizedLeaflet
from .markup import render_block, render_inline
from .project import Project

PAPERS = ("A4", "A5")


def _plain(value) -> str:
    """Rendered template text back to plain text."""
    return str(value.unescape() if isinstance(value, Markup) else value)


def css_string(value: str) -> Markup:
    """A CSS string literal, safe inside <style> (no quote, backslash or '<' escapes it)."""
    text = _plain(value)
    escaped = "".join(c if c.isalnum() or c in " .,:;()/-+" or ord(c) > 127
                      else f"\\{ord(c):x} " for c in text)
    return Markup(f'"{escaped}"')


def page_counter_css(label: str) -> Markup:
    """'Page {page} of {pages}' -> "Page " counter(page) " of " counter(pages)"""
    parts = re.split(r"\{(pages?)\}", _plain(label))
    out = [css_string(p) if i % 2 == 0 else f"counter({p})" for i, p in enumerate(parts) if p]
    return Markup(" ".join(out))


class UiStrings:
    """gettext for the template strings of one language; remembers what it could not find."""

    def __init__(self, language: Language, catalog: CompiledCatalog):
        self.language, self.catalog, self.missing = language, catalog, []

    def gettext(self, message: str) -> str:
        if self.language.is_source:
            return message
        translated = self.catalog.lookup(message)
        if translated is None:
            self.missing.append(message)
        return translated or message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


class HtmlTemplates:
    """The Jinja2 environment: compiled once, renders many leaflets."""

    def __init__(self, project: Project):
        self.project = project
        self.env = Environment(loader=FileSystemLoader(project.template_dirs), autoescape=True,
                               undefined=StrictUndefined, extensions=["jinja2.ext.i18n"],
                               trim_blocks=True, lstrip_blocks=True)
        self.env.policies["ext.i18n.trimmed"] = True
        self.env.newstyle_gettext = True  # templates compile to gettext(msg, **vars)
        self.env.filters.update(md=_md_block, md_inline=_md_inline, css_string=css_string,
                                page_counter_css=page_counter_css)
        self.template = self.env.get_template("leaflet.html")
        self._ui: dict[Language, tuple] = {}

    def ui(self, language: Language) -> UiStrings:
        """The interface strings, loaded again whenever their catalog changes."""
        po = po_path(self.project, language, UI_DOMAIN)
        stamp = po.stat().st_mtime_ns if po.is_file() else None
        if language not in self._ui or self._ui[language][0] != stamp:
            catalog = load_compiled(self.project, language, UI_DOMAIN)
            self._ui[language] = (stamp, UiStrings(language, catalog))
        return self._ui[language][1]

    def render(self, leaflet: LocalizedLeaflet, brand: Brand, paper: str,
               proof: bool = False) -> str:
        language = leaflet.language
        preflight.require_font(language.font_family)
        ui = self.ui(language)
        ui.missing = []
        self.env.install_gettext_callables(ui.gettext, ui.ngettext, newstyle=True)
        html = self.template.render(
            leaflet=leaflet, m=leaflet.monograph, source=leaflet.source, lang=language,
            brand=brand, paper=paper,
            date=lambda d: format_date(d, "long", locale=language.format_locale),
            text=lambda localized: localized.get(language),
            logo_url=brand.logo_path.as_uri(), proof=proof,
        )
        self._check_glyphs(html, language)
        if ui.missing:
            shown = self.project.display(ui.catalog.po)
            raise ContentError([
                Problem(shown, None, None, f"interface string {m!r} has no {language} translation")
                for m in dict.fromkeys(ui.missing)])
        return html

    def _check_glyphs(self, html: str, language: Language) -> None:
        """Nothing reaches the page that its font cannot draw (no missing-glyph boxes)."""
        text = unescape(_TAGS.sub(" ", html.split("<body", 1)[1]))
        missing = glyphs.missing(text, language.font_family)
        if missing:
            raise ContentError([Problem("leaflet", None, None, f"{glyphs.describe(c)} is not in "
                                        f"{language.font_family}: it would print as a box",
                                        "glyphs") for c in missing])


_TAGS = re.compile(r"<[^>]*>")


@pass_context
def _md_block(context, text) -> Markup:
    return _mark(context, text, render_block(text), "div")


@pass_context
def _md_inline(context, text) -> Markup:
    return _mark(context, text, render_inline(text), "span")


def _mark(context, text, html: Markup, tag: str) -> Markup:
    """Wrap a text still in English inside a translated leaflet, labelled in both languages,
    so that a patient and a pharmacist see it at a glance. On a proof, every text also
    carries its message context and its status."""
    pending = getattr(text, "pending", False)
    if pending:
        html = (Markup(f'<{tag} class="pending" lang="en">') + context.resolve("pending_label")
                + html + Markup(f"</{tag}>"))
    if context.get("proof") and hasattr(text, "context"):
        notes = text.notes
        status = "missing" if pending else "fuzzy" if "fuzzy" in notes else \
            "failing" if notes else "ok"
        label = " · ".join([text.context, *notes])
        html = (Markup(f'<{tag} class="proof proof-{status}"><span class="msgctxt">')
                + label + Markup("</span>") + html + Markup(f"</{tag}>"))
    return html

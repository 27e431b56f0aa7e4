"""LocalizedLeaflet + Brand -> HTML, through the Jinja2 templates (autoescaped, sandboxed).

Templates come from content repositories that clinics share, so they run in Jinja2's
sandbox: they can read the values they are given and call what leaflets need, never reach
Python's internals, files outside the template folders, or the network. Every render gets
its own gettext (nothing of one render is kept on the shared environment), so any number of
threads can render at once.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, field
from fnmatch import fnmatch
from html import unescape
from pathlib import Path

from babel.dates import format_date
from jinja2 import BaseLoader, StrictUndefined, TemplateError, TemplateNotFound, pass_context
from jinja2 import TemplateSyntaxError as JinjaSyntaxError
from jinja2.loaders import split_template_path
from jinja2.sandbox import SecurityError
from markupsafe import Markup

from medleaf.checks import glyphs
from medleaf.content import characters, inputs
from medleaf.content.brand import Brand
from medleaf.content.inputs import file_hash, is_file, real
from medleaf.content.languages import Language
from medleaf.content.markup import render_block, render_inline
from medleaf.content.project import TEMPLATE_FILES, Project
from medleaf.errors import ContentError, MedleafError, Problem
from medleaf.i18n.catalogs import CompiledCatalog
from medleaf.i18n.interface import interface_hash, load_interface
from medleaf.i18n.localize import LocalizedLeaflet
from medleaf.i18n.profiles import Profile, profile
from medleaf.render.limits import Alarm
from medleaf.render.online import online_code
from medleaf.render.sandbox import (
    DEADLINE,
    TEMPLATE_SECONDS,
    UNBOUNDED_FILTERS,
    UNBOUNDED_GLOBALS,
    Sandbox,
    sandboxed_range,
)

MAX_HTML = 4 * 1024 * 1024
"""Characters a template may produce (a leaflet's HTML is about 60,000)."""


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


@dataclass
class Interface:
    """The interface strings of one language for one render: gettext as the templates call
    it, and what it could not find (a render never prints an English heading silently)."""

    language: Language
    catalog: CompiledCatalog
    missing: list[str] = field(default_factory=list)

    def lookup(self, message: str) -> str:
        if self.language.is_source:
            return message
        translated = self.catalog.lookup(message)
        if translated is None:
            self.missing.append(message)
        return translated or message

    @property
    def gettext(self):
        """Jinja2's "newstyle" gettext: every string is %-formatted, with variables or not
        (so a translation must write % as %%; the placeholders check knows this)."""
        @pass_context
        def gettext(context, message: str, **variables):
            text = self.lookup(message)
            if context.eval_ctx.autoescape:  # a translation is text, never markup
                text = Markup.escape(text)
            return text % variables
        return gettext

    @property
    def ngettext(self):
        @pass_context
        def ngettext(context, singular: str, plural: str, count: int, **variables):
            text = self.lookup(singular if count == 1 else plural)
            if context.eval_ctx.autoescape:
                text = Markup.escape(text)
            return text % {"num": count, **variables}
        return ngettext

    def problems(self, project: Project) -> list[Problem]:
        shown = project.display(self.catalog.po)
        return [Problem(shown, None, None, f"interface string {m!r} has no {self.language} "
                        "translation") for m in dict.fromkeys(self.missing)]


class _Loader(BaseLoader):
    """Templates from the project's folder, then medleaf's: regular files within the
    folders (no '..', no link leading out), each read within its size limit."""

    def __init__(self, project: Project):
        self.project = project

    def get_source(self, environment, template):
        pieces = split_template_path(template)  # refuses '..'
        if not any(fnmatch(pieces[-1], pattern) for pattern in TEMPLATE_FILES):
            raise TemplateNotFound(f"{template} (a template is named *.html, *.css, *.jinja "
                                   "or *.txt)")
        for folder in self.project.template_dirs:
            path = folder.joinpath(*pieces)
            if is_file(path) and real(path).is_relative_to(real(folder)):
                shown = self.project.display(path)
                data = inputs.read_bytes(path, shown, "template")
                digest = hashlib.sha256(data).hexdigest()
                return inputs.decode(data, shown), str(path), \
                    lambda path=path, digest=digest: file_hash(path) == digest
        raise TemplateNotFound(template)


class HtmlTemplates:
    """The Jinja2 environment: compiled once, renders many leaflets, from many threads."""

    def __init__(self, project: Project):
        self.project = project
        self.env = Sandbox(loader=_Loader(project), autoescape=True,
                            undefined=StrictUndefined, extensions=["jinja2.ext.i18n"],
                            trim_blocks=True, lstrip_blocks=True, auto_reload=True)
        self.env.policies["ext.i18n.trimmed"] = True
        self.env.newstyle_gettext = True  # templates compile to gettext(msg, **vars)
        for name in UNBOUNDED_FILTERS:
            self.env.filters.pop(name, None)
        for name in UNBOUNDED_GLOBALS:
            self.env.globals.pop(name, None)
        self.env.globals["range"] = sandboxed_range
        self.env.filters.update(md=_md_block, md_inline=_md_inline, css_string=css_string,
                                page_counter_css=page_counter_css)
        self._ui: dict[Language, tuple[str, CompiledCatalog]] = {}

    def profile(self, language: Language) -> Profile:
        """The language's profile in this project (its fonts, direction...)."""
        return profile(language, self.project.locales_dir)

    def interface(self, language: Language) -> Interface:
        """A fresh Interface for one render; its catalogs (the project's ui.po over medleaf's)
        read again when a file changes."""
        digest = interface_hash(self.project, language)
        cached = self._ui.get(language)
        if cached is None or cached[0] != digest:
            cached = self._ui[language] = (digest, load_interface(self.project, language))
        return Interface(language, cached[1])

    def render(self, leaflet: LocalizedLeaflet, brand: Brand, paper: str,
               proof: bool = False, large_print: bool = False, site: dict | None = None
               ) -> str:
        """The leaflet's HTML for WeasyPrint; given `site` (its page's links: see
        publish/site.py), the same leaflet as a web page of the HTML twin."""
        language = leaflet.language
        ui = self.interface(language)
        html = self.page("leaflet.html", [ui], dict(
            leaflet=leaflet, m=leaflet.monograph, source=leaflet.source, lang=language,
            brand=brand, paper=paper,
            date=lambda d: format_date(d, "long", locale=language.format_locale),
            text=lambda localized: localized.get(language),
            logo_url=site["logo"] if site else brand.logo_path.as_uri(), proof=proof,
            profile=self.profile, large_print=large_print, site=site,
            online=online_code(brand.online_base_url, leaflet.name, language),
            gettext=ui.gettext, ngettext=ui.ngettext,
        ))
        what = f"{leaflet.name} ({language})"
        check_page(html, what)
        self.check_glyphs(html, [language], what)
        return html

    def page(self, name: str, interfaces: list[Interface], variables: dict) -> str:
        """Render a template; every problem (its syntax, a refused operation, a missing
        interface string, a render past its time) is a ContentError naming the template
        and line."""
        deadline = DEADLINE.set(time.monotonic() + TEMPLATE_SECONDS)
        alarm = Alarm(TEMPLATE_SECONDS + 5,  # the last net, for code no deadline check reaches
                      f"the template ran past {TEMPLATE_SECONDS} s")
        try:
            chunks, size = [], 0
            for chunk in self.env.get_template(name).generate(**variables):
                size += len(chunk)
                if size > MAX_HTML:
                    raise ContentError([Problem(name, None, None, f"makes more than "
                                                f"{MAX_HTML:,} characters of HTML")])
                if time.monotonic() > DEADLINE.get():
                    raise SecurityError(f"the template ran past {TEMPLATE_SECONDS} s")
                chunks.append(chunk)
        except MedleafError:
            raise
        except Exception as exc:  # noqa: BLE001 - a template's mistake, of whatever kind
            raise ContentError([self._template_problem(exc, name)]) from None
        finally:
            alarm.cancel()
            DEADLINE.reset(deadline)
        problems = [p for ui in interfaces for p in ui.problems(self.project)]
        if problems:
            raise ContentError(problems)  # never an English heading on a Chinese page
        return "".join(chunks)

    def _template_problem(self, exc: Exception, name: str) -> Problem:
        """Where in which template the error is: the file and line Jinja2 gives, or the
        deepest template line in the traceback."""
        if isinstance(exc, JinjaSyntaxError) and exc.filename:
            return Problem(self._shown(exc.filename), exc.lineno, None,
                           f"template syntax: {exc.message}")
        frames, frame = [], exc.__traceback__
        while frame is not None:
            filename = frame.tb_frame.f_code.co_filename
            if any(Path(filename).is_relative_to(d) for d in self.project.template_dirs):
                frames.append((self._shown(filename), frame.tb_lineno))
            frame = frame.tb_next
        # the line that failed; for a recursion, the line that started it
        where, line = (frames[0] if isinstance(exc, RecursionError) else frames[-1]) \
            if frames else (name, None)
        if isinstance(exc, TemplateNotFound):
            return Problem(where, line, None, f"no template {exc.name!r} in the project's "
                           "templates/ or medleaf's")
        what = exc.message if isinstance(exc, TemplateError) and exc.message else \
            f"{type(exc).__name__}: {exc}"
        return Problem(where, line, None, f"cannot render: {what}")

    def _shown(self, filename: str) -> str:
        return self.project.display(Path(filename))

    def check_glyphs(self, html: str, languages: list[Language], what: str) -> None:
        """Nothing reaches the page that its fonts (those of its languages) cannot draw: no
        missing-glyph boxes."""
        text = unescape(_TAGS.sub(" ", html.split("<body", 1)[-1]))
        fonts = list(dict.fromkeys(f for language in languages
                                   for f in self.profile(language).fonts))
        missing = glyphs.missing(text, fonts)
        if missing:
            raise ContentError([Problem(what, None, None, f"{glyphs.describe(c)} is not in "
                                        f"{glyphs.named(fonts)}: it would print as a box",
                                        "glyphs") for c in missing])


_TAGS = re.compile(r"<[^>]*>")
_STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S | re.I)


def check_page(html: str, what: str) -> str:
    """Nothing on the page prints other than it reads: no invisible or bidirectional control
    character anywhere in it, its styles' CSS escapes included ('\\202E ')."""
    text = unescape(_STYLE.sub(lambda m: characters.css_unescape(m[2]), html))  # attributes too
    found = characters.problems(text, limit=None)
    if found:
        raise ContentError([Problem(what, None, None, f"the page holds "
                                    f"{characters.describe(char)}, which prints other than "
                                    "it reads: remove it from the templates or stylesheets",
                                    "characters") for char, _ in found])
    return html


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
        html = (Markup(f'<{tag} class="pending" lang="en" dir="ltr">')
                + context.resolve("pending_label") + html + Markup(f"</{tag}>"))
    if context.get("proof") and hasattr(text, "context"):
        notes = text.notes
        status = "missing" if pending else "fuzzy" if "fuzzy" in notes else \
            "failing" if notes else "ok"
        label = " · ".join([text.context, *notes])
        html = (Markup(f'<{tag} class="proof proof-{status}"><span class="msgctxt">')
                + label + Markup("</span>") + html + Markup(f"</{tag}>"))
    return html

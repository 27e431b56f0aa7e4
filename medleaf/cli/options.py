"""The options several commands share, each declared once here."""

from __future__ import annotations

from pathlib import Path

import click

from medleaf.cli.main import Context
from medleaf.content.paper import PAPERS
from medleaf.errors import MedleafError

PAPER = click.Choice(list(PAPERS), case_sensitive=False)
LANGUAGES = "{languages}"
"""Where a --lang help names the languages: those of the project at --root."""
_FALLBACK = {True: "en, zh-HK (also zh_HK, zh-Hant-HK) or all",
             False: "en or zh-HK (also zh_HK, zh-Hant-HK)"}
"""The shipped languages, for a help shown where the project's cannot be read."""


class LanguageOption(click.Option):
    """A --lang whose help lists the languages of the project at --root, read when the help
    is shown (so a project's own locales are named); the shipped ones if they cannot be."""

    def __init__(self, *args, with_all: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.with_all = with_all

    def get_help_record(self, ctx):
        spec, text = super().get_help_record(ctx)
        return spec, text.replace(LANGUAGES, languages_text(ctx, self.with_all))


def languages_text(ctx: click.Context, with_all: bool) -> str:
    """'en, zh-HK or all (this project's languages); also written zh_HK, zh-Hant-HK'."""
    from medleaf.content.languages import available_languages

    try:
        languages = available_languages((ctx.find_object(Context) or Context(".")).project
                                        .locales_dir)
    except (MedleafError, OSError):  # no project, or an unreadable locales/: help still shows
        return _FALLBACK[with_all]
    *first, last = [lang.tag for lang in languages] + (["all"] if with_all else [])
    listed = f"{', '.join(first)} or {last}" if first else last
    spellings = [other for lang in languages
                 for other in dict.fromkeys((lang.tag.replace("-", "_"), lang.html_lang))
                 if other != lang.tag]
    also = f"; also written {', '.join(spellings)}" if spellings else ""
    return f"{listed} (this project's languages){also}"


def lang(default: str, help: str = LANGUAGES + "."):
    """--lang: one language (a LANGUAGES in help is the project's list)."""
    return click.option("--lang", default=default, show_default=True, cls=LanguageOption,
                        help=help)


def langs(help: str, **attrs):
    """--lang, repeatable, into `langs` (all: every language; see publish.parse_languages)."""
    return click.option("--lang", "langs", multiple=True, cls=LanguageOption, with_all=True,
                        help=help, **attrs)


paper = click.option("--paper", type=PAPER, default="A4", show_default=True,
                     help="Paper size.")
brand = click.option("--brand", "brand_dir", type=click.Path(file_okay=False, path_type=Path),
                     help="Brand folder (brand.yaml + logo); default templates/brand.")
jobs = click.option("-j", "--jobs", type=click.IntRange(min=1),
                    help="Worker processes [every core].")
large_print = click.option(
    "--large-print", is_flag=True,
    help="Large print: body text 16pt or more, larger headings, one column (NAME.LANG.large"
         ".pdf).")
archive = click.option(
    "--archive", is_flag=True,
    help="The copy a clinic keeps for its records: PDF/A-3a as well as PDF/UA-1 (NAME.LANG"
         ".archive.pdf).")
allow_incomplete = click.option(
    "--allow-incomplete", is_flag=True,
    help="Build languages with unfinished translations: those texts print in English, "
         "marked 'English only: translation pending'.")


def out(default: str | None, help: str = "Output folder.", folder: bool = True):
    """--out into `out_dir`: a folder (or, not `folder`, a file or a folder)."""
    return click.option("--out", "out_dir", default=default, show_default=default is not None,
                        type=click.Path(file_okay=not folder, path_type=Path), help=help)


def release(help: str):
    return click.option("--release", is_flag=True, help=help)


def force(help: str):
    return click.option("--force", is_flag=True, help=help)

"""The options several commands share, each declared once here."""

from __future__ import annotations

from pathlib import Path

import click

PAPER = click.Choice(["A4", "A5"], case_sensitive=False)


def lang(default: str, help: str = "en or zh-HK."):
    """--lang: one language."""
    return click.option("--lang", default=default, show_default=True, help=help)


def langs(help: str, **attrs):
    """--lang, repeatable, into `langs` (all: every language; see publish.parse_languages)."""
    return click.option("--lang", "langs", multiple=True, help=help, **attrs)


paper = click.option("--paper", type=PAPER, default="A4", show_default=True,
                     help="Paper size.")
brand = click.option("--brand", "brand_dir", type=click.Path(file_okay=False, path_type=Path),
                     help="Brand folder (brand.yaml + logo); default templates/brand.")
jobs = click.option("-j", "--jobs", type=click.IntRange(min=1),
                    help="Worker processes [every core].")
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

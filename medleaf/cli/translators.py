"""The translators' commands (`medleaf i18n ...`): templates, catalogs, progress."""

from __future__ import annotations

import click

from medleaf.cli.main import cli
from medleaf.errors import ContentError

locales_option = click.option("--locale", "locales", multiple=True,
                              help="Only this locale (may be repeated).")


@cli.group()
def i18n():
    """Translation catalogs: extract, update, compile, init."""


@i18n.command()
@click.pass_obj
def extract(obj):
    """Write locales/templates/*.pot from the templates and every monograph."""
    from medleaf.i18n.templates import extract as run

    project = obj.project
    for item in run(project):
        click.echo(f"{_done(item, 'extracted')} {project.display(item.path)}")


@i18n.command()
@click.argument("names", nargs=-1)
@locales_option
@click.pass_obj
def update(obj, names, locales):
    """Merge the current source texts into the catalogs (of NAMES only, if given; 'ui' is the
    interface)."""
    from medleaf.i18n.update import update as run

    project = obj.project
    for item in run(project, _languages(locales), list(names)):
        click.echo(f"{_done(item, 'updated')} {project.display(item.path)}")


def _done(item, verb: str) -> str:
    return "created" if item.created else verb if item.changed else "up to date:"


def _languages(locales):
    """--locale values as languages; None (every locale) when there are none."""
    from medleaf.content.languages import Language

    return [Language.parse(loc) for loc in locales] or None


@i18n.command()
@click.argument("locale")
@click.pass_obj
def init(obj, locale):
    """Start catalogs for a new LOCALE (e.g. zh-Hans-CN, ja)."""
    from medleaf.content.languages import Language
    from medleaf.i18n.update import init as run

    project = obj.project
    for item in run(project, Language.parse(locale)):
        click.echo(f"created {project.display(item.path)}")


@i18n.command("stats")
@locales_option
@click.option("--check", "gate", is_flag=True,
              help="Exit 1 if any catalog or template is out of date or incomplete.")
@click.pass_obj
def stats_(obj, locales, gate):
    """Translation progress per locale and catalog."""
    from medleaf.i18n.stats import stats_report

    project = obj.project
    report = stats_report(project, _languages(locales))
    table = [("LOCALE", "CATALOG", "TRANSLATED", "FUZZY", "UNTRANSLATED", "OBSOLETE",
              "COMPLETE", "")]
    for r in report.rows:
        table.append((r.language.tag, r.domain, str(r.translated), str(r.fuzzy),
                      str(r.untranslated), str(r.obsolete), f"{r.percent:.0f}%",
                      "out of date: run 'medleaf i18n update'" if r.stale else ""))
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for row in table:
        click.echo("  ".join(c.rjust(w) if c[:1].isdigit() else c.ljust(w)
                             for c, w in zip(row, widths, strict=True)).rstrip())
    for path in report.stale:
        click.echo(f"{project.display(path)} is out of date: run 'medleaf i18n extract'")
    if gate and report.problems:
        raise ContentError(report.problems)


@i18n.command("compile")
@click.pass_obj
def compile_(obj):
    """Compile every catalog to .mo (the build also does this when a .po is newer)."""
    from medleaf.i18n.catalogs import compile_all

    project = obj.project
    for path in compile_all(project):
        click.echo(f"compiled {project.display(path)}")

"""The check command: every content and translation problem, at once."""

from __future__ import annotations

import sys

import click

from medleaf.cli import options
from medleaf.cli.main import cli, report_problems


@cli.command("check")
@click.argument("names", nargs=-1)
@options.langs("Only these languages (may be repeated): " + options.LANGUAGES + ".")
@options.brand
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--list", "list_", is_flag=True,
              help="List every check: its name, scope, severity and what it finds.")
@click.option("--review-age", default=3, show_default=True, type=click.IntRange(1, 100),
              help="Years after which a leaflet's review is due.")
@click.option("--max-grade", default=8.0, show_default=True, type=float,
              help="Reading grade above which an English leaflet gets a warning.")
@click.option("--max-sentence", default=25.0, show_default=True, type=float,
              help="Characters a sentence above which a Chinese catalog gets a warning.")
@click.option("--max-uncommon", default=4.0, show_default=True, type=float,
              help="Percentage of uncommon characters above which a Chinese catalog gets a "
                   "warning.")
@click.pass_obj
def check_(obj, names, langs, brand_dir, strict, list_, review_age, max_grade, max_sentence,
           max_uncommon):
    """Check monographs and translations; list every problem as file:line: [check] ..."""
    if list_:
        from medleaf.checks.registry import listing

        click.echo(listing())
        return
    from medleaf.checks.registry import Limits
    from medleaf.checks.report import check
    from medleaf.publish.build import parse_languages

    report = check(obj.project, list(names), parse_languages(list(langs)),
                   Limits(review_age, max_grade, max_sentence, max_uncommon), brand=brand_dir)
    for name, grade in report.grades.items():
        chinese = "".join(f"; {tag}: {reading}"
                          for tag, reading in report.readings.get(name, {}).items())
        click.echo(f"{name}: reading grade {grade:.1f} (Flesch-Kincaid){chinese}")
    report_problems(report.problems)
    if report.errors or (strict and report.warnings):
        sys.exit(1)
    click.echo(f"No errors in {report.leaflets} leaflets and {report.catalogs} catalogs"
               f"{f', {len(report.warnings)} warnings' if report.warnings else ''}.")

"""`medleaf site`: the HTML twin of every leaflet, a static website."""

from __future__ import annotations

import sys

import click

from medleaf.cli import options
from medleaf.cli.main import cli, report_problems
from medleaf.cli.progress import with_progress
from medleaf.content.paper import paper_named


@cli.command()
@click.argument("names", nargs=-1)
@options.langs(options.LANGUAGES + "; may be repeated.", default=["all"], show_default=True)
@options.paper
@options.out("site")
@options.brand
@options.allow_incomplete
@options.release("Refuse drafts: publish only leaflets whose content and translation a "
                 "pharmacist has approved.")
@options.jobs
@options.force("Rewrite even the files that are up to date.")
@click.pass_obj
def site(obj, names, langs, paper, out_dir, brand_dir, allow_incomplete, release, jobs, force):
    """Write the HTML twin: a web page and the PDF of each leaflet (every leaflet when no
    NAMES are given) in each language, OUT/LANG/NAME.html and .pdf, and OUT/index.html to
    search them. Copy OUT to any static web host.

    Only what changed since the last run is written (OUT/manifest.json)."""
    from medleaf.publish.build import parse_languages
    from medleaf.publish.manifest import BuildOptions
    from medleaf.publish.site import build_site

    chosen = BuildOptions(paper_named(paper), brand_dir, allow_incomplete, release)
    report = with_progress(
        lambda on_outcome, on_wait: build_site(
            obj.project, list(names), parse_languages(list(langs)), out_dir, chosen, jobs,
            force, on_outcome=on_outcome, on_wait=on_wait),
        out_dir, "every finished file was kept; run it again to finish", failures=False)
    failed = {}
    for name, tag, problems in report.failed:  # a PDF refused is its page refused
        failed.setdefault((name, tag), problems)
    for (name, tag), problems in failed.items():
        click.echo(f"failed: {name} ({tag}):", err=True)
        report_problems(problems)
    if not sys.stdout.isatty():
        for path in report.written:
            if path.suffix != ".pdf":  # the PDFs have their line already
                click.echo(f"wrote {path}")
    for path in report.removed:
        click.echo(f"removed {path}")
    click.echo(f"{len(report.written)} written, {report.skipped} up to date, "
               f"{len(report.removed)} removed, {len(failed)} failed in "
               f"{report.seconds:.1f} s.")
    if failed:
        sys.exit(1)

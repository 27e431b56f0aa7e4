"""Leaflet commands: build (PDFs), html, list and proof."""

from __future__ import annotations

import sys

import click

from medleaf.cli import options
from medleaf.cli.main import cli
from medleaf.cli.progress import with_progress
from medleaf.content.paper import paper_named
from medleaf.errors import ContentError


@cli.command()
@click.argument("names", nargs=-1)
@options.langs(options.LANGUAGES + "; may be repeated.", default=["all"], show_default=True)
@options.paper
@options.out("out")
@options.brand
@options.large_print
@options.archive
@options.allow_incomplete
@options.release("Refuse drafts: build only leaflets whose content and translation a "
                 "pharmacist has approved.")
@options.jobs
@options.force("Rebuild even the outputs that are up to date.")
@click.pass_obj
def build(obj, names, langs, paper, out_dir, brand_dir, large_print, archive, allow_incomplete,
          release, jobs, force):
    """Build leaflet PDFs (every leaflet when no NAMES are given) into OUT/NAME.LANG.pdf.

    Only outputs whose inputs changed since the last build are rendered (out/manifest.json)."""
    from medleaf.publish.build import build as run_build
    from medleaf.publish.build import parse_languages
    from medleaf.publish.manifest import BuildOptions

    chosen = BuildOptions(paper_named(paper), brand_dir, allow_incomplete, release,
                          large_print, archive)
    report = with_progress(
        lambda on_outcome, on_wait: run_build(
            obj.project, list(names), parse_languages(list(langs)), out_dir, chosen, jobs,
            force, on_outcome=on_outcome, on_wait=on_wait),
        out_dir, "every finished leaflet was kept; build again to finish")
    click.echo(f"{len(report.written)} built, {len(report.skipped)} up to date, "
               f"{len(report.failed)} failed in {report.seconds:.1f} s.")
    if report.failed:
        sys.exit(1)


@cli.command()
@click.argument("name")
@options.lang("en")
@options.paper
@options.brand
@options.large_print
@options.allow_incomplete
@click.pass_obj
def html(obj, name, lang, paper, brand_dir, large_print, allow_incomplete):
    """Print the HTML that WeasyPrint receives for one leaflet (to debug templates)."""
    from medleaf.content.languages import Language
    from medleaf.render.renderer import Renderer
    from medleaf.render.request import RenderRequest

    project = obj.project
    project.check_names([name])
    language, *also = Language.parse_all(lang)
    request = RenderRequest(name, language, paper_named(paper),
                            allow_incomplete=allow_incomplete, large_print=large_print,
                            also=also[0] if also else None)
    click.echo(Renderer(project, brand_dir).html(request), nl=False)


@cli.command("list")
@click.pass_obj
def list_(obj):
    """List the leaflets with their languages and last-modified dates."""
    from medleaf.publish.listing import leaflet_list

    listed, problems = leaflet_list(obj.project)
    rows = [("LEAFLET", "LANGUAGES", "LAST MODIFIED"),
            *((item.name, " ".join(lang.tag for lang in item.languages),
               item.last_modified.isoformat() if item.last_modified else "invalid")
              for item in listed)]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    if problems:
        raise ContentError(problems)


@cli.command()
@click.argument("name")
@options.lang("zh-HK", "The language to proof: " + options.LANGUAGES + ".")
@options.paper
@options.out("out/proof")
@click.pass_obj
def proof(obj, name, lang, paper, out_dir):
    """Write a translator's proof of one leaflet: a PDF with every text's message context in
    the margin (fuzzy, failing and missing texts highlighted) and a PNG of each page."""
    from medleaf.content.languages import Language
    from medleaf.publish.proofs import write_proof
    from medleaf.render.renderer import Renderer

    project = obj.project
    project.check_names([name])
    for path in write_proof(Renderer(project), name, Language.parse(lang), out_dir,
                            paper_named(paper)):
        click.echo(f"wrote {path}")

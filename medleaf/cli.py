"""The `medleaf` command: parses arguments, calls the library, turns errors into exit codes.

Exit status: 0 success, 1 a content or build problem, 2 a usage problem.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from pathlib import Path

import click

from medleaf.content import characters
from medleaf.errors import ContentError, MedleafError, Problem, UsageError

PAPER = click.Choice(["A4", "A5"], case_sensitive=False)


class Context:
    def __init__(self, root: str):
        self.root = root

    @property
    def project(self):
        from medleaf.content.project import Project

        return Project.at(self.root)


def _report(error: MedleafError) -> None:
    if isinstance(error, ContentError):
        _report_problems(error.problems)
    else:
        click.echo(f"error: {error}", err=True)


def _report_problems(problems) -> None:
    for problem in problems:
        click.echo(f"{'warning' if problem.warning else 'error'}: {problem}", err=True)
    errors = sum(1 for p in problems if not p.warning)
    warnings = len(problems) - errors
    counts = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in
              ((errors, "error"), (warnings, "warning")) if n]
    if len(problems) > 1:
        click.echo(f"{' and '.join(counts)} found.", err=True)


class Terminated(KeyboardInterrupt):
    """SIGTERM, taken like Ctrl-C: what is written is whole, and the command stops."""


def _terminate(signum, frame):
    raise Terminated


def _interrupted(exc: KeyboardInterrupt, message: str) -> None:
    click.echo(f"\n{'terminated' if isinstance(exc, Terminated) else 'interrupted'}: "
               f"{message}", err=True)
    sys.exit(143 if isinstance(exc, Terminated) else 130)


class MedleafGroup(click.Group):
    """Turns domain exceptions into one-line messages and exit statuses, at the edge only."""

    def parse_args(self, ctx, args):
        for arg in args:  # no command-line text may carry a control or invisible character
            for _, message in characters.problems(arg, lines=False)[:1]:
                click.echo(f"error: the argument {arg!r} {message}", err=True)
                ctx.exit(2)
        return super().parse_args(ctx, args)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            _report(exc)
            sys.exit(2)
        except MedleafError as exc:
            _report(exc)
            sys.exit(1)
        except OSError as exc:  # the last net: a path the system refused, named
            click.echo(f"error: {exc.filename or 'a file'}: {exc.strerror or exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt as exc:
            _interrupted(exc, "files already written are whole; run the command again")


@click.group(cls=MedleafGroup)
@click.option("--root", default=".", show_default=True, type=click.Path(file_okay=False),
              help="The leaflet project (folder with leaflets/, locales/, templates/).")
@click.option("-v", "--verbose", is_flag=True, help="Show progress and WeasyPrint's messages.")
@click.version_option(package_name="medleaf")
@click.pass_context
def cli(ctx, root, verbose):
    """Build multilingual patient-leaflet PDFs from drug monographs."""
    logging.basicConfig(format="%(levelname)s: %(name)s: %(message)s",
                        level=logging.INFO if verbose else logging.ERROR)
    ctx.obj = Context(root)


@cli.command()
@click.argument("names", nargs=-1)
@click.option("--lang", "langs", multiple=True, default=["all"], show_default=True,
              help="en, zh-HK (also zh_HK, zh-Hant-HK) or all; may be repeated.")
@click.option("--paper", type=PAPER, default="A4", show_default=True, help="Paper size.")
@click.option("--out", "out_dir", default="out", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@click.option("--brand", "brand_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Brand folder (brand.yaml + logo); default templates/brand.")
@click.option("--allow-incomplete", is_flag=True,
              help="Build languages with unfinished translations: those texts print in "
                   "English, marked 'English only: translation pending'.")
@click.option("--release", is_flag=True,
              help="Refuse drafts: build only leaflets whose content and translation a "
                   "pharmacist has approved.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes [every core].")
@click.option("--force", is_flag=True, help="Rebuild even the outputs that are up to date.")
@click.pass_obj
def build(obj, names, langs, paper, out_dir, brand_dir, allow_incomplete, release, jobs,
          force):
    """Build leaflet PDFs (every leaflet when no NAMES are given) into OUT/NAME.LANG.pdf.

    Only outputs whose inputs changed since the last build are rendered (out/manifest.json)."""
    from medleaf.publish.build import build as run_build
    from medleaf.publish.build import parse_languages
    from medleaf.publish.manifest import BuildOptions

    options = BuildOptions(paper.upper(), brand_dir, allow_incomplete, release)
    progress = Progress(sys.stdout.isatty())
    try:
        report = run_build(obj.project, list(names), parse_languages(list(langs)), out_dir,
                           options, jobs, force, on_outcome=progress.update,
                           on_wait=lambda: click.echo(f"waiting for another build into "
                                                      f"{out_dir} to finish", err=True))
    except KeyboardInterrupt as exc:
        progress.clear()
        _interrupted(exc, "every finished leaflet was kept; build again to finish")
    progress.clear()
    click.echo(f"{len(report.written)} built, {len(report.skipped)} up to date, "
               f"{len(report.failed)} failed in {report.seconds:.1f} s.")
    if report.failed:
        sys.exit(1)


class Progress:
    """A bar with counts and the current leaflet on a terminal; one line per output
    otherwise (CI, pipes). Failures are listed with their messages (unless the command
    reports them itself)."""

    def __init__(self, interactive: bool, line=lambda job: f"wrote {job.output}",
                 failures: bool = True):
        self.interactive = interactive
        self.line, self.failures = line, failures
        self.drawn = False

    def update(self, outcome, done: int, total: int) -> None:
        job = outcome.job
        if not outcome.ok:
            self.clear()
            if self.failures:
                click.echo(f"failed: {job.name} ({job.language}):", err=True)
                _report_problems(outcome.problems)
        elif not self.interactive:
            how = "from the render cache" if outcome.cached else f"{outcome.seconds:.2f} s"
            click.echo(f"{self.line(job)} ({how})")
        if self.interactive:
            filled = round(30 * done / total) if total else 30
            click.echo(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} "
                       f"{job.name} ({job.language})\033[K", nl=False)
            self.drawn = True

    def clear(self) -> None:
        if self.drawn:
            click.echo("\r\033[K", nl=False)
            self.drawn = False


@cli.command()
@click.argument("name")
@click.option("--lang", default="en", show_default=True, help="en or zh-HK.")
@click.option("--paper", type=PAPER, default="A4", show_default=True)
@click.option("--brand", "brand_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--allow-incomplete", is_flag=True, help="As for build.")
@click.pass_obj
def html(obj, name, lang, paper, brand_dir, allow_incomplete):
    """Print the HTML that WeasyPrint receives for one leaflet (to debug templates)."""
    from medleaf.i18n.languages import Language
    from medleaf.render.renderer import Renderer
    from medleaf.render.request import RenderRequest

    project = obj.project
    project.check_names([name])
    request = RenderRequest(name, Language.parse(lang), paper.upper(),
                            allow_incomplete=allow_incomplete)
    click.echo(Renderer(project, brand_dir).html(request), nl=False)


@cli.command("list")
@click.pass_obj
def list_(obj):
    """List the leaflets with their languages and last-modified dates."""
    from medleaf.content.monograph import load_leaflet
    from medleaf.i18n.catalogs import leaflet_languages

    project = obj.project
    problems = []
    rows = [("LEAFLET", "LANGUAGES", "LAST MODIFIED")]
    for name in project.leaflet_names():
        try:
            modified = load_leaflet(project, name).monograph.last_modified.isoformat()
        except ContentError as exc:
            problems += exc.problems
            modified = "invalid"
        tags = " ".join(lang.tag for lang in leaflet_languages(project, name))
        rows.append((name, tags, modified))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    if problems:
        raise ContentError(problems)


@cli.command()
@click.argument("name")
@click.option("--lang", default="zh-HK", show_default=True, help="The language to proof.")
@click.option("--paper", type=PAPER, default="A4", show_default=True)
@click.option("--out", "out_dir", default="out/proof", show_default=True,
              type=click.Path(file_okay=False, path_type=Path))
@click.pass_obj
def proof(obj, name, lang, paper, out_dir):
    """Write a translator's proof of one leaflet: a PDF with every text's message context in
    the margin (fuzzy, failing and missing texts highlighted) and a PNG of each page."""
    from medleaf.i18n.languages import Language
    from medleaf.publish.proofs import write_proof
    from medleaf.render.renderer import Renderer

    project = obj.project
    project.check_names([name])
    for path in write_proof(Renderer(project), name, Language.parse(lang), out_dir,
                            paper.upper()):
        click.echo(f"wrote {path}")


@cli.command()
@click.argument("pack_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", "out", type=click.Path(path_type=Path),
              help="The PDF (or, with --split, the folder) [out/packs/NAME.pdf].")
@click.option("--split", is_flag=True, help="One PDF per leaflet plus the cover, in a folder.")
@click.option("--release", is_flag=True, help="Refuse a pack with any draft leaflet.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes [every core].")
@click.option("--force", is_flag=True, help="Render every leaflet again, even if already built.")
@click.pass_obj
def pack(obj, pack_file, out, split, release, jobs, force):
    """Build a clinic pack (packs/NAME.yaml): a cover with contents, then every leaflet."""
    from medleaf.content.packfile import load_pack
    from medleaf.publish.packs import build_pack
    from medleaf.publish.workers import default_jobs

    project = obj.project
    pack_data = load_pack(project, Path(os.path.abspath(pack_file)))
    out = out or project.root / "out" / "packs" / (pack_data.name if split else
                                                   f"{pack_data.name}.pdf")
    progress = Progress(sys.stdout.isatty(), lambda job: f"rendered {job.name} "
                        f"({job.language})", failures=False)
    try:
        report = build_pack(project, pack_data, out, jobs or default_jobs(), release, split,
                            force=force, on_outcome=progress.update)
    finally:
        progress.clear()
    for path in report.written:
        click.echo(f"wrote {path}")
    click.echo(f"{report.leaflets} leaflets ({report.rendered} rendered, "
               f"{report.leaflets - report.rendered} already built), {report.pages} pages "
               f"in {report.seconds:.1f} s.")


@cli.group()
def review():
    """Pharmacists' approval of leaflets for patient use."""


@review.command()
@click.argument("name")
@click.option("--lang", default="en", show_default=True,
              help="en approves the content; another language approves its translation.")
@click.option("--by", "by", required=True, help="The approving pharmacist's name.")
@click.pass_obj
def approve(obj, name, lang, by):
    """Record that NAME's content (or its LANG translation) is approved, as of today. A later
    change to what was approved makes the leaflet a draft again."""
    import datetime as dt

    from medleaf.checks.approvals import approve as run

    project = obj.project
    project.check_names([name])
    path = run(project, name, _language(lang), by.strip(), dt.date.today())
    click.echo(f"approved {project.display(path)} by {by.strip()} on {dt.date.today()}")


@review.command("status")
@click.argument("names", nargs=-1)
@click.pass_obj
def review_status(obj, names):
    """Show whether each leaflet's content and translations are approved or draft."""
    from medleaf.checks.records import statuses

    project = obj.project
    for name, state in statuses(project, project.check_names(list(names))):
        mark = "approved" if state.approved else "DRAFT"
        click.echo(f"{name:30} {state.what:20} {mark:9} {state.reason}")


def _language(text):
    from medleaf.i18n.languages import Language

    return Language.parse(text)


@cli.command("check")
@click.argument("names", nargs=-1)
@click.option("--lang", "langs", multiple=True, help="Only this language (may be repeated).")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--review-age", default=3, show_default=True, type=click.IntRange(1, 100),
              help="Years after which a leaflet's review is due.")
@click.option("--max-grade", default=8.0, show_default=True, type=float,
              help="Reading grade above which an English leaflet gets a warning.")
@click.pass_obj
def check_(obj, names, langs, strict, review_age, max_grade):
    """Check monographs and translations; list every problem as file:line: [check] ..."""
    from medleaf.checks.report import Limits, check
    from medleaf.publish.build import parse_languages

    report = check(obj.project, list(names), parse_languages(list(langs)),
                   Limits(review_age, max_grade))
    for name, grade in report.grades.items():
        click.echo(f"{name}: reading grade {grade:.1f} (Flesch-Kincaid)")
    _report_problems(report.problems)
    if report.errors or (strict and report.warnings):
        sys.exit(1)
    click.echo(f"No errors in {report.leaflets} leaflets and {report.catalogs} catalogs"
               f"{f', {len(report.warnings)} warnings' if report.warnings else ''}.")


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
@click.option("--locale", "locales", multiple=True, help="Only this locale (may be repeated).")
@click.pass_obj
def update(obj, names, locales):
    """Merge the current source texts into the catalogs (of NAMES only, if given; 'ui' is the
    interface)."""
    from medleaf.i18n.languages import Language
    from medleaf.i18n.update import update as run

    project = obj.project
    for item in run(project, [Language.parse(loc) for loc in locales] or None, list(names)):
        click.echo(f"{_done(item, 'updated')} {project.display(item.path)}")


def _done(item, verb: str) -> str:
    return "created" if item.created else verb if item.changed else "up to date:"


@i18n.command()
@click.argument("locale")
@click.pass_obj
def init(obj, locale):
    """Start catalogs for a new LOCALE (e.g. zh-Hans-CN, ja)."""
    from medleaf.i18n.languages import Language
    from medleaf.i18n.update import init as run

    project = obj.project
    for item in run(project, Language.parse(locale)):
        click.echo(f"created {project.display(item.path)}")


@i18n.command("stats")
@click.option("--locale", "locales", multiple=True, help="Only this locale (may be repeated).")
@click.option("--check", "gate", is_flag=True,
              help="Exit 1 if any catalog or template is out of date or incomplete.")
@click.pass_obj
def stats_(obj, locales, gate):
    """Translation progress per locale and catalog."""
    from medleaf.i18n.languages import Language
    from medleaf.i18n.stats import stats
    from medleaf.i18n.templates import stale_templates

    project = obj.project
    rows = stats(project, [Language.parse(loc) for loc in locales] or None)
    table = [("LOCALE", "CATALOG", "TRANSLATED", "FUZZY", "UNTRANSLATED", "OBSOLETE",
              "COMPLETE", "")]
    for r in rows:
        table.append((r.language.tag, r.domain, str(r.translated), str(r.fuzzy),
                      str(r.untranslated), str(r.obsolete), f"{r.percent:.0f}%",
                      "out of date: run 'medleaf i18n update'" if r.stale else ""))
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for row in table:
        click.echo("  ".join(c.rjust(w) if c[:1].isdigit() else c.ljust(w)
                             for c, w in zip(row, widths, strict=True)).rstrip())
    stale = stale_templates(project)
    for path in stale:
        click.echo(f"{project.display(path)} is out of date: run 'medleaf i18n extract'")
    if gate and (stale or not all(r.complete for r in rows)):
        bad = sum(1 for r in rows if not r.complete) + len(stale)
        raise ContentError([Problem("locales", None, None,
                                    f"{bad} catalogs or templates are incomplete or out of date")])


@i18n.command("compile")
@click.pass_obj
def compile_(obj):
    """Compile every catalog to .mo (the build also does this when a .po is newer)."""
    from medleaf.i18n.catalogs import compile_all

    project = obj.project
    for path in compile_all(project):
        click.echo(f"compiled {project.display(path)}")


def main(argv: list[str] | None = None) -> None:
    signal.signal(signal.SIGTERM, _terminate)
    try:
        cli.main(args=argv, prog_name="medleaf")
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (exit_.code is not None)
        # Every file is written and closed by now; skip freeing WeasyPrint's and pikepdf's
        # objects one by one at exit, which takes about 0.2 s after a pack.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


@cli.command("new")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--lang", "langs", multiple=True, default=["zh-HK"], show_default=True,
              help="A language besides English (zh-HK, ja ...), may be repeated; en for "
                   "English only.")
def new(directory, langs):
    """Start a clinic's own repository in DIRECTORY (new or empty): a brand to edit, an
    example leaflet, catalogs for each language, a README and a .gitignore."""
    from medleaf.content.new_project import create
    from medleaf.i18n.languages import Language

    chosen = [Language.parse(tag) for tag in langs]  # an unknown one: nothing is written
    for path in create(directory, chosen):
        click.echo(f"created {path}")
    click.echo(f"next: edit {directory / 'templates/brand/brand.yaml'}, then in "
               f"{directory}: medleaf check, medleaf build (see its README.md)")

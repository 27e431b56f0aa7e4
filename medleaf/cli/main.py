"""The `medleaf` group: --root and -v, error reports and exit statuses, SIGTERM.

Exit status: 0 success, 1 a content or build problem, 2 a usage problem, 130 interrupted,
143 terminated. Only this package turns domain exceptions into messages.
"""

from __future__ import annotations

import logging
import os
import signal
import sys

import click

from medleaf.content import characters
from medleaf.errors import ContentError, MedleafError, UsageError


class Context:
    """What every command gets (`@click.pass_obj`): the project at --root, read when asked."""

    def __init__(self, root: str):
        self.root = root

    @property
    def project(self):
        from medleaf.content.project import Project

        return Project.at(self.root)


def report(error: MedleafError) -> None:
    if isinstance(error, ContentError):
        report_problems(error.problems)
    else:
        click.echo(f"error: {error}", err=True)


def report_problems(problems) -> None:
    """Each problem as `error: file:line: field: message`, then the counts when several."""
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


def interrupted(exc: KeyboardInterrupt, message: str) -> None:
    """Say what an interruption left behind, and exit 130 (Ctrl-C) or 143 (SIGTERM)."""
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
            report(exc)
            sys.exit(2)
        except MedleafError as exc:
            report(exc)
            sys.exit(1)
        except OSError as exc:  # the last net: a path the system refused, named
            click.echo(f"error: {exc.filename or 'a file'}: {exc.strerror or exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt as exc:
            interrupted(exc, "files already written are whole; run the command again")


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


def main(argv: list[str] | None = None) -> None:
    """The console script: `cli` with SIGTERM handled, and a quick exit."""
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

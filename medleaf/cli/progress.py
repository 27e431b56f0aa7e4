"""The progress of a batch of renders, as `build` and `pack` show it."""

from __future__ import annotations

import sys

import click

from medleaf.cli.main import interrupted, report_problems


def with_progress(run, out_dir, kept: str, failures: bool = True):
    """run(on_outcome, on_wait), showing its progress (build and site): a wait for another
    build into out_dir is said, and an interruption says what was kept (`kept`)."""
    progress = Progress(sys.stdout.isatty(), failures=failures)
    try:
        return run(progress.update, lambda: click.echo(
            f"waiting for another build into {out_dir} to finish", err=True))
    except KeyboardInterrupt as exc:
        progress.clear()
        interrupted(exc, kept)
    finally:
        progress.clear()


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
                report_problems(outcome.problems)
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

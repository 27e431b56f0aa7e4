"""Review commands: a pharmacist's approval of leaflets for patient use."""

from __future__ import annotations

import click

from medleaf.cli import options
from medleaf.cli.main import cli


@cli.group()
def review():
    """Pharmacists' approval of leaflets for patient use."""


@review.command()
@click.argument("name")
@options.lang("en", "en approves the content; another language approves its translation: "
              + options.LANGUAGES + ".")
@click.option("--by", "by", required=True, help="The approving pharmacist's name.")
@click.pass_obj
def approve(obj, name, lang, by):
    """Record that NAME's content (or its LANG translation) is approved, as of today. A later
    change to what was approved makes the leaflet a draft again."""
    import datetime as dt

    from medleaf.checks.approvals import approve as run
    from medleaf.content.languages import Language

    project = obj.project
    project.check_names([name])
    path = run(project, name, Language.parse(lang), by.strip(), dt.date.today())
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

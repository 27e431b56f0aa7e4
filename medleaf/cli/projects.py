"""Project commands: start a clinic's own repository."""

from __future__ import annotations

from pathlib import Path

import click

from medleaf.cli.main import cli


@cli.command("new")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--lang", "langs", multiple=True, default=["zh-HK"], show_default=True,
              help="A language besides English (zh-HK, ja ...), may be repeated; en for "
                   "English only.")
def new(directory, langs):
    """Start a clinic's own repository in DIRECTORY (new or empty): a brand to edit, an
    example leaflet, catalogs for each language, a README and a .gitignore."""
    from medleaf.content.languages import Language
    from medleaf.publish.new_project import create

    chosen = [Language.parse(tag) for tag in langs]  # an unknown one: nothing is written
    for path in create(directory, chosen):
        click.echo(f"created {path}")
    click.echo(f"next: edit {directory / 'templates/brand/brand.yaml'}, then in "
               f"{directory}: medleaf check, medleaf build (see its README.md)")

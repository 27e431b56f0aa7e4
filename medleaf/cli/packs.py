"""Pack commands: a clinic's pack of leaflets as one PDF (or a folder)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from medleaf.cli import options
from medleaf.cli.main import cli
from medleaf.cli.progress import Progress


@cli.command()
@click.argument("pack_file", type=click.Path(dir_okay=False, path_type=Path))
@options.out(None, "The PDF (or, with --split, the folder) [out/packs/NAME.pdf].", folder=False)
@click.option("--split", is_flag=True, help="One PDF per leaflet plus the cover, in a folder.")
@options.release("Refuse a pack with any draft leaflet.")
@click.option("--archive", is_flag=True, help="The copy a clinic keeps for its records: "
              "PDF/A-3a as well as PDF/UA-1 [out/packs/NAME.archive.pdf].")
@options.jobs
@options.force("Render every leaflet again, even if already built.")
@click.pass_obj
def pack(obj, pack_file, out_dir, split, release, archive, jobs, force):
    """Build a clinic pack (packs/NAME.yaml): a cover with contents, then every leaflet."""
    from medleaf.publish.packs import build_pack_file

    progress = Progress(sys.stdout.isatty(), lambda job: f"rendered {job.name} "
                        f"({job.language})", failures=False)
    try:
        report = build_pack_file(obj.project, pack_file, out_dir, jobs, release, split,
                                 force=force, on_outcome=progress.update, archive=archive)
    finally:
        progress.clear()
    for path in report.written:
        click.echo(f"wrote {path}")
    click.echo(f"{report.leaflets} leaflets ({report.rendered} rendered, "
               f"{report.leaflets - report.rendered} already built), {report.pages} pages "
               f"in {report.seconds:.1f} s.")

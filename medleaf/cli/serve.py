"""`medleaf serve`: the dispensing counter's web page and API (medleaf/serve/)."""

from __future__ import annotations

from pathlib import Path

import click

from medleaf.cli import options
from medleaf.cli.main import cli


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; any but loopback needs an access token "
                   "(MEDLEAF_TOKEN or --token-file).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--workers", type=click.IntRange(1, 64),
              help="Render processes [one per core].")
@click.option("--token-file", type=click.Path(dir_okay=False, path_type=Path),
              help="A file holding the access token (never the token itself on the command "
                   "line, where ps shows it).")
@options.release("Serve approved leaflets only (a draft is 404).")
@options.brand
@click.option("--render-seconds", default=30.0, show_default=True,
              type=click.FloatRange(0.1, 600), help="A render taking longer is stopped (504).")
@click.option("--renders-per-worker", default=500, show_default=True,
              type=click.IntRange(1), help="A worker is replaced after this many renders...")
@click.option("--worker-memory", default=1024, show_default=True, type=click.IntRange(64),
              help="... or when its memory passes this many MiB.")
@click.pass_obj
def serve(obj, host, port, workers, token_file, release, brand_dir, render_seconds,
          renders_per_worker, worker_memory):
    """Serve the counter page and its API: find a leaflet, choose the language and the
    patient's directions, open the PDF to print.

    \b
    medleaf serve                                  # http://127.0.0.1:8000/
    MEDLEAF_TOKEN=... medleaf serve --host 0.0.0.0 --release
    """
    from medleaf.serve.app import serve as run_server
    from medleaf.serve.config import ServeConfig, check_start, default_workers, read_token

    config = ServeConfig(obj.project.root, host, port, workers or default_workers(),
                         read_token(token_file), release, brand_dir,
                         render_seconds=render_seconds, renders_per_worker=renders_per_worker,
                         worker_rss_mb=worker_memory)
    check_start(config)
    click.echo(f"medleaf serve: http://{host if ':' not in host else f'[{host}]'}:{port}/ "
               f"({config.workers} render worker{'s' if config.workers != 1 else ''}"
               f"{', token required' if config.token else ''}"
               f"{', approved leaflets only' if release else ''}); Ctrl-C stops it", err=True)
    try:
        run_server(config)
    except KeyboardInterrupt:
        pass
    click.echo("medleaf serve: stopped", err=True)

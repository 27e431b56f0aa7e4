"""The `medleaf` command line: the group and its error handling in main.py, the options
commands share in options.py, and one module per command group, which registers its
commands on `cli` when imported: a new group is one module plus one line below."""

from medleaf.cli import (  # noqa: F401 (imported for their commands)
    checks,
    directions,
    leaflets,
    packs,
    projects,
    review,
    serve,
    site,
    translators,
)
from medleaf.cli.main import cli, main

__all__ = ["cli", "main"]

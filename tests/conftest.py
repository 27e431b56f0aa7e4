"""Shared fixtures: a copy of the project to break things in, and PDFs built once per run."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from medleaf.cli import cli
from medleaf.content.project import TOOL_TEMPLATES
from medleaf.i18n.interface import SHIPPED

REPO = Path(__file__).resolve().parent.parent

# The tests' own caches (reviews, glyph coverage, rendered leaflets), shared by the CLI runs
# they start; a developer's cache never decides a result.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="medleaf-tests-cache-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], ignore_errors=True)


def run(*args: str, root: Path | None = None):
    """Run the medleaf CLI in-process; returns click's Result (exit_code, stdout, stderr)."""
    argv = (["--root", str(root)] if root else []) + list(args)
    return CliRunner().invoke(cli, argv, catch_exceptions=False)


def pdf_text(path: Path, page: int | None = None, raw: bool = False) -> str:
    """The text of a PDF (or one page); raw keeps rotated text such as a watermark."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    mode = ["-raw"] if raw else []
    return subprocess.run(["pdftotext", *mode, *pages, str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def pdf_fonts(path: Path) -> list[str]:
    """Names of the fonts embedded in a PDF, as pdffonts lists them."""
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    return [line.split()[0] for line in lines]


def raster(path: Path, first: int = 1, last: int | None = None, dpi: int = 60) -> list[bytes]:
    """Each page (first..last) rasterized by Poppler, as PGM bytes; a warning from Poppler
    (such as a font whose type does not match its file) fails the test."""
    last = last or page_count(path)
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(first), "-l",
                               str(last), str(path), f"{folder}/page"], capture_output=True,
                              text=True, check=True)
        assert done.stderr == "", done.stderr
        return [page.read_bytes() for page in sorted(Path(folder).glob("page-*.pgm"))]


def page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


UI_PO = "locales/zh_Hant_HK/LC_MESSAGES/ui.po"


@pytest.fixture
def project(tmp_path) -> Path:
    """A private copy of the repository's leaflet project (no compiled catalogs), with its
    own copy of medleaf's interface catalog (UI_PO, a clinic's ui.po that overrides every
    string), to break in tests."""
    root = tmp_path / "project"
    for folder in ("leaflets", "locales", "templates", "packs"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(SHIPPED / "zh_Hant_HK/LC_MESSAGES/ui.po", root / UI_PO)
    return root


@pytest.fixture
def own_templates(project) -> Path:
    """The project copy with its own copy of every medleaf template (overrides to edit)."""
    for template in TOOL_TEMPLATES.iterdir():
        shutil.copy(template, project / "templates" / template.name)
    return project


@pytest.fixture
def baclofen_only(project) -> Path:
    """The project copy with baclofen as its only leaflet."""
    for path in (project / "leaflets").glob("*.yaml"):
        if path.stem != "baclofen":
            path.unlink()
    return project


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """`medleaf build baclofen` of the shipped project, once for the whole run."""
    out = tmp_path_factory.mktemp("out")
    result = run("build", "baclofen", "--out", str(out), root=REPO)
    assert result.exit_code == 0, result.output
    return out

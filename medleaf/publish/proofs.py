"""Translators' proofs as files: the proof PDF of a leaflet (render.formats: every text's
message context in the margin, problems highlighted) and a PNG of each page."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from medleaf.content.languages import Language
from medleaf.errors import PreflightError
from medleaf.publish.files import OutputError, check_output, refuse_non_pdf, write_atomic
from medleaf.render.renderer import Renderer
from medleaf.render.request import RenderRequest


def write_proof(renderer: Renderer, name: str, language: Language, out_dir: Path,
                paper: str = "A4") -> list[Path]:
    """OUT/NAME.LANG.proof.pdf and its pages as PNG files, the paths written."""
    project = renderer.project
    check_output(out_dir, project.source_dirs(renderer.brand.directory), folder=True)
    pdf = out_dir / f"{name}.{language.tag}.proof.pdf"
    refuse_non_pdf(pdf)
    write_atomic(pdf, renderer.render(RenderRequest(name, language, paper, "proof")))
    return [pdf, *_pages_as_png(pdf)]


def _pages_as_png(pdf: Path) -> list[Path]:
    if shutil.which("pdftoppm") is None:
        raise PreflightError("pdftoppm is missing: install it with 'sudo apt-get install "
                             "poppler-utils' (or run 'make setup')")
    prefix = pdf.with_suffix("")
    for old in prefix.parent.glob(f"{prefix.name}-*.png"):
        if old.is_dir() or old.read_bytes()[:4] != b"\x89PNG":
            raise OutputError(f"{old} is not a page of an earlier proof: medleaf does not "
                              "overwrite it")
        old.unlink()
    done = subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(prefix)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise OutputError(f"pdftoppm could not write the pages of {pdf}: "
                          f"{done.stderr.strip() or done.returncode}")
    return sorted(prefix.parent.glob(f"{prefix.name}-*.png"))

"""Translator's proofs: the leaflet with every text's message context and status in the
margin (fuzzy and failing translations shown, highlighted; missing ones in English), as a
PDF plus one PNG per page."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from medleaf.checks.translation import leaflet_catalog_problems
from medleaf.content.monograph import load_leaflet
from medleaf.errors import ContentError, PreflightError, Problem
from medleaf.i18n.catalogs import CompiledCatalog, po_path, read_catalog
from medleaf.i18n.languages import Language
from medleaf.i18n.localize import localize
from medleaf.publish.build import Leaflets
from medleaf.publish.files import OutputError, check_output, refuse_non_pdf, write_atomic


def proof(session: Leaflets, name: str, language: Language, out_dir: Path,
          paper: str = "A4") -> list[Path]:
    project = session.project
    check_output(out_dir, project.source_dirs(session.brand.directory), folder=True)
    pdf = out_dir / f"{name}.{language.tag}.proof.pdf"
    refuse_non_pdf(pdf)
    leaflet = load_leaflet(project, name)
    po = po_path(project, language, name)
    if language.is_source or not po.is_file():
        raise ContentError([Problem(project.display(po), None, None,
                                    f"no {language} catalog to proof for {name}")])
    catalog = read_catalog(project, po, language)
    shown = CompiledCatalog(po, {(m.context, m.id): m.string for m in catalog
                                 if m.id and m.string})  # fuzzy ones too: they are proofed
    notes: dict[str, tuple[str, ...]] = {}
    for problem in leaflet_catalog_problems(project, leaflet, language):
        notes[problem.field] = tuple(dict.fromkeys((*notes.get(problem.field, ()),
                                                    problem.check)))
    localized = localize(leaflet, language, shown, notes=notes)
    html = session.renderer.html(localized, session.brand, paper, proof=True)
    write_atomic(pdf, session.renderer.pdf(html, paper, f"the proof of {name}"))
    return [pdf, *_pages_as_png(pdf)]


def _pages_as_png(pdf: Path) -> list[Path]:
    if shutil.which("pdftoppm") is None:
        raise PreflightError("pdftoppm is missing: install it with 'sudo apt-get install "
                             "poppler-utils' (or run 'make setup')")
    prefix = pdf.with_suffix("")
    for old in prefix.parent.glob(f"{prefix.name}-*.png"):
        old.unlink()
    done = subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(prefix)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise OutputError(f"pdftoppm could not write the pages of {pdf}: "
                          f"{done.stderr.strip() or done.returncode}")
    return sorted(prefix.parent.glob(f"{prefix.name}-*.png"))

"""A pharmacist's approval of a leaflet's content or of one translation: refused while the
gate finds an error in it, then recorded (records.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from medleaf.checks.gate import Gate
from medleaf.checks.records import approve_content, approve_translation
from medleaf.content.languages import Language
from medleaf.content.monograph import load_leaflet
from medleaf.content.project import Project
from medleaf.errors import ContentError, UsageError


def approve(project: Project, name: str, language: Language, by: str, today: dt.date) -> Path:
    """Approve a leaflet's content or one translation; refused while the gate finds an
    error in it (what `medleaf check` reports for it)."""
    if not by or len(by) > 100 or any(not c.isprintable() for c in by):
        raise UsageError("--by needs the pharmacist's name (printable text, at most 100 "
                         "characters)")
    leaflet = load_leaflet(project, name)
    gate = Gate(project, today)
    problems = gate.content(leaflet) if language.is_source else \
        gate.verdict(leaflet, language).problems
    if problems:
        raise ContentError(problems)
    if language.is_source:
        return approve_content(project, leaflet, by, today)
    return approve_translation(project, leaflet, language, by, today)

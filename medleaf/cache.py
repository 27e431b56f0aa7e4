"""Rendered leaflets kept by the fingerprint of their inputs, for packs and repeat builds.

A fingerprint (manifest.py) covers everything a PDF is made from, so a cached PDF is the
PDF those inputs give. The cache lives in the user's cache folder (XDG_CACHE_HOME), holds
complete files only (written atomically) and keeps the most recently used ones.
"""

from __future__ import annotations

import os
from pathlib import Path

from .output import write_atomic

KEEP = 2000
"""Leaflets kept (about 150 KB each)."""


class RenderCache:
    def __init__(self, folder: Path | None = None):
        self.folder = folder or Path(os.environ.get(
            "XDG_CACHE_HOME", Path.home() / ".cache")) / "medleaf" / "leaflets"

    def path(self, fingerprint: str) -> Path:
        return self.folder / f"{fingerprint[:40]}.pdf"

    def pages(self, fingerprint: str) -> int | None:
        """The page count of the PDF cached for these inputs (marked as just used), or None
        when there is none or it cannot be read whole."""
        import pikepdf

        path = self.path(fingerprint)
        try:
            with pikepdf.open(path, attempt_recovery=False) as document:
                os.utime(path)
                return len(document.pages)
        except (OSError, pikepdf.PdfError):
            return None

    def put(self, fingerprint: str, pdf: Path) -> None:
        """Keep a copy (never a link: the output may be edited) of a PDF just built."""
        try:
            write_atomic(self.path(fingerprint), pdf.read_bytes())
        except OSError:
            pass  # a read-only cache only costs time

    def prune(self, keep: int = KEEP) -> None:
        """Remove all but the `keep` most recently used PDFs."""
        try:
            entries = sorted(((p.stat().st_mtime, p) for p in self.folder.glob("*.pdf")),
                             reverse=True)
        except OSError:
            return
        for _, path in entries[keep:]:
            path.unlink(missing_ok=True)

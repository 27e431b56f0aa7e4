"""Rendered leaflets kept by the fingerprint of their inputs, for packs and repeat builds.

A fingerprint (manifest.py) covers everything a PDF is made from, so a cached PDF is the
PDF those inputs give. The cache lives in the user's cache folder (XDG_CACHE_HOME), holds
complete files only (written atomically), each beside the SHA-256 of its bytes: a PDF that
does not match it (changed on disk, or cut short) is never used, but rendered again. The
most recently used ones are kept.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from medleaf.content.project import user_cache
from medleaf.publish.files import OutputError, write_atomic

KEEP = 2000
"""Leaflets kept (about 150 KB each)."""


class RenderCache:
    def __init__(self, folder: Path | None = None):
        self.folder = folder or user_cache("leaflets")

    def path(self, fingerprint: str) -> Path:
        return self.folder / f"{fingerprint[:40]}.pdf"

    def _digest_path(self, fingerprint: str) -> Path:
        return self.folder / f"{fingerprint[:40]}.sha256"

    def get(self, fingerprint: str) -> bytes | None:
        """The PDF cached for these inputs (marked as just used), if it is whole and
        unchanged since it was kept."""
        path = self.path(fingerprint)
        try:
            pdf = path.read_bytes()
            recorded = self._digest_path(fingerprint).read_text().strip()
        except (OSError, UnicodeDecodeError):
            return None
        if hashlib.sha256(pdf).hexdigest() != recorded:
            return None
        try:
            os.utime(path)
        except OSError:
            pass
        return pdf

    def put(self, fingerprint: str, pdf: bytes) -> None:
        """Keep a copy (never a link: the output may be edited) of a PDF just built."""
        try:
            write_atomic(self.path(fingerprint), pdf)
            write_atomic(self._digest_path(fingerprint),
                         hashlib.sha256(pdf).hexdigest().encode())
        except OutputError:
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
            path.with_suffix(".sha256").unlink(missing_ok=True)


def page_count(pdf: bytes) -> int | None:
    """The pages of a PDF, or None when it cannot be read whole."""
    from io import BytesIO

    import pikepdf

    try:
        with pikepdf.open(BytesIO(pdf), attempt_recovery=False) as document:
            return len(document.pages)
    except pikepdf.PdfError:
        return None

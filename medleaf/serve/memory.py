"""The unpersonalised leaflets served most recently, kept in memory by fingerprint (in front of
the render cache on disk), so that a repeat request is answered without reading a file.
Never a personalised PDF: those are made, sent and forgotten."""

from __future__ import annotations

import threading
from collections import OrderedDict

KEEP_BYTES = 64 * 2**20


class Recent:
    def __init__(self, keep_bytes: int = KEEP_BYTES):
        self.keep_bytes = keep_bytes
        self._pdfs: OrderedDict[str, bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, fingerprint: str) -> bytes | None:
        with self._lock:
            pdf = self._pdfs.get(fingerprint)
            if pdf is not None:
                self._pdfs.move_to_end(fingerprint)
            return pdf

    def put(self, fingerprint: str, pdf: bytes) -> None:
        with self._lock:
            if fingerprint in self._pdfs or len(pdf) > self.keep_bytes:
                return
            self._pdfs[fingerprint] = pdf
            self._bytes += len(pdf)
            while self._bytes > self.keep_bytes:
                _, dropped = self._pdfs.popitem(last=False)
                self._bytes -= len(dropped)

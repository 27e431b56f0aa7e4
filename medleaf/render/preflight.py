"""Stop early, with the fix, when the machine cannot produce correct and fast output."""

from __future__ import annotations

import functools
import re
import subprocess

from medleaf.content.versions import font_files
from medleaf.errors import PreflightError
from medleaf.render import weasyprint_internals

CJK_FAMILY = "Noto Sans CJK HK"


@functools.cache
def check() -> None:
    """HarfBuzz subsetting (fast CJK embedding) and the Hong Kong CJK font must be present."""
    import_weasyprint()
    if not weasyprint_internals.harfbuzz_subsetting():
        raise PreflightError(
            "HarfBuzz's subsetting library is not loaded, so Chinese leaflets would take "
            "seconds each: install it with 'sudo apt-get install libharfbuzz-subset0' "
            "(or run 'make setup')")
    if not font_files(CJK_FAMILY):
        raise PreflightError(
            f"the font '{CJK_FAMILY}' is not installed, so Chinese text cannot be printed "
            "with Hong Kong glyphs: install it with 'sudo apt-get install fonts-noto-cjk' "
            "(or run 'make setup')")


def require_font(family: str) -> None:
    if not font_files(family):
        raise PreflightError(f"the font '{family}' is not installed: install it with "
                             "'sudo apt-get install fonts-noto-cjk'")


def import_weasyprint() -> None:
    """Import WeasyPrint about 0.15 s faster on Linux.

    WeasyPrint tries several names for each native library, and cffi passes every name that
    fails to ctypes.util.find_library, which runs gcc, ldconfig and ld each time. During the
    import, answer those lookups from one `ldconfig -p` listing instead, as ctypes would.
    """
    import ctypes.util
    import sys

    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        import weasyprint  # noqa: F401
        return
    try:
        listing = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True,
                                 check=True, env={"LC_ALL": "C", "PATH": "/sbin:/usr/sbin"}
                                 ).stdout
    except (OSError, subprocess.CalledProcessError):
        import weasyprint  # noqa: F401
        return
    original = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        match = re.search(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\(", listing)
        return match[1] if match else None

    ctypes.util.find_library = find_library
    try:
        import weasyprint  # noqa: F401
    finally:
        ctypes.util.find_library = original

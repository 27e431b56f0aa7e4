"""Stop early, with the fix, when the machine cannot produce correct and fast output."""

from __future__ import annotations

import functools
import re
import subprocess

from medleaf.errors import PreflightError
from medleaf.render import weasyprint_internals


@functools.cache
def check() -> None:
    """HarfBuzz subsetting (fast CJK embedding) must be present, and the fonts of English."""
    import_weasyprint()
    if not weasyprint_internals.harfbuzz_subsetting():
        raise PreflightError(
            "HarfBuzz's subsetting library is not loaded, so Chinese leaflets would take "
            "seconds each: install it with 'sudo apt-get install libharfbuzz-subset0' "
            "(or run 'make setup')")
    from medleaf.checks.glyphs import require_fonts
    from medleaf.content.languages import SOURCE, Language
    from medleaf.i18n.profiles import profile

    require_fonts(profile(Language.parse(SOURCE)), Language.parse(SOURCE))  # English's


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

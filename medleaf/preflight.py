"""Stop early, with the fix, when the machine cannot produce correct and fast output."""

from __future__ import annotations

import functools
import subprocess

from .errors import PreflightError

CJK_FAMILY = "Noto Sans CJK HK"


@functools.cache
def check() -> None:
    """HarfBuzz subsetting (fast CJK embedding) and the Hong Kong CJK font must be present."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    if harfbuzz_subset is None or not harfbuzz.hb_version_atleast(4, 1, 0):
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


@functools.cache
def font_files(family: str) -> tuple[str, ...]:
    """Files of the installed fonts whose family is exactly `family` (via fontconfig)."""
    try:
        listing = subprocess.run(["fc-list", f"{family}", "family", "file"],
                                 capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return ()
    files = []
    for line in listing.splitlines():
        path, _, families = line.partition(": ")
        if family in families.split(","):
            files.append(path)
    return tuple(sorted(set(files)))

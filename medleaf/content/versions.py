"""What else a leaflet is made from: the installed fonts, and the versions of medleaf and the
libraries that render and check it. A change to any makes every output new."""

from __future__ import annotations

import functools
import hashlib
import os
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import medleaf
from medleaf.content.inputs import tree_hash


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


@functools.cache
def font_versions(families: tuple[str, ...]) -> str:
    """The font files the languages use, with their sizes and times: a font update changes
    glyph numbers, which a PDF's text and a pack's shared subsets depend on."""
    stamps = []
    for family in families:
        for path in font_files(family):
            try:
                stat = os.stat(path)
                stamps.append((path, stat.st_size, stat.st_mtime_ns))
            except OSError:
                stamps.append((path, None, None))
    return hashlib.sha256(repr(stamps).encode()).hexdigest()


@functools.cache
def tool_versions() -> str:
    """medleaf's version and source (its templates and data too), and the versions of the
    libraries whose output or checks a leaflet depends on: an upgrade rebuilds all."""
    source = tree_hash([Path(medleaf.__file__).resolve().parent])
    return f"medleaf {_version('medleaf')} {source[:16]}; " + \
        "; ".join(f"{name} {_version(name)}" for name in _LIBRARIES)


_LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "cssselect2", "fonttools", "babel", "jinja2",
              "markdown-it-py", "pydantic", "pyyaml", "opencc", "pikepdf", "textstat",
              "jieba")


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "missing"

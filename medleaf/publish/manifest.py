"""out/manifest.json: what each output was built from, so a rebuild renders only what changed.

Each output records a fingerprint of its inputs (monograph, catalogs, glossary, templates,
brand, build options, the installed font files, medleaf's and WeasyPrint's versions) and the
hash of the PDF. Nothing here imports WeasyPrint: deciding that nothing needs building must
be quick.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from medleaf.checks.library import library_digest
from medleaf.content import inputs
from medleaf.content.inputs import file_hash, tree_hash
from medleaf.content.languages import Language, available_languages
from medleaf.content.project import Project
from medleaf.content.versions import font_versions, tool_versions
from medleaf.errors import ContentError, UsageError
from medleaf.i18n.catalogs import po_path
from medleaf.i18n.interface import interface_hash
from medleaf.i18n.profiles import profile
from medleaf.publish.files import write_atomic

NAME = "manifest.json"


@dataclass(frozen=True)
class BuildOptions:
    paper: str = "A4"
    brand_dir: Path | None = None
    allow_incomplete: bool = False
    release: bool = False
    large_print: bool = False
    archive: bool = False
    """PDF/A-3a as well as PDF/UA-1 (render/weasyprint_internals/archive.py)."""

    @property
    def suffix(self) -> str:
        """What an output's file name adds for these options (NAME.LANG.large.pdf,
        NAME.LANG.archive.pdf, NAME.LANG.large.archive.pdf)."""
        return (".large" if self.large_print else "") + (".archive" if self.archive else "")


class Fingerprints:
    """The input fingerprint of each output; shared inputs are hashed once."""

    def __init__(self, project: Project, options: BuildOptions):
        self.project = project
        brand = inputs.real(options.brand_dir or project.brand_dir)
        self.shared = {
            # every file of the template folders: templates, stylesheets and what they load
            "templates": tree_hash(project.template_dirs),
            "brand": tree_hash([brand]),
            "options": f"{options.paper} {options.allow_incomplete} {options.release} "
                       f"{options.large_print} {brand}" + (" archive" if options.archive
                                                           else ""),
            "tools": tool_versions(),
            "fonts": font_versions(tuple(sorted({
                font for language in available_languages(project.locales_dir)
                for font in profile(language, project.locales_dir).fonts}))),
            # the wrong-medicine check looks for every other leaflet's names
            "library": library_digest(project),
        }
        self._locales: dict[Language, dict[str, str]] = {}

    def _locale(self, language: Language) -> dict[str, str]:
        if language not in self._locales:
            folder = self.project.locales_dir / language.catalog_dir
            self._locales[language] = {
                "ui": interface_hash(self.project, language),
                "glossary": file_hash(folder / "glossary.yaml")}
        return self._locales[language]

    def of_tag(self, name: str, tag: str) -> str:
        """The fingerprint of an output named by its language tag (en+zh-HK: both)."""
        languages = Language.parse_all(tag)
        if len(languages) == 1:
            return self.of(name, languages[0])
        both = [self.of(name, language) for language in languages]
        return hashlib.sha256(json.dumps(["bilingual", *both]).encode()).hexdigest()

    def of(self, name: str, language: Language) -> str:
        inputs = dict(self.shared, leaflet=name, language=language.catalog_dir,
                      profile=profile(language, self.project.locales_dir).digest,
                      monograph=file_hash(self.project.leaflet_path(name)))
        if not language.is_source:
            inputs |= self._locale(language)
            inputs["catalog"] = file_hash(po_path(self.project, language, name))
        return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


class Manifest:
    def __init__(self, out_dir: Path):
        self.folder = out_dir
        self.path = out_dir / NAME
        self.entries: dict[str, dict] = {}
        self.changed = False
        if not self.path.exists() and not self.path.is_symlink():
            return
        try:
            data = json.loads(inputs.read_text(self.path, str(self.path), "manifest"))
            entries = data["outputs"]
            if not all(isinstance(e, dict) and isinstance(e.get("inputs"), str) and
                       isinstance(e.get("pdf"), str) for e in entries.values()):
                raise TypeError
        except ContentError as exc:
            raise UsageError(f"{self.path} cannot be read ({exc.problems[0].message}): "
                             "move it away, or build into another folder") from None
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            raise UsageError(f"{self.path} is not a medleaf manifest: move it away, or build "
                             "into another folder (medleaf does not overwrite it)") from None
        self.entries = entries

    def key(self, output: Path) -> str:
        """An output's entry: its path within the folder (NAME.LANG.pdf; a site's
        zh-HK/NAME.html)."""
        try:
            return output.relative_to(self.folder).as_posix()
        except ValueError:
            return output.name

    def fresh(self, output: Path, fingerprint: str) -> bool:
        """Built from exactly these inputs, and the file is still the one that was written."""
        entry = self.entries.get(self.key(output))
        return bool(entry) and entry["inputs"] == fingerprint and \
            file_hash(output) == entry["pdf"]

    def record(self, output: Path, fingerprint: str, pdf_hash: str, **extra) -> None:
        """Record an output (`pdf`: the hash of its bytes, whatever it is), with anything
        else its writer needs to know without reading it again (`extra`)."""
        self.entries[self.key(output)] = {"inputs": fingerprint, "pdf": pdf_hash, **extra}
        self.changed = True

    def forget(self, output: Path) -> None:
        self.changed |= self.entries.pop(self.key(output), None) is not None

    def save(self) -> None:
        if self.changed:
            data = {"outputs": dict(sorted(self.entries.items()))}
            write_atomic(self.path, (json.dumps(data, indent=1) + "\n").encode())
            self.changed = False

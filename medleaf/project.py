"""Where a leaflet project keeps its content: leaflets/, locales/, templates/ and its brand."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError

TOOL_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
"""medleaf's own templates: used for whatever a project's templates/ does not override."""


@dataclass(frozen=True)
class Project:
    """A content repository: the current directory, or the one given with --root."""

    root: Path

    @classmethod
    def at(cls, root: str | Path = ".") -> Project:
        root = Path(root).resolve()
        if not (root / "leaflets").is_dir():
            raise UsageError(f"{root} is not a medleaf project: it has no leaflets/ folder")
        return cls(root)

    @property
    def leaflets_dir(self) -> Path:
        return self.root / "leaflets"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def template_dirs(self) -> list[Path]:
        """Where templates are looked up: the project's own, then medleaf's."""
        return list(dict.fromkeys([self.templates_dir, TOOL_TEMPLATES]))

    def template_files(self, pattern: str) -> list[Path]:
        """Each template matching pattern, the project's version where it has one."""
        found: dict[Path, Path] = {}
        for folder in reversed(self.template_dirs):
            for path in folder.rglob(pattern) if folder.is_dir() else ():
                found[path.relative_to(folder)] = path
        return [found[key] for key in sorted(found)]

    @property
    def brand_dir(self) -> Path:
        return self.templates_dir / "brand"

    @property
    def packs_dir(self) -> Path:
        return self.root / "packs"

    def pack_files(self) -> list[Path]:
        return sorted(self.packs_dir.glob("*.yaml")) if self.packs_dir.is_dir() else []

    def source_dirs(self, *brand_dirs: Path | None) -> list[Path]:
        """The folders output must never go into: the sources, and the brands in use."""
        return [self.leaflets_dir, self.locales_dir, self.packs_dir, self.templates_dir,
                *(d for d in brand_dirs if d is not None)]

    def leaflet_path(self, name: str) -> Path:
        return self.leaflets_dir / f"{name}.yaml"

    def leaflet_names(self) -> list[str]:
        return sorted(p.stem for p in self.leaflets_dir.glob("*.yaml")
                      if p.stem not in ("ui", "packs"))  # the names of other catalogs

    def check_names(self, names: list[str]) -> list[str]:
        """Return names, or every leaflet when empty; unknown names are a usage error."""
        known = self.leaflet_names()
        unknown = [n for n in names if n not in known]
        if unknown:
            raise UsageError(
                f"no such leaflet: {', '.join(unknown)} (known: {', '.join(known) or 'none'})"
            )
        return list(dict.fromkeys(names)) or known

    def display(self, path: Path) -> str:
        """A path as a user should see it in a message: relative to the project root."""
        for form in (Path(os.path.abspath(path)), path.resolve()):  # a link as named, first
            try:
                return str(form.relative_to(self.root))
            except ValueError:
                pass
        return str(path)

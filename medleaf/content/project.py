"""Where a leaflet project keeps its content: leaflets/, locales/, templates/ and its brand."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from medleaf.errors import ContentError, Problem, UsageError

TOOL = Path(__file__).resolve().parents[1]
"""medleaf's own package folder (installed with it: its templates and data)."""
TOOL_TEMPLATES = TOOL / "templates"
"""medleaf's own templates: used for whatever a project's templates/ does not override."""
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
"""A name that can name files, catalogs and catalog entries safely (leaflets, packs)."""
TEMPLATE_FILES = ("*.html", "*.css", "*.jinja", "*.txt")
"""What a template (or a file it includes) may be: the build fingerprints, and translators'
extraction reads, exactly these."""


@dataclass(frozen=True)
class Project:
    """A content repository: the current directory, or the one given with --root."""

    root: Path

    @classmethod
    def at(cls, root: str | Path = ".") -> Project:
        root = Path(os.path.realpath(root))
        if not os.path.isdir(root / "leaflets"):
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

    def template(self, name: str) -> Path:
        """The template file `name` (at the top of a template folder): the project's own,
        else medleaf's."""
        for folder in self.template_dirs:
            if (folder / name).is_file():
                return folder / name
        raise ContentError([Problem(f"templates/{name}", None, None, "no such template in "
                                    "the project's templates/ or medleaf's")])

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
        """The folders output must never go into: the sources, the brands in use, and
        medleaf's own."""
        return [self.leaflets_dir, self.locales_dir, self.packs_dir, self.templates_dir,
                *(d for d in brand_dirs if d is not None), TOOL]

    def leaflet_path(self, name: str) -> Path:
        """The monograph of a leaflet name; a name that could lead out of leaflets/ ('..',
        a slash) names no leaflet (a library caller or a server passes what it is given)."""
        if not isinstance(name, str) or not NAME.fullmatch(name):
            raise UsageError(f"no such leaflet: {name!r}")
        return self.leaflets_dir / f"{name}.yaml"

    def leaflet_names(self) -> list[str]:
        """Every leaflet's name; a file name that cannot name outputs and catalogs safely
        (a line break, a control character, a space) is an error naming it."""
        names = sorted(p.stem for p in self.leaflets_dir.glob("*.yaml"))
        bad = [n for n in names if not NAME.fullmatch(n) or n in ("ui", "packs")]
        if bad:
            raise ContentError([Problem(f"leaflets/{n!r}.yaml" if not NAME.fullmatch(n)
                                        else f"leaflets/{n}.yaml", None, None,
                                        "a leaflet's file name may hold only letters, digits, "
                                        "'.', '_' and '-', and may not be ui or packs (it "
                                        "names its catalog and its PDFs): rename it")
                                for n in bad])
        return names

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
        for form in (Path(os.path.abspath(path)), Path(os.path.realpath(path))):
            for base, prefix in ((self.root, ""), (TOOL, "medleaf/")):
                try:  # a link as named first; medleaf's own files as medleaf/...
                    return prefix + str(form.relative_to(base))
                except ValueError:
                    pass
        return str(path)


def user_cache(*parts: str) -> Path:
    """A path in medleaf's folder of the user's cache (XDG_CACHE_HOME, or ~/.cache)."""
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root, "medleaf", *parts)

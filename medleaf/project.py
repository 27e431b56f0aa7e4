"""Where a leaflet project keeps its content: leaflets/, locales/, templates/ and its brand."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError


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
    def brand_dir(self) -> Path:
        return self.templates_dir / "brand"

    def leaflet_path(self, name: str) -> Path:
        return self.leaflets_dir / f"{name}.yaml"

    def leaflet_names(self) -> list[str]:
        return sorted(p.stem for p in self.leaflets_dir.glob("*.yaml") if p.stem != "ui")

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
        try:
            return str(path.resolve().relative_to(self.root))
        except ValueError:
            return str(path)

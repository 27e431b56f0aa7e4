"""What a renderer is asked for: one leaflet, in one language, on one paper, in one format."""

from __future__ import annotations

from dataclasses import dataclass

from medleaf.content.languages import Language
from medleaf.content.paper import PAPERS
from medleaf.errors import UsageError


@dataclass(frozen=True)
class RenderRequest:
    leaflet: str
    """The leaflet's name (its file, leaflets/NAME.yaml)."""
    language: Language
    paper: str = "A4"
    format: str = "pdf"
    """One of render.formats.FORMATS: pdf, proof."""
    allow_incomplete: bool = False
    """Print the texts whose translation is unfinished in English, marked, instead of
    refusing the language."""
    release: bool = False
    """Refuse a draft (a leaflet or translation no pharmacist approved)."""
    large_print: bool = False
    """Body text 16pt or more, larger headings, one column (for older eyes)."""
    also: Language | None = None
    """A second language: one bilingual leaflet, section by section (render/bilingual.py)."""
    archive: bool = False
    """PDF/A-3a as well as PDF/UA-1: the copy a clinic keeps for its records."""

    def __post_init__(self):
        if self.also == self.language:
            raise UsageError(f"a bilingual leaflet needs two languages, not {self.language} "
                             "twice")
        if self.paper not in PAPERS:
            raise UsageError(f"unknown paper size {self.paper!r} (choose "
                             f"{', '.join(PAPERS)})")

    @property
    def what(self) -> str:
        """How a message names what was asked for: 'baclofen (zh-HK)'."""
        both = f"{self.language}+{self.also}" if self.also else str(self.language)
        return f"{self.leaflet} ({both})"

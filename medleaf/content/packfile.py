"""A clinic's pack file, packs/NAME.yaml: the leaflets it hands out together, in order, with
a title and cover text (translated in the packs catalog), its brand, paper and languages.

    title: Medicines for your child
    cover_text: These leaflets explain the medicines your child may be given.
    paper: A5
    languages: [en, zh-HK]
    leaflets: [paracetamol-oral-suspension, amoxicillin]

Every field is documented below (PackFile) and validated like a monograph: each problem is
an error naming the file, line and field.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field

from medleaf.content.inputs import is_file, real
from medleaf.content.languages import Language
from medleaf.content.monograph import prose_in
from medleaf.content.paper import PAPERS
from medleaf.content.project import NAME, Project
from medleaf.content.schema import Model, Text
from medleaf.content.yamlfile import FieldPath, YamlFile, format_path
from medleaf.errors import ContentError, Problem, UsageError

DOMAIN = "packs"


class PackFile(Model):
    """A set of leaflets a clinic hands out together."""

    title: Text
    """The pack's title, on its cover (translated in the packs catalog)."""
    cover_text: Text | None = None
    """A few words under the title (translated in the packs catalog)."""
    brand: str | None = None
    """The brand folder, relative to the project; default templates/brand."""
    paper: Literal[tuple(PAPERS)] = "A4"
    """The paper size of the cover and every leaflet."""
    languages: list[str] = Field(min_length=1)
    """The languages, in any spelling the command line takes (en, zh-HK, zh_Hant_HK), each
    once: each leaflet comes in each language, in this order."""
    leaflets: list[str] = Field(min_length=1)
    """The leaflets, in the order they are printed."""


@dataclass(frozen=True)
class Pack:
    name: str
    fields: PackFile
    source: YamlFile
    languages: tuple[Language, ...]
    brand: Path | None
    """The brand folder (inside the project), or None for the project's own."""

    def texts(self):
        yield from prose_in(self.fields, ())

    def context(self, path: FieldPath) -> str:
        return f"pack:{self.name}:{format_path(path)}"

    @property
    def entries(self) -> list[tuple[str, Language]]:
        return [(name, language) for name in self.fields.leaflets for language in self.languages]


def load_pack(project: Project, path: Path) -> Pack:
    if not os.path.lexists(path):
        raise UsageError(f"no pack file {path}")
    if not NAME.fullmatch(Path(path).stem):
        raise ContentError([Problem(project.display(path), None, None, "a pack's file name "
                                    "may hold only letters, digits, '.', '_' and '-', and "
                                    "starts with a letter or digit (it names its texts' "
                                    "catalog entries and its PDF): rename it")])
    source = YamlFile(path, project.display(path))
    fields = source.validate(PackFile)
    languages: dict[Language, str] = {}
    problems = []
    for index, tag in enumerate(fields.languages):
        try:
            language = Language.parse(tag)
        except UsageError as exc:
            problems.append(source.problem(("languages", index), str(exc)))
            continue
        if language in languages:
            problems.append(source.problem(("languages", index), f"{tag} is the same language "
                                           f"as {languages[language]}: give it once"))
        languages.setdefault(language, tag)
    brand = None
    if fields.brand:
        brand = real(project.root / fields.brand)
        if not brand.is_relative_to(project.root) or not is_file(brand / "brand.yaml"):
            problems.append(source.problem(("brand",), f"{fields.brand!r} is not a brand "
                                           "folder (with brand.yaml) inside the project"))
    if problems:
        raise ContentError(problems)
    return Pack(path.stem, fields, source, tuple(languages), brand)

"""The brand a leaflet is printed under: one brand.yaml plus its assets (an SVG logo).

    name:    {en: Pine Harbour Family Clinic, zh-HK: 松港家庭醫務所}
    address: {en: ..., zh-HK: ...}
    phone:   +852 2345 6789
    website: www.example.hk
    logo:    logo.svg
    colours: {primary: "#0b6e69", accent: "#e39b2d", tint: "#eaf4f3"}

Texts keyed by language tag; English is required and is used where a language is missing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import pydantic
from pydantic import AfterValidator, field_validator

from medleaf.content.inputs import is_file, real
from medleaf.content.languages import SOURCE, Language
from medleaf.content.logo import problems as logo_problems
from medleaf.content.project import Project
from medleaf.content.schema import Model
from medleaf.content.yamlfile import YamlFile
from medleaf.errors import ContentError, Problem, UsageError


def _colour(value: str) -> str:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise ValueError(f"must be a colour written like #0b6e69, not {value!r}")
    return value


Colour = Annotated[str, AfterValidator(_colour)]


class Localized(pydantic.RootModel[dict[str, str]]):
    """A text in several languages, keyed by tag (en, zh-HK); en is required."""

    @field_validator("root")
    @classmethod
    def _has_english(cls, value: dict[str, str]) -> dict[str, str]:
        if SOURCE not in value:
            raise ValueError("an English ('en') text is required")
        return value

    def get(self, language: Language) -> str:
        """The text in `language` (its key in any spelling: zh-HK, zh_HK, zh-Hant-HK), else
        the English."""
        for key, text in self.root.items():
            if key == language.tag or _same_language(key, language):
                return text
        return self.root[SOURCE]


def _same_language(key: str, language: Language) -> bool:
    try:
        return Language.parse(key) == language
    except UsageError:
        return False


class Colours(Model):
    primary: Colour
    """Headings, rules and the header band."""
    accent: Colour
    """The border of the pharmacist tips box."""
    tint: Colour
    """The background of the pharmacist tips box."""


class BrandFile(Model):
    name: Localized
    address: Localized
    phone: str
    website: str
    logo: str
    """An SVG file in the brand folder."""
    colours: Colours


class Brand:
    """A loaded brand: its fields plus the folder its assets live in."""

    def __init__(self, directory: Path, fields: BrandFile, source: YamlFile):
        self.directory = directory
        self.fields = fields
        self.source = source

    @property
    def logo_path(self) -> Path:
        return self.directory / self.fields.logo

    def __getattr__(self, name):
        return getattr(self.fields, name)


def load_brand(project: Project, directory: Path | None = None) -> Brand:
    """The brand in `directory` (default templates/brand), with every problem at once: its
    fields, its language keys, characters its fonts lack, and its logo."""
    directory = real(directory or project.brand_dir)
    path = directory / "brand.yaml"
    shown = project.display(path)
    if not is_file(path):
        raise ContentError([Problem(shown, None, None, "no brand: add this file (see "
                                    "templates/brand in medleaf) or choose a brand folder "
                                    "with --brand")])
    source = YamlFile(path, shown)
    fields = source.validate(BrandFile)
    problems = _language_problems(source, fields)
    logo = directory / fields.logo
    if logo.suffix.lower() != ".svg" or not is_file(logo):
        problems.append(source.problem(("logo",), f"no SVG file {fields.logo} in "
                                       f"{project.display(directory)}"))
    elif not real(logo).is_relative_to(directory):
        problems.append(source.problem(("logo",), f"{fields.logo} leads outside the brand "
                                       f"folder (to {real(logo)}): copy the file in"))
    else:
        problems += logo_problems(logo, project.display(logo))
    if problems:
        raise ContentError(problems)
    return Brand(directory, fields, source)


def _language_problems(source: YamlFile, fields: BrandFile) -> list[Problem]:
    """Each text's language key must be a language."""
    problems = []
    for name in ("name", "address"):
        for key in getattr(fields, name).root:
            try:
                Language.parse(key)
            except UsageError as exc:
                problems.append(source.problem((name, key), str(exc)))
    return problems

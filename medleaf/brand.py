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

from .errors import ContentError, Problem
from .locales import SOURCE, Language
from .project import Project
from .schema import Model
from .yamlfile import YamlFile


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
        return self.root.get(language.tag, self.root[SOURCE])


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

    def __init__(self, directory: Path, fields: BrandFile):
        self.directory = directory
        self.fields = fields

    @property
    def logo_path(self) -> Path:
        return self.directory / self.fields.logo

    def __getattr__(self, name):
        return getattr(self.fields, name)


def load_brand(project: Project, directory: Path | None = None) -> Brand:
    directory = (directory or project.brand_dir).resolve()
    if not (directory / "brand.yaml").is_file():
        raise ContentError([Problem(project.display(directory / "brand.yaml"), None, None,
                                    "no brand: add this file (see templates/brand in medleaf) "
                                    "or choose a brand folder with --brand")])
    source = YamlFile(directory / "brand.yaml", project.display(directory / "brand.yaml"))
    fields = source.validate(BrandFile)
    logo = directory / fields.logo
    if logo.suffix.lower() != ".svg" or not logo.is_file():
        raise ContentError([source.problem(("logo",), f"no SVG file {fields.logo} in {directory}")])
    return Brand(directory, fields)

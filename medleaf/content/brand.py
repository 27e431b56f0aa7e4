"""The brand a leaflet is printed under: one brand.yaml plus its assets (an SVG logo).

    name:    {en: Pine Harbour Family Clinic, zh-HK: 松港家庭醫務所}
    address: {en: ..., zh-HK: ...}
    phone:   +852 2345 6789
    website: www.example.hk
    logo:    logo.svg
    colours: {primary: "#0b6e69", accent: "#e39b2d", tint: "#eaf4f3"}
    online_base_url: https://pineharbour.example.hk/leaflets/    (optional)

Every field is documented below (BrandFile) and validated like a monograph: an unknown or
missing field, a wrong value or a language key that is no language is an error naming its
file, line and field. Texts are keyed by language, in any spelling the command line takes
(zh-HK, zh_HK, zh-Hant-HK, zh_Hant_HK), each language once; English is required and prints
wherever a language has no text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit, urlunsplit

import pydantic
from pydantic import AfterValidator, StringConstraints, field_validator

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


def _base_url(value: str) -> str:
    """An absolute http(s) address with a host and nothing a page address cannot extend (no
    query, fragment or credentials), in ASCII; normalised to end with one '/'."""
    if not value.isascii() or re.search(r"[\s\x00-\x1f\x7f<>\"'`{}|\\^]", value):
        raise ValueError(f"{value!r} must be written in ASCII without spaces, quotes or "
                         "brackets: the host in punycode (xn--...), other characters "
                         "%-escaped")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:
        raise ValueError(f"{value!r} is not a valid web address") from None
    if parts.scheme.lower() not in ("https", "http") or not parts.hostname:
        raise ValueError(f"must be an absolute address starting https:// (or http://), "
                         f"not {value!r}")
    if "@" in parts.netloc:
        raise ValueError(f"{value!r} must not hold a user name or password")
    if parts.query or parts.fragment or "?" in value or "#" in value:
        raise ValueError(f"{value!r} must not hold a query (?...) or a fragment (#...): "
                         "each leaflet's address is this one followed by LANG/NAME.html")
    path = parts.path.rstrip("/") + "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, "", ""))


BaseUrl = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200),
                    AfterValidator(_base_url)]


Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""One line of text, not empty."""


class Localized(pydantic.RootModel[dict[str, Line]]):
    """A text in several languages, keyed by language (en, zh-HK); English is required."""

    @field_validator("root")
    @classmethod
    def _has_english(cls, value: dict[str, str]) -> dict[str, str]:
        if not any(_language(key) == Language.parse(SOURCE) for key in value):
            raise ValueError("an English ('en') text is required")
        return value

    def get(self, language: Language) -> str:
        """The text in `language` (its key in any spelling: zh-HK, zh_HK, zh-Hant-HK), else
        the English."""
        for key, text in self.root.items():
            if _language(key) == language:
                return text
        return self.get(Language.parse(SOURCE)) if not language.is_source else ""


def _language(key: str) -> Language | None:
    try:
        return Language.parse(key)
    except UsageError:
        return None


class Colours(Model):
    """The brand's colours, each written #rrggbb."""

    primary: Colour
    """Headings, rules and the header band."""
    accent: Colour
    """The border of the pharmacist tips box."""
    tint: Colour
    """The background of the pharmacist tips box."""


class BrandFile(Model):
    """templates/brand/brand.yaml (or BRAND/brand.yaml with --brand, or a pack's brand)."""

    name: Localized
    """The clinic's name, per language: in the header band and the footer."""
    address: Localized
    """The clinic's address, per language: in the footer."""
    phone: Line
    """The telephone number, printed as written (+852 2345 6789)."""
    website: Line
    """The website, printed as written (www.example.hk)."""
    logo: Line
    """The logo: an SVG file in the brand folder, drawn within itself (see logo.py)."""
    colours: Colours
    online_base_url: BaseUrl | None = None
    """The base address of the clinic's online leaflets (the HTML twin, `medleaf site`), such
    as https://pineharbour.example.hk/leaflets/: an absolute https:// (or http://) address
    with no query, fragment or credentials, at most 200 characters. When given, every PDF
    prints a QR code to its leaflet's page there (BASE/LANG/NAME.html), with the address
    beside it; when left out, no code and no address."""


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
    """Each text's language key must be a language, and each language given once."""
    problems = []
    for name in ("name", "address"):
        seen: dict[Language, str] = {}
        for key in getattr(fields, name).root:
            try:
                language = Language.parse(key)
            except UsageError as exc:
                problems.append(source.problem((name, key), str(exc)))
                continue
            if language in seen:
                problems.append(source.problem((name, key), f"{key} is the same language as "
                                               f"{seen[language]}: give each language once"))
            seen.setdefault(language, key)
    return problems

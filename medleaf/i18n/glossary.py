"""A locale's agreed usage, kept by its translators in locales/LOCALE/glossary.yaml.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator

from medleaf.content.languages import Language
from medleaf.content.project import Project
from medleaf.content.schema import Model
from medleaf.content.yamlfile import YamlFile


def _texts(value):
    """Terms may be numbers (999: "999"): read them as the text they are written as."""
    if isinstance(value, dict):
        return {_texts(k): _texts(v) for k, v in value.items()}
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) \
        else value


class Glossary(Model):
    """A locale's agreed usage, kept by its translators in locales/LOCALE/glossary.yaml."""

    terms: Annotated[dict[str, str], BeforeValidator(_texts)] = {}
    """English term: the agreed translation (Accident and Emergency: 急症室). A message
    whose English has the term must have the agreed form."""
    allowed_characters: str = ""
    """Local forms the script check must not flag (厘疱)."""
    brands: dict[str, str] = {}
    """Brand used in Hong Kong: its Chinese name where patients know one, "" if none
    (Panadol: 必理痛)."""


def glossary(project: Project, language: Language) -> Glossary:
    path = project.locales_dir / language.catalog_dir / "glossary.yaml"
    if not path.is_file():
        return Glossary()
    return YamlFile(path, project.display(path), number_keys=True).validate(Glossary)

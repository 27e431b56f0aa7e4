"""A locale's agreed usage, kept by its translators in locales/LOCALE/glossary.yaml: the
names of medicines and brands, the forms to write and to avoid, and agreed terms.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field

from medleaf.content.languages import Language
from medleaf.content.project import Project
from medleaf.content.schema import Model
from medleaf.content.yamlfile import YamlFile
from medleaf.i18n.profiles import Profile


def _texts(value):
    """Terms may be numbers (999: "999"): read them as the text they are written as."""
    if isinstance(value, dict):
        return {_texts(k): _texts(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_texts(v) for v in value]
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) \
        else value


Text = Annotated[str, Field(min_length=1, max_length=200)]
Texts = BeforeValidator(_texts)


class Glossary(Model):
    """A locale's agreed usage, kept by its translators in locales/LOCALE/glossary.yaml."""

    medicines: Annotated[dict[Text, Text], Texts] = {}
    """Generic name, as the monograph's names.generic writes it: its approved translation
    (Baclofen: 巴氯芬). The leaflet's catalog entry of the name, and every message whose
    English names the medicine, must use it; a leaflet whose generic name is not here is
    an error."""
    brands: Annotated[dict[Text, Annotated[str, Field(max_length=200)]], Texts] = {}
    """Brand used in the locale: the Chinese name patients know it by (Panadol: 必理痛), or
    "" if none. A message whose English names the brand keeps the brand as written and adds
    this name. A brand not listed is kept as written."""
    preferred: Annotated[dict[Text, Annotated[list[Text], Field(min_length=1)]], Texts] = {}
    """Preferred form: the forms a catalog must not use (腹瀉: [肚瀉]). Added to the
    language profile's own list (its `preferred`): an entry here replaces the profile's
    entry of the same form, and a form listed here as preferred is never avoided."""
    terms: Annotated[dict[Text, Text], Texts] = {}
    """English term: the agreed translation (Accident and Emergency: 急症室). A message
    whose English has the term (or its plural) must have the agreed form."""
    allowed_characters: str = ""
    """Local forms the script check must not flag (厘疱)."""


def glossary(project: Project, language: Language) -> Glossary:
    path = project.locales_dir / language.catalog_dir / "glossary.yaml"
    if not path.is_file():
        return Glossary()
    return YamlFile(path, project.display(path), number_keys=True).validate(Glossary)


def avoided(usage: Glossary, read_as: Profile) -> dict[str, tuple[str, bool]]:
    """Each form to avoid: (the preferred form, whether it is the language's own list, not
    a decision of the project's glossary)."""
    found = {bad: (good, True) for good, bads in read_as.preferred.items()
             if good not in usage.preferred for bad in bads}
    found.update({bad: (good, False) for good, bads in usage.preferred.items()
                  for bad in bads})
    return {bad: why for bad, why in found.items() if bad not in usage.preferred}

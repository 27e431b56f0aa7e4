"""The API's error messages in the page's language, through medleaf's gettext catalogs
(medleaf/locales/LOCALE/LC_MESSAGES/serve.po, context "serve"); English is the msgid.

A message the server makes itself is translated whole. A field's problem from the
directions model or the dose checks is translated by its kind (pydantic's error type, or
the check and field), its English (as the CLI says it, with the values) kept as `detail`.
"""

from __future__ import annotations

import functools
import re

from babel.messages.pofile import read_po

from medleaf.content.project import TOOL

DOMAIN = "serve"
CONTEXT = "serve"
UI_LANGUAGES = ("en", "zh-HK")
_CATALOG_DIRS = {"zh-HK": "zh_Hant_HK"}

# pydantic's error types -> a message of the kind (its ctx fills the placeholders)
BY_TYPE = {
    "missing": "is required",
    "extra_forbidden": "is not a field here (misspelt?)",
    "int_parsing": "must be a whole number", "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_parsing": "must be true or false", "bool_type": "must be true or false",
    "greater_than_equal": "must be at least %(ge)s",
    "less_than_equal": "must be at most %(le)s",
    "greater_than": "must be more than %(gt)s",
    "literal_error": "must be one of: %(expected)s",
    "string_type": "must be text",
    "string_too_long": "must be at most %(max_length)s characters",
    "string_too_short": "must not be empty",
    "model_type": "must be an object of fields", "model_attributes_type":
    "must be an object of fields", "dict_type": "must be an object of fields",
}
# the directions' own rules and the dose checks, by the start of their English
BY_START = [
    ("must be an amount such as", "must be an amount such as 1, 2.5 or ½"),
    ("must be more than 0 and at most", "must be more than 0 and at most 100"),
    ("must be a date", "must be a date written YYYY-MM-DD"),
    ("must be an amount of the drug", "must be an amount of the drug such as 10 mg or "
     "120 mg/5 ml"),
    ("give the amount for at least one", "give the amount for at least one time of day"),
    ("give exactly one of", "choose exactly one way of timing it: times a day, every so "
     "many hours, times a week, a schedule or as needed"),
    ("with schedule, the amounts", "with a schedule, leave the dose out: the schedule "
     "gives the amounts"),
    ("give dose", "give the dose (how much each time)"),
    ("give one of days, weeks", "give only one of: days, weeks, until finished, long term"),
    ("give route for", "give the route: this form does not say how it is taken"),
    ("a tablet is given whole", "a tablet is given whole, in halves or quarters"),
    ("ml are measured to", "ml are measured to 0.1 ml"),
    ("above ", "above this medicine's maximum; if it is meant, the pharmacist confirms it"),
    ("give strength", "give the strength, to check the dose against the maximum"),
]
_GIVEN_WHOLE = re.compile(r"a \w+ is given whole:")
# (check, field) of a dose check -> its message
BY_CHECK = {
    ("doses", "form"): "this medicine is not dispensed in this form",
    ("doses", "route"): "this medicine is not used this way",
    ("doses", "strength"): "this is not a strength this medicine comes in",
    ("doses", "dispensing"): "this medicine states no dispensing: it cannot be dispensed "
                             "with directions",
}


@functools.cache
def _strings(tag: str) -> dict[str, str]:
    folder = _CATALOG_DIRS.get(tag)
    if folder is None:
        return {}
    path = TOOL / "locales" / folder / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as po:
        catalog = read_po(po)
    return {m.id: m.string for m in catalog
            if m.id and m.context == CONTEXT and m.string and not m.fuzzy}


def translate(tag: str, message: str, **values) -> str:
    """`message` in the page's language (English when it has no translation)."""
    return _strings(tag).get(message, message) % values


def field_message(tag: str, english: str, kind: str | None = None, values: dict | None = None,
                  check: str | None = None, field: str | None = None) -> str:
    """A field's problem in the page's language; English as it is."""
    if tag == "en":
        return english
    if kind in BY_TYPE:
        return translate(tag, BY_TYPE[kind], **{k: _shown(v) for k, v in
                                                (values or {}).items()})
    if (check, field) in BY_CHECK and not english.startswith(("above", "give strength")):
        return translate(tag, BY_CHECK[(check, field)])
    if _GIVEN_WHOLE.match(english):
        return translate(tag, "this form is given whole: the amount must be a whole number")
    for start, message in BY_START:
        if english.startswith(start):
            return translate(tag, message)
    return translate(tag, "is not right")


def _shown(value) -> str:
    return str(value).replace("'", "").replace(" or ", ", ")


def every_message() -> list[str]:
    """Each message this module can ask for (the catalog must translate them all)."""
    from medleaf.serve import api

    return sorted({*BY_TYPE.values(), *(m for _, m in BY_START), *BY_CHECK.values(),
                   "this form is given whole: the amount must be a whole number",
                   "is not right", *api.MESSAGES})


def ui_language(query: str | None, accept_language: str | None) -> str:
    """The page's language: the `lang` query parameter's, else the best of
    Accept-Language among en and zh-HK (any Chinese reads zh-HK), else en."""
    if query:
        return _match(query.split("+")[0]) or "en"
    ranked = []
    for index, part in enumerate((accept_language or "").split(",")):
        tag, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            continue
        if tag and weight > 0:
            ranked.append((-weight, index, tag))
    for _, _, tag in sorted(ranked):
        if (found := _match(tag)) is not None:
            return found
    return "en"


def _match(tag: str) -> str | None:
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    return {"en": "en", "zh": "zh-HK"}.get(primary)

"""Languages: what users type (zh-HK, zh_HK, zh-Hant-HK), and what each name is used for."""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

from medleaf.errors import ContentError, Problem, UsageError

SOURCE = "en"


@dataclass(frozen=True)
class Language:
    """One output language. English is the source; others come from catalogs."""

    babel: Locale

    @classmethod
    def parse(cls, text: str) -> Language:
        """A language as a user writes it (zh-HK, zh_HK, zh-Hant-HK); every part it names
        must be in the locale it names (zh-Hant-HK-extra is no language)."""
        text = text.strip()
        parts = text.replace("_", "-").split("-")
        try:
            locale = Locale.parse(text, sep="-" if "-" in text else "_")
        except (ValueError, UnknownLocaleError, TypeError):
            locale = None
        known = {p.lower() for p in (locale.script, locale.territory) if p} if locale else set()
        if locale is None or len(parts) > 3 or locale.variant or \
                any(p.lower() not in known for p in parts[1:]):
            raise UsageError(f"unknown language {text!r} (try en or zh-HK)") from None
        if parts[0].lower() != locale.language or locale.language == "root":
            # 'und' is read as en-US, 'iw' as he-IL: a leaflet in a language not asked for
            hint = "" if parts[0].lower() in ("und", "root") else \
                f": did you mean {locale.language}?"
            raise UsageError(f"unknown language {text!r}{hint} (try en or zh-HK)")
        return cls(locale)

    @classmethod
    def parse_all(cls, text: str) -> tuple[Language, ...]:
        """A language, or two joined by '+' (en+zh-HK: a bilingual leaflet)."""
        found = tuple(cls.parse(part) for part in text.split("+"))
        if len(found) > 2 or len(set(found)) != len(found):
            raise UsageError(f"{text!r}: a bilingual leaflet is two different languages "
                             "joined by '+' (en+zh-HK)")
        return found

    @property
    def is_source(self) -> bool:
        return self.babel.language == SOURCE and self.babel.territory is None

    @property
    def tag(self) -> str:
        """The shortest tag that names exactly this locale, for file names and the CLI: en,
        zh-HK (Traditional, as Hong Kong writes it), zh-Hans-HK."""
        locale = self.babel
        for parts in ((locale.language,), (locale.language, locale.territory),
                      (locale.language, locale.script),
                      (locale.language, locale.script, locale.territory)):
            if None in parts:
                continue
            try:
                if Locale.parse("_".join(parts)) == locale:
                    return "-".join(parts)
            except (ValueError, UnknownLocaleError):
                continue
        return self.html_lang

    @property
    def html_lang(self) -> str:
        """BCP 47 tag with script for HTML and PDF: zh-Hant-HK selects Hong Kong glyphs."""
        return "-".join(p for p in (self.babel.language, self.babel.script,
                                    self.babel.territory) if p)

    @property
    def catalog_dir(self) -> str:
        """Folder under locales/: zh_Hant_HK."""
        return str(self.babel)

    @property
    def format_locale(self) -> Locale:
        """Locale for dates and numbers: English leaflets use Hong Kong English (22 May 2024)."""
        return Locale.parse("en_HK") if self.is_source else self.babel

    def __str__(self) -> str:
        return self.tag


def available_languages(locales_dir) -> list[Language]:
    """English plus every locale that has a catalog folder, in a stable order; a folder that
    names no locale is an error naming it."""
    found, problems = [], []
    for folder in sorted(locales_dir.glob("*/LC_MESSAGES")):
        name = folder.parent.name
        try:
            language = Language.parse(name)
        except UsageError:
            problems.append(Problem(f"{locales_dir.name}/{name}", None, None,
                                    "is not a locale (name a catalog folder like zh_Hant_HK, "
                                    "zh_Hans_CN or ja): rename or remove it"))
            continue
        if language.catalog_dir != name:  # zh_HK is read from zh_Hant_HK: say so
            problems.append(Problem(f"{locales_dir.name}/{name}", None, None,
                                    f"name the folder {language.catalog_dir}, the locale's "
                                    "full name, so that its catalogs are found"))
            continue
        found.append(language)
    if problems:
        raise ContentError(problems)
    return [Language.parse(SOURCE), *(lang for lang in found if not lang.is_source)]


def translations(locales_dir, chosen: list[Language] | None = None) -> list[Language]:
    """The languages catalogs are for: the chosen ones (None: every locale), never English."""
    languages = available_languages(locales_dir) if chosen is None else chosen
    return [lang for lang in languages if not lang.is_source]


@dataclass(frozen=True)
class Bilingual:
    """Two languages in one leaflet (--lang en+zh-HK), the first one first."""

    first: Language
    second: Language

    @property
    def tag(self) -> str:
        return f"{self.first.tag}+{self.second.tag}"

    def __str__(self) -> str:
        return self.tag

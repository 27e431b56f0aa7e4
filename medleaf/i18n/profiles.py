"""Language profiles: what medleaf needs to know of a language, as data.

Each language's script, direction, fonts, the Debian packages that install them, how its
translations write numbers and units (what the number check reads), its measure words and
which script its catalogs must not use, the words that forbid or negate (what the
prohibition and omission checks read), how long its translations run and how its
readability is measured. medleaf ships profiles in `medleaf/data/languages/`
(named like catalog folders: `zh_Hant_HK.yaml`, `zh_Hans.yaml`, `ur.yaml`), found from the
most specific name down (zh_Hant_HK, zh_Hant, zh). A project changes or adds one with a file
`locales/<catalog folder>/language.yaml`: its fields replace the built-in profile's, and
`units`, `number_words`, `measure_words`, `times_words`, `per`, `occasions`, `preferred`
and `variants` are merged key by key. A language with no profile at all gets Noto Sans,
with the direction Babel knows, and English units.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Annotated, Literal

from markupsafe import Markup
from pydantic import Field

from medleaf.content.inputs import file_hash, is_file
from medleaf.content.languages import Language
from medleaf.content.schema import Model
from medleaf.content.yamlfile import YamlFile

BUILT_IN = Path(__file__).resolve().parents[1] / "data" / "languages"
FILE_NAME = "language.yaml"
_MERGED = ("units", "number_words", "measure_words", "times_words", "per", "occasions",
           "ordinal_words", "preferred", "variants")
Name = Annotated[str, Field(min_length=1, max_length=80)]
Family = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,79}$")]
"""A font family's name: letters, digits, spaces, '.', '_' and '-' (it goes into CSS)."""
Package = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9.+-]{0,79}$")]
"""A Debian package's name (it goes into the advice on what to install)."""


class ProfileFile(Model):
    """The fields of a profile file (every one optional in a project's override)."""

    fonts: Annotated[list[Family], Field(min_length=1)] | None = None
    """Font families, first choice first: each character prints in the first that has it
    (Urdu: Noto Nastaliq Urdu, then Noto Sans for Latin names)."""
    packages: list[Package] | None = None
    """The Debian packages that install those fonts (what preflight says to install)."""
    direction: Literal["ltr", "rtl"] | None = None
    """Text direction; by default the one Babel knows for the locale."""
    cjk: bool | None = None
    """Chinese, Japanese or Korean line breaking and spacing."""
    line_height: Annotated[float, Field(ge=1.0, le=3.0)] | None = None
    """Line height of body text, for a script taller than Latin (Nastaliq: 2.1)."""
    numerals: Literal["chinese"] | None = None
    """Numbers written in words the number check also reads: 'chinese' for 一 二 十 百 半."""
    number_words: dict[Name, float] | None = None
    """Other words the number check reads as numbers (两: 2; English: two, a, half a); a
    word counts only before a unit."""
    units: dict[Name, list[Name]] | None = None
    """The words of each unit, by its English name (mg: [毫克], tablet: [粒, 片], hour:
    [小時]); '{}' marks where the number goes when the unit is written around it (°C:
    [攝氏{}度]). A translation may also write the English's units (5 mg)."""
    times_words: dict[Name, float] | None = None
    """Words that are a number of times on their own (English once: 1, twice: 2)."""
    per: dict[Name, list[Name]] | None = None
    """The phrases of 'a day', 'a week' ... by period (day: [每日, 每天]): with a number of
    times beside them they are a frequency (每日3次: 3 times a day)."""
    occasions: dict[Name, list[Name]] | None = None
    """Times of day a dose is given, by English name (bedtime: [睡前])."""
    every: list[Name] | None = None
    """The words of 'every' before an interval (每4小時: every 4 hours)."""
    range_words: list[Name] | None = None
    """The words between the two ends of a range (4至8星期: 4 to 8 weeks)."""
    fillers: list[Name] | None = None
    """Words that may stand between a number and its unit (3 or more times)."""
    not_quantities: list[Name] | None = None
    """Phrases that look like quantities and are not (English 'at once')."""
    ordinals: list[Name] | None = None
    """Words before a number that make it a position, not a quantity (第二噴: a second
    puff)."""
    between: list[Name] | None = None
    """Words of 'between': two of something between which (兩次服藥之間: between doses) is
    the grammar of 'between', no count the other language must state."""
    ordinal_words: dict[Name, float] | None = None
    """Ordinals in words, read as numbers that need not be matched (Third Schedule: 附表3)."""
    counters: list[Name] | None = None
    """Measure words of things that are no unit (兩隻手掌: 2 hands): the number counts."""
    measure_words: dict[Name, Name] | None = None
    """The word that counts each dose form (tablet: 粒), for directions."""
    refuse_script: Literal["Hans", "Hant"] | None = None
    """Chinese characters of this script are errors in the language's catalogs."""
    prohibitions: list[Name] | None = None
    """Words that forbid or warn (do not, never; 切勿, 不可), matched case-blind, as whole
    words where the language spaces its words; 'not … unless' is 'not', then 'unless' later
    in the same sentence; '^do not' counts only at the start of a sentence or clause (after
    , ; : or one of `clause_words`), elsewhere it negates ('if they do not go away'). A
    language without them is not checked for prohibitions or dropped warnings."""
    stops: list[Name] | None = None
    """Words that say something stops or is prevented (stop, stopping; 停, 阻止, 失效)."""
    limits: list[Name] | None = None
    """Words that set a maximum (no more than, maximum; 最多, 不超過): a limit may be
    translated as a limit or a prohibition."""
    negations: list[Name] | None = None
    """Other words that negate (not, without; 不, 沒, 無)."""
    clause_words: list[Name] | None = None
    """Words that open a clause, for '^' prohibitions (and, but, then)."""
    length_ratio: Annotated[float, Field(gt=0, le=10)] | None = None
    """The median length of a translation over its English (characters other than spaces,
    messages of 8 English words or more): the omission check reports a translation under
    45% of it. None: lengths are not checked."""
    readability: Literal["chinese"] | None = None
    """How `medleaf check` measures a catalog's reading ease: 'chinese' for characters a
    sentence and the share of uncommon characters (checks/chinese_readability.py)."""
    usage: Name | None = None
    """Whose usage `preferred` records, as the vocabulary check names it (Hong Kong)."""
    preferred: dict[Name, Annotated[list[Name], Field(min_length=1)]] | None = None
    """Preferred form: the forms of other regions a catalog must not use (的士: [計程車]);
    a project's glossary adds its own."""
    variants: dict[Name, Annotated[list[Name], Field(min_length=2)]] | None = None
    """English term: the forms translators write for it (diarrhoea: [腹瀉, 肚瀉]); the
    consistency check flags a library whose catalogs use more than one."""


class Profile(Model):
    """One language's profile, every field settled."""

    name: str
    fonts: list[str]
    packages: list[str]
    direction: Literal["ltr", "rtl"]
    cjk: bool
    line_height: float | None
    numerals: str | None
    number_words: dict[str, float]
    units: dict[str, list[str]]
    measure_words: dict[str, str]
    times_words: dict[str, float]
    per: dict[str, list[str]]
    occasions: dict[str, list[str]]
    every: list[str]
    range_words: list[str]
    fillers: list[str]
    not_quantities: list[str]
    ordinals: list[str]
    between: list[str]
    ordinal_words: dict[str, float]
    counters: list[str]
    refuse_script: str | None
    prohibitions: list[str]
    stops: list[str]
    limits: list[str]
    negations: list[str]
    clause_words: list[str]
    length_ratio: float | None
    readability: str | None
    usage: str | None
    preferred: dict[str, list[str]]
    variants: dict[str, list[str]]
    digest: str
    """A hash of the files the profile was read from (part of every build fingerprint)."""

    @property
    def css_fonts(self) -> Markup:
        """The font-family value: '"Noto Nastaliq Urdu", "Noto Sans"' (each name checked
        to hold nothing CSS would read otherwise)."""
        return Markup(", ".join(f'"{family}"' for family in self.fonts))

    @property
    def font(self) -> str:
        return self.fonts[0]


_DEFAULT = ProfileFile(fonts=["Noto Sans"], packages=["fonts-noto-core"], cjk=False,
                       line_height=None,
                       number_words={}, units={}, measure_words={}, prohibitions=[],
                       stops=[], limits=[], negations=[], clause_words=[], times_words={},
                       per={}, occasions={}, every=[], range_words=["-", "–"], fillers=[],
                       not_quantities=[], ordinals=[], between=[],
                       ordinal_words={}, counters=[], preferred={}, variants={})


def profile(language: Language, locales_dir: Path | None = None) -> Profile:
    """The language's profile: medleaf's, with the project's override (if `locales_dir` is
    given and has one). A broken profile file is a ContentError naming file, line and
    field."""
    files = _built_in_files(language.babel)
    if locales_dir is not None:
        override = Path(locales_dir) / language.catalog_dir / FILE_NAME
        if is_file(override):
            files.append(override)
    return _profile(str(language.babel), language.babel.character_order,
                    tuple((str(path), file_hash(path)) for path in files),
                    locales_dir.name if locales_dir is not None else "locales")


def _built_in_files(locale) -> list[Path]:
    """medleaf's profile file for the locale: the most specific one there is."""
    names = [str(locale), *("_".join(p) for p in ((locale.language, locale.script),
                                                  (locale.language, locale.territory))
                            if None not in p), locale.language]
    return next(([BUILT_IN / f"{n}.yaml"] for n in names if (BUILT_IN / f"{n}.yaml").is_file()),
                [])


@functools.lru_cache(maxsize=64)
def _profile(locale: str, order: str, files: tuple[tuple[str, str], ...],
             locales_name: str) -> Profile:
    fields = _DEFAULT.model_dump()
    for path, _ in files:
        path = Path(path)
        shown = f"medleaf/data/languages/{path.name}" if path.parent == BUILT_IN else \
            f"{locales_name}/{path.parent.name}/{path.name}"
        given = YamlFile(path, shown).validate(ProfileFile).model_dump(exclude_none=True)
        for key, value in given.items():
            fields[key] = {**fields[key], **value} if key in _MERGED else value
    fields["direction"] = fields["direction"] or ("rtl" if order == "right-to-left" else "ltr")
    digest = hashlib.sha256(repr(files).encode()).hexdigest()[:16]
    return Profile(name=locale, digest=digest, **fields)

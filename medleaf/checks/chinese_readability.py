"""Reading ease of a Chinese catalog (a profile with `readability: chinese`), where English
has its Flesch-Kincaid grade:

- characters a sentence: the letters, digits and Chinese characters of the leaflet's
  translated texts over their sentences (ended by 。！？, a line, or the end of a text);
- uncommon characters: the share of its Chinese characters outside the COMMON most frequent
  of jieba's dictionary (jieba/dict.txt: each word's frequency counts for each of its
  characters), the text converted to Simplified first (OpenCC hk2s), as the dictionary is.

`medleaf check` prints both beside the English grade, and warns above `--max-sentence` or
`--max-uncommon`.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from medleaf.content.inputs import file_hash
from medleaf.content.languages import Language
from medleaf.content.markup import plain
from medleaf.content.monograph import Leaflet
from medleaf.content.project import Project, user_cache
from medleaf.content.writes import OutputError, write_atomic
from medleaf.errors import Problem
from medleaf.i18n.catalogs import po_path, read_catalog
from medleaf.i18n.profiles import profile

COMMON = 3000
"""How many of the dictionary's most frequent characters are common."""
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_SENTENCE = re.compile(r"(?<=[。！？!?])|\n+")


@dataclass(frozen=True)
class Reading:
    sentence_length: float
    """Mean characters (letters, digits, Chinese characters) a sentence."""
    uncommon: float
    """Percentage of the Chinese characters outside the COMMON most frequent."""
    longest: tuple[str, ...]
    """The three longest sentences."""
    rare: str
    """The uncommon characters, as written, each once, most used first."""

    def __str__(self) -> str:
        return f"{self.sentence_length:.1f} characters a sentence, {self.uncommon:.1f}% " \
            "uncommon characters"


@functools.cache
def common_characters() -> frozenset[str]:
    """The COMMON most frequent characters of jieba's dictionary (read without importing
    jieba, which loads pkg_resources), kept in the user's cache under the dictionary's
    hash."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("jieba is not installed: it ships the character frequencies")
    path = Path(spec.submodule_search_locations[0]) / "dict.txt"
    kept = user_cache(f"common-characters-{COMMON}-{file_hash(path)[:16]}.txt")
    try:
        return frozenset(kept.read_text(encoding="utf-8"))
    except OSError:
        pass
    counts = Counter()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, frequency = line.split(" ", 2)[:2]
            for character in word:
                counts[character] += int(frequency)
    common = "".join(c for c, _ in counts.most_common(COMMON))
    try:
        write_atomic(kept, common.encode())
    except OutputError:
        pass  # a read-only home only costs time
    return frozenset(common)


@functools.cache
def _simplified():
    import opencc

    return opencc.OpenCC("hk2s")


def measure(texts: list[str]) -> Reading | None:
    """The reading figures of some texts as they print; None if they have no sentence."""
    sentences = [s for text in texts for s in _SENTENCE.split(text) if re.search(r"\w", s)]
    if not sentences:
        return None
    common = common_characters()
    written = "".join(texts)
    simplified = _simplified().convert(written)
    pairs = [(a, b) for a, b in zip(written, simplified, strict=False) if _HAN.match(a)] \
        if len(simplified) == len(written) else [(c, c) for c in _HAN.findall(simplified)]
    rare = Counter(a for a, b in pairs if b not in common)
    longest = sorted(sentences, key=_characters, reverse=True)[:3]
    return Reading(statistics.mean(map(_characters, sentences)),
                   100 * sum(rare.values()) / max(len(pairs), 1),
                   tuple(s.strip() for s in longest), "".join(c for c, _ in rare.most_common()))


def _characters(sentence: str) -> int:
    return len(re.findall(r"\w", sentence))


def catalog_reading(project: Project, leaflet: Leaflet, language: Language
                    ) -> Reading | None:
    """The figures of the leaflet's translated texts (not fuzzy) in the language; None for a
    language measured otherwise, or a catalog not there."""
    if profile(language, project.locales_dir).readability != "chinese":
        return None
    path = po_path(project, language, leaflet.name)
    if not path.is_file():
        return None
    prefix = f"{leaflet.name}:"
    return measure([plain(m.string) for m in read_catalog(project, path, language)
                    if m.id and isinstance(m.string, str) and m.string.strip()
                    and not m.fuzzy and (m.context or "").startswith(prefix)])


def check_chinese_readability(project: Project, leaflet: Leaflet, language: Language,
                              max_sentence: float, max_uncommon: float) -> list[Problem]:
    """(a warning) A catalog above either limit, naming its longest sentences or its
    uncommon characters."""
    reading = catalog_reading(project, leaflet, language)
    if reading is None:
        return []
    found = []
    if reading.sentence_length > max_sentence:
        quoted = "; ".join(f"「{s}」" for s in reading.longest)
        found.append(f"{reading.sentence_length:.1f} characters a sentence is above "
                     f"{max_sentence:g}; longest sentences: {quoted}")
    if reading.uncommon > max_uncommon:
        found.append(f"{reading.uncommon:.1f}% uncommon characters is above {max_uncommon:g}%"
                     f" (outside the {COMMON:,} commonest): {reading.rare[:30]}")
    shown = project.display(po_path(project, language, leaflet.name))
    return [Problem(shown, None, None, message, "readability", warning=True)
            for message in found]

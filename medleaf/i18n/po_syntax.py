"""The syntax of a .po file, checked line by line before Babel reads it.

Babel's reader is lenient: `msgstr "巴氯芬` (no closing quote) reads as 巴氯, and a second
entry for the same message replaces the first. A catalog is what a patient reads, so here
every line must be a comment, a keyword with one whole quoted string, or a continuation
string; every escape must be one gettext knows; every entry must have its msgid and msgstr
in order, once; and the charset must be UTF-8. Each problem names its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from babel.messages.pofile import unescape

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(.*)")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"\s*')
_ESCAPE = re.compile(r'\\[\\abfnrtv"]|\\(.?)')  # the escapes Babel reads
_ORDER = {"msgctxt": 0, "msgid": 1, "msgid_plural": 2, "msgstr": 3}


@dataclass
class _Entry:
    line: int
    obsolete: bool
    flags: set[str]
    parts: dict[str, str] = field(default_factory=dict)
    last: str | None = None
    broken: bool = False
    """A line of it was already reported: its structure is not reported again."""
    mixed: bool = False
    """Some of its lines are obsolete (#~) and some not."""


@dataclass
class Syntax:
    """What the check found: the problems, by line, and the entries it counted."""

    problems: list[tuple[int, str]] = field(default_factory=list)
    messages: int = 0
    """Entries with a msgid, header and obsolete ones excluded."""
    flags: list[set[str]] = field(default_factory=list)
    """The flags of each of those entries, as written (Babel guesses python-format)."""
    charset: str | None = None
    language: str | None = None
    """The header's Language: field, as written."""


def check(text: str) -> Syntax:
    result = Syntax()
    entry: _Entry | None = None
    flags: set[str] = set()  # of the entry the next keyword starts
    seen: dict[tuple[str | None, str], int] = {}

    def finish() -> None:
        nonlocal entry
        if entry is None:
            return
        parts = entry.parts
        if "msgid" not in parts or not any(key.startswith("msgstr") for key in parts):
            if not entry.broken:
                result.problems.append((entry.line, "msgid without msgstr" if "msgid" in parts
                                        else "an entry without msgid"))
        elif entry.mixed:
            result.problems.append((entry.line, "an entry that is partly obsolete (#~) and "
                                    "partly not: make it all one or the other"))
        elif not entry.obsolete:
            key = tuple(None if v is None else unescape(f'"{v}"')  # an escaped tab is a tab
                        for v in (parts.get("msgctxt"), parts["msgid"]))
            if parts["msgid"] == "" and key[0] is not None:
                result.problems.append((entry.line, "a message with a context needs a "
                                        "msgid"))
            elif parts["msgid"] == "":
                result.charset = _charset(parts.get("msgstr", ""))
                found = re.search(r"(?:^|\\n)Language:\s*([^\\]*)", parts.get("msgstr", ""))
                result.language = found[1].strip() if found else None
            elif key in seen:
                result.problems.append((entry.line, f"the same message as line {seen[key]} "
                                        "(a message may appear only once)"))
            else:
                seen[key] = entry.line
                result.messages += 1
                result.flags.append(entry.flags)
        entry = None

    for number, raw in enumerate(text.splitlines(), 1):
        line, obsolete = raw.strip(), False
        if line.startswith("#~"):
            line, obsolete = line[2:].strip(), True
            if line.startswith("|"):
                continue  # an obsolete entry's previous text: never used
        elif line.startswith("#|"):  # the previous text of a fuzzy entry: checked, not kept
            problem = _previous(line[2:].strip())
            if problem:
                result.problems.append((number, problem))
            continue
        if not line:
            finish()
            continue
        if line.startswith("#"):
            if entry is not None and entry.parts:
                finish()  # comments start the next entry
            if line.startswith("#,") and not obsolete:
                flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        keyword = _KEYWORD.fullmatch(line)
        if keyword:
            name, rest = keyword.groups()
            kind = "msgstr" if name.startswith("msgstr") else name
            if entry is None or (entry.last is not None and _ORDER[kind] <
                                 _ORDER["msgstr" if entry.last.startswith("msgstr")
                                        else entry.last]) or \
                    (kind != "msgstr" and kind in entry.parts):
                finish()
                entry, flags = _Entry(number, obsolete, flags), set()
            if name in entry.parts:
                result.problems.append((number, f"{name} given twice in one entry"))
            elif kind == "msgstr" and "msgid" not in entry.parts and not entry.broken:
                result.problems.append((number, f"{name} without a msgid before it"))
            entry.broken |= name in entry.parts
        elif line.startswith('"'):
            if entry is None or entry.last is None:
                result.problems.append((number, "a string that follows no msgid or msgstr"))
                continue
            name, rest = entry.last, line
        else:
            result.problems.append((number, f"unexpected text {_shown(line)}: expected a "
                                    "comment (#), a keyword (msgid, msgstr ...) or a quoted "
                                    "string"))
            if entry is None or entry.last is not None and entry.last.startswith("msgstr"):
                finish()
                entry, flags = _Entry(number, obsolete, flags), set()
            entry.broken = True
            continue
        value, problem = _string(rest, name)
        if problem:
            result.problems.append((number, problem))
            entry.broken = True
        entry.mixed |= obsolete != entry.obsolete
        entry.parts[name] = entry.parts.get(name, "") + (value or "")
        entry.last = name
    finish()
    if result.charset and result.charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        result.problems.append((1, f"the charset is {result.charset}: a catalog must be "
                                "UTF-8 (Content-Type: text/plain; charset=UTF-8)"))
    return result


def _string(rest: str, name: str) -> tuple[str | None, str | None]:
    """The value of one quoted string, or why it is not one."""
    match = _STRING.match(rest)
    if not match:
        if rest.startswith('"'):
            return None, f"{name}: the string has no closing quote"
        return None, f"{name}: expected one quoted string, found {_shown(rest)}"
    if match.end() != len(rest):
        return None, f"{name}: text after the closing quote: {_shown(rest[match.end():])} " \
            "(a quote inside a string is written \\\")"
    for escape in _ESCAPE.finditer(match[1]):
        if escape[1] is not None:
            return None, f"{name}: unknown escape \\{escape[1]} (write a backslash as \\\\)"
    return match[1], None  # as written, escapes included: enough to compare and to read


def _previous(line: str) -> str | None:
    keyword = _KEYWORD.fullmatch(line)
    rest, name = (keyword[2], keyword[1]) if keyword else (line, "#|")
    if not keyword and not line.startswith('"'):
        return f"unexpected text after #|: {_shown(line)}"
    return _string(rest, name)[1]


def _charset(header: str) -> str | None:
    match = re.search(r"Content-Type:[^\\]*?charset=([^\s;\\]+)", header, re.I)
    return match[1] if match else None


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:40] + "…")

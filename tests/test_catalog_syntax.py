"""A catalog is read whole or not at all: every malformed line is reported with its line, no
command prints from it, and no command rewrites it."""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import REPO, run

from medleaf.i18n.interface import SHIPPED

PO = "locales/zh_Hant_HK/LC_MESSAGES/baclofen.po"
UI = "locales/zh_Hant_HK/LC_MESSAGES/ui.po"


def line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def plant(project, old: str, new: str, path: str = PO) -> tuple[str, int]:
    """Replace the first line starting with `old` by `new`; return the text and its line."""
    file = project / path
    text = file.read_text()
    line = line_of(text, old)
    lines = text.splitlines(keepends=True)
    lines[line - 1] = new + "\n"
    file.write_text("".join(lines))
    return "".join(lines), line


def every_command_refuses(project, message: str, path: str = PO) -> None:
    """check, build, html and i18n update all stop with the message; the file is unchanged."""
    before = (project / path).read_bytes()
    for args in (["check"], ["build", "baclofen", "--lang", "zh-HK", "--out",
                             str(project / "out")],
                 ["html", "baclofen", "--lang", "zh-HK"], ["i18n", "update"],
                 ["review", "approve", "baclofen", "--lang", "zh-HK", "--by", "Chan Tai Man"]):
        result = run(*args, root=project)
        assert result.exit_code == 1, (args, result.output)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output
    assert (project / path).read_bytes() == before
    assert not list((project / "out").glob("*.pdf")) if (project / "out").exists() else True


def test_a_missing_closing_quote_is_an_error_never_a_shorter_drug_name(project):
    _, line = plant(project, 'msgstr "巴氯芬"', 'msgstr "巴氯芬')
    every_command_refuses(project, f"{PO}:{line}: msgstr: the string has no closing quote")


def test_a_message_given_twice_is_an_error(project):
    text = (project / PO).read_text()
    first = line_of(text, 'msgctxt "baclofen:uses[0]"')
    entry = re.search(r'\n(msgctxt "baclofen:uses\[0\]"\n(?:.+\n)+)', text)[1]
    (project / PO).write_text(text + "\n" + entry.replace("msgstr \"", "msgstr \"另一個", 1))
    second = line_of((project / PO).read_text()[len(text):], "msgctxt") + \
        text.count("\n")
    every_command_refuses(project, f"{PO}:{second}: the same message as line {first} (a "
                          "message may appear only once)")


@pytest.mark.parametrize("line,message", [
    ('msgstr "巴氯芬\\q"', "msgstr: unknown escape \\q (write a backslash as \\\\)"),
    ('msgstr "巴氯芬" trailing', "msgstr: text after the closing quote: 'trailing'"),
    ('msgstr 巴氯芬', "msgstr: expected one quoted string, found '巴氯芬'"),
])
def test_malformed_strings_name_their_line(project, line, message):
    _, number = plant(project, 'msgstr "巴氯芬"', line)
    every_command_refuses(project, f"{PO}:{number}: {message}")


def test_a_catalog_in_another_charset_is_refused(project):
    text = (project / PO).read_text().replace("charset=utf-8", "charset=klingon-8", 1)
    (project / PO).write_text(text)
    every_command_refuses(project, f"{PO}:1: the charset is klingon-8: a catalog must be UTF-8")


@pytest.mark.parametrize("encoding,message", [
    ("utf-16", f"{PO}:1: is UTF-16 text: save it as UTF-8"),
    ("big5", "is not UTF-8 text (byte 0x"),
])
def test_a_catalog_not_in_utf8_names_file_and_line(project, encoding, message):
    text = (project / PO).read_text()
    (project / PO).write_bytes(text.replace("charset=utf-8", f"charset={encoding}")
                               .encode(encoding))
    every_command_refuses(project, message)
    if encoding == "big5":  # the line of the first byte that is not UTF-8
        first = next(i for i, line in enumerate(text.splitlines(), 1)
                     if any(ord(c) > 127 for c in line))
        assert f"{PO}:{first}: is not UTF-8 text" in run("check", root=project).stderr


def test_a_binary_file_is_not_a_catalog(project):
    (project / PO).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    every_command_refuses(project, f"{PO}:3: is not a text file (it holds NUL bytes)")


def test_leaflet_texts_carry_no_format_flag_and_interface_strings_all_do(project):
    """Babel guesses python-format from '0.5% eye drops'; GNU msgfmt then rejects the
    translation. Only the interface strings are %-formatted when rendered, all of them."""
    run("i18n", "extract", root=project)
    eye = (project / "locales/templates/chloramphenicol-eye-drops.pot").read_text()
    assert "0.5% eye" in eye and "python-format" not in eye
    ui = (project / "locales/templates/ui.pot").read_text()
    assert ui.count("#, python-format") == ui.count("\nmsgid ") - 1  # all but the header


def test_every_shipped_catalog_passes_gnu_msgfmt_check():
    """The project's catalogs and those medleaf ships (its interface, a new repository's)."""
    catalogs = sorted(po for folder in ("locales", "medleaf/locales", "medleaf/data")
                      for po in (REPO / folder).rglob("*.po"))
    assert len(catalogs) >= 11 and (SHIPPED / "zh_Hant_HK/LC_MESSAGES/ui.po") in catalogs
    for po in catalogs:
        done = subprocess.run(["msgfmt", "--check", "--output-file=/dev/null", str(po)],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr


def test_update_restores_the_exact_flags_of_an_old_catalog(project):
    """A catalog written by an earlier medleaf (Babel's guessed flag) is corrected."""
    po = project / "locales/zh_Hant_HK/LC_MESSAGES/chloramphenicol-eye-drops.po"
    text = po.read_text()
    at = text.index('msgctxt "chloramphenicol-eye-drops:names.brands[1].note"')
    po.write_text(text[:at] + "#, python-format\n" + text[at:])
    assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)]).returncode == 1
    assert run("i18n", "update", root=project).exit_code == 0
    assert po.read_text() == text


def test_staleness_ignores_the_tool_version_and_dates(project):
    """A Babel upgrade changes 'Generated-By'; translators' content did not change."""
    for pot in (project / "locales/templates").glob("*.pot"):
        text = pot.read_text()
        pot.write_text(re.sub(r"Generated-By: Babel [\d.]+", "Generated-By: Babel 9.9.9",
                              text).replace("2024-01-01 00:00", "2031-05-05 12:00"))
    assert run("i18n", "stats", "--check", root=project).exit_code == 0
    pot = project / "locales/templates/baclofen.pot"
    before = pot.read_bytes()
    assert "up to date: locales/templates/baclofen.pot" in run("i18n", "extract",
                                                               root=project).stdout
    assert pot.read_bytes() == before
    # but a reference, comment or flag that changed is staleness
    pot.write_text(pot.read_text().replace("leaflets/baclofen.yaml:13", "leaflets/baclofen"
                                           ".yaml:14", 1))
    result = run("i18n", "stats", "--check", root=project)
    assert result.exit_code == 1
    assert "locales/templates/baclofen.pot is out of date: run 'medleaf i18n extract'" \
        in result.stdout


def test_a_message_given_twice_once_with_an_escape_is_an_error(project):
    """msgid "a\\tb" and msgid "a<TAB>b" are the same message: Babel keeps the second."""
    text = (project / PO).read_text()
    extra = '\nmsgctxt "x"\nmsgid "a\\tb"\nmsgstr "甲"\n\nmsgctxt "x"\nmsgid "a\tb"\nmsgstr "乙"\n'
    (project / PO).write_text(text + extra)
    first = text.count("\n") + 2
    every_command_refuses(project, f"{PO}:{first + 4}: the same message as line {first} (a "
                          "message may appear only once)")

"""Catalog extraction and the rule that a half-translated leaflet never reaches a patient."""

from __future__ import annotations

import os
import re

from babel.messages.pofile import read_po
from conftest import REPO, run

PO = "locales/zh_Hant_HK/LC_MESSAGES/baclofen.po"


def read(path):
    with open(path, "rb") as fileobj:
        return read_po(fileobj)


def test_extract_gives_each_text_a_context_and_yaml_line(project):
    (project / "locales/templates/baclofen.pot").unlink()
    result = run("i18n", "extract", root=project)
    assert result.exit_code == 0
    assert "created locales/templates/baclofen.pot" in result.stdout
    assert "up to date: locales/templates/ui.pot" in result.stdout
    pot = (project / "locales/templates/baclofen.pot").read_text()
    yaml_lines = (project / "leaflets/baclofen.yaml").read_text().splitlines()
    adults = next(i for i, line in enumerate(yaml_lines, 1) if line.startswith("  adults:"))
    assert re.search(r'#\. Numbers and units must match the English \(5 mg -> 5毫克, three '
                     r'times -> 3次\).\n'
                     rf'#: leaflets/baclofen.yaml:{adults}\nmsgctxt "baclofen:dosage.adults"\n'
                     r'msgid ""\n"Adults usually start with 5 mg three times a day', pot)
    assert "#. Write Baclofen with its agreed translated name." in pot
    assert 'msgctxt "baclofen:tips[9].body"' in pot
    ui = read(project / "locales/templates/ui.pot")
    assert ui.get("Pharmacist tips") is not None
    assert ui.get("Page %(page)s of %(pages)s") is not None


def test_shipped_catalogs_are_complete_and_current(project):
    """Every message of the current sources is in the catalog, translated, not fuzzy."""
    run("i18n", "extract", root=project)
    for domain in ("baclofen", "ui"):
        template = read(project / f"locales/templates/{domain}.pot")
        catalog = read(project / f"locales/zh_Hant_HK/LC_MESSAGES/{domain}.po")
        for message in template:
            if not message.id:
                continue
            translated = catalog.get(message.id, message.context)
            assert translated is not None and translated.string, (domain, message.id)
            assert not translated.fuzzy, (domain, message.id)


def test_an_incomplete_catalog_blocks_its_language_only(project):
    po = project / PO
    text = po.read_text()
    # blank one translation and mark another fuzzy
    entry = r'(msgctxt "baclofen:dosage.adults"\nmsgid (?:".*"\n)+)msgstr (?:".*"\n)+'
    text, blanked = re.subn(entry, r'\1msgstr ""\n', text)
    text, fuzzed = re.subn(r'(\n)(msgctxt "baclofen:tips\[1\].body")', r'\1#, fuzzy\n\2', text)
    assert blanked == fuzzed == 1
    po.write_text(text)
    lines = text.splitlines()
    out = project / "out"
    result = run("build", "baclofen", "--out", str(out), root=project)
    assert result.exit_code == 1
    assert (out / "baclofen.en.pdf").exists()
    assert not (out / "baclofen.zh-HK.pdf").exists()
    assert "failed: baclofen (zh-HK):" in result.stderr
    errors = re.findall(rf"error: {re.escape(PO)}:(\d+): \[(\S+)\] (\S+): (.*)",
                        result.stderr)
    found = {context: (int(line), check) for line, check, context, _ in errors}
    assert set(found) == {"baclofen:dosage.adults", "baclofen:tips[1].body"}
    assert found["baclofen:dosage.adults"][1] == "untranslated"
    assert found["baclofen:tips[1].body"][1] == "fuzzy"
    for context, (line, _) in found.items():
        assert context in "\n".join(lines[line - 2:line + 1]), context
    assert re.search(r"^1 built, 0 up to date, 1 failed in \d+\.\d s\.\n\Z", result.stdout, re.M)


def test_a_malformed_catalog_names_file_and_line(project):
    po = project / PO
    lines = po.read_text().splitlines()
    broken = next(i for i, line in enumerate(lines) if line.startswith("msgid ") and i > 20)
    lines[broken] = "msgid_bogus oops"
    po.write_text("\n".join(lines) + "\n")
    result = run("build", "baclofen", "--lang", "zh-HK", "--out", str(project / "out"),
                 root=project)
    assert result.exit_code == 1
    assert f"error: {PO}:{broken + 1}: " in result.stderr
    assert "Traceback" not in result.output


def test_a_build_reads_the_catalogs_as_they_are_and_writes_nothing_into_locales(project):
    def tree():
        return {p: p.read_bytes() for p in sorted((project / "locales").rglob("*"))
                if p.is_file()}

    before = tree()
    assert run("build", "baclofen", "--lang", "zh-HK", "--out", str(project / "o"),
               root=project).exit_code == 0
    assert tree() == before
    po = project / PO
    stat = po.stat()
    po.write_text(po.read_text().replace('msgstr "儲存方法"', 'msgstr "妥善儲存"', 1))
    os.utime(po, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with the old time
    html = run("html", "baclofen", "--lang", "zh-HK", root=project).stdout
    assert "妥善儲存" in html and "儲存方法" not in html


def test_translator_notes_name_what_needs_care():
    from medleaf.content.monograph import load_leaflet
    from medleaf.content.project import Project
    from medleaf.i18n.templates import translator_notes

    leaflet = load_leaflet(Project.at(REPO), "baclofen")
    assert translator_notes(leaflet, "Lioresal is sold as tablets.") == [
        "Keep the brand names as written: Lioresal."]
    assert translator_notes(leaflet, "Take two tablets.")[0].startswith("Numbers and units")
    assert translator_notes(leaflet, "Storage") == []


def test_a_warm_session_sees_catalog_and_monograph_changes(baclofen_only):
    """A long-lived process (batch worker, counter server) never prints stale text."""
    import pytest

    from medleaf.content.languages import Language
    from medleaf.content.project import Project
    from medleaf.errors import ContentError
    from medleaf.render.renderer import Renderer
    from medleaf.render.request import RenderRequest

    def touch(path):
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))

    project = baclofen_only
    session = Renderer(Project.at(project))
    zh, en = Language.parse("zh-HK"), Language.parse("en")
    first = session.html(RenderRequest("baclofen", zh))
    assert "藥劑師小貼士" in first and "儲存方法" in first
    # the translators change both catalogs: the same session prints the new words
    ui = project / "locales/zh_Hant_HK/LC_MESSAGES/ui.po"
    ui.write_text(ui.read_text().replace('msgstr "藥劑師小貼士"', 'msgstr "藥劑師貼士"'))
    po = project / PO
    po.write_text(po.read_text().replace('msgstr "儲存方法"', 'msgstr "存放方法"'))
    touch(ui), touch(po)
    second = session.html(RenderRequest("baclofen", zh))
    assert "藥劑師貼士" in second and "存放方法" in second and "儲存方法" not in second
    # a pharmacist edits the English: English shows it, Chinese is refused until translated
    yaml = project / "leaflets/baclofen.yaml"
    yaml.write_text(yaml.read_text().replace("title: Storage", "title: Keeping it safe"))
    touch(yaml)
    assert "Keeping it safe" in session.html(RenderRequest("baclofen", en))
    with pytest.raises(ContentError, match=r"\[out-of-date\] baclofen:tips\[5\]\.title"):
        session.html(RenderRequest("baclofen", zh))


def test_a_previous_text_goes_to_its_own_entry_when_two_share_a_msgid():
    """An interface string with a context beside one without: each fuzzy entry keeps its
    own '#| msgid', however Babel orders them."""
    from babel.messages.catalog import Catalog

    from medleaf.i18n.catalogs import parse_catalog, render_catalog

    catalog = Catalog(locale="zh_Hant_HK")
    catalog.add("Dose", "劑量", context="heading", flags=["fuzzy"], previous_id="Doses")
    catalog.add("Dose", "劑量", flags=["fuzzy"], previous_id="A dose")
    text = render_catalog(catalog).decode()
    again = parse_catalog(text, "x.po")
    assert again.get("Dose", "heading").previous_id == ["Doses"]
    assert again.get("Dose").previous_id == ["A dose"]

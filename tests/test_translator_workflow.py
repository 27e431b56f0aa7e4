"""The translator's loop: extract, update, stats, init a new locale, compile, proof."""

from __future__ import annotations

import re
import shutil

from conftest import REPO, pdf_fonts, pdf_text, run
from pypdf import PdfReader

from medleaf.content.project import Project
from medleaf.i18n.catalogs import read_catalog

PO = "locales/zh_Hant_HK/LC_MESSAGES/baclofen.po"


def edit(path, old, new):
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def catalog(project, relative=PO):
    return read_catalog(Project.at(project), project / relative)


def entry(cat, context):
    return next(m for m in cat if m.context == context)


def test_update_marks_an_edited_text_fuzzy_and_keeps_its_previous_msgid(baclofen_only):
    project = baclofen_only
    edit(project / "leaflets/baclofen.yaml", "Adults usually start with 5 mg three times",
         "Adults usually start with 5 mg two times")
    result = run("i18n", "update", root=project)
    assert result.exit_code == 0
    assert f"updated {PO}" in result.stdout
    message = entry(catalog(project), "baclofen:dosage.adults")
    assert message.fuzzy
    assert message.previous_id[0].startswith("Adults usually start with 5 mg three times")
    assert message.string.startswith("成人通常由每日3次")  # kept for the translator to fix
    text = (project / PO).read_text()
    assert re.search(r'#, fuzzy\n#\| msgid ""\n#\| "Adults usually start with 5 mg three times',
                     text)
    # the fuzzy translation is never printed
    build = run("build", "baclofen", "--lang", "zh-HK", "--out", str(project / "o"), root=project)
    assert build.exit_code == 1 and "[fuzzy] baclofen:dosage.adults" in build.stderr
    # and update again keeps the previous msgid (it survives Babel's reading of '#|')
    run("i18n", "update", root=project)
    assert entry(catalog(project), "baclofen:dosage.adults").previous_id == message.previous_id


def test_update_never_guesses_between_different_texts(baclofen_only):
    """An item inserted at the top of a list shifts every path below it: the moved texts keep
    their translations, and the new text gets nobody else's."""
    project = baclofen_only
    edit(project / "leaflets/baclofen.yaml", "  do_not_take:\n",
         "  do_not_take:\n    - People who have had a severe reaction to a muscle relaxant.\n")
    run("i18n", "update", root=project)
    cat = catalog(project)
    new = entry(cat, "baclofen:warnings.do_not_take[0]")
    assert new.id.startswith("People who have had a severe reaction")
    assert new.string == "" and not new.fuzzy
    moved = entry(cat, "baclofen:warnings.do_not_take[1]")
    assert moved.id.startswith("People who are allergic to baclofen")
    assert moved.string and not moved.fuzzy


def test_update_makes_a_removed_text_obsolete(baclofen_only):
    project = baclofen_only
    text = (project / "leaflets/baclofen.yaml").read_text()
    start = text.index("  - question: Are there foods I should avoid?")
    end = text.index("  - question: How long does baclofen")
    (project / "leaflets/baclofen.yaml").write_text(text[:start] + text[end:])
    run("i18n", "update", root=project)
    assert '#~ msgid "Are there foods I should avoid?"' in (project / PO).read_text()


def test_update_of_an_interface_string_keeps_the_old_translation_fuzzy(own_templates):
    project = own_templates
    edit(project / "templates/leaflet.html", "{{ _('Pharmacist tips') }}",
         "{{ _('Tips from your pharmacist') }}")
    run("i18n", "update", "ui", root=project)
    ui = catalog(project, "locales/zh_Hant_HK/LC_MESSAGES/ui.po")
    message = ui.get("Tips from your pharmacist")
    assert message.fuzzy and message.previous_id == ["Pharmacist tips"]


def test_stats_table_and_the_check_gate(baclofen_only):
    project = baclofen_only
    result = run("i18n", "stats", "--check", root=project)
    assert result.exit_code == 0, result.output
    assert re.search(r"^zh-HK\s+baclofen\s+74\s+0\s+0\s+\d+\s+100%$", result.stdout, re.M)
    assert re.search(r"^zh-HK\s+ui\s+\d+\s+0\s+0\s+\d+\s+100%$", result.stdout, re.M)
    edit(project / "leaflets/baclofen.yaml", "Adults usually start", "Grown-ups usually start")
    result = run("i18n", "stats", "--check", root=project)
    assert result.exit_code == 1
    assert re.search(r"^zh-HK\s+baclofen\s+73\s+0\s+1\s+\d+\s+99%\s+out of date: run "
                     r"'medleaf i18n update'$", result.stdout, re.M)
    assert "locales/templates/baclofen.pot is out of date: run 'medleaf i18n extract'" \
        in result.stdout
    run("i18n", "extract", root=project)
    run("i18n", "update", root=project)
    result = run("i18n", "stats", root=project)
    assert re.search(r"^zh-HK\s+baclofen\s+73\s+1\s+0\s+\d+\s+99%$", result.stdout, re.M)


def test_the_repository_catalogs_are_complete_and_current():
    result = run("i18n", "stats", "--check", root=REPO)
    assert result.exit_code == 0, result.output


def test_a_third_language_needs_no_code_change(baclofen_only, tmp_path):
    project = baclofen_only
    result = run("i18n", "init", "ja", root=project)
    assert result.exit_code == 0
    assert "created locales/ja/LC_MESSAGES/baclofen.po" in result.stdout
    assert re.search(r"^ja\s+baclofen\s+0\s+0\s+74\s+0\s+0%", run("i18n", "stats",
                                                                   root=project).stdout, re.M)
    # a Japanese translator translates the interface (borrowed here from Chinese) ...
    ui = (project / "locales/zh_Hant_HK/LC_MESSAGES/ui.po").read_text()
    (project / "locales/ja/LC_MESSAGES/ui.po").write_text(
        ui.replace("Language: zh_Hant_HK", "Language: ja"))
    assert run("list", root=project).stdout.count("en ja zh-HK") == 1
    # ... and with the leaflet still untranslated, a marked English draft can be printed
    result = run("build", "baclofen", "--lang", "ja", "--allow-incomplete", "--out",
                 str(tmp_path), root=project)
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "baclofen.ja.pdf"
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == "ja"
    assert all("Noto-Sans-CJK-JP" in font for font in pdf_fonts(pdf))
    assert "English only: translation pending" in pdf_text(pdf)


def test_compile_writes_mo_files(baclofen_only):
    result = run("i18n", "compile", root=baclofen_only)
    assert result.exit_code == 0
    assert "compiled locales/zh_Hant_HK/LC_MESSAGES/baclofen.mo" in result.stdout
    assert (baclofen_only / PO.replace(".po", ".mo")).stat().st_size > 1000


def test_proof_shows_contexts_and_highlights_problems(project, tmp_path):
    shutil.copy(REPO / "tests/fixtures/broken" / PO, project / PO)
    result = run("proof", "baclofen", "--lang", "zh-HK", "--out", str(tmp_path), root=project)
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "baclofen.zh-HK.proof.pdf"
    pngs = sorted(tmp_path.glob("baclofen.zh-HK.proof-*.png"))
    assert f"wrote {pdf}" in result.stdout and pngs
    assert all(png.read_bytes().startswith(b"\x89PNG") for png in pngs)
    text = re.sub(r"\s+", "", pdf_text(pdf))
    for context in ("baclofen:summary", "baclofen:dosage.adults·numbers",
                    "baclofen:tips[3].body·fuzzy", "baclofen:forms[0]"):
        assert context in text, context
    assert "每次50毫克" in text  # a proof shows the faulty translation, flagged


def test_each_catalog_merges_with_its_own_translations_only(baclofen_only):
    """With three locales, an edited English text keeps each locale's own old translation,
    fuzzy, and never another locale's."""
    project = baclofen_only
    for locale in ("zh_Hans_CN", "ur"):
        folder = project / "locales" / locale / "LC_MESSAGES"
        folder.mkdir(parents=True)
        text = (project / PO).read_text().replace("每日", f"每日[{locale}]")
        (folder / "baclofen.po").write_text(text.replace("Language: zh_Hant_HK",
                                                         f"Language: {locale}"))
    before = {loc: entry(catalog(project, f"locales/{loc}/LC_MESSAGES/baclofen.po"),
                         "baclofen:dosage.adults").string
              for loc in ("zh_Hant_HK", "zh_Hans_CN", "ur")}
    assert len(set(before.values())) == 3
    edit(project / "leaflets/baclofen.yaml", "Adults usually start with 5 mg three times",
         "Adults usually start with 5 mg two times")
    assert run("i18n", "extract", root=project).exit_code == 0
    assert run("i18n", "update", root=project).exit_code == 0
    for locale, old in before.items():
        cat = catalog(project, f"locales/{locale}/LC_MESSAGES/baclofen.po")
        message = entry(cat, "baclofen:dosage.adults")
        assert message.fuzzy and message.string == old, locale
        assert not [m for m in cat.obsolete.values() if m.string == old], locale


def test_update_keeps_the_translators_comments_on_an_edited_text(baclofen_only):
    project = baclofen_only
    text = (project / PO).read_text()
    at = text.index('msgctxt "baclofen:dosage.adults"')
    start = text.rindex("\n\n", 0, at) + 2
    (project / PO).write_text(text[:start] + "# checked against the HK label, 2024\n" +
                              text[start:])
    edit(project / "leaflets/baclofen.yaml", "Adults usually start with 5 mg three times",
         "Adults usually start with 5 mg two times")
    assert run("i18n", "update", root=project).exit_code == 0
    message = entry(catalog(project), "baclofen:dosage.adults")
    assert message.fuzzy and message.user_comments == ["checked against the HK label, 2024"]


def test_update_writes_nothing_when_nothing_changed_and_keeps_crlf(baclofen_only):
    project = baclofen_only
    po = project / PO
    po.write_bytes(po.read_bytes().replace(b"\n", b"\r\n"))
    before = po.read_bytes()
    result = run("i18n", "update", root=project)
    assert f"up to date: {PO}" in result.stdout
    assert po.read_bytes() == before
    edit(project / "leaflets/baclofen.yaml", "Adults usually start with 5 mg three times",
         "Adults usually start with 5 mg two times")
    assert f"updated {PO}" in run("i18n", "update", root=project).stdout
    data = po.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") > 100  # every line still CRLF


def test_a_new_project_is_told_how_to_start_a_locale_and_new_leaflets_get_catalogs(tmp_path):
    project = tmp_path / "clinic"
    (project / "leaflets").mkdir(parents=True)
    shutil.copy(REPO / "leaflets/baclofen.yaml", project / "leaflets")
    result = run("i18n", "update", root=project)
    assert result.exit_code == 2
    assert result.stderr == "error: there is no locale to update yet: start one with " \
        "'medleaf i18n init LOCALE' (zh-HK, say)\n"
    assert run("i18n", "init", "zh-HK", root=project).exit_code == 0
    shutil.copy(REPO / "leaflets/metformin.yaml", project / "leaflets")
    result = run("i18n", "update", root=project)
    assert "created locales/zh_Hant_HK/LC_MESSAGES/metformin.po" in result.stdout
    assert "up to date: locales/zh_Hant_HK/LC_MESSAGES/baclofen.po" in result.stdout

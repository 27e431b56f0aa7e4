"""Clinic packs: cover and contents, each leaflet's own page numbers, outline, fonts once."""

from __future__ import annotations

import datetime as dt
import re

from babel.dates import format_date
from conftest import REPO, page_count, pdf_fonts, pdf_text, raster, run
from pypdf import PdfReader

from medleaf.content.project import TOOL_TEMPLATES

PACK = "packs/diabetes-clinic.yaml"


def dense(text):
    return re.sub(r"\s+", "", text)


def contents(cover_text: str) -> list[tuple[str, int]]:
    """(leaflet title, page) from the contents table of the cover."""
    rows = re.findall(r"^(.+?)\n+(English|中文)\n+(\d+)$", cover_text, re.M)
    return [(title.strip(), int(page)) for title, _, page in rows]


def test_a_pack_is_one_pdf_with_cover_contents_outline_and_fonts_once(tmp_path):
    out = tmp_path / "pack.pdf"
    result = run("pack", PACK, "--jobs", "1", "--out", str(out), root=REPO)
    assert result.exit_code == 0, result.output
    assert f"wrote {out}\n4 leaflets (" in result.stdout
    reader = PdfReader(out)
    cover = pdf_text(out, 1)
    assert "Your diabetes and blood pressure medicines" in re.sub(r"\s+", " ", cover)
    assert "你的糖尿病及血壓藥物" in dense(cover)
    assert f"Prepared on {format_date(dt.date.today(), 'long', locale='en_HK')}" in cover
    assert "Pine Harbour Family Clinic" in cover
    # the contents name each leaflet, in each language, at the page where it starts
    lines = contents(cover)
    assert [title for title, _ in lines] == ["Metformin", "甲福明", "Amlodipine", "氨氯地平"]
    for (title, page), end in zip(lines, [p for _, p in lines[1:]] + [len(reader.pages) + 1],
                                  strict=True):
        first = dense(pdf_text(out, page))
        assert dense(title) in first
        length = end - page
        assert f"Page1of{length}" in first or f"第1頁，共{length}頁" in first
        last = dense(pdf_text(out, end - 1))
        assert f"Page{length}of{length}" in last or f"第{length}頁，共{length}頁" in last
    # the outline: the cover, then one entry per leaflet and language, with its sections
    top = [item for item in reader.outline if not isinstance(item, list)]
    titles = [item.title for item in top]
    assert titles[:2] == ["Your diabetes and blood pressure medicines", "你的糖尿病及血壓藥物"]
    assert titles[2:] == ["Metformin", "甲福明 Metformin", "Amlodipine", "氨氯地平 Amlodipine"]
    assert [reader.get_destination_page_number(i) + 1 for i in top[2:]] == \
        [page for _, page in lines]
    sections = reader.outline[reader.outline.index(top[2]) + 1]
    assert [s.title for s in sections if not isinstance(s, list)][:3] == [
        "Names", "What is Metformin?", "What it is used for"]
    # fonts: one embedded subset of each face for the whole pack
    assert sorted(pdf_fonts(out)) == sorted(set(pdf_fonts(out)))
    assert len(pdf_fonts(out)) == 2
    assert reader.metadata.title == "Your diabetes and blood pressure medicines"


def test_leaflets_rendered_by_workers_still_share_one_subset_of_each_face(project, tmp_path):
    out = tmp_path / "pack.pdf"
    result = run("pack", "packs/paediatric.yaml", "--jobs", "2", "--out", str(out),
                 root=project)
    assert result.exit_code == 0, result.output
    assert "10 leaflets (10 rendered, 0 already built)" in result.stdout
    assert "rendered amoxicillin (zh-HK) (" in result.stdout  # a line each, not on a terminal
    assert len(PdfReader(out).pages) > 40
    assert sorted(pdf_fonts(out)) == ["BDSYMO+Noto-Sans-CJK-HK", "STYTZX+Noto-Sans-CJK-HK-Bold"]


def test_a_pack_reuses_built_leaflets_and_renders_only_what_changed(project, tmp_path):
    assert run("build", "metformin", "amlodipine", "--out", str(tmp_path / "out"),
               root=project).exit_code == 0
    out = tmp_path / "pack.pdf"
    result = run("pack", PACK, "--out", str(out), root=project)
    assert "4 leaflets (0 rendered, 4 already built)" in result.stdout
    assert "原廠品牌，在香港及許多其他國家有片劑出售" in dense(pdf_text(out))
    catalog = project / "locales/zh_Hant_HK/LC_MESSAGES/amlodipine.po"
    edited = catalog.read_text().replace("在香港及許多其他國家有片劑出售",
                                         "在香港及其他國家有片劑出售")
    catalog.write_text(edited)
    result = run("pack", PACK, "--out", str(out), root=project)
    assert result.exit_code == 0, result.output
    assert "4 leaflets (1 rendered, 3 already built)" in result.stdout
    text = dense(pdf_text(out))
    assert "原廠品牌，在香港及其他國家有片劑出售" in text and "許多其他國家有片劑" not in text


def test_an_unreadable_cached_leaflet_is_rendered_again_and_force_renders_all(
        project, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    out = tmp_path / "pack.pdf"
    assert "4 leaflets (4 rendered, 0 already built)" in run(
        "pack", PACK, "--out", str(out), root=project).stdout
    pages = page_count(out)
    cached = sorted((tmp_path / "cache/medleaf/leaflets").glob("*.pdf"))
    assert len(cached) == 4
    cached[0].write_bytes(cached[0].read_bytes()[:5000])  # a disk fault, say
    result = run("pack", PACK, "--out", str(out), root=project)
    assert result.exit_code == 0, result.output
    assert "4 leaflets (1 rendered, 3 already built)" in result.stdout
    assert page_count(out) == pages > 4  # the same pack, from one leaflet rendered again
    assert "4 leaflets (4 rendered, 0 already built)" in run(
        "pack", PACK, "--force", "--out", str(out), root=project).stdout


def test_pack_pages_are_the_leaflets_pages_exactly(project, tmp_path):
    """Joining replaces each leaflet's font subsets with one for the pack: the pages must
    still rasterize pixel for pixel as the separately built leaflets do."""
    separate = tmp_path / "out"
    assert run("build", "metformin", "--lang", "zh-HK", "--out", str(separate),
               root=project).exit_code == 0
    pack = project / "packs" / "one.yaml"
    pack.write_text("title: Your diabetes and blood pressure medicines\n"
                    "languages: [en, zh-HK]\nleaflets: [amlodipine, metformin]\n")
    catalog = project / "locales/zh_Hant_HK/LC_MESSAGES/packs.po"
    catalog.write_text(catalog.read_text().replace("diabetes-clinic:title", "one:title"))
    out = tmp_path / "pack.pdf"
    result = run("pack", str(pack), "--out", str(out), root=project)
    assert result.exit_code == 0, result.output
    single = separate / "metformin.zh-HK.pdf"
    length = page_count(single)
    last = page_count(out)
    assert raster(out, last - length + 1, last) == raster(single)
    assert sorted(pdf_fonts(out)) == ["BDSYMO+Noto-Sans-CJK-HK", "STYTZX+Noto-Sans-CJK-HK-Bold"]


def test_split_writes_the_cover_and_one_pdf_per_leaflet(tmp_path):
    out = tmp_path / "split"
    result = run("pack", PACK, "--split", "--out", str(out), root=REPO)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "00-cover.pdf", "01-metformin.en.pdf", "02-metformin.zh-HK.pdf",
        "03-amlodipine.en.pdf", "04-amlodipine.zh-HK.pdf"]
    assert "Contents" in pdf_text(out / "00-cover.pdf")
    assert "Page 1 of" in pdf_text(out / "01-metformin.en.pdf", 1)


def test_every_problem_is_listed_before_anything_is_rendered(project, tmp_path):
    pack = project / "packs" / "broken.yaml"
    pack.parent.mkdir(exist_ok=True)
    pack.write_text("title: Broken pack\nlanguages: [en, ja]\nleaflets:\n  - metformin\n"
                    "  - ibuprofen\n")
    out = tmp_path / "broken.pdf"
    result = run("pack", str(pack), "--release", "--out", str(out), root=project)
    assert result.exit_code == 1
    errors = result.stderr
    assert "error: packs/broken.yaml:4: [pack] leaflets[0]: metformin has no ja " \
        "translation" in errors
    assert "error: packs/broken.yaml:5: [pack] leaflets[1]: no leaflet 'ibuprofen' in " \
        "leaflets/" in errors
    assert "error: packs/broken.yaml:4: [pack] leaflets[0]: metformin: draft: the content has " \
        "never been approved" in errors
    assert "error: packs/broken.yaml:1: [pack] title: no ja translation in the packs " \
        "catalog" in errors
    assert not out.exists()


def test_a_leaflet_that_cannot_be_rendered_stops_the_pack_with_its_reasons(project, tmp_path):
    catalog = project / "locales/zh_Hant_HK/LC_MESSAGES/amlodipine.po"
    catalog.write_text(catalog.read_text().replace(
        'msgstr "原廠品牌，在香港及許多其他國家有片劑出售。'
        '香港亦有許多不同廠商的非原廠（仿製）氨氯地平產品出售。"',
        'msgstr ""'))
    out = tmp_path / "pack.pdf"
    result = run("pack", PACK, "--out", str(out), root=project)
    assert result.exit_code == 1
    assert "error: locales/zh_Hant_HK/LC_MESSAGES/amlodipine.po:48: [untranslated] " \
        "amlodipine:names.brands[0].note: not translated" in result.stderr
    assert not out.exists()


def test_a_cover_string_without_a_translation_refuses_the_pack(project, tmp_path):
    """The project's own cover adds "Ask us about your medicines", which neither its ui.po
    nor medleaf's translates (an empty msgstr would fall back to medleaf's)."""
    cover = (TOOL_TEMPLATES / "cover.html").read_text()
    (project / "templates/cover.html").write_text(cover.replace(
        "</body>", "<p>{{ _('Ask us about your medicines') }}</p>\n</body>"))
    assert run("i18n", "update", "ui", root=project).exit_code == 0
    out = tmp_path / "pack.pdf"
    result = run("pack", "packs/diabetes-clinic.yaml", "--out", str(out), root=project)
    assert result.exit_code == 1
    assert result.stderr.count('[untranslated] "Ask us about your medicines": not '
                               'translated') == 1
    assert not out.exists()


def test_pack_languages_take_any_spelling_each_once(project, tmp_path):
    pack = project / "packs/diabetes-clinic.yaml"
    text = pack.read_text()
    languages = re.search(r"^languages: .*$", text, re.M)[0]
    pack.write_text(text.replace(languages, "languages: [en, zh_Hant_HK]"))
    result = run("check", root=project)
    assert result.exit_code == 0, result.output
    pack.write_text(text.replace(languages, "languages: [en, zh-Hant-HK, zh-HK]"))
    result = run("pack", str(pack), root=project)
    assert result.exit_code == 1
    assert result.stderr == "error: packs/diabetes-clinic.yaml:7: languages[2]: zh-HK is the " \
        "same language as zh-Hant-HK: give it once\n"


def test_an_untranslated_pack_title_is_told_once_with_its_line(project, tmp_path):
    """A title in the packs catalog without its translation is to be translated there (its
    line); a title not in the catalog at all is to be added with i18n update."""
    catalog = project / "locales/zh_Hant_HK/LC_MESSAGES/packs.po"
    text = catalog.read_text()
    catalog.write_text(text.replace('msgstr "你孩子的藥物"', 'msgstr ""'))
    line = text[:text.index('msgid "Medicines for your child"')].count("\n") + 1
    result = run("pack", "packs/paediatric.yaml", "--out", str(tmp_path / "p.pdf"),
                 root=project)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [f"error: locales/zh_Hant_HK/LC_MESSAGES/packs.po:{line}: [untranslated] "
                      "pack:paediatric:title: not translated"]
    pack = project / "packs/paediatric.yaml"
    pack.write_text(pack.read_text().replace("title: Medicines for your child",
                                             "title: Your child's medicines"))
    result = run("pack", str(pack), "--out", str(tmp_path / "p.pdf"), root=project)
    assert result.stderr.splitlines() == [
        f"error: locales/zh_Hant_HK/LC_MESSAGES/packs.po:{line}: [out-of-date] "
        "pack:paediatric:title: not in the catalog: run 'medleaf i18n update'"]
    assert not (tmp_path / "p.pdf").exists()

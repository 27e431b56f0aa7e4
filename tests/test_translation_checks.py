"""Each translation check fires on its planted fault and stays quiet on the shipped catalogs."""

from __future__ import annotations

import re
import shutil

import pytest
from babel.messages.pofile import read_po
from conftest import REPO, pdf_text, run

from medleaf.checks.consistency import check_consistency
from medleaf.checks.messages import (
    Usage,
    check_identical,
    check_names,
    check_numbers,
    check_script,
    check_vocabulary,
)
from medleaf.content.languages import Language
from medleaf.content.project import Project
from medleaf.i18n.profiles import profile


def read_as(tag: str) -> Usage:
    """How a message in the language is checked: medleaf's built-in profile of it."""
    return Usage({}, profile(Language.parse(tag)))


HK = read_as("zh-HK")

BROKEN = REPO / "tests" / "fixtures" / "broken"
MALFORMED = REPO / "tests" / "fixtures" / "malformed"
PO = "locales/zh_Hant_HK/LC_MESSAGES/baclofen.po"
LINE = re.compile(r'^error: (\S+?):(\d+): \[([a-z-]+)\] ("[^"]+"|\S+): (.*)$')


def line_of(path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def findings(output: str) -> set[tuple[str, str]]:
    return {(m[3], m[4]) for m in map(LINE.match, output.splitlines()) if m}


QUANTITY_FAULTS = {  # tests/fixtures/make_fixtures.py plants them: what a translator reads
    ("paracetamol-oral-suspension", "dosage.adults"):  # a dose given twice, one changed
    ['the English has "500 mg" twice, the translation "500毫克" (500 mg) and "250毫克" '
     '(250 mg)'],
    ("chloramphenicol-eye-drops", "dosage.adults"):  # changed to a number said elsewhere
    ['the English has "every 2 hours" (2 hours) and "every 4 hours" (4 hours), the '
     'translation "每2小時" (2 hours) twice'],
    ("amlodipine", "dosage.elderly"):  # a maximum daily dose added
    ['the translation has "20毫克" (20 mg), which the English does not have'],
    ("amoxicillin", "dosage.adults"):  # 8 hours and 3 times a day swapped
    ['the English has "every 8 hours" (8 hours) twice, the translation "每3小時" (3 hours) '
     'and "每8小時" (8 hours)',
     'the English has "three times a day" (3 times a day), the translation "每日8次" '
     '(8 times a day)'],
    ("amlodipine", "dosage.adults"):  # once a day became twice
    ['the English has "once a day" twice, the translation "每日2次" (twice a day) and '
     '"每日1次" (once a day)'],
    ("carbimazole", "dosage.children"):  # three times a day, in words, became twice
    ['the English has "three times a day" (3 times a day) twice, the translation "每日3次" '
     '(3 times a day) and "每日兩次" (twice a day)'],
    ("salbutamol-inhaler", "tips[4].body"):  # once a week became once a day
    ['the English has "Once a week" (once a week), the translation "每日一次" (once a day)'],
    ("carbimazole", "tips[3].body"):  # weeks became days
    ['the English has "4 to 8 weeks", the translation "4至8日" (4 to 8 days)'],
    ("salbutamol-inhaler", "what_it_is"):  # micrograms became mg
    ['the English has "100 micrograms", the translation "100毫克" (100 mg)'],
    ("paracetamol-oral-suspension", "dosage.children"):  # ml became mg
    ['the English has "5 ml", the translation "5毫克" (5 mg)'],
    ("metformin", "side_effects.severe_advice"):  # the emergency number
    ['the English has "999" (the number 999), the translation "998" (the number 998)'],
    ("baclofen", "dosage.adults"): ['the English has "5 mg", the translation "50毫克" (50 mg)'],
}


def entry_line(path, context: str) -> int:
    """The line a finding names for a message: its msgid, after the msgctxt."""
    return line_of(path, f'msgctxt "{context}"') + 1


MESSAGES = "locales/zh_Hant_HK/LC_MESSAGES"
MET = f"{MESSAGES}/metformin.po"


def naming(path, name: str) -> set[str]:
    """The contexts of the catalog's messages whose English names `name`."""
    return {m.context for m in read_po((BROKEN / path).open("rb"))
            if m.id and re.search(rf"\b{name}\b", m.id, re.I)}


def test_every_planted_fault_is_reported_once_with_file_and_line():
    result = run("check", root=BROKEN)
    assert result.exit_code == 1
    misspelt = naming(MET, "metformin")  # 甲服明 for 甲福明, the same in every message
    assert len(misspelt) == 25
    assert findings(result.stderr) == {
        ("placeholders", '"Page %(page)s of %(pages)s"'),  # ui.po: the footer lost a number
        ("markup", "baclofen:tips[1].body"),  # **Never** lost its emphasis
        ("names", "baclofen:names.generic_note"),  # 巴克洛芬 instead of the agreed 巴氯芬
        ("script", "baclofen:what_it_is"),  # Simplified 传递
        ("identical", "baclofen:faqs[2].question"),  # left in English
        ("names", "baclofen:faqs[2].question"),
        ("untranslated", "baclofen:forms[0]"),
        ("fuzzy", "baclofen:tips[3].body"),
        ("prohibition", "baclofen:tips[7].body"),  # 切勿 became 可以
        ("prohibition", "baclofen:faqs[3].answer"),  # 'with food can ease' became 切勿
        ("prohibition", "baclofen:tips[4].body"),  # 'Do not drive ...' dropped
        ("omission", "baclofen:tips[4].body"),
        ("omission", "baclofen:how_it_works"),  # cut to its first clause
        ("vocabulary", "baclofen:warnings.check_first[5]"),  # the mainland's 帕金森病
        ("vocabulary", "baclofen:faqs[3].answer"),  # Taiwan's 優酪乳
        ("names", "metformin:names.brands[1].note"),  # Glucophage without 格華止
        ("consistency", "amlodipine:side_effects.common[4]"),  # tiredness: 疲倦 first here,
        ("consistency", "metformin:side_effects.severe[0]"),  # 疲勞 in metformin
        *(("names", context) for context in misspelt),
        *(("numbers", f"{leaflet}:{field}") for leaflet, field in QUANTITY_FAULTS),
    }
    for match in map(LINE.match, result.stderr.splitlines()):
        if match and not match[1].endswith("ui.po"):
            lines = (BROKEN / match[1]).read_text().splitlines()
            entry = "\n".join(lines[int(match[2]) - 3:int(match[2]) + 1])
            assert match[4] in entry, match[0]
    ui = "locales/zh_Hant_HK/LC_MESSAGES/ui.po"
    page = line_of(BROKEN / ui, 'msgid "Page %(page)s of %(pages)s"')
    assert f'error: {ui}:{page}: [placeholders] "Page %(page)s of %(pages)s": placeholder ' \
        '%(pages)s is missing' in result.stderr
    assert "'传' (U+4F20) is a Simplified character; write '傳'" in result.stderr
    assert result.stderr.endswith(f"{34 + len(misspelt)} errors found.\n")


def test_a_name_misspelt_the_same_way_everywhere_is_found_against_the_glossary():
    """Every message naming metformin writes 甲服明: the glossary's 甲福明 is the truth,
    the generic name's own catalog entry included."""
    result = run("check", root=BROKEN).stderr.splitlines()
    for context in ("metformin:names.generic", "metformin:faqs[4].question"):
        assert f"error: {MET}:{entry_line(BROKEN / MET, context)}: [names] {context}: " \
            "'Metformin' must be translated as '甲福明'" in result


def test_a_brand_s_chinese_name_left_out_is_an_error():
    context = "metformin:names.brands[1].note"
    assert f"error: {MET}:{entry_line(BROKEN / MET, context)}: [names] {context}: the " \
        "brand 'Glucophage' must be given with its Chinese name '格華止'" in \
        run("check", root=BROKEN).stderr.splitlines()


@pytest.mark.parametrize("context,message", [
    ("baclofen:faqs[3].answer", "'優酪乳' is not Hong Kong usage: write '乳酪'"),  # Taiwan
    ("baclofen:warnings.check_first[5]",  # the mainland's
     "'帕金森病' is not Hong Kong usage: write '柏金遜症'"),
])
def test_taiwan_and_mainland_vocabulary_is_named_with_the_hong_kong_form(context, message):
    assert f"error: {PO}:{entry_line(BROKEN / PO, context)}: [vocabulary] {context}: " \
        f"{message}" in run("check", root=BROKEN).stderr.splitlines()


def test_a_term_written_two_ways_across_two_leaflets_names_each_form_and_where():
    """metformin writes tiredness 疲勞, the other leaflets 疲倦: each form is reported at its
    first use, naming every place."""
    result = run("check", root=BROKEN)
    places = {leaflet: entry_line(BROKEN / f"{MESSAGES}/{leaflet}.po", f"{leaflet}:{field}")
              for leaflet, field in (("amlodipine", "side_effects.common[4]"),
                                     ("baclofen", "side_effects.common[3]"),
                                     ("chloramphenicol-eye-drops", "side_effects.severe[1]"),
                                     ("metformin", "side_effects.severe[0]"))}
    said = "'tiredness' is written 2 ways in the library: '疲倦' in " \
        f"amlodipine.po:{places['amlodipine']}, baclofen.po:{places['baclofen']}, " \
        f"chloramphenicol-eye-drops.po:{places['chloramphenicol-eye-drops']}; '疲勞' in " \
        f"metformin.po:{places['metformin']}. Choose one, write it everywhere and add it to " \
        "the glossary's terms (tiredness: ...)"
    lines = result.stderr.splitlines()
    assert f"error: {MESSAGES}/amlodipine.po:{places['amlodipine']}: [consistency] " \
        f"amlodipine:side_effects.common[4]: {said}" in lines
    assert f"error: {MET}:{places['metformin']}: [consistency] " \
        f"metformin:side_effects.severe[0]: {said}" in lines
    assert sum("[consistency]" in line for line in lines) == 2


def test_the_library_s_consistency_stops_no_build_of_one_leaflet(tmp_path):
    """A term written two ways is the library's error (check exits 1), not metformin's:
    with its own faults mended, metformin still builds."""
    project = tmp_path / "project"
    shutil.copytree(BROKEN, project)
    (project / "locales/zh_Hant_HK/LC_MESSAGES/ui.po").unlink()  # medleaf's own, unbroken
    po = project / MET
    po.write_text(po.read_text().replace("甲服明", "甲福明").replace("致電998", "致電999").replace(
        "以Glucophage SR的名稱出售", "以Glucophage SR（格華止）的名稱出售"))
    check = run("check", "metformin", root=project)
    assert check.exit_code == 0, check.stderr
    assert "[consistency]" in run("check", root=project).stderr
    build = run("build", "metformin", "--lang", "zh-HK", "--out", str(tmp_path / "out"),
                root=project)
    assert build.exit_code == 0, build.output




@pytest.mark.parametrize("leaflet,field", list(QUANTITY_FAULTS))
def test_a_planted_quantity_fault_names_its_line_and_both_sides(leaflet, field):
    """Each fault the old number check could not see (a dose said twice, numbers swapped, a
    frequency in words, a unit of time or dose changed, a dose added) is one error naming
    the catalog line and what each side says."""
    po = f"locales/zh_Hant_HK/LC_MESSAGES/{leaflet}.po"
    line = line_of(BROKEN / po, f'msgctxt "{leaflet}:{field}"') + 1  # its msgid
    result = run("check", leaflet, root=BROKEN)
    reported = [text for text in result.stderr.splitlines() if "[numbers]" in text and
                f"] {leaflet}:{field}:" in text]
    assert reported == [f"error: {po}:{line}: [numbers] {leaflet}:{field}: {message}"
                        for message in QUANTITY_FAULTS[leaflet, field]]


def test_the_shipped_library_passes_every_check():
    result = run("check", root=REPO)
    assert result.exit_code == 0, result.stderr
    assert re.search(r"^No errors in \d+ leaflets and \d+ catalogs.\n\Z", result.stdout, re.M)
    assert "warning" not in result.stderr


def test_a_malformed_catalog_gives_file_and_line_not_a_traceback():
    result = run("check", root=MALFORMED)
    assert result.exit_code == 1
    broken = line_of(MALFORMED / PO, "msgid_typo")
    assert result.stderr == f"error: {PO}:{broken}: unexpected text 'msgid_typo \"Spasticity " \
        "after an injury\"': expected a comment (#), a keyword (msgid, msgstr ...) or a " \
        "quoted string\n"


@pytest.mark.parametrize("english,chinese", [
    ("Take two puffs twice a day.", "每日兩次，每次吸兩下。"),
    ("Three times a day.", "每日三次。"),
    ("Up to 10 doses.", "最多十劑。"),
    ("Take half a tablet.", "服用半粒。"),
    ("5 mg three times a day", "每日3次，每次5毫克"),
    ("2.5 ml every 4 hours", "每4小時2.5毫升"),
    ("Leave at least 4 hours between doses.", "兩次服藥之間須相隔最少4小時。"),
    ("Never take two doses at once to make up for a missed one.",
     "切勿同時服用兩劑來補回漏服的一劑。"),
    ("Take 1 puff at a time, then 5 normal breaths.", "每次只噴1下，然後正常呼吸5次。"),
    ("Children aged 6 and over", "6歲或以上的兒童"),
])
def test_numbers_written_as_chinese_numerals_count(english, chinese):
    assert check_numbers(english, chinese, HK) == []


@pytest.mark.parametrize("english,chinese,problem", [
    ("5 mg three times a day", "每日3次，每次50毫克",
     'the English has "5 mg", the translation "50毫克" (50 mg)'),
    ("5 mg three times a day", "每日3次，每次5毫升",
     'the English has "5 mg", the translation "5毫升" (5 ml)'),
    ("5 mg three times a day", "每日3次，每次5克",
     'the English has "5 mg", the translation "5克" (5 g)'),
    ("Take two puffs.", "吸一下。",
     'the English has "two puffs" (2 puffs), the translation "一下" (1 puff)'),
    ("every 8 hours", "每6小時",
     'the English has "every 8 hours" (8 hours), the translation "每6小時" (6 hours)'),
    ("3 times a day, every 4 hours", "每日4次，每3小時",
     'the English has "3 times a day", the translation "每日4次" (4 times a day)'),
    ("Take it twice a day.", "每日三次。",
     'the English has "twice a day", the translation "每日三次" (3 times a day)'),
    ("20 mg in the morning and 20 mg at night", "早上20毫克，晚上40毫克",
     'the English has "20 mg" twice, the translation "20毫克" (20 mg) and "40毫克" (40 mg)'),
    ("Take it at bedtime.", "早上服用。",
     'the English has "at bedtime", which the translation does not have'),
    ("Take 1 tablet.", "服用1粒半。",
     'the English has "1 tablet", the translation "1粒半" (1.5 tablets)'),
    ("Call 999.", "請致電醫生。",
     'the English has "999" (the number 999), which the translation does not have'),
])
def test_a_changed_dose_or_count_is_an_error(english, chinese, problem):
    assert problem in check_numbers(english, chinese, HK)


@pytest.mark.parametrize("tag,english,translation", [
    ("ur", "Take 5 mg three times a day.", "دن میں تین بار ۵ ملی گرام لیں۔"),
    ("ur", "Take 200 mg.", "200 mg لیں۔"),
    ("ne", "Take 10 mg twice a day.", "दिनको दुई पटक १० मिलिग्राम लिनुहोस्।"),
    ("hi", "Take 2.5 ml every 4 hours.", "हर 4 घंटे में 2.5 मि.ली. लें।"),
    ("ja", "Take 5 mg.", "5mgを服用してください。"),
    ("zh-Hans-CN", "Take 5 mg twice a day.", "每日两次，每次5毫克。"),
    ("th", "Take 500 mg.", "รับประทาน ๕๐๐ มก."),
])
def test_each_language_reads_numbers_and_units_its_own_way(tag, english, translation):
    assert check_numbers(english, translation, read_as(tag)) == []


@pytest.mark.parametrize("tag,english,translation,problem", [
    ("ur", "Take 5 mg.", "۶ ملی گرام لیں۔",
     'the English has "5 mg", the translation "۶ ملی گرام" (6 mg)'),
    ("ne", "Take 10 mg.", "१० मिलिलिटर लिनुहोस्।",
     'the English has "10 mg", the translation "१० मिलिलिटर" (10 ml)'),
    ("ja", "Take 5 mg.", "5gを服用してください。",
     'the English has "5 mg", the translation "5g" (5 g)'),
    ("zh-Hans-CN", "Take 5 mg.", "每次5毫升。",
     'the English has "5 mg", the translation "5毫升" (5 ml)'),
    ("hi", "every 8 hours", "हर 6 घंटे",
     'the English has "every 8 hours" (8 hours), the translation "हर 6 घंटे" (6 hours)'),
    ("ur", "Take 5 mg three times a day.", "دن میں دو بار ۵ ملی گرام لیں۔",
     'the English has "three times a day" (3 times a day), the translation "دن میں دو بار" '
     '(twice a day)'),
])
def test_each_language_still_catches_a_changed_dose(tag, english, translation, problem):
    assert check_numbers(english, translation, read_as(tag)) == [problem]


def test_script_check_flags_simplified_but_not_hong_kong_forms():
    zh = HK.profile
    assert check_script(zh, "请按时服药") == [
        "'请' (U+8BF7) is a Simplified character; write '請'",
        "'时' (U+65F6) is a Simplified character; write '時'",
        "'药' (U+836F) is a Simplified character; write '藥'"]
    assert check_script(zh, "醫生認為好處大於風險，才可使用。溫度、衞生、皇后大道、台灣") == []
    assert check_script(zh, "5釐米", allowed="") == []
    assert check_script(zh, "5厘米", allowed="厘") == []
    assert check_script(read_as("zh-Hant-TW").profile, "请") != []


def test_script_check_flags_traditional_in_a_simplified_catalog():
    cn = read_as("zh-Hans-CN").profile
    assert check_script(cn, "请按时服药") == []
    assert check_script(cn, "請按時服藥") == [
        "'請' (U+8ACB) is a Traditional character; write '请'",
        "'時' (U+6642) is a Traditional character; write '时'",
        "'藥' (U+85E5) is a Traditional character; write '药'"]
    assert check_script(read_as("ur").profile, "請") == []


def test_allow_incomplete_never_bypasses_a_broken_interface_catalog(tmp_path):
    result = run("build", "baclofen", "--lang", "zh-HK", "--allow-incomplete", "--out",
                 str(tmp_path), "--brand", str(REPO / "templates" / "brand"), root=BROKEN)
    assert result.exit_code == 1
    assert "[placeholders]" in result.stderr
    assert not list(tmp_path.iterdir())


def test_a_project_without_a_brand_is_told_how_to_add_one(tmp_path, baclofen_only):
    shutil.rmtree(baclofen_only / "templates/brand")
    result = run("build", "baclofen", "--lang", "en", "--out", str(tmp_path),
                 root=baclofen_only)
    assert result.exit_code == 1
    assert result.stderr == "error: templates/brand/brand.yaml: no brand: add this file (see " \
        "templates/brand in medleaf) or choose a brand folder with --brand\n"


def test_allow_incomplete_on_a_half_translated_leaflet(tmp_path, project):
    broken = (BROKEN / PO).read_text()
    (project / PO).write_text(broken)
    out = tmp_path / "out"
    refused = run("build", "baclofen", "--lang", "zh-HK", "--out", str(out), root=project)
    assert refused.exit_code == 1 and not out.exists()
    # the 11 planted faults, and the texts edited or added since the broken catalog was made
    blocked = set(re.findall(r"\] (baclofen:\S+): ", refused.stderr))
    assert len(blocked) >= 11
    result = run("build", "baclofen", "--lang", "zh-HK", "--allow-incomplete", "--out",
                 str(out), root=project)
    assert result.exit_code == 0, result.output
    text = re.sub(r"\s+", " ", pdf_text(out / "baclofen.zh-HK.pdf"))
    dense = re.sub(r"\s+", "", text)
    labels = text.count("English only: translation pending")
    assert labels == len(blocked)  # one for each blocked text
    assert dense.count("只有英文版本：翻譯尚待完成") == labels
    assert "Adults usually start with 5 mg three times a day" in text  # the English, marked
    assert "50毫克" not in dense  # the wrong dose never reaches the page
    assert "可以把藥物丟進垃圾桶" not in dense  # nor a warning made a permission
    assert "Tablets, taken by mouth." in text


UI = "locales/zh_Hant_HK/LC_MESSAGES/ui.po"


@pytest.mark.parametrize("translation,message", [
    ("藥物名稱 100%", "'%' is not a placeholder: write a percent sign as %%"),
    ("藥物名稱 %d", "'%d' is not a placeholder: write a percent sign as %%"),
    ("藥物名稱 %s", "'%s' is not a placeholder: write a percent sign as %%"),
    ("藥物名稱 %(name)r", "'%(name)r': placeholders are written %(name)s"),
])
def test_a_percent_sign_check_passes_always_renders(project, translation, message):
    """What check accepts in an interface string renders; what would crash (or print '{}')
    is refused by check and build alike, with the same message."""
    po = project / UI
    po.write_text(po.read_text().replace('msgstr "藥物名稱"', f'msgstr "{translation}"', 1))
    line = next(i for i, text in enumerate(po.read_text().splitlines(), 1)
                if text == 'msgid "Names"')
    expected = f'error: {UI}:{line}: [placeholders] "Names": {message}'
    check = run("check", "baclofen", root=project)
    assert check.exit_code == 1 and expected in check.stderr
    build = run("build", "baclofen", "--lang", "zh-HK", "--out", str(project / "out"),
                root=project)
    assert build.exit_code == 1 and expected in build.stderr
    assert "Traceback" not in build.output
    po.write_text(po.read_text().replace(translation, "藥物名稱 %%"))  # 100 would be a number
    assert run("check", "baclofen", root=project).exit_code == 0
    html = run("html", "baclofen", "--lang", "zh-HK", root=project)
    assert html.exit_code == 0 and "<h2>藥物名稱 %</h2>" in html.stdout


@pytest.mark.parametrize("added,message", [
    ("<b>注意</b>", "raw HTML is not allowed in leaflet text"),
    ("![圖](http://example.com/x.png)", "an image is not allowed in leaflet text"),
    ("\n\n[1]: http://example.com", "a link definition ([name]: address) is not allowed"),
])
def test_markup_a_monograph_may_not_have_is_refused_in_a_translation(project, added, message):
    po = project / PO
    text = po.read_text()
    old = 'msgstr "巴氯芬"'
    escaped = added.replace("\n", "\\n")
    po.write_text(text.replace(old, f'msgstr "巴氯芬{escaped}"', 1))
    result = run("build", "baclofen", "--lang", "zh-HK", "--out", str(project / "out"),
                 root=project)
    assert result.exit_code == 1
    assert f"[markup] baclofen:names.generic: {message}" in result.stderr


@pytest.mark.parametrize("blank", [" ", "\u3000", "\\n"])
def test_a_blank_translation_is_untranslated(project, blank):
    po = project / PO
    text = po.read_text()
    entry = re.search(r'msgctxt "baclofen:side_effects.severe\[0\]"\nmsgid .*\nmsgstr "(.*)"',
                      text)
    po.write_text(text.replace(f'msgstr "{entry[1]}"', f'msgstr "{blank}"', 1))
    result = run("check", "baclofen", "--lang", "zh-HK", root=project)
    assert result.exit_code == 1
    assert "[untranslated] baclofen:side_effects.severe[0]: not translated" in result.stderr


def test_a_string_of_placeholders_may_read_as_in_english():
    """'%(name)s (%(english)s)' in Urdu is written the same; 'Warnings' left so is not."""
    formatted = Usage({}, read_as("ur").profile, formatted=True)
    assert check_identical("%(name)s (%(english)s)", "%(name)s (%(english)s)", formatted) == []
    assert check_identical("Warnings", "Warnings", formatted) == [
        "the translation is the same as the English"]


def test_the_new_checks_find_nothing_in_the_shipped_library():
    hk = Language.parse("zh-HK")
    assert check_consistency(Project.at(REPO), hk) == []
    result = run("check", root=REPO)
    assert result.exit_code == 0, result.stderr
    for tag in ("[names]", "[vocabulary]", "[consistency]"):
        assert tag not in result.stderr


def test_a_generic_name_the_glossary_lacks_is_an_error_that_says_where_to_add_it(project):
    glossary = project / "locales/zh_Hant_HK/glossary.yaml"
    glossary.write_text(glossary.read_text().replace("  Baclofen: 巴氯芬\n", ""))
    line = entry_line(project / PO, "baclofen:names.generic")
    expected = f"error: {PO}:{line}: [names] baclofen:names.generic: 'Baclofen' has no " \
        "approved translation: add it to the medicines of locales/zh_Hant_HK/glossary.yaml " \
        "(Baclofen: ...)"
    check = run("check", "baclofen", root=project)
    assert check.exit_code == 1 and expected in check.stderr.splitlines()
    build = run("build", "baclofen", "--lang", "zh-HK", "--out", str(project / "out"),
                root=project)
    assert build.exit_code == 1 and expected in build.stderr.splitlines()


def test_a_wrong_glossary_field_names_its_file_line_and_field(project):
    glossary = project / "locales/zh_Hant_HK/glossary.yaml"
    glossary.write_text("medicines:\n  Baclofen: 巴氯芬\nmedicine:\n  Metformin: 甲福明\n"
                        "brands:\n  Panadol: [必理痛]\npreferred:\n  乳酪: 優酪乳\n")
    result = run("check", "baclofen", root=project)
    assert result.exit_code == 1
    shown = "error: locales/zh_Hant_HK/glossary.yaml"
    assert [line for line in result.stderr.splitlines() if line.startswith(shown)] == [
        f"{shown}:3: medicine: unknown field (misspelt?)",
        f"{shown}:6: brands.Panadol: Input should be a valid string",
        f"{shown}:8: preferred.乳酪: Input should be a valid list (got '優酪乳')"]


def test_vocabulary_names_the_longest_avoided_form_once_and_never_inside_a_preferred_one():
    usage = Usage({}, HK.profile, avoid={"甲狀腺激素": ("甲狀腺素", False),
                                         "激素": ("荷爾蒙", False),
                                         "計程車": ("的士", True), "瀉": ("腹瀉", False)})
    assert check_vocabulary("", "甲狀腺激素、計程車", usage) == [
        "'甲狀腺激素' is not the agreed form (glossary): write '甲狀腺素'",
        "'計程車' is not Hong Kong usage: write '的士'"]
    assert check_vocabulary("", "荷爾蒙、的士、腹瀉", usage) == []  # 瀉 within 腹瀉
    assert check_vocabulary("", "瀉", usage) == ["'瀉' is not the agreed form (glossary): "
                                                 "write '腹瀉'"]


def test_a_term_matches_its_plural_and_a_brand_needs_its_chinese_name():
    usage = Usage({"beta-blocker": "乙型受體阻斷劑", "°C": "攝氏"}, HK.profile,
                  brands={"Panadol": "必理痛"})
    assert check_names("Beta-blockers such as propranolol", "乙型阻斷劑", usage) == [
        "'beta-blocker' must be translated as '乙型受體阻斷劑'"]
    assert check_names("below 25°C", "攝氏25度以下", usage) == []
    assert check_names("below 25°C", "25°C以下", usage) == ["'°C' must be translated as '攝氏'"]
    assert check_names("Panadol tablets", "Panadol藥丸", usage) == [
        "the brand 'Panadol' must be given with its Chinese name '必理痛'"]
    assert check_names("Panadol tablets", "必理痛（Panadol）藥丸", usage) == []
    kept = Usage({"Panadol": "Panadol"}, HK.profile, brands={"Panadol": "必理痛"})
    assert check_names("Panadol tablets", "必理痛藥丸", kept) == [
        "'Panadol' must be kept as written"]

"""The quantities each language's reader finds (what [numbers] compares), a language added as
data only, and no false alarm on any shipped catalog."""

from __future__ import annotations

import pytest
from conftest import REPO

from medleaf.checks.messages import Usage, check_numbers
from medleaf.checks.packs import packs_catalog_problems
from medleaf.checks.translation import interface_catalog_problems, leaflet_catalog_problems
from medleaf.content.languages import Language
from medleaf.content.monograph import load_leaflets
from medleaf.content.project import Project
from medleaf.i18n.profiles import profile
from medleaf.i18n.quantities import english, read


def readings(text: str, tag: str = "en", locales=None) -> list[tuple]:
    """(low, high, unit, period) of each quantity, in order; a bare number's unit is
    'number', a unit word that may be several units reads as all of them ('capsule/tablet')."""
    language = profile(Language.parse(tag), locales)
    found = read(text, language, None if tag == "en" else english())
    return [(q.low, q.high, "/".join(sorted(q.kinds)), q.per) for q in found]


@pytest.mark.parametrize("text,expected", [
    ("5 mg three times a day", [(5, 5, "mg", None), (3, 3, "times", "day")]),
    ("once or twice a day", [(1, 2, "times", "day")]),
    ("Take once-a-day tablets", [(1, 1, "times", "day")]),
    ("every 4 to 6 hours", [(4, 6, "hour", None)]),
    ("1 or 2 puffs (100 to 200 micrograms)", [(1, 2, "puff", None),
                                             (100, 200, "microgram", None)]),
    ("half a tablet, or 1½ tablets", [(0.5, 0.5, "tablet", None), (1.5, 1.5, "tablet", None)]),
    ("4–8 weeks; store below 25°C", [(4, 8, "week", None), (25, 25, "°C", None)]),
    ("3 or more times a week", [(3, 3, "times", "week")]),
    ("at bedtime", [(0, 0, "bedtime", None)]),
    ("6 months to 2 years", [(6, 6, "month", None), (2, 2, "year", None)]),
    ("call 999; type 2 diabetes", [(999, 999, "number", None), (2, 2, "number", None)]),
    ("a 2,000 mg\nmaximum, one and a\nhalf tablets", [(2000, 2000, "mg", None),
                                                     (1.5, 1.5, "tablet", None)]),
    ("Get help at once. No one needs a second puff.", []),
    ("two of these, the Third Schedule", [(2, 2, "number", None), (3, 3, "number", None)]),
])
def test_english_quantities(text, expected):
    assert readings(text) == expected


TABLET = "capsule/suppository/tablet"  # 粒 counts all three
TIMES = "application/dose/times"  # 次 is a time or a dose


@pytest.mark.parametrize("text,expected", [
    ("每日3次、每次5毫克", [(3, 3, TIMES, "day"), (5, 5, "mg", None)]),
    ("每日三次", [(3, 3, TIMES, "day")]),
    ("通常每日隨餐服用2至3次", [(2, 3, TIMES, "day")]),
    ("1粒半、一粒半、半粒、½粒", [(1.5, 1.5, TABLET, None)] * 2 + [(0.5, 0.5, TABLET, None)] * 2),
    ("兩劑", [(2, 2, "dose", None)]),
    ("十二個月、二十五毫克、一百毫升", [(12, 12, "month", None), (25, 25, "mg", None),
                                   (100, 100, "ml", None)]),
    ("每4至6小時", [(4, 6, "hour", None)]),
    ("4至8星期", [(4, 8, "week", None)]),
    ("每3日增加一次", [(3, 3, "day", None)]),  # 'once' of an interval is the interval
    ("攝氏25度以下、2至8°C", [(25, 25, "°C", None), (2, 8, "°C", None)]),
    ("睡前", [(0, 0, "bedtime", None)]),
    ("6歲或以上", [(6, 6, "year", None)]),
    ("致電999", [(999, 999, "number", None)]),
    ("一般、三方面、十分罕見", []),  # numerals that count nothing
    ("兩隻成人手掌、第二噴", [(2, 2, "number", None), (2, 2, "number", None)]),  # others
])
def test_hong_kong_chinese_quantities(text, expected):
    assert readings(text, "zh-HK") == expected


@pytest.mark.parametrize("english_text,chinese,problems", [
    ("the size of 2 adult hands", "兩隻成人手掌的面積", []),
    ("It affects about 1 in 10 people.", "每10人中約有1人受影響。", []),
    ("Reviewed in 2024.", "於2024年審閱。", []),  # a year, as a number or in years
    ("1. Shake the bottle. 2. Measure 5 ml.", "1. 搖勻藥瓶。2. 量取5毫升。", []),
    ("Part 1 poison, Third Schedule (Cap. 138)", "第138章下的第1部毒藥（附表3）", []),
    ("Metformin is a medicine for type 2 diabetes.", "二甲雙胍是治療2型糖尿病的藥物。", []),
    ("the size of 2 adult hands", "三隻成人手掌的面積",
     ['the English has "2" (the number 2), which the translation does not have']),
    ("Part 1 poison, Third Schedule", "第1部毒藥（附表1）",
     ['the English has "1" (the number 1), the translation "1" (the number 1) twice']),
])
def test_numbers_that_are_no_quantity_are_matched_too(english_text, chinese, problems):
    """A bare number (1 in 10, a year, a list position) must be on both sides; 兩隻 (two of
    something that is no unit) matches the English's 2, and is never asked for."""
    assert check_numbers(english_text, chinese, Usage({}, profile(Language.parse("zh-HK")))
                         ) == problems


def test_simplified_chinese_reads_its_own_numerals():
    assert readings("每日两次，每次两片", "zh-Hans-CN") == [(2, 2, TIMES, "day"),
                                                     (2, 2, "tablet", None)]
    assert readings("每日两次", "zh-HK") == []  # 两 is not Hong Kong's: no number


def test_the_check_finds_nothing_in_any_shipped_catalog():
    """Every leaflet catalog, the pack catalog and the interface strings: not one [numbers]
    finding, while well over a hundred of their English texts state quantities."""
    project = Project.at(REPO)
    language = Language.parse("zh-HK")
    problems = interface_catalog_problems(project, language)
    problems += packs_catalog_problems(project, language)
    stated = 0
    for leaflet in load_leaflets(project, project.leaflet_names()):
        problems += leaflet_catalog_problems(project, leaflet, language)
        stated += sum(bool(read(text, english())) for _, text in leaflet.texts())
    assert [str(p) for p in problems if p.check == "numbers"] == []
    assert stated > 100


SWAHILI = """\
units:
  tablet: ["vidonge {}", "kidonge {}"]
  times: ["mara {}"]
  day: ["siku {}"]
number_words: {moja: 1, mbili: 2, viwili: 2, tatu: 3}
per: {day: [kwa siku]}
"""


def test_a_language_added_as_data_is_read_with_its_own_units(tmp_path):
    """A project's locales/sw/language.yaml teaches medleaf Swahili, whose units come before
    the number ('mara tatu': three times): no code changes."""
    (tmp_path / "sw").mkdir()
    (tmp_path / "sw" / "language.yaml").write_text(SWAHILI)
    usage = Usage({}, profile(Language.parse("sw"), tmp_path))
    english_text = "Take two tablets three times a day for 5 days."
    assert check_numbers(english_text, "Meza vidonge viwili mara tatu kwa siku kwa muda wa "
                         "siku 5.", usage) == []
    assert check_numbers(english_text, "Meza vidonge viwili mara mbili kwa siku kwa muda wa "
                         "siku 5.", usage) == [
        'the English has "three times a day" (3 times a day), the translation "mara mbili '
        'kwa siku" (twice a day)']


def test_a_project_can_change_a_shipped_profile_s_units(tmp_path):
    """Its language.yaml replaces a unit's words (a clinic that writes tablets 錠)."""
    (tmp_path / "zh_Hant_HK").mkdir()
    (tmp_path / "zh_Hant_HK" / "language.yaml").write_text("units:\n  tablet: [錠]\n")
    assert readings("服用2錠", "zh-HK", tmp_path) == [(2, 2, "tablet", None)]
    assert readings("服用2錠", "zh-HK") == [(2, 2, "number", None)]


FREQUENCY = "Take 5 mg three times a day, every 4 hours, for 7 days."


@pytest.mark.parametrize("tag,translation,twice", [
    ("zh-Hans-CN", "每日3次，每4小时，每次5毫克，连用7天。", "每日2次"),
    ("ja", "5mgを1日3回、4時間ごとに、7日間服用してください。", "1日2回"),
    ("ko", "5mg을 하루 3회, 매 4시간마다, 7일 동안 복용하십시오.", "하루 2회"),
    ("th", "รับประทาน 5 มก. วันละ 3 ครั้ง ทุก 4 ชั่วโมง เป็นเวลา 7 วัน", "วันละ 2 ครั้ง"),
    ("vi", "Uống 5 mg ba lần mỗi ngày, mỗi 4 giờ, trong 7 ngày.", "hai lần mỗi ngày"),
    ("id", "Minum 5 mg tiga kali sehari, setiap 4 jam, selama 7 hari.", "dua kali sehari"),
    ("fil", "Uminom ng 5 mg tatlong beses sa isang araw, tuwing 4 na oras, sa loob ng 7 "
     "araw.", "2 beses araw-araw"),
    ("ur", "5 ملی گرام دن میں تین بار، ہر 4 گھنٹے، 7 دن تک لیں۔", "دن میں دو بار"),
    ("ne", "५ मिलिग्राम दिनको तीन पटक, हरेक ४ घण्टा, ७ दिनसम्म लिनुहोस्।", "दिनको दुई पटक"),
    ("hi", "5 मिलीग्राम दिन में तीन बार, हर 4 घंटे, 7 दिन तक लें।", "दिन में दो बार"),
])
def test_every_shipped_language_reads_a_frequency_its_own_way(tag, translation, twice):
    usage = Usage({}, profile(Language.parse(tag)))
    assert check_numbers(FREQUENCY, translation, usage) == []
    thrice = next(q.text for q in read(translation, usage.profile, english()) if q.per)
    assert check_numbers(FREQUENCY, translation.replace(thrice, twice), usage) == [
        f'the English has "three times a day" (3 times a day), the translation "{twice}" '
        '(twice a day)']

"""A warning dropped, turned into a permission or added in translation; a translation far
shorter than its English; a Chinese catalog hard to read. Each planted fault is reported as a
translator sees it, and the shipped library raises none."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import pytest
from conftest import REPO, run

from medleaf.checks.chinese_readability import COMMON, measure
from medleaf.checks.messages import Usage
from medleaf.checks.prohibitions import MIN_WORDS, SHORTEST, check_omission, check_prohibitions
from medleaf.content.languages import Language
from medleaf.content.markup import plain
from medleaf.content.project import Project
from medleaf.i18n.catalogs import read_catalog
from medleaf.i18n.profiles import profile

BROKEN = REPO / "tests" / "fixtures" / "broken"
PO = "locales/zh_Hant_HK/LC_MESSAGES/baclofen.po"
SHIPPED = sorted((REPO / "locales/zh_Hant_HK/LC_MESSAGES").glob("*.po"))


def usage(tag: str = "zh-HK") -> Usage:
    return Usage({}, profile(Language.parse(tag)))


def msgid_line(path: Path, context: str) -> int:
    """The catalog line a finding names: its entry's msgid, below the msgctxt."""
    lines = path.read_text().splitlines()
    at = lines.index(f'msgctxt "{context}"')
    assert lines[at + 1].startswith("msgid ")
    return at + 2


PLANTED = [  # (the message's context, the check, what the translator reads)
    ("tips[7].body", "prohibition", "the English forbids ('Do not' in \"Do not throw medicine "
     "into the rubbish or down the toilet.\") but the translation does not: \"可以把藥物丟進垃圾桶"
     "或沖入廁所。\""),
    ("faqs[3].answer", "prohibition", "the translation forbids ('切勿' in \"切勿與食物一併服藥，"
     "以免腸胃不適。\") where the English does not: \"Taking your doses with food can ease "
     "stomach upset.\""),
    ("tips[4].body", "prohibition", "the English forbids 1 time (do not), the translation 0 "
     "times: is \"Do not drive, ride a bicycle or motorcycle, or use machines…\" translated?"),
    ("tips[4].body", "omission", "the translation is 0.10 times as long as the English, under "
     "45% of the usual 0.394: is a part missing?"),
    ("tips[4].body", "omission", "the English has 1 sentence that forbids, the translation 0 "
     "clauses that forbid or negate: is a warning missing?"),
    ("how_it_works", "omission", "the translation is 0.11 times as long as the English, under "
     "45% of the usual 0.394: is a part missing?"),
]


@pytest.mark.parametrize("context,check,message", PLANTED)
def test_each_planted_warning_fault_is_reported_with_its_catalog_line(context, check,
                                                                      message):
    result = run("check", root=BROKEN)
    assert result.exit_code == 1
    line = msgid_line(BROKEN / PO, f"baclofen:{context}")
    assert f"error: {PO}:{line}: [{check}] baclofen:{context}: {message}" in \
        result.stderr.splitlines()


@pytest.mark.parametrize("english,translation,found", [
    ("Do not stop suddenly.", "可以突然停藥。", "the English forbids ('Do not'"),  # 停 alone
    ("Never share your cream.", "你可以與他人共用藥膏。", "the English forbids ('Never'"),
    ("You can take it with food.", "不可與食物同服。", "the translation forbids ('不可'"),
    ("Store it in the fridge.", "切勿存放於雪櫃內。", "the translation forbids ('切勿'"),
    ("No. In Hong Kong you need a prescription.", "可以。在香港，你必須持有醫生處方。",
     "the English says no ('No'"),
    ("Stop taking it and see your doctor.", "請繼續服藥並求診。", "the English says stop ('Stop'"),
    ("Keep it away from heat and damp.", "請存放於溫暖潮濕的地方。", "the English forbids ('away"),
    ("Give no more than 4 doses in 24 hours.", "24小時內可給予4劑。",
     "the English limits ('no more than'"),
    # 'Never ...' dropped: the 不用 left behind translates 'skip', not the prohibition
    ("Take it when you remember. If your next dose is due, skip the missed one. Never take "
     "two doses at once.", "記起時請補服。如已接近下一次服藥的時間，便不用補服。",
     "the English forbids 1 time (never), the translation 0 times"),
])
def test_a_prohibition_lost_or_added_is_an_error(english, translation, found):
    problems = check_prohibitions(english, translation, usage())
    assert len(problems) == 1 and problems[0].startswith(found), problems


@pytest.mark.parametrize("english,translation", [
    ("Do not stop suddenly.", "切勿突然停藥。"),
    ("Do not give it to others, and do not keep leftovers. Bring them back.",
     "請勿把藥給其他人服用，亦不要保留剩餘的藥物。請交回藥房。"),
    ("Most people need no more than 60 mg a day.", "大部分人每日所需劑量不超過60毫克。"),
    ("No more than 4 doses in 24 hours.", "24小時內最多4次。"),  # a limit as a limit
    ("No more than 1 g in one dose.", "每次不可超過1克。"),  # or as a prohibition
    ("Keep it away from heat.", "請存放於室溫下，避免受熱。"),
    ("Does it stop the pill from working?", "它會令避孕丸失效嗎？"),
    # 'do not' after a subject tells, never bids: any negation answers it
    ("If the kidneys do not work well, the doctor may give a lower dose.",
     "如腎功能欠佳，醫生可能會減低劑量。"),
    ("Tell your doctor if they trouble you or do not go away.",
     "如副作用令你困擾或持續不退，請告訴醫生。"),
    ("Spray 2 puffs into the air, away from your face.", "向空氣中（避開面部）噴2下。"),
])
def test_a_prohibition_kept_passes(english, translation):
    assert check_prohibitions(english, translation, usage()) == []


def test_simplified_chinese_is_checked_with_its_own_words_and_a_language_without_none():
    assert check_prohibitions("Do not drink alcohol.", "可以饮酒。", usage("zh-Hans-CN"))
    assert check_prohibitions("Do not drink alcohol.", "请勿饮酒。", usage("zh-Hans-CN")) == []
    assert check_prohibitions("Do not drink alcohol.", "شراب پی سکتے ہیں۔", usage("ur")) == []
    assert check_omission("Do not drink alcohol while you take it, and do not drive.", "ٹھیک",
                          usage("ur")) == []


def test_two_warnings_of_which_one_is_dropped():
    english = "Do not rub your eyes, and use your own towel. Never share your eye drops."
    assert check_omission(english, "切勿揉眼，亦不要與他人共用眼藥水。", usage()) == []
    assert check_omission(english, "切勿揉眼，並使用個人專用的毛巾。", usage()) == [
        "the English has 2 sentences that forbid, the translation 1 clause that forbids or "
        "negates: is a warning missing?"]


@pytest.mark.parametrize("english,translation", [
    ("Dizziness", "頭暈"),
    ("Feeling sick (nausea) or being sick (vomiting)", "感到噁心或嘔吐"),
])
def test_a_short_message_is_never_too_short(english, translation):
    assert check_omission(english, translation, usage()) == []


def shipped_messages():
    project = Project.at(REPO)
    for path in SHIPPED:
        for m in read_catalog(project, path, Language.parse("zh-HK")):
            if m.id and isinstance(m.string, str) and m.string:
                yield path.name, m.context, plain(m.id), plain(m.string)


def test_the_new_checks_find_nothing_in_any_shipped_catalog():
    found = [(name, context, problem) for name, context, english, translation
             in shipped_messages()
             for check in (check_prohibitions, check_omission)
             for problem in check(english, translation, usage())]
    assert found == []
    assert len(SHIPPED) == 10  # nine leaflets and the packs' titles


def test_the_length_ratio_is_the_shipped_library_s_with_margin():
    """The profile's ratio is the median of the shipped zh-HK messages of MIN_WORDS English
    words or more (as README says), and the shortest stays clear of the threshold."""
    ratios = [len(re.sub(r"\s", "", t)) / len(re.sub(r"\s", "", e))
              for _, _, e, t in shipped_messages() if len(re.findall(r"\w+", e)) >= MIN_WORDS]
    expected = profile(Language.parse("zh-HK")).length_ratio
    assert abs(statistics.median(ratios) - expected) < 0.01
    assert min(ratios) > 1.1 * SHORTEST * expected  # 0.211 against 0.177


def test_check_prints_the_chinese_measure_beside_the_english_grade():
    result = run("check", "baclofen", root=REPO)
    assert result.exit_code == 0, result.output
    assert re.search(r"^baclofen: reading grade \d+\.\d \(Flesch-Kincaid\); zh-HK: "
                     r"\d+\.\d characters a sentence, \d+\.\d% uncommon characters$",
                     result.stdout, re.M), result.stdout
    assert "warning" not in result.stderr


def test_a_hard_chinese_text_raises_the_readability_warning(project):
    """Sentences run together (。 as ，) and rarer words (藥餌 for 藥物, 醫僮 for 醫生)."""
    po = project / PO
    text = po.read_text()
    hard = re.sub(r'(msgstr ")(.*)"', lambda m: m[1] + m[2].replace("。", "，")
                  .replace("藥物", "藥餌").replace("醫生", "醫僮") + '"', text)
    po.write_text(hard)
    result = run("check", "baclofen", "--lang", "zh-HK", root=project)
    warnings = [line for line in result.stderr.splitlines() if "[readability]" in line]
    assert len(warnings) == 2, result.stderr
    length = re.match(rf"warning: {PO}: \[readability\] ([\d.]+) characters a sentence is "
                      "above 25; longest sentences: 「", warnings[0])
    uncommon = re.match(rf"warning: {PO}: \[readability\] ([\d.]+)% uncommon characters is "
                        rf"above 4% \(outside the {COMMON:,} commonest\): 餌僮", warnings[1])
    assert length and uncommon, warnings
    assert float(length[1]) > 25 and float(uncommon[1]) > 4
    assert f"zh-HK: {length[1]} characters a sentence, {uncommon[1]}% uncommon characters" \
        in result.stdout
    strict = run("check", "baclofen", "--lang", "zh-HK", "--max-sentence", "30",
                 "--max-uncommon", "5", root=project)
    assert "[readability]" not in strict.stderr


def test_the_measure_counts_characters_and_sentences_as_documented():
    reading = measure(["請勿飲酒。服藥後休息。", "頭暈"])  # 4 + 5 + 2 characters, 3 sentences
    assert reading.sentence_length == pytest.approx(11 / 3)
    assert reading.uncommon == 0
    assert measure(["痙攣。"]).uncommon == 100 and measure(["痙攣。"]).rare == "痙攣"

"""A patient's directions: structured fields in, the label's sentence out, in English and
in Hong Kong Chinese; every wrong combination refused naming its option or field."""

from __future__ import annotations

import json

import pytest
from conftest import run

from medleaf.content.directions import json_schema
from medleaf.content.languages import Language
from medleaf.i18n.catalogs import parse_catalog
from medleaf.i18n.direction_words import messages
from medleaf.i18n.directions import catalog_path

CASES = [
    ("--dose 1 --form tablet --times-a-day 3 --after-food --days 14",
     "Take by mouth: 3 times a day, 1 tablet each time, after food, for 14 days.",
     "口服：每日三次，每次一粒，飯後服，連續十四日。"),
    ("--dose 2 --form tablet --times-a-day 2 --weeks 2",
     "Take by mouth: twice a day, 2 tablets each time, for 2 weeks.",
     "口服：每日兩次，每次兩粒，連續兩星期。"),
    ("--dose ½ --form tablet --times-a-day 1 --before-food",
     "Take by mouth: once a day, ½ tablet each time, before food.",
     "口服：每日一次，每次半粒，飯前服。"),
    ("--dose 1½ --form tablet --every-hours 6",
     "Take by mouth: every 6 hours, 1½ tablets each time.",
     "口服：每六小時一次，每次一粒半。"),
    ("--dose 1/4 --form tablet --times-a-day 1 --long-term",
     "Take by mouth: once a day, ¼ tablet each time, long term.",
     "口服：每日一次，每次四分一粒，長期使用。"),
    ("--dose 1.25 --form tablet --times-a-day 1",
     "Take by mouth: once a day, 1¼ tablets each time.",
     "口服：每日一次，每次一又四分一粒。"),
    ("--form tablet --morning 1 --bedtime 2",
     "Take by mouth: 1 tablet in the morning, 2 tablets at bedtime.",
     "口服：早上一粒，睡前兩粒。"),
    ("--dose 2 --form puff --as-needed wheeze --min-hours 4 --max-per-day 8",
     "Inhale: when needed for wheeze, 2 puffs each time, at least 4 hours apart, no more "
     "than 8 doses in 24 hours.",
     "吸入：有需要時（氣喘），每次兩噴，每次相隔最少四小時，24小時內最多八次。"),
    ("--dose 2.5 --form ml --times-a-day 3 --until-finished --start 2026-12-03",
     "Take by mouth: 3 times a day, 2.5 ml each time, until finished. Start on 3 December "
     "2026.",
     "口服：每日三次，每次2.5毫升，直至用完。由2026年12月3日開始。"),
    ("--dose 1 --form drop --route eye --every-hours 2",
     "Put into the eye: every 2 hours, 1 drop each time.",
     "滴入眼內：每兩小時一次，每次一滴。"),
    ("--dose 1 --form capsule --times-a-week 1 --empty-stomach",
     "Take by mouth: once a week, 1 capsule each time, on an empty stomach.",
     "口服：每星期一次，每次一粒，空腹服。"),
    ("--dose 12 --form sachet --times-a-day 12",
     "Take by mouth: 12 times a day, 12 sachets each time.",
     "口服：每日十二次，每次十二包。"),
    ("--dose 1 --form patch --times-a-week 2 --days 21",
     "Use on the skin: twice a week, 1 patch each time, for 21 days.",
     "外用：每星期兩次，每次一貼，連續二十一日。"),
]


@pytest.mark.parametrize("options, english, chinese", CASES)
def test_directions_read_as_the_label_in_each_language(options, english, chinese):
    result = run("directions", *options.split())
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"en: {english}", f"zh-HK: {chinese}"]


@pytest.mark.parametrize("options, message", [
    ("--dose 1 --form tablet", "error: give exactly one of times_a_day, every_hours, "
     "times_a_week, schedule, as_needed"),
    ("--dose 1 --form tablet --times-a-day 3 --every-hours 4", "error: --every-hours: give "
     "exactly one of times_a_day, every_hours, times_a_week, schedule, as_needed (not "
     "times_a_day and every_hours)"),
    ("--dose ½ --form capsule --times-a-day 3", "error: --dose: a capsule is given whole: 1/2 "
     "is not a whole number"),
    ("--dose 1/3 --form tablet --times-a-day 3", "error: --dose: a tablet is given whole, in "
     "halves or quarters, not 1/3"),
    ("--dose 2.55 --form ml --times-a-day 3", "error: --dose: ml are measured to 0.1 ml, not "
     "51/20"),
    ("--dose 0 --form tablet --times-a-day 3", "error: --dose: must be more than 0 and at most "
     "100, not '0'"),
    ("--dose lots --form tablet --times-a-day 3", "error: --dose: must be an amount such as 1, "
     "2.5 or ½, not 'lots'"),
    ("--dose 1 --form drop --times-a-day 4", "error: --route: give route for drops (one of "
     "by_mouth, under_tongue, inhaled, eye, ear, nose, skin, rectal)"),
    ("--dose 1 --form tablet --morning 1", "error: --dose: with schedule, the amounts are "
     "the schedule's: leave dose out"),
    ("--dose 2 --form puff --as-needed wheeze", "error: --min-hours: required field is "
     "missing"),
    ("--dose 1 --form tablet --times-a-day 13", "error: --times-a-day: Input should be less "
     "than or equal to 12 (got 13)"),
    ("--dose 1 --form tablet --times-a-day 1 --days 3 --long-term", "error: --long-term: give "
     "one of days, weeks, until_finished, long_term, not days and long_term"),
    ("--dose 1 --form tablet --times-a-day 1 --start 3/12/2026", "error: --start: must be a "
     "date written YYYY-MM-DD, not '3/12/2026'"),
])
def test_directions_that_do_not_fit_are_refused_naming_the_option(options, message):
    result = run("directions", *options.split())
    assert result.exit_code == 1 and result.stdout == ""
    assert any(line.startswith(message) for line in result.stderr.splitlines()), \
        result.stderr


def test_a_directions_file_is_read_with_its_lines(tmp_path):
    path = tmp_path / "rx.json"
    path.write_text(json.dumps({"patient": "陳大文", "dose": "½", "form": "tablet",
                                "times_a_day": 2, "food": "after"}, ensure_ascii=False,
                               indent=2))
    result = run("directions", "--directions", str(path), "--lang", "zh-HK")
    assert result.exit_code == 0, result.output
    assert result.stdout == "zh-HK: 口服：每日兩次，每次半粒，飯後服。\n"
    path.write_text('{\n  "dose": 1,\n  "form": "tablets",\n  "times_a_day": 2,\n'
                    '  "food": "later"\n}\n')
    result = run("directions", "--directions", str(path))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"error: {path}:3: form: Input should be 'tablet', ")
    assert lines[1].startswith(f"error: {path}:5: food: Input should be 'with', 'after', ")
    path.write_text('{"dose": 1, "form": "tablet", "times_a_day": 2, "days": 3,\n'
                    '"weeks": 1}\n')
    assert f"error: {path}:2: weeks: give one of days, weeks, until_finished, long_term, " \
        "not days and weeks" in run("directions", "--directions", str(path)).stderr
    path.write_text('{"dose": 1, "form": "tablet", "times_a_day": 2,\n'
                    '"patient": "Chan \\u202eTai Man"}\n')
    assert run("directions", "--directions", str(path)).stderr.startswith(
        f"error: {path}:2: patient: holds U+202E RIGHT-TO-LEFT OVERRIDE")
    both = run("directions", "--directions", str(path), "--dose", "1")
    assert both.exit_code == 2 and "not both" in both.stderr


def test_a_language_without_translated_directions_is_refused_by_name():
    result = run("directions", "--dose", "1", "--form", "tablet", "--times-a-day", "1",
                 "--lang", "ur")
    assert result.exit_code == 1
    assert result.stderr == "error: medleaf/locales/ur/LC_MESSAGES/directions.po: medleaf " \
        "has no ur translation of the directions (a project adds its own as " \
        "locales/LOCALE/LC_MESSAGES/directions.po)\n"


def test_the_shipped_json_schema_is_the_model_s():
    shipped = catalog_path(Language.parse("en")).parents[3] / "data/directions.schema.json"
    assert json.loads(shipped.read_text(encoding="utf-8")) == json_schema(), \
        "run 'make schema'"
    assert set(json_schema()["properties"]) >= {
        "patient", "dose", "form", "times_a_day", "every_hours", "schedule", "as_needed",
        "food", "days", "weeks", "start"}


def test_the_hong_kong_directions_catalog_translates_every_message_and_no_other():
    po = catalog_path(Language.parse("zh-HK"))
    catalog = parse_catalog(po.read_text(encoding="utf-8"), str(po),
                            Language.parse("zh-HK"))
    have = {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id): m for m in catalog
            if m.id}
    want = {(context, one) for context, one, _ in messages()}
    assert set(have) == want
    assert all(m.string and all(m.string) and not m.fuzzy for m in have.values())


def test_a_project_s_own_directions_catalog_gives_a_language_its_directions(project):
    """Urdu, as a clinic would add it: its profile ships with medleaf, its words are the
    project's (here marked «» to show whose they are)."""
    from babel.messages.catalog import Catalog

    from medleaf.i18n.catalogs import render_catalog

    urdu = Language.parse("ur")
    catalog = Catalog(locale=urdu.babel, domain="directions")
    for context, one, other in messages():
        flags = ["python-format"] if "%(" in one else []
        catalog.add((one, other) if other else one,
                    (f"«{one}»", f"«{other}»") if other else f"«{one}»", context=context,
                    flags=flags)
    po = project / "locales/ur/LC_MESSAGES/directions.po"
    po.parent.mkdir(parents=True)
    po.write_bytes(render_catalog(catalog))
    result = run("directions", "--dose", "2", "--form", "tablet", "--times-a-day", "3",
                 "--lang", "ur", root=project)
    assert result.exit_code == 0, result.output
    assert result.stdout == "ur: «%(how)s: %(what)s.»\n".replace(
        "%(how)s", "«Take by mouth»").replace(
        "%(what)s", "«%(num)s times a day»".replace("%(num)s", "3") + "«, »" +
        "«%(amount)s each time»".replace("%(amount)s", "«2 tablets»"))
    po.write_text(po.read_text().replace('msgstr "«Take by mouth»"', 'msgstr ""'))
    result = run("directions", "--dose", "2", "--form", "tablet", "--times-a-day", "3",
                 "--lang", "ur", root=project)
    assert result.exit_code == 1
    assert result.stderr == f"error: {po}: directions:route: 'Take by mouth' has no ur " \
        "translation\n"


@pytest.mark.parametrize("broken, message", [
    ('msgstr "每日%(nm)s次"', "cannot be formatted ('nm'): write the placeholders %(num)s"),
    ('msgstr "每日三次"', "the placeholders must be the English's: %(num)s"),
    ('msgstr "每日%(num)d次"', "cannot be formatted"),
    ('msgstr "每日%次"', "cannot be formatted"),
])
def test_a_mistyped_placeholder_in_a_directions_catalog_is_a_message(project, broken,
                                                                      message):
    """A project's own Hong Kong directions catalog, with one placeholder mistyped: every
    dispense would stop on it, so it is refused by line before anything is written."""
    own = project / "locales/zh_Hant_HK/LC_MESSAGES/directions.po"
    text = catalog_path(Language.parse("zh-HK")).read_text(encoding="utf-8")
    own.write_text(text.replace('msgstr "每日%(num)s次"', broken, 1), encoding="utf-8")
    line = own.read_text().splitlines().index(broken)
    result = run("directions", "--dose", "1", "--form", "tablet", "--times-a-day", "3",
                 "--lang", "zh-HK", root=project)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith(f"error: {own}:{line}: directions:times-a-day: {message}")

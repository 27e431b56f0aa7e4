"""medleaf dispense: one patient's leaflet, a personal page with their directions in English
and Chinese before the leaflet as built, and the patient's data nowhere else."""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

import pytest
from conftest import page_count, pdf_fonts, pdf_text, run

DIRECTIONS = ["--dose", "1", "--form", "tablet", "--strength", "10 mg", "--times-a-day", "3",
              "--after-food", "--days", "14"]


def dense(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_personal_page_comes_first_then_the_leaflet_as_built(project, tmp_path):
    built = tmp_path / "built"
    assert run("build", "baclofen", "--lang", "zh-HK", "--out", str(built),
               root=project).exit_code == 0
    out = tmp_path / "chan.pdf"
    result = run("dispense", "baclofen", "--lang", "zh-HK", "--patient", "陳𡃁仔 <b>Tai</b>",
                 "--pharmacist", "Lee Siu Ming", "--date", "2026-12-03", *DIRECTIONS,
                 "--out", str(out), root=project)
    assert result.exit_code == 0, result.output
    assert "the leaflet from the render cache" in result.stdout
    leaflet = built / "baclofen.zh-HK.pdf"
    assert page_count(out) == page_count(leaflet) + 1
    first = pdf_text(out, 1)
    assert "陳𡃁仔 <b>Tai</b>" in first  # any script, and markup shown as written
    assert "Take by mouth: 3 times a day, 1 tablet each time, after food, for 14 days." in \
        re.sub(r"\s+", " ", first)
    assert "口服：每日三次，每次一粒，飯後服，連續十四日。" in dense(first)
    assert "3 December 2026" in first and "2026年12月3日" in dense(first)
    assert "巴氯芬" in first and "Lee Siu Ming" in first and "松港家庭醫務所" in dense(first)
    assert "DRAFT" in pdf_text(out, 1, raw=True)  # the leaflet is a draft: so is its page
    for page in range(1, page_count(leaflet) + 1):
        assert dense(pdf_text(out, page + 1)) == dense(pdf_text(leaflet, page))
    fonts = pdf_fonts(out)  # the leaflet's subsets as built, the page's beside them
    assert set(pdf_fonts(leaflet)) < set(fonts) and len(fonts) == len(set(fonts))


def test_an_english_leaflet_has_its_directions_in_chinese_too(project, tmp_path):
    out = tmp_path / "en.pdf"
    result = run("dispense", "baclofen", "--lang", "en", "--form", "tablet", "--morning", "1",
                 "--bedtime", "2", "--strength", "10 mg", "--out", str(out), root=project)
    assert result.exit_code == 0, result.output
    first = pdf_text(out, 1)
    assert "1 tablet in the morning, 2 tablets at bedtime" in re.sub(r"\s+", " ", first)
    assert "口服：早上一粒，睡前兩粒。" in dense(first)


def test_the_patient_s_name_is_written_nowhere_but_the_pdf(project, tmp_path):
    name = f"Wong Unique{os.getpid()}{time.monotonic_ns()}"
    started = time.time() - 1
    out_dir = tmp_path / "out"
    out = out_dir / "wong.pdf"
    result = run("dispense", "baclofen", "--lang", "zh-HK", "--patient", name, *DIRECTIONS,
                 "--out", str(out), root=project)
    assert result.exit_code == 0, result.output
    assert name in pdf_text(out, 1)
    assert name not in result.output
    places = [project, out_dir, Path(os.environ["XDG_CACHE_HOME"]), Path(tempfile.gettempdir())]
    found = []
    for place in places:
        for path in place.rglob("*"):
            try:
                if path == out or not path.is_file() or path.stat().st_mtime < started:
                    continue
                data = path.read_bytes()
            except OSError:
                continue
            readable = pdf_text(path) if data.startswith(b"%PDF") else ""  # drawn text too
            if name.encode() in data or name.encode("utf-16-be") in data or \
                    name in path.name or name in readable:
                found.append(path)
    assert found == []


@pytest.mark.parametrize("patient, message", [
    ("Chan \U0001F48A", "U+1F48A PILL"),
])
def test_a_name_its_font_cannot_print_is_refused_and_nothing_written(project, tmp_path,
                                                                      patient, message):
    out = tmp_path / "out" / "x.pdf"
    result = run("dispense", "baclofen", "--patient", patient, *DIRECTIONS, "--out", str(out),
                 root=project)
    assert result.exit_code == 1
    assert message in result.stderr and "it would print as a box" in result.stderr
    assert patient not in result.stderr
    assert not out.parent.exists() or not list(out.parent.iterdir())


def test_a_leaflet_that_cannot_print_cannot_be_dispensed(project, tmp_path):
    po = project / "locales/zh_Hant_HK/LC_MESSAGES/baclofen.po"
    po.write_text(po.read_text().replace("每次5毫克", "每次50毫克"))
    out = tmp_path / "x.pdf"
    result = run("dispense", "baclofen", *DIRECTIONS, "--out", str(out), root=project)
    assert result.exit_code == 1 and "baclofen.po" in result.stderr
    assert not out.exists()
    wrong = run("dispense", "baclofen", "--dose", "1", "--form", "drop", "--times-a-day", "3",
                "--out", str(out), root=project)
    assert wrong.exit_code == 1 and "error: --route: give route for drops" in wrong.stderr


@pytest.mark.parametrize("leaflet, options, message", [
    ("baclofen", "--dose 3 --form tablet --times-a-day 4 --strength 10mg",
     "error: [doses] dose: above Baclofen's maximum for an adult: 120 mg in 24 hours (the "
     "maximum is 100 mg)"),
    ("metformin", "--dose 2 --form tablet --times-a-day 3 --strength 850mg --age-group "
     "children", "error: [doses] dose: above Metformin's maximum for a child: 5.1 g in 24 "
     "hours (the maximum is 2 g)"),
    ("paracetamol-oral-suspension", "--dose 5 --form ml --every-hours 4 --age-group children "
     "--strength 120mg/5ml", "error: [doses] dose: above Paracetamol's maximum for a child: 6 "
     "doses in 24 hours (the maximum is 4)"),
    ("paracetamol-oral-suspension", "--dose 50 --form ml --times-a-day 4 --strength "
     "120mg/5ml", "error: [doses] dose: above Paracetamol's maximum for an adult: 1.2 g in one "
     "dose (the maximum is 1 g)"),
    ("baclofen", "--dose 2 --form puff --times-a-day 4",
     "error: [doses] form: Baclofen is dispensed as tablet or ml, not puff"),
    ("chloramphenicol-eye-drops", "--dose 1 --form drop --route ear --times-a-day 4",
     "error: [doses] route: Chloramphenicol is used by route eye, not ear"),
    ("baclofen", "--dose 1 --form tablet --times-a-day 3 --strength 7mg",
     "error: [doses] strength: 7mg is not a strength it comes in (one of 10 mg, 25 mg, "
     "5 mg/5 ml)"),
    ("baclofen", "--dose 1 --form tablet --times-a-day 3",
     "error: [doses] strength: give strength, the drug in one tablet, to check the dose "
     "against Baclofen's maximum"),
])
def test_directions_that_do_not_fit_the_medicine_are_refused(project, tmp_path, leaflet,
                                                             options, message):
    out = tmp_path / "out" / "x.pdf"
    result = run("dispense", leaflet, *options.split(), "--out", str(out), root=project)
    assert result.exit_code == 1, result.output
    assert any(line.startswith(message) for line in result.stderr.splitlines()), \
        result.stderr
    assert not out.exists()


def test_a_dose_above_the_maximum_prints_only_when_confirmed_and_says_so(project, tmp_path):
    out = tmp_path / "x.pdf"
    options = ["--dose", "3", "--form", "tablet", "--times-a-day", "4", "--strength", "10 mg"]
    assert run("dispense", "baclofen", *options, "--out", str(out),
               root=project).exit_code == 1
    result = run("dispense", "baclofen", *options, "--confirm-above-maximum", "--out",
                 str(out), root=project)
    assert result.exit_code == 0, result.output
    first = pdf_text(out, 1)
    assert "Above the usual maximum: confirmed by the pharmacist." in re.sub(r"\s+", " ",
                                                                             first)
    assert "高於一般最高劑量：已經藥劑師確認。" in dense(first)
    within = run("dispense", "baclofen", "--dose", "1", "--form", "tablet", "--times-a-day",
                 "3", "--strength", "10 mg", "--out", str(out), root=project)
    assert within.exit_code == 0 and "maximum" not in pdf_text(out, 1)


def test_a_monograph_s_dispensing_is_validated_with_its_line(project):
    path = project / "leaflets/baclofen.yaml"
    text = path.read_text()
    path.write_text(text.replace("strengths: [10 mg, 25 mg, 5 mg/5 ml]",
                                 "strengths: [10 kg, 25 mg, 5 mg/5 ml]")
                    .replace("forms: [tablet, ml]", "forms: [tablet, pill]"))
    result = run("check", "baclofen", root=project)
    assert result.exit_code == 1
    forms = text[:text.index("forms: [tablet, ml]")].count("\n") + 1
    assert f"error: leaflets/baclofen.yaml:{forms}: dispensing.forms[1]: Input should be " \
        "'tablet', " in result.stderr
    assert f"error: leaflets/baclofen.yaml:{forms + 1}: dispensing.strengths[0]: must be an " \
        "amount of the drug such as '10 mg', '100 micrograms' or '120 mg/5 ml', not " \
        "'10 kg'" in result.stderr


def test_the_personal_page_repeats_the_medicine_s_standard_cautions(project, tmp_path):
    out = tmp_path / "x.pdf"
    assert run("dispense", "baclofen", *DIRECTIONS, "--out", str(out),
               root=project).exit_code == 0
    first = pdf_text(out, 1)
    assert "This medicine may make you drowsy. If it does, do not drive or use machines." in \
        re.sub(r"\s+", " ", first)
    assert "切勿突然停藥。" in dense(first) and "避免飲用含酒精飲品。" in dense(first)
    path = project / "leaflets/baclofen.yaml"
    path.write_text(path.read_text().replace("  cautions: [drowsiness, alcohol, do_not_stop]\n",
                                             ""))
    assert run("dispense", "baclofen", *DIRECTIONS, "--out", str(out),
               root=project).exit_code == 0
    assert "drowsy" not in pdf_text(out, 1)


def test_a_bilingual_leaflet_is_dispensed_with_its_personal_page(project, tmp_path):
    built = tmp_path / "built"
    assert run("build", "baclofen", "--lang", "en+zh-HK", "--out", str(built),
               root=project).exit_code == 0
    result = run("dispense", "baclofen", "--lang", "en+zh-HK", *DIRECTIONS, root=project)
    assert result.exit_code == 0, result.output
    out = project / "out/baclofen.en+zh-HK.personal.pdf"
    assert f"wrote {out} (" in result.stdout and "from the render cache" in result.stdout
    leaflet = built / "baclofen.en+zh-HK.pdf"
    assert page_count(out) == page_count(leaflet) + 1
    assert "口服：每日三次，每次一粒，飯後服，連續十四日。" in dense(pdf_text(out, 1))
    assert dense(pdf_text(out, 2)) == dense(pdf_text(leaflet, 1))

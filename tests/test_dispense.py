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

DIRECTIONS = ["--dose", "1", "--form", "tablet", "--times-a-day", "3", "--after-food",
              "--days", "14"]


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
    assert set(pdf_fonts(out)) == set(pdf_fonts(leaflet))  # each face once, joined


def test_an_english_leaflet_has_its_directions_in_chinese_too(project, tmp_path):
    out = tmp_path / "en.pdf"
    result = run("dispense", "baclofen", "--lang", "en", "--form", "tablet", "--morning", "1",
                 "--bedtime", "2", "--out", str(out), root=project)
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

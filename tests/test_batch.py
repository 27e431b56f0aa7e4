"""Batch builds: every core, failure isolation, atomic writes, incremental rebuilds."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time

from conftest import REPO, run
from pypdf import PdfReader


def built_names(result) -> set[str]:
    return {re.search(r"([^/]+\.pdf) \(", line)[1] for line in result.stdout.splitlines()
            if line.startswith("wrote ")}


def test_one_broken_leaflet_never_stops_the_others(project, tmp_path):
    path = project / "leaflets/amlodipine.yaml"
    path.write_text(path.read_text().replace("summary:", "sumary:", 1))
    out = tmp_path / "out"
    result = run("build", "--jobs", "2", "--out", str(out), root=project)
    assert result.exit_code == 1
    pdfs = sorted(p.name for p in out.glob("*.pdf"))
    assert len(pdfs) == 16 and not any(p.startswith("amlodipine") for p in pdfs)
    assert "failed: amlodipine (en):" in result.stderr
    assert "error: leaflets/amlodipine.yaml:1: summary: required field is missing" \
        in result.stderr
    assert re.search(r"^16 built, 0 up to date, 2 failed in \d+\.\d s\.$", result.stdout, re.M)


def test_plain_lines_when_not_on_a_terminal(tmp_path):
    result = run("build", "baclofen", "amoxicillin", "--jobs", "2", "--out", str(tmp_path),
                 root=REPO)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 5 and all(re.fullmatch(r"wrote \S+\.pdf \(\d+\.\d\d s\)", line)
                                   for line in lines[:4])
    assert "\r" not in result.stdout and "\033" not in result.stdout


def test_a_rebuild_renders_exactly_what_changed(baclofen_only, tmp_path):
    project, out = baclofen_only, tmp_path / "out"
    (project / "leaflets/amoxicillin.yaml").write_bytes(
        (REPO / "leaflets/amoxicillin.yaml").read_bytes())
    first = run("build", "--out", str(out), root=project)
    assert built_names(first) == {"baclofen.en.pdf", "baclofen.zh-HK.pdf", "amoxicillin.en.pdf",
                                  "amoxicillin.zh-HK.pdf"}
    again = run("build", "--out", str(out), root=project)
    assert built_names(again) == set()
    assert re.search(r"^0 built, 4 up to date, 0 failed", again.stdout, re.M)
    # one leaflet catalog changes: only that leaflet's Chinese output
    po = project / "locales/zh_Hant_HK/LC_MESSAGES/baclofen.po"
    po.write_text(po.read_text().replace('msgstr "儲存方法"', 'msgstr "存放方法"'))
    assert built_names(run("build", "--out", str(out), root=project)) == {"baclofen.zh-HK.pdf"}
    # the interface catalog changes: every Chinese output
    ui = project / "locales/zh_Hant_HK/LC_MESSAGES/ui.po"
    ui.write_text(ui.read_text().replace('msgstr "藥劑師小貼士"', 'msgstr "藥劑師貼士"'))
    assert built_names(run("build", "--out", str(out), root=project)) == {
        "baclofen.zh-HK.pdf", "amoxicillin.zh-HK.pdf"}
    # a monograph changes: both its languages
    yaml = project / "leaflets/amoxicillin.yaml"
    yaml.write_text(yaml.read_text() + "\n# a comment only\n")
    assert built_names(run("build", "--out", str(out), root=project)) == {
        "amoxicillin.en.pdf", "amoxicillin.zh-HK.pdf"}
    # the paper size is an input too, and --force rebuilds all
    assert len(built_names(run("build", "--paper", "A5", "--out", str(out), root=project))) == 4
    assert len(built_names(run("build", "--paper", "A5", "--force", "--out", str(out),
                               root=project))) == 4
    # an output changed or removed behind medleaf's back is rebuilt
    (out / "baclofen.en.pdf").unlink()
    (out / "amoxicillin.en.pdf").write_bytes(b"%PDF-1.7 tampered")
    assert built_names(run("build", "--paper", "A5", "--out", str(out), root=project)) == {
        "baclofen.en.pdf", "amoxicillin.en.pdf"}
    manifest = json.loads((out / "manifest.json").read_text())["outputs"]
    assert sorted(manifest) == sorted(p.name for p in out.glob("*.pdf"))


def test_a_second_out_folder_is_copied_from_the_render_cache(baclofen_only, tmp_path):
    first = run("build", "--out", str(tmp_path / "a"), root=baclofen_only)
    assert "(from the render cache)" not in first.stdout
    second = run("build", "--out", str(tmp_path / "b"), root=baclofen_only)
    assert second.exit_code == 0, second.output
    assert f"wrote {tmp_path / 'b' / 'baclofen.zh-HK.pdf'} (from the render cache)" \
        in second.stdout
    for name in ("baclofen.en.pdf", "baclofen.zh-HK.pdf"):
        assert (tmp_path / "b" / name).read_bytes() == (tmp_path / "a" / name).read_bytes()
    assert built_names(run("build", "--out", str(tmp_path / "b"), root=baclofen_only)) == set()
    forced = run("build", "--force", "--out", str(tmp_path / "b"), root=baclofen_only)
    assert len(built_names(forced)) == 2 and "(from the render cache)" not in forced.stdout


def test_a_font_update_rebuilds_every_output(baclofen_only, tmp_path, monkeypatch):
    """Glyph numbers can change with a font package: every PDF depends on them."""
    from medleaf import manifest

    out, font = tmp_path / "out", tmp_path / "NotoSansCJK-Regular.ttc"
    font.write_bytes(b"version 1")
    monkeypatch.setattr(manifest.preflight, "font_files", lambda family: (str(font),))
    manifest.font_versions.cache_clear()
    assert len(built_names(run("build", "--out", str(out), root=baclofen_only))) == 2
    manifest.font_versions.cache_clear()
    assert built_names(run("build", "--out", str(out), root=baclofen_only)) == set()
    font.write_bytes(b"version 2, a little longer")
    manifest.font_versions.cache_clear()
    assert len(built_names(run("build", "--out", str(out), root=baclofen_only))) == 2
    manifest.font_versions.cache_clear()


def test_a_killed_build_leaves_no_partial_pdf_and_the_next_run_completes(tmp_path,
                                                                          monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # nothing built before
    out = tmp_path / "out"
    medleaf = REPO / ".venv" / "bin" / "medleaf"
    command = [str(medleaf)] if medleaf.exists() else [sys.executable, "-m", "medleaf"]
    build = subprocess.Popen([*command, "build", "--jobs", "2", "--out", str(out)], cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    for line in build.stdout:  # wait until some, not all, leaflets are written
        if line.startswith(b"wrote "):
            break
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    time.sleep(0.2)
    survivors = list(out.glob("*.pdf"))
    assert 0 < len(survivors) < 18
    for pdf in survivors:
        assert len(PdfReader(pdf).pages) >= 2  # every file that exists is a whole PDF
    result = run("build", "--out", str(out), root=REPO)
    assert result.exit_code == 0
    # a PDF a worker wrote just before the kill, not yet in the manifest, is built again
    built, current = map(int, re.search(r"^(\d+) built, (\d+) up to date, 0 failed",
                                        result.stdout, re.M).groups())
    assert built + current == 18 and 1 <= current <= len(survivors)
    assert len(list(out.glob("*.pdf"))) == 18
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_a_progress_bar_with_counts_and_the_current_leaflet_on_a_terminal(tmp_path):
    import pty

    medleaf = REPO / ".venv" / "bin" / "medleaf"
    command = [str(medleaf)] if medleaf.exists() else [sys.executable, "-m", "medleaf"]
    leader, follower = pty.openpty()
    done = subprocess.run([*command, "build", "baclofen", "amoxicillin", "--jobs", "2",
                           "--out", str(tmp_path)], cwd=REPO, stdout=follower,
                          stderr=subprocess.DEVNULL)
    os.close(follower)
    screen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    os.close(leader)
    text = screen.decode()
    assert done.returncode == 0
    assert re.search(r"\r\[#+\.*\] 1/4 (baclofen|amoxicillin) \((en|zh-HK)\)", text)
    assert re.search(r"\r\[#{30}\] 4/4 ", text)
    assert "wrote " not in text  # no line per leaflet on a terminal
    assert re.search(r"4 built, 0 up to date, 0 failed in \d+\.\d s\.", text)

"""Batch builds: every core, failure isolation, atomic writes, incremental rebuilds."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, run
from pypdf import PdfReader

from medleaf.content.project import TOOL_TEMPLATES


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
    # an earlier test may have rendered them: then they come from the render cache
    assert len(lines) == 5 and all(
        re.fullmatch(r"wrote \S+\.pdf \((\d+\.\d\d s|from the render cache)\)", line)
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
    from medleaf.content import versions

    out, font = tmp_path / "out", tmp_path / "NotoSansCJK-Regular.ttc"
    font.write_bytes(b"version 1")
    monkeypatch.setattr(versions, "font_files", lambda family: (str(font),))
    versions.font_versions.cache_clear()
    assert len(built_names(run("build", "--out", str(out), root=baclofen_only))) == 2
    versions.font_versions.cache_clear()
    assert built_names(run("build", "--out", str(out), root=baclofen_only)) == set()
    font.write_bytes(b"version 2, a little longer")
    versions.font_versions.cache_clear()
    assert len(built_names(run("build", "--out", str(out), root=baclofen_only))) == 2
    versions.font_versions.cache_clear()


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


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; only its parent's bookkeeping is left


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_with_their_parent(tmp_path, monkeypatch, how):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # so there is work to do
    medleaf = REPO / ".venv" / "bin" / "medleaf"
    command = [str(medleaf)] if medleaf.exists() else [sys.executable, "-m", "medleaf"]
    build = subprocess.Popen([*command, "build", "--jobs", "2", "--out", str(tmp_path / "o")],
                             cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    workers = set()
    while len(workers) < 2 and time.monotonic() < deadline:
        workers = _children(build.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the build never started its workers"
    build.send_signal(how)
    build.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if _running(pid)]
    if how == signal.SIGTERM:
        assert build.returncode == 143
        assert "terminated: every finished leaflet was kept" in build.stderr.read().decode()


def test_two_builds_into_one_folder_take_turns(tmp_path, monkeypatch):
    import fcntl

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    medleaf = REPO / ".venv" / "bin" / "medleaf"
    command = [str(medleaf)] if medleaf.exists() else [sys.executable, "-m", "medleaf"]
    out = tmp_path / "out"
    out.mkdir()
    # another build's temporary file, still being written (its process is alive)
    live = out / f".medleaf-{os.getpid()}-abc.tmp"
    live.write_bytes(b"half")
    dead = out / ".medleaf-999999999-abc.tmp"  # a killed build's leftover
    dead.write_bytes(b"half")
    held = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(held, fcntl.LOCK_EX)  # as another build holds the folder
    builds = [subprocess.Popen([*command, "build", "baclofen", "amoxicillin", "--jobs", "1",
                                "--out", str(out)], cwd=REPO, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True) for _ in range(2)]
    time.sleep(3)
    assert [b.poll() for b in builds] == [None, None]  # both wait
    assert not list(out.glob("*.pdf"))
    os.close(held)
    results = [(b.wait(timeout=120), *b.communicate()) for b in builds]
    assert [code for code, _, _ in results] == [0, 0]
    summaries = sorted(re.search(r"(\d+) built, (\d+) up to date", out_)[0]
                       for _, out_, _ in results)
    assert summaries == ["0 built, 4 up to date", "4 built, 0 up to date"]
    assert all(f"waiting for another build into {out} to finish" in err
               for _, _, err in results)
    assert live.exists() and not dead.exists()
    for pdf in out.glob("*.pdf"):
        assert len(PdfReader(pdf).pages) >= 2


@pytest.mark.parametrize("path,old,new,rebuilt", [
    ("templates/leaflet.html", "<header", "{# a note #}<header", {"en", "zh-HK"}),
    ("templates/leaflet.css", "html {", "/* a note */ html {", {"en", "zh-HK"}),
    ("templates/brand-style.css", ":root", "/* a note */ :root", {"en", "zh-HK"}),
    ("templates/brand/brand.yaml", "+852 2345 6789", "+852 2345 6780", {"en", "zh-HK"}),
    ("templates/brand/logo.svg", "<svg ", "<!-- a note --><svg ", {"en", "zh-HK"}),
    ("locales/zh_Hant_HK/glossary.yaml", "\nterms:", "\n# a note\nterms:", {"zh-HK"}),
])
def test_every_input_of_a_leaflet_is_in_its_fingerprint(baclofen_only, tmp_path, path, old,
                                                        new, rebuilt):
    """An edit to any input rebuilds exactly the outputs made from it (never a stale PDF)."""
    out = tmp_path / "out"
    file = baclofen_only / path
    if not file.exists():  # one of medleaf's templates: the project overrides it
        shutil.copy(TOOL_TEMPLATES / file.name, file)
    assert len(built_names(run("build", "--out", str(out), root=baclofen_only))) == 2
    text = file.read_text()
    assert old in text, old
    file.write_text(text.replace(old, new, 1))
    assert built_names(run("build", "--out", str(out), root=baclofen_only)) == {
        f"baclofen.{tag}.pdf" for tag in rebuilt}


def test_a_new_leaflet_is_an_input_of_every_other_leaflets_check(baclofen_only, tmp_path):
    """Its name joins the wrong-medicine check: a leaflet built before that names it is no
    longer up to date, and is refused like check refuses it."""
    project, out = baclofen_only, tmp_path / "out"
    yaml = project / "leaflets/baclofen.yaml"
    yaml.write_text(yaml.read_text().replace("Adults usually start with 5 mg",
                                             "Adults usually start with 5 mg (not zorbafen)"))
    assert run("build", "baclofen", "--lang", "en", "--out", str(out), root=project
               ).exit_code == 0
    other = (project / "leaflets/baclofen.yaml").read_text().replace(
        "  generic: Baclofen", "  generic: Zorbafen")
    (project / "leaflets/zorbafen.yaml").write_text(other)
    check = run("check", "baclofen", "--lang", "en", root=project)
    assert check.exit_code == 1 and "names another medicine, 'zorbafen'" in check.stderr
    build = run("build", "baclofen", "--lang", "en", "--out", str(out), root=project)
    assert build.exit_code == 1 and "names another medicine, 'zorbafen'" in build.stderr


def test_a_catalog_edited_while_a_leaflet_renders_never_poisons_the_cache(baclofen_only,
                                                                          tmp_path,
                                                                          monkeypatch):
    """The output is recorded under the inputs it was made from, not those planned."""
    from medleaf.render.renderer import Renderer

    project = baclofen_only
    po = project / "locales/zh_Hant_HK/LC_MESSAGES/baclofen.po"
    original = po.read_text()
    render = Renderer.render

    def edited_meanwhile(self, request):
        po.write_text(original.replace('msgstr "儲存方法"', 'msgstr "RACE 儲存方法"', 1))
        try:
            return render(self, request)
        finally:
            po.write_text(original)  # and put back before the build records it

    monkeypatch.setattr(Renderer, "render", edited_meanwhile)
    first = run("build", "baclofen", "--lang", "zh-HK", "--jobs", "1", "--out",
                str(tmp_path / "a"), root=project)
    assert first.exit_code == 0, first.output
    monkeypatch.setattr(Renderer, "render", render)
    again = run("build", "baclofen", "--lang", "zh-HK", "--out", str(tmp_path / "a"),
                root=project)
    assert re.search(r"^1 built, 0 up to date", again.stdout, re.M)  # not up to date
    other = run("build", "baclofen", "--lang", "zh-HK", "--out", str(tmp_path / "b"),
                root=project)
    assert "(from the render cache)" in other.stdout  # the second build's, from these inputs
    from conftest import pdf_text

    assert "RACE" not in pdf_text(tmp_path / "b/baclofen.zh-HK.pdf")

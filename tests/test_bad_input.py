"""Bad input, class by class: each ends with a message naming the file (and line and field
where there is one), exit status 1 (2 for a usage mistake), no traceback, no hang, and no
source file changed or output half-written."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from conftest import REPO, run

YAML = "leaflets/baclofen.yaml"
PO = "locales/zh_Hant_HK/LC_MESSAGES/baclofen.po"
MEDLEAF = [str(REPO / ".venv/bin/medleaf")] if (REPO / ".venv/bin/medleaf").exists() \
    else [sys.executable, "-m", "medleaf"]


def medleaf(*args, root, timeout=60, **kwargs):
    """The CLI as a new process, which must finish within `timeout` seconds (no hang)."""
    return subprocess.run([*MEDLEAF, "--root", str(root), *args], capture_output=True,
                          text=True, timeout=timeout, **kwargs)


def line_of(path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def sources(project) -> dict:
    return {p: p.read_bytes() for folder in ("leaflets", "locales", "packs", "templates")
            for p in sorted((project / folder).rglob("*")) if p.is_file()}


def refused(result, message: str, status: int = 1) -> None:
    output = result.stdout + result.stderr
    assert result.returncode if hasattr(result, "returncode") else result.exit_code == status
    assert message in result.stderr, result.stderr
    assert "Traceback" not in output


LAUGHS = """lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
lol2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
lol3: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
lol4: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
lol5: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
lol6: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
lol7: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
lol8: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
lol9: [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


@pytest.mark.parametrize("path", [YAML, "templates/brand/brand.yaml",
                                  "packs/diabetes-clinic.yaml",
                                  "locales/zh_Hant_HK/glossary.yaml"])
def test_yaml_aliases_are_refused_not_expanded(project, path):
    file = project / path
    file.write_text(file.read_text() + LAUGHS)
    before = sources(project)
    result = medleaf("check", root=project)
    assert result.returncode == 1
    assert f"error: {path}:{line_of(file, 'lol2:')}: the alias *a is not allowed: write the " \
        "value out in full" in result.stderr
    assert "Traceback" not in result.stderr
    assert sources(project) == before


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder"])
def test_a_leaflet_that_is_not_a_regular_file_is_refused_at_once(project, kind):
    path = project / "leaflets/zzz.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    for args in (["check"], ["list"], ["build", "zzz", "--out", str(project / "out")]):
        result = medleaf(*args, root=project, timeout=30)
        assert result.returncode == 1, (args, result.stderr)
        assert "error: leaflets/zzz.yaml: cannot read: not a regular file (a folder, device " \
            "or pipe)" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


def test_inputs_over_their_size_limit_are_refused(project):
    path = project / YAML
    path.write_text(path.read_text() + "# " + "x" * 600_000 + "\n")
    result = run("check", "baclofen", root=project)
    assert result.exit_code == 1
    assert re.search(r"error: leaflets/baclofen.yaml: is too large: [\d,]+ bytes, more than "
                     r"the 524,288 a file of its kind may have", result.stderr)


def test_a_text_of_a_million_characters_is_refused_by_line(project):
    po = project / PO
    text = po.read_text()
    po.write_text(text.replace('msgstr "巴氯芬"', 'msgstr "巴氯芬' + "長" * 20_000 + '"', 1))
    result = medleaf("check", "baclofen", root=project, timeout=60)
    assert result.returncode == 1
    line = line_of(po, "長長長")
    assert f"{PO}:{line - 1}: [characters] baclofen:names.generic: is 20,003 characters " \
        "long; a text may have at most 10,000" in result.stderr


@pytest.mark.parametrize("encoding,message", [
    ("utf-16", "1: is UTF-16 text: save it as UTF-8"),
    ("latin-1", ": is not UTF-8 text (byte 0xe9 cannot start a character): save it as UTF-8"),
])
def test_a_monograph_not_in_utf8_names_its_line(project, encoding, message):
    path = project / YAML
    text = path.read_text().replace("A muscle relaxant", "A muscle relaxant (café)")
    path.write_bytes(text.encode(encoding))
    result = run("check", "baclofen", root=project)
    assert result.exit_code == 1
    line = 1 if encoding == "utf-16" else next(
        i for i, line in enumerate(text.splitlines(), 1) if "café" in line)
    expected = message if encoding == "utf-16" else f"{line}{message}"
    assert f"error: {YAML}:{expected}" in result.stderr


def test_a_binary_monograph_is_not_a_text_file(project):
    (project / YAML).write_bytes(b"summary: x\n\x00\x01\x02")
    result = run("check", "baclofen", root=project)
    assert result.stderr.startswith(f"error: {YAML}:2: is not a text file (it holds NUL "
                                    "bytes)")


@pytest.mark.parametrize("char,what", [
    ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE at character"),
    ("\u200b", "U+200B ZERO WIDTH SPACE at character"),
    ("\u00ad", "U+00AD SOFT HYPHEN at character"),
    ("\x07", "U+0007 BELL at character"),
])
def test_invisible_characters_in_a_monograph_are_refused_by_line(project, char, what):
    path = project / YAML
    text = path.read_text()
    escaped = json.dumps(char)  # as a YAML escape, the way a control gets into a file
    path.write_text(text.replace("  generic: Baclofen", f"  generic: \"Bac{escaped[1:-1]}lofen\""))
    result = run("check", "baclofen", root=project)
    assert result.exit_code == 1
    assert f"error: {YAML}:{line_of(path, '  generic: ')}: names.generic: holds {what} 4" \
        in result.stderr


def test_a_zero_width_space_cannot_hide_another_medicine(project):
    path = project / YAML
    path.write_text(path.read_text().replace("Adults usually start with 5 mg",
                                             "Adults usually start with 5 mg of carbi\u200bmazole"))
    result = run("build", "baclofen", "--lang", "en", "--out", str(project / "out"),
                 root=project)
    assert result.exit_code == 1
    assert "dosage.adults: holds U+200B ZERO WIDTH SPACE" in result.stderr
    assert not (project / "out").exists()


def test_bidi_controls_in_a_translation_are_refused_and_never_printed(project):
    po = project / PO
    po.write_text(po.read_text().replace("每日最高劑量為100毫克",
                                         "每日最高劑量為\u202e001\u202c毫克"))
    result = run("build", "baclofen", "--lang", "zh-HK", "--out", str(project / "out"),
                 root=project)
    assert result.exit_code == 1
    assert "[characters] baclofen:dosage.adults: holds U+202E RIGHT-TO-LEFT OVERRIDE" \
        in result.stderr
    assert not list((project / "out").glob("*.pdf")) if (project / "out").exists() else True


def test_the_joiners_a_script_needs_are_allowed():
    from medleaf.content.characters import problems

    assert problems("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645") == []  # Persian ZWNJ
    assert problems("\u0915\u094d\u200d\u0937") == []  # Devanagari ZWJ
    assert [m for _, m in problems("carbi\u200dmazole")] == [
        "holds U+200D ZERO WIDTH JOINER at character 6, invisible; remove it"]


def test_a_number_is_not_a_date(project):
    path = project / YAML
    path.write_text(path.read_text().replace("last_modified: 2026-12-01",
                                             "last_modified: 1714348800"))
    result = run("build", "baclofen", "--lang", "en", "--out", str(project / "out"),
                 root=project)
    assert result.exit_code == 1
    assert f"error: {YAML}:{line_of(path, 'last_modified')}: last_modified: must be a date " \
        "written YYYY-MM-DD, not 1714348800" in result.stderr


def test_a_folder_under_locales_that_is_no_locale_is_named(project):
    (project / "locales/xx_BOGUS/LC_MESSAGES").mkdir(parents=True)
    for args in (["check"], ["list"], ["build", "baclofen", "--out", str(project / "out")]):
        result = run(*args, root=project)
        assert result.exit_code == 1, args
        assert result.stderr == "error: locales/xx_BOGUS: is not a locale (name a catalog " \
            "folder like zh_Hant_HK, zh_Hans_CN or ja): rename or remove it\n"


def test_a_glossary_of_the_wrong_shape_names_its_file_and_line(project):
    glossary = project / "locales/zh_Hant_HK/glossary.yaml"
    glossary.write_text("- just\n- a list\n")
    result = run("check", root=project)
    assert result.exit_code == 1
    assert "error: locales/zh_Hant_HK/glossary.yaml:1: expected a mapping of fields" \
        in result.stderr
    glossary.write_text("terms: [a, b]\nallowed_characters: 厘\n")
    result = run("check", root=project)
    assert "error: locales/zh_Hant_HK/glossary.yaml:1: terms: Input should be a valid " \
        "dictionary" in result.stderr
    glossary.write_bytes("terms: {café: coffee}\n".encode("latin-1"))
    result = run("check", root=project)
    assert "error: locales/zh_Hant_HK/glossary.yaml:1: is not UTF-8 text" in result.stderr


def test_a_pack_brand_outside_the_project_is_refused(project, tmp_path):
    shutil.copytree(project / "templates/brand", tmp_path / "elsewhere")
    pack = project / "packs/diabetes-clinic.yaml"
    pack.write_text(pack.read_text() + f"brand: {tmp_path / 'elsewhere'}\n")
    result = run("pack", str(pack), root=project)
    assert result.exit_code == 1
    assert f"error: packs/diabetes-clinic.yaml:{line_of(pack, 'brand:')}: brand: " \
        f"'{tmp_path / 'elsewhere'}' is not a brand folder (with brand.yaml) inside the " \
        "project" in result.stderr
    assert "brand: " in run("check", root=project).stderr


def test_review_age_out_of_range_is_a_usage_error():
    result = run("check", "--review-age", "5000", root=REPO)
    assert result.exit_code == 2
    assert "Invalid value for '--review-age': 5000 is not in the range 1<=x<=100" \
        in result.stderr


@pytest.mark.parametrize("by", ["Chan\nmsgid \"evil\"\nmsgstr \"x\"", "Chan\x1b[2J", "Chan\u202e"])
def test_a_name_with_control_characters_is_refused_before_anything_is_written(baclofen_only,
                                                                            by):
    before = sources(baclofen_only)
    result = run("review", "approve", "baclofen", "--lang", "zh-HK", "--by", by,
                 root=baclofen_only)
    assert result.exit_code == 2
    assert re.match(r"error: the argument '.*' holds U\+[0-9A-F]{4} ", result.stderr, re.S)
    assert sources(baclofen_only) == before


# -- output ---------------------------------------------------------------------------------

@pytest.mark.parametrize("out", ["leaflets/metformin.yaml", "leaflets", "locales/x.pdf",
                                 "templates/brand", "packs/x"])
def test_a_pack_is_never_written_over_or_among_sources(project, out):
    before = sources(project)
    result = run("pack", "packs/diabetes-clinic.yaml", "--out", str(project / out),
                 root=project)
    assert result.exit_code == 2, result.output
    assert "error: refused to write into " in result.stderr
    assert "a folder of sources (choose an output folder such as out/)" in result.stderr
    assert sources(project) == before


@pytest.mark.parametrize("command", ["build", "proof"])
def test_builds_and_proofs_are_never_written_into_sources(project, command):
    before = sources(project)
    args = ["baclofen"] + (["--lang", "zh-HK"] if command == "proof" else [])
    result = run(command, *args, "--out", str(project / "leaflets"), root=project)
    assert result.exit_code == 2
    assert "it is inside leaflets/, a folder of sources" in result.stderr
    assert sources(project) == before


def test_an_existing_file_that_is_not_a_pdf_is_never_overwritten(project, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes")
    result = run("pack", "packs/diabetes-clinic.yaml", "--out", str(notes), root=project)
    assert result.exit_code == 2
    assert result.stderr == f"error: {notes} exists and is not a PDF: medleaf does not " \
        "overwrite it\n"
    assert notes.read_text() == "my notes"
    out = tmp_path / "out"
    out.mkdir()
    (out / "baclofen.en.pdf").write_text("a letter")
    result = run("build", "baclofen", "--out", str(out), root=project)
    assert result.exit_code == 1
    assert f"error: {out / 'baclofen.en.pdf'} exists and is not a PDF" in result.stderr
    assert (out / "baclofen.en.pdf").read_text() == "a letter"
    assert (out / "baclofen.zh-HK.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("command", [["build", "baclofen"], ["proof", "baclofen"],
                                     ["pack", "packs/diabetes-clinic.yaml"]])
def test_out_under_a_file_is_refused(project, tmp_path, command):
    (tmp_path / "file").write_text("x")
    result = run(*command, "--out", str(tmp_path / "file" / "out"), root=project)
    assert result.exit_code == 2
    assert "is a file, not a folder" in result.stderr and "Traceback" not in result.output


def test_an_output_that_is_a_folder_fails_alone(project, tmp_path):
    out = tmp_path / "out"
    (out / "baclofen.en.pdf").mkdir(parents=True)
    result = run("build", "baclofen", "--out", str(out), root=project)
    assert result.exit_code == 1
    assert f"error: {out / 'baclofen.en.pdf'} is a folder, where a PDF would be written" \
        in result.stderr
    assert (out / "baclofen.zh-HK.pdf").is_file()


@pytest.mark.parametrize("content", ['{"outputs": []}', "not json", '{"outputs": {"a": 1}}'])
def test_a_manifest_that_is_not_ours_is_left_alone(project, tmp_path, content):
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text(content)
    result = run("build", "baclofen", "--out", str(out), root=project)
    assert result.exit_code == 2
    assert result.stderr == f"error: {out / 'manifest.json'} is not a medleaf manifest: " \
        "move it away, or build into another folder (medleaf does not overwrite it)\n"
    assert (out / "manifest.json").read_text() == content


def test_a_manifest_that_is_a_folder_is_named(project, tmp_path):
    (tmp_path / "out" / "manifest.json").mkdir(parents=True)
    result = run("build", "baclofen", "--out", str(tmp_path / "out"), root=project)
    assert result.exit_code == 2
    assert "manifest.json cannot be read (cannot read: not a regular file" in result.stderr


def test_one_outputs_write_error_fails_only_that_output(project, tmp_path):
    """A name too long for the file system fails its own outputs; the others are built and
    recorded."""
    long = "b" * 248  # NAME.en.pdf fits in 255 bytes, NAME.zh-HK.pdf does not
    shutil.copy(project / YAML, project / f"leaflets/{long}.yaml")
    (project / f"locales/zh_Hant_HK/LC_MESSAGES/{long}.po").write_text(
        (project / PO).read_text().replace('msgctxt "baclofen:', f'msgctxt "{long}:'))
    out = tmp_path / "out"
    result = run("build", "baclofen", long, "--jobs", "2", "--out", str(out), root=project)
    assert result.exit_code == 1
    assert f"failed: {long} (zh-HK):" in result.stderr
    assert f"cannot write {out / (long + '.zh-HK.pdf')}: File name too long" in result.stderr
    assert re.search(r"^3 built, 0 up to date, 1 failed", result.stdout, re.M)
    manifest = json.loads((out / "manifest.json").read_text())["outputs"]
    assert sorted(manifest) == sorted(p.name for p in out.glob("*.pdf"))
    assert len(manifest) == 3


def _without_root_override(command: list[str], **kwargs):
    """Run as root without the power to ignore file permissions (as a pharmacist's own
    account would), so that a read-only folder really is one."""
    if os.geteuid() != 0:
        return subprocess.run(command, **kwargs)
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is needed to drop root's permission override")
    return subprocess.run(["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,"
                           "-dac_read_search,-fowner", *command], **kwargs)


@pytest.mark.parametrize("args,folder", [
    (["build", "baclofen", "--out", "OUT"], "OUT"),
    (["i18n", "update"], "locales/zh_Hant_HK/LC_MESSAGES"),
    (["i18n", "extract"], "locales/templates"),
    (["i18n", "compile"], "locales/zh_Hant_HK/LC_MESSAGES"),
    (["review", "approve", "baclofen", "--by", "Chan Tai Man"], "leaflets"),
])
def test_a_read_only_folder_is_a_message_not_a_traceback(baclofen_only, tmp_path, args,
                                                         folder):
    project = baclofen_only
    out = tmp_path / "out"
    out.mkdir()
    if args[0] == "i18n" and args[1] in ("update", "extract"):  # something to write
        path = project / YAML
        path.write_text(path.read_text().replace("Adults usually start", "Adults often start"))
    target = out if folder == "OUT" else project / folder
    target.chmod(0o555)
    try:
        done = _without_root_override(
            [*MEDLEAF, "--root", str(project), *[str(out) if a == "OUT" else a for a in args]],
            capture_output=True, text=True, timeout=120)
    finally:
        target.chmod(0o755)
    assert done.returncode == 1, done.stderr
    assert "Permission denied" in done.stderr and "cannot write" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_full_disk_is_a_message_and_leaves_no_partial_file(baclofen_only, tmp_path):
    import resource

    out = tmp_path / "out"

    def small_files():  # writes past 64 KB fail, as on a full disk (Python ignores SIGXFSZ)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    done = subprocess.run([*MEDLEAF, "--root", str(baclofen_only), "build", "baclofen",
                           "--lang", "zh-HK", "--out", str(out)], capture_output=True,
                          text=True, timeout=120, preexec_fn=small_files)
    assert done.returncode == 1
    assert f"cannot write {out / 'baclofen.zh-HK.pdf'}: File too large" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists() or list(out.iterdir()) == []  # no partial PDF, no temporary file


def test_a_tampered_cached_pdf_is_never_copied(baclofen_only, tmp_path):
    from medleaf.publish.cache import RenderCache

    first = run("build", "baclofen", "--lang", "en", "--out", str(tmp_path / "a"),
                root=baclofen_only)
    assert first.exit_code == 0
    cached = list(RenderCache().folder.glob("*.pdf"))
    assert cached
    for path in cached:  # still a PDF that opens, but not the one that was kept
        path.write_bytes(path.read_bytes() + b"\n% changed\n")
    second = run("build", "baclofen", "--lang", "en", "--out", str(tmp_path / "b"),
                 root=baclofen_only)
    assert second.exit_code == 0
    assert "(from the render cache)" not in second.stdout
    assert (tmp_path / "b/baclofen.en.pdf").read_bytes() == \
        (tmp_path / "a/baclofen.en.pdf").read_bytes()


@pytest.mark.parametrize("value,message", [
    ("!!binary QmFjbG9mZW4=", "the tag !!binary is not allowed"),
    ("!!set {a, b}", "the tag !!set is not allowed"),
    ("!!python/object:os.system x", "the tag !!python/object:os.system is not allowed"),
    ("1" + "0" * 5000, "a number of more than 30 digits"),
])
def test_yaml_tags_and_huge_numbers_are_refused_by_line(project, value, message):
    path = project / YAML
    path.write_text(path.read_text().replace("  generic: Baclofen", f"  generic: {value}"))
    result = run("check", "baclofen", root=project)
    assert result.exit_code == 1
    assert f"error: {YAML}:{line_of(path, '  generic: ')}: names.generic: {message}" \
        in result.stderr


def test_a_field_name_must_be_plain_text(project):
    path = project / YAML
    path.write_text(path.read_text() + "? [a, b]\n: c\n")
    result = run("check", "baclofen", root=project)
    assert result.exit_code == 1
    assert f"{YAML}:{line_of(path, '? [a, b]')}: a field name must be plain text" \
        in result.stderr


def test_a_symlink_loop_is_a_message(project):
    (project / "leaflets/loop.yaml").symlink_to("loop.yaml")
    for args in (["list"], ["check"], ["review", "status"], ["i18n", "extract"]):
        result = run(*args, root=project)
        assert result.exit_code == 1, args
        assert "error: leaflets/loop.yaml: cannot read: Too many levels of symbolic links" \
            in result.stderr


@pytest.mark.parametrize("name", ["a b", "a\nb", "ui", "x\u202ey"])
def test_a_leaflet_file_name_that_cannot_name_outputs_is_refused(project, name):
    shutil.copy(project / YAML, project / f"leaflets/{name}.yaml")
    result = run("list", root=project)
    assert result.exit_code == 1
    assert "a leaflet's file name may hold only letters, digits, '.', '_' and '-'" \
        in result.stderr


def test_a_locale_folder_not_named_in_full_is_named(project):
    shutil.move(project / "locales/zh_Hant_HK", project / "locales/zh_HK")
    result = run("check", root=project)
    assert result.exit_code == 1
    assert result.stderr == "error: locales/zh_HK: name the folder zh_Hant_HK, the " \
        "locale's full name, so that its catalogs are found\n"


def test_a_catalog_whose_header_names_another_language_is_refused(project):
    po = project / PO
    po.write_text(po.read_text().replace("Language: zh_Hant_HK", "Language: en"))
    result = run("build", "baclofen", "--lang", "zh-HK", "--out", str(project / "out"),
                 root=project)
    assert result.exit_code == 1
    assert f"error: {PO}: its header says 'Language: en', but it is the catalog of zh-HK" \
        in result.stderr


def test_an_impossible_review_date_is_a_draft_not_a_traceback(project):
    po = project / PO
    text = po.read_text()
    first, rest = text.split("\n", 1)
    po.write_text(f"{first}\n# Review: approved by Lee Siu Ming on 2024-02-30 "
                  f"(sha256:0123456789abcdef)\n{rest}")
    status = run("review", "status", "baclofen", root=project)
    assert status.exit_code == 0
    assert "has a review record dated 2024-02-30, which is no date: approve it again" \
        in status.stdout
    release = run("build", "baclofen", "--release", "--out", str(project / "out"),
                  root=project)
    assert release.exit_code == 1 and "Traceback" not in release.output


def test_each_language_has_its_own_fingerprint_and_files(project, tmp_path):
    """Two locales with the same catalogs are two leaflets (their glyph forms differ): one
    is never copied from the other's render cache, and each has its own file name."""
    from conftest import pdf_fonts

    shutil.copytree(project / "locales/zh_Hant_HK", project / "locales/zh_Hant_TW")
    for po in (project / "locales/zh_Hant_TW").rglob("*.po"):
        po.write_text(po.read_text().replace("Language: zh_Hant_HK", "Language: zh_Hant_TW"))
    out = tmp_path / "out"
    assert run("build", "baclofen", "--lang", "zh-HK", "--out", str(out), root=project
               ).exit_code == 0
    result = run("build", "baclofen", "--lang", "zh-TW", "--out", str(out), root=project)
    assert result.exit_code == 0, result.output
    assert "(from the render cache)" not in result.stdout
    assert all("CJK-TC" in font for font in pdf_fonts(out / "baclofen.zh-TW.pdf"))
    assert all("CJK-HK" in font for font in pdf_fonts(out / "baclofen.zh-HK.pdf"))


@pytest.mark.parametrize("lang,name", [("zh-Hans-HK", "zh-Hans-HK"), ("fr", "fr")])
def test_a_language_with_no_catalogs_is_refused_and_never_printed_as_another(project,
                                                                              tmp_path, lang,
                                                                              name):
    out = tmp_path / "out"
    assert run("build", "baclofen", "--lang", "zh-HK", "--out", str(out), root=project
               ).exit_code == 0
    result = run("build", "baclofen", "--lang", lang, "--out", str(out), root=project)
    assert result.exit_code == 1
    assert "no " in result.stderr and " catalog: run 'medleaf i18n init " in result.stderr
    assert not (out / f"baclofen.{name}.pdf").exists()


def test_check_results_belong_to_their_leaflet_not_to_identical_content(project):
    """Two leaflets with the same bytes are two leaflets: each is checked as itself."""
    shutil.copy(project / "leaflets/amlodipine.yaml", project / "leaflets/amlo2.yaml")
    shutil.copy(project / "locales/zh_Hant_HK/LC_MESSAGES/amlodipine.po",
                project / "locales/zh_Hant_HK/LC_MESSAGES/amlo2.po")
    assert run("check", "amlodipine", root=project).exit_code == 0
    copy = run("check", "amlo2", root=project)
    assert copy.exit_code == 1
    assert "amlo2.po" in copy.stderr and "[out-of-date] amlo2:summary" in copy.stderr
    build = run("build", "amlo2", "--lang", "zh-HK", "--out", str(project / "out"),
                root=project)
    assert build.exit_code == 1


def test_a_pack_title_that_fails_a_check_refuses_the_pack(project, tmp_path):
    po = project / "locales/zh_Hant_HK/LC_MESSAGES/packs.po"
    text = po.read_text()
    title = re.search(r'msgctxt "pack:diabetes-clinic:title"\nmsgid .*\nmsgstr "(.*)"', text)[1]
    po.write_text(text.replace(f'msgstr "{title}"', f'msgstr "\u202e{title}\u202c"', 1))
    out = tmp_path / "pack.pdf"
    result = run("pack", "packs/diabetes-clinic.yaml", "--out", str(out), root=project)
    assert result.exit_code == 1
    assert "[characters] pack:diabetes-clinic:title: holds U+202E" in result.stderr
    assert not out.exists()
    other = run("pack", "packs/paediatric.yaml", "--out", str(tmp_path / "p.pdf"),
                root=project)
    assert other.exit_code == 0, other.output  # another pack's title is its own


@pytest.mark.parametrize("translation", ["&#x202E;病人藥物資料單張", "<!-- -->病人藥物資料單張",
                                         "病人&lt;藥物&gt;資料單張"])
def test_an_interface_translation_is_text_never_markup(project, translation):
    ui = project / "locales/zh_Hant_HK/LC_MESSAGES/ui.po"
    ui.write_text(ui.read_text().replace('msgstr "病人藥物資料單張"', f'msgstr "{translation}"',
                                         1))
    result = run("check", "baclofen", "--lang", "zh-HK", root=project)
    assert result.exit_code == 1
    assert "[markup] \"patient information leaflet\": HTML is not allowed in an interface " \
        "string" in result.stderr
    html = run("html", "baclofen", "--lang", "zh-HK", "--allow-incomplete", root=project)
    assert html.exit_code == 1  # refused, never printed


def test_an_entry_partly_obsolete_is_an_error(project):
    po = project / PO
    text = po.read_text()
    header_end = text.index("\n\n") + 2
    po.write_text(text[:header_end] + '#~ msgctxt "baclofen:dosage.adults"\n#~ msgid "x"\n'
                  'msgstr "每次50毫克"\n\n' + text[header_end:])
    result = run("check", "baclofen", root=project)
    assert result.exit_code == 1
    line = text[:header_end].count("\n") + 1
    assert f"error: {PO}:{line}: an entry that is partly obsolete (#~) and partly not" \
        in result.stderr


def test_a_catalog_with_old_mac_line_endings_is_read(project):
    po = project / PO
    po.write_bytes(po.read_bytes().replace(b"\n", b"\r"))
    assert run("check", "baclofen", root=project).exit_code == 0


def test_a_context_without_a_msgid_is_an_error_by_line(project):
    po = project / PO
    text = po.read_text()
    po.write_text(text + '\nmsgctxt "baclofen:extra"\nmsgid ""\nmsgstr "多餘"\n')
    line = text.count("\n") + 2
    result = run("check", "baclofen", root=project)
    assert f"error: {PO}:{line}: a message with a context needs a msgid" in result.stderr


def test_a_plural_entry_in_a_leaflet_catalog_is_an_error(project):
    po = project / PO
    text = po.read_text()
    po.write_text(text.replace('msgid "Baclofen"\nmsgstr "巴氯芬"',
                               'msgid "Baclofen"\nmsgid_plural "Baclofens"\nmsgstr[0] "巴氯芬"', 1))
    result = run("check", "baclofen", root=project)
    assert result.exit_code == 1 and "plural forms (msgid_plural, msgstr[N]) are not used " \
        "here" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("tag, message", [
    ("und", "unknown language 'und' (try en or zh-HK)"),
    ("root", "unknown language 'root' (try en or zh-HK)"),
    ("iw", "unknown language 'iw': did you mean he? (try en or zh-HK)"),
    ("in-ID", "unknown language 'in-ID': did you mean id? (try en or zh-HK)"),
])
def test_a_language_babel_would_read_as_another_is_refused(tag, message, tmp_path):
    """'und' is read by Babel as en-US: a leaflet in a language nobody asked for."""
    result = run("build", "baclofen", "--lang", tag, "--out", str(tmp_path))
    assert result.exit_code == 2 and result.stderr == f"error: {message}\n"
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("key, reads_as", [("true", "true or false"), ("no", "true or false"),
                                           ("On", "true or false"), ("12", "a number"),
                                           ("~", "nothing")])
def test_a_field_name_yaml_reads_as_another_kind_is_named_on_its_line(project, key, reads_as):
    path = project / YAML
    path.write_text(path.read_text() + f"{key}: x\n")
    result = run("check", "baclofen", root=project)
    assert result.exit_code == 1
    line = len(path.read_text().splitlines())
    assert f"error: {YAML}:{line}: the field name '{key}' reads as {reads_as}: a field name " \
        "is a word (quote it if it is meant)" in result.stderr.splitlines()


def test_a_glossary_term_yaml_reads_as_true_or_false_is_named(project):
    """'No: 不會' would be read as the term False; a term that is a number (999) is fine."""
    path = project / "locales/zh_Hant_HK/glossary.yaml"
    path.write_text(path.read_text().replace("terms:\n", "terms:\n  No: 不會\n"))
    result = run("check", "baclofen", root=project)
    assert result.exit_code == 1
    line = path.read_text().splitlines().index("  No: 不會") + 1
    assert result.stderr.splitlines()[0] == f"error: locales/zh_Hant_HK/glossary.yaml:{line}: " \
        "terms: the field name 'No' reads as true or false: a field name is a word (quote " \
        "it if it is meant)"
    path.write_text(path.read_text().replace("  No: 不會\n", '  "No": 不會\n'))
    result = run("check", "baclofen", root=project)  # quoted, it is the term No
    assert "the field name" not in result.stderr
    assert "[names] baclofen:faqs[2].answer: 'No' must be translated as '不會'" in result.stderr


@pytest.mark.parametrize("name", ["../packs/paediatric", "baclofen/../baclofen", "..",
                                  "/etc/passwd", ".baclofen"])
def test_the_library_never_reads_a_leaflet_name_out_of_leaflets(project, name):
    """A server passes on the name it is given: one that leads out of leaflets/ is no
    leaflet, never a file read elsewhere."""
    from medleaf.content.project import Project
    from medleaf.errors import UsageError
    from medleaf.render.renderer import Renderer

    (project / "packs/paediatric.yaml").write_text((project / YAML).read_text())
    with pytest.raises(UsageError, match="no such leaflet"):
        Renderer(Project(project)).load(name)


@pytest.mark.parametrize("name", ["a:b", "a b", ".paediatric", "兒科"])
def test_a_pack_file_name_that_cannot_name_its_catalog_entries_is_refused(project, name,
                                                                          tmp_path):
    """A pack's texts are 'pack:NAME:title' in the packs catalog: 'a:b' would read as
    another pack's field."""
    pack = project / f"packs/{name}.yaml"
    shutil.copy(project / "packs/paediatric.yaml", pack)
    message = "a pack's file name may hold only letters, digits, '.', '_' and '-', and " \
        "starts with a letter or digit (it names its texts' catalog entries and its PDF): " \
        "rename it"
    for args in (["check"], ["pack", str(pack), "--out", str(tmp_path / "p.pdf")],
                 ["i18n", "update", "packs"]):
        result = run(*args, root=project)
        assert result.exit_code == 1, args
        assert any(line.endswith(f".yaml: {message}") for line in result.stderr.splitlines())
    assert not (tmp_path / "p.pdf").exists()

"""Review status: drafts are watermarked and refused for release; approval is a recorded,
content-checked act that any later change undoes."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from babel.dates import format_date
from conftest import REPO, page_count, pdf_text, run

PO = "locales/zh_Hant_HK/LC_MESSAGES/baclofen.po"
YAML = "leaflets/baclofen.yaml"


def dense(text):
    return re.sub(r"\s+", "", text)


def test_the_starter_library_ships_as_draft():
    result = run("review", "status", root=REPO)
    assert result.exit_code == 0
    rows = result.stdout.splitlines()
    assert len(rows) >= 18 and all(" DRAFT " in row for row in rows)
    assert "baclofen                       content              DRAFT     has never been " \
        "approved" in rows


def test_a_draft_is_watermarked_on_every_page_in_its_language(built):
    # the watermark on every page, and the first page says it under the title too
    en, zh = built / "baclofen.en.pdf", built / "baclofen.zh-HK.pdf"
    for page in range(1, page_count(en) + 1):
        text = re.sub(r"\s+", " ", pdf_text(en, page, raw=True))
        assert text.count("DRAFT – not for patient use") == (2 if page == 1 else 1)
        assert "Content not yet reviewed" in text
    for page in range(1, page_count(zh) + 1):
        text = dense(pdf_text(zh, page, raw=True))
        assert text.count("草稿－不可供病人使用") == (2 if page == 1 else 1)
        assert re.search("內容尚未經審閱[·•]翻譯尚未經審閱", text)


def test_release_refuses_drafts_and_says_why(tmp_path):
    result = run("build", "baclofen", "--release", "--out", str(tmp_path), root=REPO)
    assert result.exit_code == 1
    assert not list(tmp_path.iterdir())
    assert f"error: {YAML}: [release] draft: the content has never been approved; a " \
        "pharmacist approves it with 'medleaf review approve baclofen --by NAME'" in result.stderr
    assert f"error: {PO}: [release] draft: the zh-HK translation has never been approved; a " \
        "pharmacist approves it with 'medleaf review approve baclofen --lang zh-HK --by NAME'" \
        in result.stderr


def test_approval_round_trip_keeps_formatting_and_comments(baclofen_only, tmp_path):
    project = baclofen_only
    yaml_before = (project / YAML).read_text()
    po_before = (project / PO).read_text()
    result = run("review", "approve", "baclofen", "--by", "Chan Tai Man", root=project)
    assert result.exit_code == 0, result.output
    today = dt.date.today()
    assert result.stdout == f"approved {YAML} by Chan Tai Man on {today.isoformat()}\n"
    assert run("review", "approve", "baclofen", "--lang", "zh-HK", "--by", "Lee Siu Ming",
               root=project).exit_code == 0
    yaml_after = (project / YAML).read_text()
    assert yaml_after.replace(
        f'review:\n  status: approved\n  by: "Chan Tai Man"\n  date: {today.isoformat()}\n'
        "  content: sha256:", "review: {status: draft}\n@@", 1).split("@@")[0] \
        == yaml_before.split("review: {status: draft}\n")[0] + "review: {status: draft}\n"
    assert yaml_after.split("\nsummary:")[1] == yaml_before.split("\nsummary:")[1]
    assert "# that is an error (carbimazole treats an overactive thyroid)" in yaml_after
    po_after = (project / PO).read_text()
    changed = [(a, b) for a, b in zip(po_before.splitlines(), po_after.splitlines(),
                                      strict=True) if a != b]
    assert changed == [("# Review: draft", changed[0][1])]
    assert re.fullmatch(rf"# Review: approved by Lee Siu Ming on {today.isoformat()} "
                        r"\(sha256:[0-9a-f]{16}\)", changed[0][1])

    out = tmp_path / "released"
    result = run("build", "baclofen", "--release", "--out", str(out), root=project)
    assert result.exit_code == 0, result.output
    en = re.sub(r"\s+", " ", pdf_text(out / "baclofen.en.pdf"))
    assert "DRAFT" not in en
    assert f"Content reviewed: {format_date(today, 'long', locale='en_HK')}" in en
    zh = dense(pdf_text(out / "baclofen.zh-HK.pdf"))
    assert "草稿" not in zh
    long_zh = format_date(today, "long", locale="zh_Hant_HK")
    assert re.search(f"內容審閱日期：{long_zh}[·•]翻譯審閱日期：{long_zh}", zh)

    # a content change after approval makes both a draft again (the msgids change too) ...
    (project / YAML).write_text(yaml_after.replace("5 mg three times", "5 mg 3 times"))
    status = run("review", "status", "baclofen", root=project).stdout
    assert f"has changed since Chan Tai Man approved it on {today.isoformat()}" in status
    assert run("build", "baclofen", "--lang", "en", "--release", "--out", str(out),
               root=project).exit_code == 1
    # ... and so does a catalog change after the translation's approval
    (project / YAML).write_text(yaml_after)
    (project / PO).write_text(po_after.replace('msgstr "儲存方法"', 'msgstr "存放方法"'))
    result = run("build", "baclofen", "--release", "--out", str(out), root=project)
    assert result.exit_code == 1
    assert "the zh-HK translation has changed since Lee Siu Ming approved it" in result.stderr
    assert "the content" not in result.stderr


def test_approval_is_refused_while_a_check_fails(project):
    shutil.copy(REPO / "tests/fixtures/broken" / PO, project / PO)
    before = (project / PO).read_text()
    result = run("review", "approve", "baclofen", "--lang", "zh-HK", "--by", "Lee",
                 root=project)
    assert result.exit_code == 1
    assert "[numbers] baclofen:dosage.adults" in result.stderr
    assert (project / PO).read_text() == before


@pytest.mark.parametrize("newline,bom", [(b"\r", b""), (b"\r\n", b"\xef\xbb\xbf"),
                                         (b"\n", b"\xef\xbb\xbf")])
def test_approval_keeps_line_endings_and_byte_order_mark(baclofen_only, newline, bom):
    project = baclofen_only
    for path in (project / YAML, project / PO):
        path.write_bytes(bom + path.read_bytes().replace(b"\n", newline))
    for lang in ("en", "zh-HK"):
        result = run("review", "approve", "baclofen", "--lang", lang, "--by", "Chan Tai Man",
                     root=project)
        assert result.exit_code == 0, result.output
    for path in (project / YAML, project / PO):
        data = path.read_bytes()
        assert data.startswith(bom) and b"approved" in data
        other = {b"\r": [b"\n"], b"\r\n": [], b"\n": [b"\r"]}[newline]
        assert all(o not in data.replace(b"\r\n", b"") for o in other) if newline != b"\r\n" \
            else data.count(b"\r\n") == data.count(b"\n")
    status = run("review", "status", "baclofen", root=project)
    assert status.stdout.count(" approved ") == 2, status.stdout
    assert run("check", "baclofen", root=project).exit_code == 0


def test_approval_of_a_review_field_written_with_an_explicit_key(baclofen_only):
    path = baclofen_only / YAML
    path.write_text(path.read_text().replace("review: {status: draft}",
                                             "? review\n: {status: draft}"))
    assert run("check", "baclofen", "--lang", "en", root=baclofen_only).exit_code == 0
    result = run("review", "approve", "baclofen", "--by", "Chan Tai Man", root=baclofen_only)
    assert result.exit_code == 0, result.output
    assert run("check", "baclofen", "--lang", "en", root=baclofen_only).exit_code == 0
    assert "? review" not in path.read_text()

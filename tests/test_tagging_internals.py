"""A WeasyPrint whose tagging differs from what medleaf's per-block languages rely on:
medleaf warns once and writes WeasyPrint's own tags (still tagged, no language per block)."""

from __future__ import annotations

import os

import pikepdf
import pytest
import weasyprint
from conftest import REPO, run

from medleaf.render.weasyprint_internals import tags

WARNING = (f"warning: WeasyPrint {weasyprint.__version__} differs from what medleaf's "
           "tagging relies on (")


@pytest.fixture(autouse=True)
def fresh_start(monkeypatch, tmp_path_factory):
    """Each test starts as a new process would (its own render cache: the fingerprint
    cannot tell these PDFs apart), and leaves WeasyPrint as it found it."""
    saved = os.environ["XDG_CACHE_HOME"]
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    tags.reset()
    yield
    tags.reset()
    monkeypatch.undo()
    os.environ["XDG_CACHE_HOME"] = saved
    assert tags.install()


def languages(path) -> set[str]:
    with pikepdf.open(path) as pdf:
        found, todo = set(), [pdf.Root.StructTreeRoot]
        while todo:
            node = todo.pop()
            kids = node.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    found |= {str(kid.Lang)} if "/Lang" in kid else set()
                    todo.append(kid)
        return found


def test_this_weasyprint_is_as_expected():
    assert tags.check() == []


def build(tmp_path):
    result = run("build", "baclofen", "--lang", "en+zh-HK", "--force", "--out", str(tmp_path),
                 root=REPO)
    assert result.exit_code == 0, result.output
    return result, tmp_path / "baclofen.en+zh-HK.pdf"


def test_without_a_difference_each_block_has_its_language(tmp_path):
    result, pdf = build(tmp_path)
    assert "warning" not in result.stderr
    assert languages(pdf) == {"zh-Hant-HK", "en"}  # en: English words in Chinese blocks


@pytest.mark.parametrize("change", ["signature", "gone"])
def test_a_changed_tagger_writes_weasyprints_own_tags_with_one_warning(
        change, monkeypatch, tmp_path):
    import weasyprint.pdf.tags as writer

    if change == "signature":
        original = writer._build_box_tree
        monkeypatch.setattr(writer, "_build_box_tree",
                            lambda box, parent, pdf, page, nums, annotations, tags, extra=None:
                            original(box, parent, pdf, page, nums, annotations, tags))
    else:
        monkeypatch.delattr(writer, "_build_box_tree")
        monkeypatch.setattr(writer, "add_tags", writer.add_tags)
    if change == "gone":
        # WeasyPrint itself would then tag otherwise; here: only the check is asked
        assert tags.check() == ["weasyprint.pdf.tags._build_box_tree is gone"]
        return
    result, pdf = build(tmp_path)
    assert result.stderr.count(WARNING) == 1
    assert "writing WeasyPrint's own tags (no language per block)" in result.stderr
    with pikepdf.open(pdf) as opened:
        assert "/StructTreeRoot" in opened.Root  # still tagged, by WeasyPrint alone
    assert languages(pdf) == set()

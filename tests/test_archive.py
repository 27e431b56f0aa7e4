"""`--archive`: the copy a clinic keeps for its records, PDF/A-3a and PDF/UA-1 at once.

Every shipped leaflet in English and Hong Kong Chinese, and a pack, built with `--archive`,
pass page-validation's PDF/A-3a and PDF/UA-1 profiles and `qpdf --check`; they are written
beside the everyday PDFs under names of their own and rebuilt only when their inputs change.
"""

from __future__ import annotations

import subprocess

import page
import pikepdf
import pytest
from conftest import REPO, pdf_text, run

from medleaf.render.weasyprint_internals import archive

LEAFLETS = sorted(path.stem for path in (REPO / "leaflets").glob("*.yaml"))
FONT_WIDTHS = ("PDFUA1-FONT-GLYPH-WIDTH-001", "PDFA3A-TRUETYPE-GLYPH-WIDTH-001")
"""page 0.11 misreads the widths of our compact CFF subsets (see test_accessibility's
FONT_WIDTHS), in both profiles; test_compact_fonts_draw_the_widths_they_declare there checks
that rule with fontTools instead (the archive copies embed the same subsets)."""


def failures(path, profile: str) -> list[tuple[str, str]]:
    report = page.validate_pdf(path, profile=profile)
    assert report.rules.total > 100
    return [(f.rule_id, f.message) for f in report.failures
            if f.rule_id not in FONT_WIDTHS]


@pytest.fixture(scope="module")
def archived(tmp_path_factory):
    """Every shipped leaflet in en and zh-HK, and the diabetes clinic's pack, as archive
    copies."""
    out = tmp_path_factory.mktemp("archive")
    result = run("build", "--lang", "en", "--lang", "zh-HK", "--archive", "--out", str(out),
                 root=REPO)
    assert result.exit_code == 0, result.output
    assert f"{2 * len(LEAFLETS)} built, 0 up to date, 0 failed" in result.output
    result = run("pack", "packs/diabetes-clinic.yaml", "--archive", "--out",
                 str(out / "diabetes-clinic.pack.archive.pdf"), root=REPO)
    assert result.exit_code == 0, result.output
    return out


def test_every_archive_copy_is_pdf_a_3a_and_pdf_ua_1(archived):
    written = sorted(path.name for path in archived.glob("*.pdf"))
    assert written == sorted([f"{name}.{lang}.archive.pdf" for name in LEAFLETS
                              for lang in ("en", "zh-HK")] + ["diabetes-clinic.pack.archive.pdf"])
    for path in sorted(archived.glob("*.pdf")):
        assert failures(path, "3a") == [], path.name
        assert failures(path, "ua1") == [], path.name
        checked = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert checked.returncode == 0 and "WARNING" not in checked.stdout, path.name


def test_an_archive_copy_declares_both_standards_and_its_colours(archived):
    for path in (archived / "baclofen.zh-HK.archive.pdf",
                 archived / "diabetes-clinic.pack.archive.pdf"):
        with pikepdf.open(path) as pdf:
            meta = pdf.open_metadata()
            assert meta["pdfaid:part"] == "3" and meta["pdfaid:conformance"] == "A"
            assert meta["pdfuaid:part"] == "1"
            assert "/Filter" not in pdf.Root.Metadata  # PDF/A: XMP readable as it is
            (intent,) = pdf.Root.OutputIntents
            assert intent.S == "/GTS_PDFA1" and "/DestOutputProfile" in intent
            assert pdf.Root.MarkInfo.Marked and "/StructTreeRoot" in pdf.Root


def test_an_archive_copy_prints_the_same_leaflet(archived, built):
    assert pdf_text(archived / "baclofen.en.archive.pdf") == pdf_text(built / "baclofen.en.pdf")


def test_the_everyday_pdf_claims_no_pdf_a(built):
    with pikepdf.open(built / "baclofen.zh-HK.pdf") as pdf:
        assert "pdfaid:part" not in pdf.open_metadata()
        assert "/OutputIntents" not in pdf.Root


def test_archive_copies_build_beside_the_everyday_ones_and_only_when_changed(project, tmp_path):
    out = tmp_path / "out"
    first = run("build", "baclofen", "--lang", "en", "--archive", "--out", str(out),
                root=project)
    assert first.exit_code == 0, first.output
    again = run("build", "baclofen", "--lang", "en", "--archive", "--out", str(out),
                root=project)
    assert "0 built, 1 up to date" in again.output
    everyday = run("build", "baclofen", "--lang", "en", "--out", str(out), root=project)
    assert "1 built, 0 up to date" in everyday.output  # not the archive copy's inputs
    large = run("build", "baclofen", "--lang", "en", "--archive", "--large-print", "--out",
                str(out), root=project)
    assert "1 built, 0 up to date" in large.output
    assert sorted(p.name for p in out.glob("*.pdf")) == [
        "baclofen.en.archive.pdf", "baclofen.en.large.archive.pdf", "baclofen.en.pdf"]
    leaflet = project / "leaflets" / "baclofen.yaml"
    leaflet.write_text(leaflet.read_text().replace("muscle relaxant", "muscle-relaxing medicine",
                                                   1))
    changed = run("build", "baclofen", "--lang", "en", "--archive", "--out", str(out),
                  root=project)
    assert "1 built, 0 up to date" in changed.output
    assert "muscle-relaxing" in pdf_text(out / "baclofen.en.archive.pdf")


def test_a_pack_archive_copy_is_named_apart(project):
    result = run("pack", "packs/diabetes-clinic.yaml", "--archive", root=project)
    assert result.exit_code == 0, result.output
    assert (project / "out/packs/diabetes-clinic.archive.pdf").is_file()
    assert not (project / "out/packs/diabetes-clinic.pdf").exists()


def test_without_the_pdf_ua_claim_the_validator_refuses(monkeypatch, tmp_path):
    """The planted fault: an archive copy that forgets the PDF/UA identification."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # keep it out of the cache
    monkeypatch.setattr(archive, "UA_IDENTIFICATION", b"")
    result = run("build", "baclofen", "--lang", "en", "--archive", "--force", "--out",
                 str(tmp_path), root=REPO)
    assert result.exit_code == 0, result.output
    path = tmp_path / "baclofen.en.archive.pdf"
    assert "PDFUA1-ID-SCHEMA-001" in {rule for rule, _ in failures(path, "ua1")}


def test_a_weasyprint_without_pdf_a_3a_refuses_the_archive_copy(monkeypatch, tmp_path):
    import weasyprint.pdf

    variants = {k: v for k, v in weasyprint.pdf.VARIANTS.items() if k != archive.VARIANT}
    monkeypatch.setattr(weasyprint.pdf, "VARIANTS", variants)
    result = run("build", "baclofen", "--lang", "en", "--archive", "--force", "--out",
                 str(tmp_path), root=REPO)
    assert result.exit_code == 1
    assert f"cannot write an archive copy (PDF/A-3a) with WeasyPrint {weasyprint.__version__}:" \
        f" it has no {archive.VARIANT} variant" in result.output
    assert "0 built, 0 up to date, 1 failed" in result.output
    assert not list(tmp_path.glob("*.pdf"))


def test_a_personalised_leaflet_has_no_archive_copy(project, tmp_path):
    result = run("dispense", "baclofen", "--archive", "--form", "tablet", "--dose", "1",
                 "--times-a-day", "3", "--strength", "10 mg", "--out", str(tmp_path / "x.pdf"),
                 root=project)
    assert result.exit_code == 2 and "No such option '--archive'" in result.output
    assert not (tmp_path / "x.pdf").exists()

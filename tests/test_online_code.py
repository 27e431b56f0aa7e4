"""The QR code to the current version online: with the brand's online_base_url, every PDF
carries a vector QR code to its leaflet's page in the HTML twin (BASE/LANG/NAME.html), the
address printed beside it; a scanner (zbar, on a 300 dpi rendering) reads that address. A
personalised leaflet's code is the unpersonalised page's. Without the field, no code."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pikepdf
import pytest
import segno
import yaml
from conftest import page_count, pdf_text, run

BASE = "https://pineharbour.example.hk/leaflets/"  # the sample brand's
BRAND = "templates/brand/brand.yaml"


def page(language: str, name: str = "baclofen", base: str = BASE) -> str:
    return f"{base}{language}/{name}.html"


def scanned(pdf: Path, first: int = 1, last: int | None = None) -> list[str]:
    """What zbar reads from each QR code on pages first..last rendered at 300 dpi."""
    last = last or page_count(pdf)
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-r", "300", "-gray", "-f", str(first), "-l", str(last),
                        str(pdf), f"{folder}/page"], check=True, capture_output=True)
        found = []
        for image in sorted(Path(folder).glob("page-*.pgm")):
            done = subprocess.run(["zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable",
                                   str(image)], capture_output=True, text=True)
            assert done.returncode in (0, 4), done.stderr  # 4: no code on this page
            found += done.stdout.splitlines()
        return found


def assert_points_to(pdf: Path, address: str) -> None:
    """The PDF's one code reads `address`, which is printed as text on its last page, and
    the code is drawn as vectors (no image in the PDF)."""
    assert scanned(pdf) == [address]
    assert address in re.sub(r"\s+", "", pdf_text(pdf, page_count(pdf)))
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    assert images == []


def set_base_url(project: Path, value: str | None) -> None:
    path = project / BRAND
    text = re.sub(r"(?m)^online_base_url:.*\n", "", path.read_text())
    path.write_text(text + (f"online_base_url: {value}\n" if value is not None else ""))


def build(project: Path, out: Path, *args: str) -> None:
    result = run("build", "baclofen", *args, "--out", str(out), root=project)
    assert result.exit_code == 0, result.output


def test_each_language_s_code_reads_its_page_s_address(project, tmp_path):
    build(project, tmp_path, "--lang", "en", "--lang", "zh-HK")
    assert_points_to(tmp_path / "baclofen.en.pdf", page("en"))
    assert_points_to(tmp_path / "baclofen.zh-HK.pdf", page("zh-HK"))
    en = re.sub(r"\s+", " ", pdf_text(tmp_path / "baclofen.en.pdf", 4))
    assert "For the current version of this leaflet, scan the code or visit:" in en
    zh = re.sub(r"\s+", "", pdf_text(tmp_path / "baclofen.zh-HK.pdf", 4))
    assert "掃描二維碼或瀏覽以下網址，閱讀本單張的最新版本：" in zh
    assert "scan" not in zh
    assert figures(tmp_path / "baclofen.zh-HK.pdf") == [
        ("zh-Hant-HK", f"連結至本單張最新版本的二維碼：{page('zh-HK')}")]
    assert figures(tmp_path / "baclofen.en.pdf") == [
        ("en", f"QR code to the current version of this leaflet: {page('en')}")]


def figures(pdf: Path) -> list[tuple[str, str]]:
    """(language, alternative text) of each Figure of the PDF's structure tree."""
    found = []

    def walk(node, language):
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                own = str(kid.Lang) if "/Lang" in kid else language
                if kid.S == "/Figure":
                    found.append((own, str(kid.get("/Alt", ""))))
                walk(kid, own)

    with pikepdf.open(pdf) as document:
        walk(document.Root.StructTreeRoot, str(document.Root.Lang))
    return found


def test_the_decode_check_fires_on_a_wrong_address_in_the_template(own_templates, tmp_path):
    """Planted fault: a project template whose code points elsewhere."""
    wrong = segno.make(page("zh-HK", "carbimazole"), error="m").svg_data_uri(border=4)
    template = own_templates / "templates/leaflet.html"
    text = template.read_text()
    assert "{{ online.src }}" in text
    template.write_text(text.replace("{{ online.src }}", wrong))
    build(own_templates, tmp_path, "--lang", "zh-HK")
    pdf = tmp_path / "baclofen.zh-HK.pdf"
    assert scanned(pdf) == [page("zh-HK", "carbimazole")]
    with pytest.raises(AssertionError):
        assert_points_to(pdf, page("zh-HK"))


def test_without_online_base_url_there_is_no_code_and_no_address(project, tmp_path):
    set_base_url(project, None)
    build(project, tmp_path, "--lang", "en", "--lang", "zh-HK")
    for language in ("en", "zh-HK"):
        pdf = tmp_path / f"baclofen.{language}.pdf"
        assert scanned(pdf) == [] and figures(pdf) == []
        text = pdf_text(pdf)
        assert "https://" not in text and "scan the code" not in text and "二維碼" not in text
    html = run("html", "baclofen", "--lang", "en", root=project).stdout
    assert "class=\"online\"" not in html and "image/svg" not in html


def test_bilingual_large_print_and_proof_carry_their_codes(project, tmp_path):
    build(project, tmp_path, "--lang", "en+zh-HK", "--large-print")
    assert sorted(scanned(tmp_path / "baclofen.en+zh-HK.large.pdf")) == \
        [page("en"), page("zh-HK")]  # each language's footer points to its own page
    result = run("proof", "baclofen", "--lang", "zh-HK", "--out", str(tmp_path / "proof"),
                 root=project)
    assert result.exit_code == 0, result.output
    assert scanned(tmp_path / "proof/baclofen.zh-HK.proof.pdf") == [page("zh-HK")]


def test_a_pack_carries_each_leaflet_s_own_code(project, tmp_path):
    out = tmp_path / "pack.pdf"
    result = run("pack", "packs/diabetes-clinic.yaml", "--out", str(out), root=project)
    assert result.exit_code == 0, result.output
    pack = yaml.safe_load((project / "packs/diabetes-clinic.yaml").read_text())
    assert pack["leaflets"] == ["metformin", "amlodipine"]
    assert sorted(scanned(out)) == sorted(page(language, name) for name in pack["leaflets"]
                                          for language in pack["languages"])


def test_a_personalised_leaflet_points_to_the_unpersonalised_page(project, tmp_path):
    name = "Chan Tai Man 陳大文"
    out = tmp_path / "chan.pdf"
    result = run("dispense", "baclofen", "--lang", "zh-HK", "--patient", name,
                 "--dose", "1", "--form", "tablet", "--strength", "10 mg", "--times-a-day", "3",
                 "--days", "14", "--out", str(out), root=project)
    assert result.exit_code == 0, result.output
    assert scanned(out) == [page("zh-HK")]  # no patient data in the code
    assert "陳大文" in re.sub(r"\s+", "", pdf_text(out, 1))
    for number in range(2, page_count(out) + 1):  # the name only on the personal page
        text = re.sub(r"\s+", "", pdf_text(out, number))
        assert "陳大文" not in text and "ChanTaiMan" not in text
    data = out.read_bytes()
    assert name.encode() not in data and "陳大文".encode("utf-16-be") not in data


@pytest.mark.parametrize("value, message", [
    ("pineharbour.example.hk/leaflets", "must be an absolute address starting https:// (or "
     "http://), not 'pineharbour.example.hk/leaflets'"),
    ("ftp://pineharbour.example.hk/", "must be an absolute address starting https://"),
    ("https://", "must be an absolute address starting https://"),
    ("https://chan:secret@pineharbour.example.hk/", "must not hold a user name or password"),
    ("https://pineharbour.example.hk/?lang=en", "must not hold a query (?...) or a fragment"),
    ("https://pineharbour.example.hk/#top", "must not hold a query (?...) or a fragment"),
    ("https://松港.example.hk/", "must be written in ASCII without spaces"),
    ('"https://pineharbour.example.hk/our leaflets/"', "must be written in ASCII without "
     "spaces"),
    ("https://pineharbour.example.hk:port/", "is not a valid web address"),
    ("https://[::1/", "is not a valid web address"),
    ("https://pineharbour.example.hk/" + "a" * 200, "at most 200 characters"),
])
def test_a_bad_online_base_url_is_an_error_naming_file_line_and_field(project, value,
                                                                      message):
    set_base_url(project, value)
    line = len((project / BRAND).read_text().splitlines())
    result = run("html", "baclofen", root=project)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {BRAND}:{line}: online_base_url: "), \
        result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    check = run("check", "baclofen", root=project)
    assert check.exit_code == 1 and f"{BRAND}:{line}: online_base_url:" in check.output


def test_the_base_url_is_normalised_to_one_trailing_slash(project, tmp_path):
    set_base_url(project, "HTTPS://PineHarbour.Example.HK:8443/leaflets//")
    build(project, tmp_path, "--lang", "en")
    assert_points_to(tmp_path / "baclofen.en.pdf",
                     page("en", base="https://pineharbour.example.hk:8443/leaflets/"))


def test_a_new_address_renders_again_and_the_old_one_comes_back_from_the_cache(project,
                                                                               tmp_path):
    build(project, tmp_path / "a", "--lang", "en")
    set_base_url(project, "https://leaflets.example.org/v2/")
    result = run("build", "baclofen", "--lang", "en", "--out", str(tmp_path / "a"),
                 root=project)
    assert result.exit_code == 0 and "1 built, 0 up to date" in result.output, result.output
    assert scanned(tmp_path / "a/baclofen.en.pdf") == \
        [page("en", base="https://leaflets.example.org/v2/")]
    set_base_url(project, BASE)
    result = run("build", "baclofen", "--lang", "en", "--out", str(tmp_path / "b"),
                 root=project)
    assert result.exit_code == 0 and "render cache" in result.output, result.output
    assert scanned(tmp_path / "b/baclofen.en.pdf") == [page("en")]

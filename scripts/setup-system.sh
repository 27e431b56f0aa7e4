#!/usr/bin/env bash
# Install the Debian/Ubuntu packages medleaf needs, only those that are missing.
#   fonts-noto-cjk       Noto Sans CJK HK: Hong Kong glyph forms for every leaflet
#   fonts-noto-core      Noto Sans and the fonts of Urdu, Nepali, Hindi and Thai leaflets
#                        (the packages each language needs: medleaf/data/languages/)
#   libharfbuzz-subset0  fast font subsetting in WeasyPrint (0.1 s instead of ~8 s per CJK PDF)
#   libpango-1.0-0 ...   WeasyPrint's text layout
#   poppler-utils        pdftotext/pdffonts/pdftoppm, used by the tests and proofs
#   gettext              msgfmt --check over every catalog, in make test
#   qpdf                 qpdf --check over every leaflet and pack, in the accessibility tests
#   chromium             headless browser tests (Playwright drives it; axe-core checks pages)
#   ghostscript          Ghostscript, one of the four renderers tests/test_viewers.py compares
#   mupdf-tools          mutool draw (MuPDF), another of those four renderers
#   zbar-tools           zbarimg reads the QR codes of the PDFs back, in tests/test_online_code.py
#   python3-venv         the virtual environment
set -euo pipefail
packages=(fonts-noto-cjk fonts-noto-core libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 fontconfig
          poppler-utils gettext qpdf ghostscript mupdf-tools chromium
          zbar-tools)
python3 -c 'import ensurepip' 2>/dev/null || packages+=(python3-venv)

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing system packages: ${missing[*]}"
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"

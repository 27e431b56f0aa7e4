"""Four independent PDF renderers, and a comparison of their pages that tolerates
anti-aliasing but not a glyph drawn blank, wrong or elsewhere.

Poppler (pdftoppm: Evince, Okular), PDFium (Chrome, Edge), MuPDF (mutool draw; SumatraPDF and
many phone viewers) and Ghostscript share no font or rasterizing code. Each page is drawn
in 8-bit grey at DPI; `disagreements` blurs both images by a pixel (the renderers place a
glyph up to a pixel apart and shade its edges differently), averages them into cells of
CELL x CELL pixels (2 mm at 100 dpi: a few cells to a glyph of body text) and lists the
cells whose ink differs by more than LIMIT of 255. On the sample leaflets the renderers
differ by at most 34 in any cell; a glyph of body text drawn blank differs by 50-80 in
its cells, a wrong glyph or a blank font by far more in hundreds.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

import pypdfium2
from PIL import Image, ImageChops, ImageFilter

DPI = 100
CELL = 8
LIMIT = 48
_QUIET = {"warning: ICC support is not available"}  # MuPDF built without colour management


def poppler(pdf: Path, page: int) -> tuple[Image.Image, str]:
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), "-f", str(page), "-l",
                               str(page), str(pdf), f"{folder}/page"], capture_output=True,
                              text=True, check=True)
        image = Image.open(next(Path(folder).glob("page*.pgm")))
        return image.copy(), done.stderr


def pdfium(pdf: Path, page: int) -> tuple[Image.Image, str]:
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        bitmap = document[page - 1].render(scale=DPI / 72, grayscale=True)
        return bitmap.to_pil().convert("L"), ""
    finally:
        document.close()


def mupdf(pdf: Path, page: int) -> tuple[Image.Image, str]:
    done = subprocess.run(["mutool", "draw", "-q", "-r", str(DPI), "-c", "gray", "-F", "pgm",
                           "-o", "-", str(pdf), str(page)], capture_output=True, check=True)
    return Image.open(io.BytesIO(done.stdout)).copy(), done.stderr.decode()


def ghostscript(pdf: Path, page: int) -> tuple[Image.Image, str]:
    done = subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pgmraw",
                           f"-r{DPI}", "-dTextAlphaBits=4", "-dGraphicsAlphaBits=4",
                           f"-dFirstPage={page}", f"-dLastPage={page}", "-sOutputFile=-",
                           str(pdf)], capture_output=True, check=True)
    return Image.open(io.BytesIO(done.stdout)).copy(), done.stderr.decode()


RENDERERS = {"Poppler": poppler, "PDFium": pdfium, "MuPDF": mupdf, "Ghostscript": ghostscript}
"""name -> (pdf, page) -> (grey image, what it printed on stderr); Poppler is the reference."""


def draw(pdf: Path, page: int) -> dict[str, tuple[Image.Image, str]]:
    """The page as each renderer draws it, with its messages (MuPDF's ICC note left out)."""
    drawn = {}
    for name, render in RENDERERS.items():
        image, messages = render(pdf, page)
        kept = [line for line in messages.splitlines() if line.strip() not in _QUIET]
        drawn[name] = image, "\n".join(kept)
    return drawn


def disagreements(reference: Image.Image, image: Image.Image) -> list[tuple[int, int]]:
    """The cells (x, y in mm from the top left) where `image` has more or less ink than
    `reference` by over LIMIT; images a pixel apart in size (rounding) are cropped alike."""
    width, height = min(reference.width, image.width), min(reference.height, image.height)
    columns, rows = width // CELL, height // CELL
    cells = [picture.crop((0, 0, columns * CELL, rows * CELL))
             .filter(ImageFilter.GaussianBlur(1)).resize((columns, rows), Image.BOX)
             for picture in (reference, image)]
    difference = ImageChops.difference(*cells).point(lambda value: 255 * (value > LIMIT))
    data = difference.tobytes()
    mm = CELL * 25.4 / DPI
    return [(round(index % columns * mm), round(index // columns * mm))
            for index, value in enumerate(data) if value]


def disagreeing(drawn: dict[str, tuple[Image.Image, str]]) -> dict[str, list]:
    """Each renderer of `draw`'s pages that draws differently from Poppler: its cells."""
    reference = drawn["Poppler"][0]
    found = {name: disagreements(reference, image) for name, (image, _) in drawn.items()
             if name != "Poppler"}
    return {name: cells for name, cells in found.items() if cells}


def ink(image: Image.Image) -> float:
    """The share of the page covered in ink (0: blank)."""
    histogram = image.convert("L").histogram()
    return sum((255 - value) * count for value, count in enumerate(histogram)) / \
        (255 * image.width * image.height)

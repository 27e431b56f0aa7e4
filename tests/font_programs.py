"""Every font program a PDF embeds, checked on its own terms, with no viewer involved.

- A bare CID-keyed CFF program (FontFile3 /CIDFontType0C, medleaf's compact subsets): it
  parses with fontTools; it is CID-keyed with the ROS the PDF's CIDSystemInfo names; its
  charset and CharStrings agree; FDSelect names an FD of FDArray, each with a Private DICT,
  for every glyph; every charstring decompiles and draws; every CID the page text, the
  widths (W) or the Unicode map use is in it; each glyph's advance, through its own FD, is
  its width in W; a glyph of a visible character has an outline, and the outline is the
  installed font's glyph of that CID, point for point; wrapped in an OpenType container
  (as OTS only reads whole fonts), it passes the OpenType Sanitizer (Chrome's and
  Firefox's font checker).
- A TrueType program (FontFile2, WeasyPrint's subsets of the other languages' fonts): it
  parses; loca has an offset for every glyph and glyf a glyph at each; the CIDs used are
  glyph numbers (CIDToGIDMap /Identity) of glyphs it has, each decompiling, advancing its
  width in W and drawing the installed font's glyph of that number (a shaped script's
  cluster may carry its text on an empty glyph, as the font has it); the file passes OTS.
- An OpenType program (FontFile3 /OpenType, WeasyPrint's own CFF subsets, the fallback):
  each CID used is the glyph of that number (viewers map either way), drawing the installed
  font's glyph; it passes OTS.

`problems(pdf)` lists what is wrong, each naming the font; [] when every program is sound.
"""

from __future__ import annotations

import functools
import io
import re
import subprocess
import tempfile
import types
from pathlib import Path

import ots
import pikepdf
from fontTools.cffLib import CFFFontSet
from fontTools.fontBuilder import FontBuilder
from fontTools.misc.psCharStrings import T2WidthExtractor
from fontTools.pens.recordingPen import DecomposingRecordingPen, RecordingPen
from fontTools.ttLib import TTFont, newTable

TEXT_SHOWING = {"Tj", "TJ", "'", '"'}


def fonts(pdf: pikepdf.Pdf) -> dict[tuple, tuple[pikepdf.Dictionary, set[int]]]:
    """Each Type0 font of the document (by object) and the CIDs its page text shows."""
    found: dict[tuple, tuple[pikepdf.Dictionary, set[int]]] = {}
    for page in pdf.pages:
        _walk(page.obj, found, set())
    return found


def _walk(holder, found, seen) -> None:
    """Collect the CIDs shown by a page's or form's content, and by its forms'."""
    resources = holder.get("/Resources", {})
    named = {str(name): font for name, font in resources.get("/Font", {}).items()
             if font.get("/Subtype") == "/Type0"}
    for font in named.values():
        found.setdefault(font.objgen, (font, set()))
    current = None
    content = pikepdf.Page(holder) if holder.get("/Type") == "/Page" else holder
    for operands, operator in pikepdf.parse_content_stream(content):
        if str(operator) == "Tf":
            current = named.get(str(operands[0]))
        elif str(operator) in TEXT_SHOWING and current is not None:
            strings = operands[0] if str(operator) == "TJ" else operands[-1:]
            for item in strings:
                if isinstance(item, pikepdf.String):
                    data = bytes(item)
                    found[current.objgen][1].update(
                        int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2))
    for form in resources.get("/XObject", {}).values():
        if form.get("/Subtype") == "/Form" and form.objgen not in seen:
            seen.add(form.objgen)
            _walk(form, found, seen)


def problems(path: Path) -> list[str]:
    """What is wrong with any font program embedded in the PDF at `path`."""
    found = []
    with pikepdf.open(path) as pdf:
        for font, shown in fonts(pdf).values():
            cid_font = font.DescendantFonts[0]
            descriptor = cid_font.FontDescriptor
            name = str(font.BaseFont).lstrip("/")
            widths = declared_widths(cid_font)
            used = shown | set(widths) | set(unicode_map(font))
            visible = {cid for cid, text in unicode_map(font).items() if text.strip()} & shown
            if "/FontFile2" in descriptor:
                if cid_font.get("/CIDToGIDMap") != "/Identity":
                    found.append(f"{name}: CIDs are not glyph numbers (CIDToGIDMap)")
                check = functools.partial(truetype_problems, descriptor.FontFile2.read_bytes(),
                                          name)
            elif descriptor.get("/FontFile3", {}).get("/Subtype") == "/CIDFontType0C":
                check = functools.partial(cff_problems, descriptor.FontFile3.read_bytes(),
                                          cid_system_info(cid_font), name)
            elif descriptor.get("/FontFile3", {}).get("/Subtype") == "/OpenType":
                check = functools.partial(opentype_problems, descriptor.FontFile3.read_bytes(),
                                          name)
            else:
                found.append(f"{name}: not an embedded font program medleaf writes")
                continue
            try:
                found += [f"{name}: {problem}" for problem in check(used, visible, widths)]
            except Exception as exc:  # any failure to read it is a problem with it
                found.append(f"{name}: cannot be read ({type(exc).__name__}: {exc})")
    return found


def cff_problems(data: bytes, system_info, name: str, used, visible, widths) -> list[str]:
    found = []
    cff = CFFFontSet()
    cff.decompile(io.BytesIO(data), None)
    if len(cff.fontNames) != 1:
        return [f"{len(cff.fontNames)} fonts in one CFF program"]
    top = cff[cff.fontNames[0]]
    if not hasattr(top, "ROS"):
        return ["not CID-keyed (no ROS)"]
    if tuple(top.ROS) != system_info:
        found.append(f"ROS {top.ROS} but CIDSystemInfo {system_info}")
    charset, fds = top.charset, len(top.FDArray)
    selected = list(top.FDSelect.gidArray)
    wrong = [(glyph, fd) for glyph, fd in zip(charset, selected, strict=False)
             if not 0 <= fd < fds]
    if wrong or len(selected) != len(charset):
        return found + [f"FDSelect names FD {fd} of {fds} for {glyph}" for glyph, fd in wrong]
    if not all(hasattr(fd, "Private") for fd in top.FDArray):
        return found + ["an FD of FDArray has no Private DICT"]
    strings = top.CharStrings
    if charset[0] != ".notdef" or len(charset) != len(strings) or len(set(charset)) != \
            len(charset):
        found.append(f"charset ({len(charset)}) and CharStrings ({len(strings)}) disagree")
    cids = {cid_of(glyph): glyph for glyph in charset}
    if max(cids) >= getattr(top, "CIDCount", 8720):
        found.append(f"CID {max(cids)} is beyond CIDCount {top.CIDCount}")
    found += [f"CID {cid} is used but not in the font program" for cid in sorted(used - set(cids))]
    source = installed_font(name)
    for glyph in charset:
        try:
            charstring, select = strings.getItemAndSelector(glyph)
            private = top.FDArray[select].Private
            reader = T2WidthExtractor([], [], private.nominalWidthX, private.defaultWidthX)
            charstring.decompile()
            reader.execute(charstring)
            pen = RecordingPen()
            charstring.draw(pen)
        except Exception as exc:  # a charstring that does not run is what we look for
            found.append(f"{glyph}: does not decompile or draw ({type(exc).__name__}: {exc})")
            continue
        cid = cid_of(glyph)
        if cid in widths and abs(reader.width - widths[cid]) >= 1:
            found.append(f"CID {cid} advances {reader.width:g} but W says {widths[cid]:g}")
        if cid in visible and not pen.value:
            found.append(f"CID {cid} shows a character but draws nothing")
        if source is not None and cid and pen.value != outline(source, glyph):
            found.append(f"CID {cid} is not the installed font's glyph")
    found += ots_problems(opentype(data, widths), ".otf")
    return found


def truetype_problems(data: bytes, name: str, used, visible, widths) -> list[str]:
    found = []
    font = TTFont(io.BytesIO(data))
    count = font["maxp"].numGlyphs
    if len(font["loca"]) != count + 1 or len(font["glyf"]) != count:
        found.append(f"loca ({len(font['loca'])} offsets) and glyf ({len(font['glyf'])} "
                     f"glyphs) for {count} glyphs")
    order = font.getGlyphOrder()
    scale = 1000 / font["head"].unitsPerEm
    found += [f"CID {cid} is used but the font has {count} glyphs"
              for cid in sorted(used) if cid >= count]
    for gid in sorted(used & set(range(1, count))):  # .notdef: WeasyPrint's own outline
        glyph = font["glyf"][order[gid]]
        glyph.expand(font["glyf"])
        advance = font["hmtx"][order[gid]][0] * scale
        if gid in widths and abs(advance - widths[gid]) >= 1:
            found.append(f"CID {gid} advances {advance:g} but W says {widths[gid]:g}")
        source = installed_font(name)
        if source is not None and outline(font, order[gid]) != \
                outline(source, source.getGlyphOrder()[gid]):
            found.append(f"CID {gid} is not the installed font's glyph {gid}")
    return found + ots_problems(data, ".ttf")


def opentype_problems(data: bytes, name: str, used, visible, widths) -> list[str]:
    """An OpenType CFF program: viewers map a CID to a glyph either through the charset or
    as a glyph number, so each CID used must be both (as in WeasyPrint's own subsets)."""
    found = []
    font = TTFont(io.BytesIO(data))
    order, source = font.getGlyphOrder(), installed_font(name)
    cid_keyed = hasattr(font["CFF "].cff.topDictIndex[0], "ROS")
    for cid in sorted(used):
        if cid >= len(order) or (cid_keyed and cid_of(order[cid]) != cid):
            found.append(f"CID {cid} is not glyph {cid}: viewers that map CIDs as glyph "
                         "numbers draw another glyph")
        elif cid and source is not None and outline(font, order[cid]) != \
                outline(source, order[cid]):
            found.append(f"CID {cid} is not the installed font's glyph")
    return found + ots_problems(data, ".otf")


def ots_problems(font: bytes, suffix: str) -> list[str]:
    """What the OpenType Sanitizer rejects or warns about in a whole font file."""
    with tempfile.NamedTemporaryFile(suffix=suffix) as file:
        file.write(font)
        file.flush()
        done = ots.sanitize(file.name, capture_output=True)
    messages = (done.stdout + done.stderr).decode(errors="replace").strip()
    if done.returncode or "WARNING" in messages or "ERROR" in messages:
        return [f"OTS: {messages}"]
    return []


def opentype(cff: bytes, widths: dict[int, float]) -> bytes:
    """A bare CFF font program in the least OpenType container OTS reads: its glyphs'
    advances from the PDF's widths; the charstrings copied as they are, never re-encoded."""
    fontset = CFFFontSet()
    fontset.decompile(io.BytesIO(cff), None)
    top = fontset[fontset.fontNames[0]]
    builder = FontBuilder(1000, isTTF=False)
    builder.font.sfntVersion = "OTTO"
    builder.setupGlyphOrder(list(top.charset))
    builder.setupCharacterMap({})
    table = newTable("CFF ")
    table.cff = fontset
    builder.font["CFF "] = table
    builder.setupHorizontalMetrics({glyph: (round(widths.get(cid_of(glyph), 1000)), 0)
                                    for glyph in top.charset})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": "Check", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.setupMaxp()
    builder.setupHead(unitsPerEm=1000)
    out = io.BytesIO()
    builder.font.save(out)
    return out.getvalue()


def compile_cff(fontset: CFFFontSet) -> bytes:
    """A CFF font program fontTools has decompiled (and perhaps changed), compiled again."""
    out = io.BytesIO()
    fontset.compile(out, types.SimpleNamespace(recalcBBoxes=False))
    return out.getvalue()


def cid_of(glyph: str) -> int:
    return 0 if glyph == ".notdef" else int(glyph.removeprefix("cid"))


def cid_system_info(cid_font) -> tuple:
    info = cid_font.CIDSystemInfo
    return str(info.Registry), str(info.Ordering), int(info.Supplement)


def declared_widths(cid_font) -> dict[int, float]:
    found, items = {}, list(cid_font.get("/W", []))
    at = 0
    while at < len(items):
        start, following = int(items[at]), items[at + 1]
        if isinstance(following, pikepdf.Array):
            found.update({start + i: float(w) for i, w in enumerate(following)})
            at += 2
        else:
            found.update({cid: float(items[at + 2]) for cid in range(start, int(following) + 1)})
            at += 3
    return found


def unicode_map(font) -> dict[int, str]:
    """CID -> the text it stands for, from the font's ToUnicode CMap (bfchar pairs)."""
    if "/ToUnicode" not in font:
        return {}
    cmap = font.ToUnicode.read_bytes()
    return {int(cid, 16): bytes.fromhex(text.decode()).decode("utf-16-be", "replace")
            for cid, text in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", cmap)}


@functools.cache
def installed_font(name: str) -> TTFont | None:
    """The installed font a PDF font name (ABCDEF+Noto-Sans-CJK-HK) was cut from, if any."""
    wanted = name.split("+", 1)[-1]
    listing = subprocess.run(["fc-list", "-f", "%{fullname}|%{file}|%{index}\n"],
                             capture_output=True, text=True, check=True).stdout
    for line in listing.splitlines():
        fullname, file, index = line.rsplit("|", 2)
        if fullname.split(",")[0].replace(" ", "-") == wanted:
            return TTFont(file, fontNumber=int(index), lazy=True)
    return None


def outline(font: TTFont | None, glyph: str) -> list | None:
    """A glyph's outline as pen calls (None: no such font)."""
    if font is None:
        return None
    glyphs = font.getGlyphSet()
    pen = DecomposingRecordingPen(glyphs)  # components by their outlines, not their names
    glyphs[glyph].draw(pen)
    return pen.value

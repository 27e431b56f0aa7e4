"""Tagged PDF (PDF/UA-1) beyond what WeasyPrint 70 writes, and the check that it still can.

WeasyPrint tags a PDF (`pdf_variant="pdf/ua-1"`) with the document's language only. Hooked
here, while a tagged PDF is written:

- `weasyprint.pdf.tags._build_box_tree(box, parent, pdf, page_number, nums, annotations,
  tags)`, which yields the structure elements (pydyf dictionaries) of a box: each element
  of a box whose HTML element has a `lang` gets it as `/Lang`; a `div` inside a list (the
  `dl > div.group` of leaflet.html) gives its items to the list (an L holds only LI), and
  what else an LI holds (an `li::after` separator) is its LBody; a page margin box (the
  running header with the logo, the footers) and an element with `aria-hidden="true"` (the
  draft watermark) get no structure element.
- `weasyprint.draw.draw_stacking_context(stream, stacking_context)`: a margin box (or a
  hidden element's stacking context) is drawn as one `/Artifact` marked-content sequence,
  with no MCIDs inside (`stream._tags`, the `{box: {mcid, tag}}` of the page, set aside).
- the finisher (`simplify`) joins again the pieces of one element that WeasyPrint, tagging
  page by page, split at a page break (one L per list), removes each `/Lang` that an
  element inherits anyway, and replaces each neutral Span and NonStruct by what it holds
  (flatten.py).

`check()` finds what differs (names and signatures, then a tiny tagged page written with
the hooks and read back); if anything does, nothing is hooked: WeasyPrint's own tags are
written, with one warning.
"""

from __future__ import annotations

import inspect
import re
import sys
import threading
from io import BytesIO

from medleaf.render.weasyprint_internals.flatten import flatten

BUILD = ("box", "parent", "pdf", "page_number", "nums", "annotations", "tags")
DRAW = ("stream", "stacking_context")
_originals: tuple | None = None  # WeasyPrint's functions, while hooked
_sources: dict[int, tuple] = {}
"""(while a tagged PDF is written) each structure element's tag, HTML element and its tag,
by object number: the pieces of one element that a page break split are joined again."""
_lock = threading.Lock()
_installed: bool | None = None  # None: not decided yet in this process


def install() -> bool:
    """Hook the per-block languages and artifacts into WeasyPrint's tagging, once per
    process, if `check()` finds nothing amiss; else print one warning and change nothing."""
    global _installed
    with _lock:
        if _installed is None:
            differences = check()
            if differences:
                from weasyprint import __version__

                sys.stderr.write(f"warning: WeasyPrint {__version__} differs from what "
                                 f"medleaf's tagging relies on ({'; '.join(differences)}): "
                                 "writing WeasyPrint's own tags (no language per block)\n")
            else:
                hook()
            _installed = not differences
        return _installed


def check() -> list[str]:
    """What is not as this module expects (nothing: the hooks are safe to install)."""
    differences = api_differences()
    if not differences:
        hook()
        try:
            differences = page_differences()
        finally:
            unhook()
    return differences


def reset() -> None:
    """(for tests) Remove the hooks and forget the check's verdict."""
    global _installed
    with _lock:
        unhook()
        _installed = None


def api_differences() -> list[str]:
    try:
        from weasyprint import draw
        from weasyprint.formatting_structure import boxes
        from weasyprint.layout.absolute import AbsolutePlaceholder  # noqa: F401
        from weasyprint.pdf import stream, tags
    except ImportError as exc:
        return [f"cannot import {exc.name}"]
    found = []
    for module, name, expected in ((tags, "_build_box_tree", BUILD),
                                   (draw, "draw_stacking_context", DRAW)):
        function = getattr(module, name, None)
        try:
            parameters = tuple(inspect.signature(function).parameters) if function else ()
        except (TypeError, ValueError):
            parameters = ()
        if parameters != expected:
            found.append(f"{module.__name__}.{name} takes ({', '.join(parameters)}) now"
                         if function else f"{module.__name__}.{name} is gone")
    init = getattr(stream.Stream.__init__, "__code__", None)
    if not (init and "_tags" in init.co_names and hasattr(stream.Stream, "artifact")):
        found.append("weasyprint.pdf.stream.Stream keeps its tags otherwise")
    if not hasattr(boxes, "MarginBox"):
        found.append("boxes.MarginBox is gone")
    return found


def page_differences() -> list[str]:
    """Write a tiny tagged page with the hooks in place and read its structure back."""
    import pikepdf
    from weasyprint import HTML

    html = ('<html lang="zh-HK"><style>@page { @top-left { content: "x" } }</style>'
            '<body><dl><div><dt>A</dt><dd>藥</dd></div></dl><p lang="en">A</p></body></html>')
    try:
        data = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1",
                                           finisher=lambda document, pdf: simplify(pdf))
        with pikepdf.open(BytesIO(data)) as pdf:
            elements = list(_walk(pdf.Root.StructTreeRoot))
            content = pdf.pages[0].Contents.read_bytes()
    except Exception as exc:  # any failure of the hooked writer is a difference
        return [f"a tagged test page fails ({type(exc).__name__}: {exc})"]
    found = []
    if not any(str(e.get("/S")) == "/P" and str(e.get("/Lang", "")) == "en" for e in elements):
        found.append("a block's language is not written")
    if any(str(e.get("/S")) == "/Div" for e in elements):
        found.append("a list's div stays in the list")
    if not re.search(rb"/Artifact\s+BMC", content):
        found.append("a page margin is not written as an artifact")
    if [str(e.get("/S")) for e in elements] != ["/Document", "/L", "/LI", "/Lbl", "/LBody",
                                                "/P"]:  # no margin, no Span, dt and dd one LI
        found.append("the test page's structure is not as flatten.py makes it")
    return found


def _walk(node):
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) or hasattr(kids, "as_list") else [kids]:
        if hasattr(kid, "get") and str(kid.get("/Type", "/StructElem")) == "/StructElem" \
                and "/S" in kid:
            yield kid
            yield from _walk(kid)


def hook() -> None:
    global _originals
    import pydyf
    from weasyprint import draw
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.absolute import AbsolutePlaceholder
    from weasyprint.pdf import tags

    if _originals is not None:
        return
    build, draw_context = tags._build_box_tree, draw.draw_stacking_context

    def build_box_tree(box, parent, pdf, page_number, nums, annotations, marks):
        inner = box._box if isinstance(box, AbsolutePlaceholder) else box
        if isinstance(inner, boxes.MarginBox) or _hidden(inner):
            for descendant in _descendants(inner):
                marks.pop(descendant, None)  # drawn as an artifact: nothing to map
            return
        element = inner.element if inner.element is not None else None
        lang = element.get("lang") if element is not None and \
            inner.element_tag not in ("html", "body") else None
        if inner.element_tag == "div" and parent["S"] == "/L" and not any(
                isinstance(child, boxes.LineBox | boxes.TextBox) for child in inner.children):
            items = (item for child in inner.children for item in tags._build_box_tree(
                child, parent, pdf, page_number, nums, annotations, marks))
        else:
            items = build(box, parent, pdf, page_number, nums, annotations, marks)
        for item in items:
            if element is not None and item.number not in _sources:
                _sources[item.number] = (item["S"], id(element), inner.element_tag)
            if parent["S"] == "/LI" and item["S"] not in ("/Lbl", "/LBody"):
                item["S"] = "/LBody"  # an LI holds only Lbl and LBody (an li::after, say)
            if lang and "Lang" not in item:
                item["Lang"] = pydyf.String(lang)
            yield item

    def draw_stacking_context(stream, stacking_context):
        box = stacking_context.box
        if stream._tags is None or not (isinstance(box, boxes.MarginBox) or _hidden(box)):
            return draw_context(stream, stacking_context)
        marks, stream._tags = stream._tags, None
        try:
            stream.begin_marked_content("Artifact")
            draw_context(stream, stacking_context)
            stream.end_marked_content()
        finally:
            stream._tags = marks

    tags._build_box_tree, draw.draw_stacking_context = build_box_tree, draw_stacking_context
    _originals = build, draw_context


def _hidden(box) -> bool:
    """Is the box an element's own, hidden from assistive technology (the watermark)?"""
    element = getattr(box, "element", None)
    return element is not None and element.get("aria-hidden") == "true" and \
        getattr(box, "element_tag", None) == element.tag


def _descendants(box):
    for child in getattr(box, "children", ()):
        yield child
        yield from _descendants(child)


def unhook() -> None:
    global _originals
    if _originals is not None:
        from weasyprint import draw
        from weasyprint.pdf import tags

        tags._build_box_tree, draw.draw_stacking_context = _originals
        _originals = None


def simplify(pdf) -> None:
    """(in the finisher) Join again what a page break split (a section, a list, a list
    item: WeasyPrint tags each page on its own), drop each /Lang inherited anyway, then
    the neutral wrappers (flatten.py)."""
    root = pdf.catalog.get("StructTreeRoot")
    sources = dict(_sources)
    _sources.clear()
    if root is None or _originals is None:
        return
    objects = {getattr(item, "number", None): item for item in pdf.objects}

    def join(element) -> None:
        kids, joined = element.get("K", ()), []
        for kid in kids:
            this, last = objects.get(_number(kid)), joined and objects.get(_number(joined[-1]))
            key = this is not None and sources.get(this.number)
            if key and last and sources.get(last.number) == key and not any(
                    isinstance(k, int) for k in (*last["K"], *this["K"])):
                for grandchild in this["K"]:
                    if objects[_number(grandchild)].get("Type") == "/StructElem":
                        objects[_number(grandchild)]["P"] = last.reference
                last["K"].extend(this["K"])
                this.clear()  # no longer in the tree
            else:
                joined.append(kid)
        if isinstance(kids, list):
            kids[:] = joined
        for kid in joined:
            if hasattr(objects.get(_number(kid)), "get"):
                join(objects[_number(kid)])

    def visit(reference, inherited) -> None:
        element = objects.get(_number(reference))
        if element is None or not hasattr(element, "get"):
            return
        lang = element.get("Lang")
        if lang is not None:
            if str(lang.string if hasattr(lang, "string") else lang) == inherited:
                del element["Lang"]
            else:
                inherited = str(lang.string if hasattr(lang, "string") else lang)
        for kid in element.get("K", ()):
            visit(kid, inherited)

    language = pdf.catalog.get("Lang")
    top = objects.get(_number(root))
    for reference in top.get("K", ()) if top is not None else ():
        join(objects[_number(reference)])
    for reference in top.get("K", ()) if top is not None else ():
        visit(reference, getattr(language, "string", None))
    if top is not None and objects.get(_number(top.get("ParentTree"))) is not None:
        terms = {number: tag for number, (kind, _, tag) in sources.items()
                 if kind == "/LI" and tag in ("dt", "dd")}
        flatten(pdf.objects, top, objects[_number(top["ParentTree"])], terms)


def _number(reference) -> int | None:
    if isinstance(reference, bytes | str):
        head = reference.split()[0] if reference.split() else b""
        try:
            return int(head)
        except ValueError:
            return None
    return getattr(reference, "number", None)

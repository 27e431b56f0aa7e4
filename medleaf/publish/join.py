"""Join PDFs into one: a pack's cover and its leaflets, as rendered, with one outline and
each font embedded once (a personalised leaflet: its page's subsets beside the leaflet's).

Every leaflet embeds its own subset of each face (fonts.py). Here the subsets of one face
are replaced by a single subset of the union of their glyphs, cut from the same source
face, with the union of their widths and Unicode maps (read as WeasyPrint writes them, by
weasyprint_internals): the pages draw and copy exactly as before. A face this process has
not made a compact subset of (weasyprint_internals.face: none when WeasyPrint's own
subsets are in use), or whose widths or map are not in the form expected, keeps its
per-leaflet subsets.

The structure trees are joined too (tagged PDF/UA, see render/weasyprint_internals/tags.py):
each part's Document element becomes an Art (with the part's language) under one Document,
in page order; its parent-tree keys are renumbered after the parts before it (the pages'
/StructParents and the annotations' /StructParent with them). A part that is not tagged
makes the whole join untagged (no StructTreeRoot, no MarkInfo): never a tree that covers
only some pages.
"""

from __future__ import annotations

from io import BytesIO

from medleaf.render import weasyprint_internals as internals


class Join:
    """PDFs gathered into one, waiting for the PDF that goes before them (a cover, whose page
    numbers need their lengths, so it can be made while they are gathered)."""

    def __init__(self, parts: list[bytes], share_fonts: bool = True):
        """`share_fonts`: cut one subset of each face for all (a pack); else each part keeps
        its own subsets, renamed apart (a personalised leaflet: its personal page's few
        glyphs are not worth cutting a new subset of each face for, 30 ms a patient)."""
        import pikepdf

        self.share_fonts = share_fonts
        self.pdf = pikepdf.new()
        self.sources = []  # a source must stay open until the joined PDF is saved
        self.outline = []
        self.tree = _Tree()
        for part in parts:
            source = pikepdf.open(BytesIO(part))
            self.sources.append(source)
            offset = len(self.pdf.pages)
            self.pdf.pages.extend(source.pages)
            pages = {page.objgen: self.pdf.pages[offset + index].obj
                     for index, page in enumerate(source.pages)}
            with source.open_outline() as theirs:
                self.outline += [_copy(item, pages) for item in theirs.root]
            self.tree.add(self.pdf, source, list(pages.values()))

    def after(self, first: bytes) -> bytes:
        """The PDF: `first` (its metadata and outline lead), then the parts."""
        import pikepdf

        pdf = self.pdf
        with pikepdf.open(BytesIO(first)) as lead:
            for index, page in enumerate(lead.pages):
                pdf.pages.insert(index, page)
            pages = {page.objgen: pdf.pages[index].obj for index, page in enumerate(lead.pages)}
            with lead.open_outline() as theirs:
                leading = [_copy(item, pages) for item in theirs.root]
            pdf.docinfo = pdf.copy_foreign(lead.docinfo)
            if "/OutputIntents" in lead.Root:  # a PDF/A's colour space (an archive copy)
                pdf.Root.OutputIntents = pdf.copy_foreign(lead.make_indirect(
                    lead.Root.OutputIntents))
            if "/Lang" in lead.Root:
                pdf.Root.Lang = lead.Root.Lang
            version = lead.pdf_version
            self.tree.add(pdf, lead, [pdf.pages[index].obj for index in range(len(lead.pages))],
                          first=True)
            self.tree.write(pdf, lead)
        with pdf.open_outline() as outline:
            outline.root.extend(leading + self.outline)
        if self.share_fonts:
            _share_fonts(pdf)
        else:
            _names_apart(pdf)
        pikepdf.settings.set_flate_compression_level(9)  # the object streams, 2% smaller
        buffer = BytesIO()
        pdf.save(buffer, compress_streams=True, min_version=version,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True)
        for source in self.sources:
            source.close()
        return buffer.getvalue()


class _Tree:
    """The structure trees of the joined parts, merged (see the module's doc)."""

    def __init__(self):
        self.parts: list = []  # each part's Document element, copied, in page order
        self.nums: list = []  # (key, value) of the joined parent tree
        self.next_key = 0
        self.tagged = True

    def add(self, pdf, source, pages: list, first: bool = False) -> None:
        import pikepdf

        root = source.Root.get("/StructTreeRoot")
        nums = root.get("/ParentTree", {}).get("/Nums") if root is not None else None
        if root is None or nums is None or "/Kids" in root.ParentTree:
            self.tagged = False  # (WeasyPrint writes one flat /Nums array)
        if not self.tagged:
            return
        offset = self.next_key
        for page in pages:
            if "/StructParents" in page:
                page.StructParents = int(page.StructParents) + offset
            for annotation in page.get("/Annots", ()):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        keys = [int(nums[index]) for index in range(0, len(nums), 2)]
        self.nums += [(key + offset, _foreign(pdf, nums[index * 2 + 1]))
                      for index, key in enumerate(keys)]
        self.next_key = offset + max(keys, default=-1) + 1
        kids = root.K if isinstance(root.K, pikepdf.Array) else [root.K]
        elements = [pdf.copy_foreign(kid) for kid in kids]
        for element in elements:
            element.S = pikepdf.Name.Art
            if "/Lang" in source.Root:
                element.Lang = pikepdf.String(str(source.Root.Lang))
        self.parts[0:0] = elements if first else []
        self.parts += [] if first else elements

    def write(self, pdf, lead) -> None:
        import pikepdf

        if not self.tagged:
            for page in pdf.pages:  # no tree to point into: untagged, and honest about it
                page.obj.pop("/StructParents", None)
                for annotation in page.obj.get("/Annots", ()):
                    annotation.pop("/StructParent", None)
            return
        root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
        document = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, P=root,
            K=pikepdf.Array(self.parts)))
        for part in self.parts:
            part.P = document
        root.K = pikepdf.Array([document])
        numbers = pikepdf.Array()
        for key, value in sorted(self.nums, key=lambda pair: pair[0]):
            numbers.extend([key, value])
        root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=numbers))
        root.ParentTreeNextKey = self.next_key
        pdf.Root.StructTreeRoot = root
        pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
        pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        if "/Metadata" in lead.Root:  # the lead's XMP: its title, and the PDF/UA-1 claim
            pdf.Root.Metadata = pdf.copy_foreign(lead.Root.Metadata)


def _foreign(pdf, value):
    """A parent-tree value (an array of structure elements, or one) copied into `pdf`."""
    import pikepdf

    if isinstance(value, pikepdf.Array):
        return pikepdf.Array([pdf.copy_foreign(item) if item.is_indirect else item
                              for item in value])
    return pdf.copy_foreign(value) if value.is_indirect else value


def _copy(item, pages: dict):
    """An outline item of a source PDF, pointing at the same place on the joined pages
    (`pages`: the source's page object numbers -> the joined PDF's pages)."""
    import pikepdf

    destination = item.destination
    if isinstance(destination, pikepdf.Array) and len(destination) >= 2:
        destination = pikepdf.Array([pages[destination[0].objgen], *destination[1:]])
        copy = pikepdf.OutlineItem(item.title, destination)
    else:
        copy = pikepdf.OutlineItem(item.title)
    copy.is_closed = item.is_closed
    copy.children.extend(_copy(child, pages) for child in item.children)
    return copy


def _share_fonts(pdf) -> None:
    """One font dictionary and one subset per face for all pages (see the module's doc)."""
    import pikepdf

    by_name: dict[str, list] = {}
    for page in pdf.pages:
        for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
            if font.get("/Subtype") == "/Type0" and font.get("/Encoding") == "/Identity-H":
                group = by_name.setdefault(str(font.BaseFont), [])
                if all(font.objgen != other.objgen for other in group):
                    group.append(font)
    shared = {}
    for name, group in by_name.items():
        face = internals.face(name)
        if face is None or len(group) < 2:
            continue
        read = [(internals.widths(font.DescendantFonts[0].W.unparse()),
                 internals.unicode_map(font.ToUnicode.read_bytes())) for font in group]
        if any(None in pair for pair in read):
            continue
        widths, unicode = {}, {}
        for font_widths, font_unicode in read:
            widths.update(font_widths)
            unicode.update(font_unicode)
        cff = internals.subset_cff(face, widths)
        if cff is None:
            continue
        font = group[0]
        cid_font = font.DescendantFonts[0]
        cid_font.W = pikepdf.Array(_w_array(widths))
        descriptor = cid_font.FontDescriptor
        descriptor.FontFile3 = pikepdf.Stream(pdf, cff, Subtype=pikepdf.Name.CIDFontType0C)
        descriptor.FontBBox = pikepdf.Array([0, descriptor.FontBBox[1], max(widths.values()),
                                             descriptor.FontBBox[3]])
        font.ToUnicode = pikepdf.Stream(pdf, _to_unicode(unicode))
        shared[name] = font
    for page in pdf.pages:
        resources = page.obj.get("/Resources", {}).get("/Font", {})
        for key, font in list(resources.items()):
            if str(font.get("/BaseFont")) in shared:
                resources[key] = shared[str(font.BaseFont)]


def _names_apart(pdf) -> None:
    """Different subsets of one face get different names (a subset's tag, ABCDEF+, names
    one subset in a PDF): all but the first get a tag of their own."""
    import hashlib

    import pikepdf

    seen: dict[str, set] = {}
    for page in pdf.pages:
        for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
            name = str(font.get("/BaseFont", ""))
            subsets = seen.setdefault(name, set())
            if "+" not in name or font.objgen in subsets:
                continue
            subsets.add(font.objgen)
            if len(subsets) > 1:
                digest = hashlib.md5(f"{name} {len(subsets)}".encode()).digest()
                tag = "".join(chr(65 + byte % 26) for byte in digest[:6])
                renamed = pikepdf.Name("/" + tag + name[name.index("+"):])
                font.BaseFont = renamed
                for descendant in font.get("/DescendantFonts", ()):
                    descendant.BaseFont = renamed
                    if "/FontDescriptor" in descendant:
                        descendant.FontDescriptor.FontName = renamed


def _w_array(widths: dict[int, float]) -> list:
    array, run, previous = [], None, None
    for cid in sorted(widths):
        if previous is None or cid != previous + 1:
            run = []
            array += [cid, run]
        run.append(round(widths[cid], 3))
        previous = cid
    return array


def _to_unicode(pairs: dict[bytes, bytes]) -> bytes:
    """A ToUnicode CMap of bfchar entries (CID in hex -> UTF-16BE in hex)."""
    items = sorted(pairs.items(), key=lambda item: int(item[0], 16))
    lines = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap",
             b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             b"/CMapName /Adobe-Identity-UCS def", b"/CMapType 2 def",
             b"1 begincodespacerange", b"<0000> <ffff>", b"endcodespacerange"]
    for start in range(0, len(items), 100):
        chunk = items[start:start + 100]
        lines.append(b"%d beginbfchar" % len(chunk))
        lines += [b"<%s> <%s>" % pair for pair in chunk]
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return b"\n".join(lines)

"""(in the finisher, after tags.simplify) The structure tree without its neutral wrappers.

WeasyPrint wraps every piece of text it draws (each line of a paragraph, each run of an
inline element) in a structure element of its own, a Span holding one marked-content ID,
and tags inline HTML elements without a meaning in PDF (`strong`, `span`) and anonymous
boxes as Span and NonStruct. None of them tells a reader anything (a Span or NonStruct
with no attribute is transparent by definition): each is replaced by what it holds, in its
parent, and the parent tree maps its marked content to that parent. This halves a
leaflet's structure elements (about 250 of 540): 3.5 KB less for each leaflet of a pack,
and less to copy when packs and personalised leaflets are joined.

In a definition list, each term (dt) and its definition (dd), which WeasyPrint tags as two
list items, become one, as PDF defines it: the term its label (Lbl), the definition its
body (LBody).

Each element also loses what the spec makes optional: /Type, and /Pg where it holds no
marked content.

Kept: an element with any attribute besides its type, parent, page and kids (a /Lang, say);
marked content whose page is not its parent's page (a paragraph joined across a page break
keeps its second page's pieces); marked content that would land in an element that groups
others (Document, Sect, Div, L, LI, Table, TR: content belongs in a paragraph or heading).
"""

from __future__ import annotations

NEUTRAL = ("/Span", "/NonStruct")
PLAIN = {"Type", "S", "K", "P", "Pg"}
TEXT = {"/P", "/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/Lbl", "/LBody", "/TD", "/TH",
        "/Caption", "/Link", *NEUTRAL}
"""Elements that may hold marked content directly."""


def flatten(objects, top, parent_tree, terms: dict) -> None:
    """Replace each neutral element by its kids, and make each term and its definition one
    list item (see the module's doc). `objects`: the PDF's objects (pydyf); `top`: the
    StructTreeRoot; `parent_tree`: the ParentTree's dictionary; `terms`: the object number
    of the LI of each dt and dd -> "dt" or "dd"."""
    elements = {item.reference: item for item in objects
                if isinstance(item, dict) and item.get("S")}
    moved: dict[bytes, bytes] = {}  # a removed element's reference -> its parent's

    def visit(element) -> None:
        kids = element.get("K")
        if not isinstance(kids, list):
            return
        if element.get("S") == "/L":
            _pair_terms(elements, kids, terms)
        joined = []
        for kid in kids:
            child = None if isinstance(kid, int) else elements.get(kid)
            if child is None:
                joined.append(kid)  # marked content, or an annotation's OBJR
                continue
            visit(child)
            if not _absorbed(child, element):
                joined.append(kid)
                continue
            for grandchild in child["K"]:
                if not isinstance(grandchild, int) and grandchild in elements:
                    elements[grandchild]["P"] = element.reference
            joined += child["K"]
            moved[kid] = element.reference
            child.clear()  # no longer in the tree
        kids[:] = joined
        if element.get("Type") == "/StructElem":
            del element["Type"]
        if "Pg" in element and not any(isinstance(kid, int) for kid in kids):
            del element["Pg"]

    for kid in top.get("K", ()):
        if kid in elements:
            visit(elements[kid])
    if moved:
        nums = parent_tree.get("Nums", [])
        for index in range(1, len(nums), 2):
            if isinstance(nums[index], list):
                nums[index][:] = [_final(moved, item) for item in nums[index]]
            else:
                nums[index] = _final(moved, nums[index])


def _pair_terms(elements: dict, kids: list, terms: dict) -> None:
    """In a list's kids, a dt's item followed by one dd's item become one item: the term
    its label (Lbl), the definition its body (LBody)."""
    items = [None if isinstance(kid, int) else elements.get(kid) for kid in kids]
    kept = []
    for index, (kid, item) in enumerate(zip(kids, items, strict=True)):
        if item is not None and not item:
            continue  # a definition moved into its term's item
        following = [*items[index + 1:index + 3], None, None]
        if _item_of(item, terms, "dt") and _item_of(following[0], terms, "dd") and \
                not _item_of(following[1], terms, "dd"):
            definition = following[0]
            term, body = elements.get(item["K"][0]), elements.get(definition["K"][0])
            if term is not None and body is not None and \
                    term.get("S") == body.get("S") == "/LBody":
                term["S"] = "/Lbl"
                body["P"] = item.reference
                item["K"].append(definition["K"][0])
                definition.clear()
        kept.append(kid)
    kids[:] = kept


def _item_of(item, terms: dict, tag: str) -> bool:
    """Is `item` the LI of a `tag` (dt, dd) holding just one element (its LBody)?"""
    return bool(item) and terms.get(item.number) == tag and \
        isinstance(item.get("K"), list) and len(item["K"]) == 1 and \
        not isinstance(item["K"][0], int)


def _absorbed(child, parent) -> bool:
    """Can `child` be replaced by its kids in `parent`?"""
    if child.get("S") not in NEUTRAL or not set(child) <= PLAIN or \
            not isinstance(child.get("K"), list):
        return False
    if not any(isinstance(kid, int) for kid in child["K"]):
        return True
    return parent.get("S") in TEXT and parent.get("Pg") == child.get("Pg")


def _final(moved: dict, reference):
    while reference in moved:
        reference = moved[reference]
    return reference

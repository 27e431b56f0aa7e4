"""What keeps a tagged leaflet small: no neutral structure elements (flatten.py), one list
item per term and definition, coordinates to a thousandth of a point (numbers.py)."""

from __future__ import annotations

import re

import pikepdf
from conftest import REPO, run
from test_accessibility import tree

from medleaf.render.weasyprint_internals import numbers, tags

LONG_NUMBER = re.compile(rb"(?<![\d.])[1-9]\d*\.\d{4,}")
"""A number of 1 or more with more than three decimals."""


def test_no_neutral_element_is_left_and_a_term_labels_its_definition(built):
    with pikepdf.open(built / "baclofen.zh-HK.pdf") as pdf:
        found = tree(pdf)
        kinds = [str(element.S) for element, _ in found]
        # a Span or NonStruct is kept only for what it says: a language of its own
        assert all("/Lang" in element for element, _ in found
                   if element.S in ("/Span", "/NonStruct"))
        assert kinds.count("/Span") + kinds.count("/NonStruct") < 10 < kinds.count("/P")
        items = [[str(kid.S) for kid in element.K] for element, _ in found
                 if element.S == "/LI"]
        assert ["/Lbl", "/LBody"] in items and all("/LI" not in kids for kids in items)
        # every marked content still maps to the element that holds it
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        for index in range(1, len(nums), 2):
            for mcid, element in enumerate(nums[index] if isinstance(nums[index],
                                                                     pikepdf.Array) else []):
                assert mcid in [kid for kid in element.K if isinstance(kid, int)]


def test_a_tree_left_as_weasyprint_writes_it_is_a_difference(monkeypatch):
    tags.reset()  # as a new process: WeasyPrint's own functions, to be checked
    monkeypatch.setattr(tags, "flatten", lambda *args: None)
    try:
        assert tags.check() == ["the test page's structure is not as flatten.py makes it"]
    finally:
        monkeypatch.undo()
        assert tags.install()


def test_coordinates_are_written_to_a_thousandth_of_a_point(built, tmp_path, monkeypatch):
    with pikepdf.open(built / "baclofen.en.pdf") as pdf:
        content = pdf.pages[0].Contents.read_bytes()
    assert re.search(rb"\d\.\d{3}\b", content) and not LONG_NUMBER.search(content)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # keep it out of the cache
    numbers.reset()  # the planted fault: pydyf's own six decimals
    monkeypatch.setattr(numbers, "install", lambda: False)
    try:
        result = run("build", "baclofen", "--lang", "en", "--force", "--out", str(tmp_path),
                     root=REPO)
        assert result.exit_code == 0, result.output
        with pikepdf.open(tmp_path / "baclofen.en.pdf") as pdf:
            assert LONG_NUMBER.search(pdf.pages[0].Contents.read_bytes())
    finally:
        monkeypatch.undo()
        assert numbers.install()

"""The counter's error messages: every one the server can give has its Hong Kong Chinese
translation in medleaf's serve catalog, with the same placeholders; the page's language
is chosen from the query, else Accept-Language."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from medleaf.content.project import TOOL
from medleaf.serve import messages

PO = TOOL / "locales/zh_Hant_HK/LC_MESSAGES/serve.po"


def test_every_message_has_its_translation_with_the_same_placeholders():
    with PO.open("rb") as po:
        catalog = read_po(po)
    translated = {m.id: m.string for m in catalog if m.id and m.context == "serve"
                  and m.string and not m.fuzzy}
    wanted = messages.every_message()
    assert [m for m in wanted if m not in translated] == []
    assert [m for m in translated if m not in wanted] == []  # none left behind
    for english, chinese in translated.items():
        assert sorted(re.findall(r"%\(\w+\)s", english)) == \
            sorted(re.findall(r"%\(\w+\)s", chinese)), english
        assert re.search(r"[\u4e00-\u9fff]", chinese), english


def test_a_message_without_a_translation_stays_english_and_english_stays_as_written():
    assert messages.translate("zh-HK", "no such leaflet: %(name)s", name="x") == \
        "沒有這份單張：x"
    assert messages.translate("en", "no such leaflet: %(name)s", name="x") == \
        "no such leaflet: x"
    assert messages.field_message("en", "whatever the CLI says", "missing") == \
        "whatever the CLI says"
    assert messages.field_message("zh-HK", "anything new", "some_new_type") == "資料不正確"


@pytest.mark.parametrize("query, accept, chosen", [
    (None, None, "en"), ("zh-HK", "en", "zh-HK"), ("en", "zh-HK", "en"),
    ("en+zh-HK", None, "en"), (None, "zh-HK,zh;q=0.9,en;q=0.8", "zh-HK"),
    (None, "en-GB,en;q=0.9,zh-HK;q=0.8", "en"), (None, "fr, zh-TW;q=0.5", "zh-HK"),
    (None, "zh-HK;q=0, en;q=0.1", "en"), (None, "fr, de", "en"), (None, "zh;q=x, en", "en"),
])
def test_the_pages_language(query, accept, chosen):
    assert messages.ui_language(query, accept) == chosen

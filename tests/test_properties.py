"""Property-based tests (Hypothesis): generated monographs, catalogs, brand and pack files
and command lines, the classes of bad input included. Every run ends with exit status 0, 1
or 2 and, unless 0, a message; never a traceback, a hang, or a changed source file. And a
catalog that `check` passes always renders.

The example counts are bounded (and the examples derandomized, so `make test` is the same
on every run); MEDLEAF_EXAMPLES=500 explores further.
"""

from __future__ import annotations

import os
import shutil
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner
from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medleaf.cli import cli
from medleaf.i18n.interface import SHIPPED

EXAMPLES = int(os.environ.get("MEDLEAF_EXAMPLES", "20"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 20,
                    database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])
YAML = "leaflets/baclofen.yaml"
PO = "locales/zh_Hant_HK/LC_MESSAGES/baclofen.po"
UI = "locales/zh_Hant_HK/LC_MESSAGES/ui.po"

# Characters that have broken things before, or could: controls, bidi and zero-width
# characters, CJK (supplementary planes too), markup, format and YAML/PO syntax characters.
TRICKY = ("\x00\x07\x1b\x7f\t\n\r\u00ad\u061c\u200b\u200c\u200d\u200e\u202e\u2066\u2028"
          "\ufeff\ufffd%*_#<>&[]()!`\\\"':{}-|巴氯芬毫克每日兩三半𡃁𨋢\U0001F48A0123456789.,")
TEXT = st.text(st.one_of(st.sampled_from(TRICKY), st.characters(codec="utf-8")),
               max_size=60)
VALUE = st.recursive(
    st.one_of(TEXT, st.integers(-10**12, 10**12), st.floats(allow_nan=True), st.booleans(),
              st.none(), st.dates().map(str)),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=6)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A private copy of the project with baclofen as its only leaflet (and no packs), and
    its own copy of medleaf's interface catalog (UI) to vary."""
    root = tmp_path_factory.mktemp("fuzz") / "project"
    for folder in ("leaflets", "locales", "templates"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(SHIPPED / "zh_Hant_HK/LC_MESSAGES/ui.po", root / UI)
    for path in (root / "leaflets").glob("*.yaml"):
        if path.stem != "baclofen":
            path.unlink()
    return root


@contextmanager
def no_hang(seconds: int = 60):
    def stop(signum, frame):
        raise TimeoutError(f"no answer in {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def medleaf(root: Path, *args: str):
    """The CLI in-process, in the example's folder (default outputs land there); any
    exception but an exit is a failure (a traceback)."""
    cwd = os.getcwd()
    os.chdir(root.parent)
    try:
        with no_hang():
            result = CliRunner().invoke(cli, ["--root", str(root), *args])
    finally:
        os.chdir(cwd)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"medleaf {' '.join(args)} raised") from result.exception
    assert result.exit_code in (0, 1, 2), result.output
    if result.exit_code:
        assert result.stderr.startswith("error: ") or "Error: " in result.stderr, \
            result.stderr
    return result


def snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.suffix != ".mo"}


def paths_of(data, path=()):
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths_of(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths_of(value, (*path, index))


def set_at(data, path, value):
    if not path:
        return value
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


MONOGRAPH = yaml.safe_load((REPO / YAML).read_text())
FIELD_PATHS = [p for p in paths_of(MONOGRAPH) if p]


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def write_in(path: Path, line: int, fragment: str, cut: bool) -> None:
    """Put `fragment` in front of one line of the file (instead of it, if `cut`)."""
    lines = path.read_text().splitlines(keepends=True)
    at = line % len(lines)
    lines[at] = fragment + ("\n" if cut else lines[at])
    path.write_bytes("".join(lines).encode("utf-8", "surrogatepass"))


def with_copy(base: Path, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("example") / "project"
    shutil.copytree(base, root)
    return root


@SETTINGS
@given(path=st.sampled_from(FIELD_PATHS), value=VALUE)
def test_any_value_in_any_monograph_field(base, tmp_path_factory, path, value):
    root = with_copy(base, tmp_path_factory)
    data = set_at(yaml.safe_load((root / YAML).read_text()), path, value)
    (root / YAML).write_text(_dump(data))
    before = snapshot(root)
    check = medleaf(root, "check", "baclofen", "--lang", "en")
    html = medleaf(root, "html", "baclofen")
    assert (check.exit_code == 0) <= (html.exit_code == 0), (check.output, html.output)
    assert snapshot(root) == before


@SETTINGS
@given(line=st.integers(0, 400), fragment=TEXT, cut=st.booleans())
def test_any_text_anywhere_in_a_monograph_file(base, tmp_path_factory, line, fragment, cut):
    root = with_copy(base, tmp_path_factory)
    write_in(root / YAML, line, fragment, cut)
    before = snapshot(root)
    medleaf(root, "check", "baclofen")
    medleaf(root, "list")
    assert snapshot(root) == before


CONTEXTS = [m.context for m in read_po((REPO / PO).open("rb")) if m.id]


@SETTINGS
@given(context=st.sampled_from(CONTEXTS), translation=TEXT, fuzzy=st.booleans())
def test_a_catalog_that_passes_check_always_renders(base, tmp_path_factory, context,
                                                    translation, fuzzy):
    root = with_copy(base, tmp_path_factory)
    with (root / PO).open("rb") as fileobj:
        catalog = read_po(fileobj)
    message = next(m for m in catalog if m.context == context)
    message.string = translation
    if fuzzy:
        message.flags.add("fuzzy")
    with (root / PO).open("wb") as fileobj:
        write_po(fileobj, catalog, width=100)
    before = snapshot(root)
    check = medleaf(root, "check", "baclofen", "--lang", "zh-HK")
    html = medleaf(root, "html", "baclofen", "--lang", "zh-HK")
    assert check.exit_code == html.exit_code, (check.output, html.output)
    assert snapshot(root) == before
    update = medleaf(root, "i18n", "update")
    if update.exit_code:
        assert snapshot(root) == before  # a catalog it cannot read is never rewritten


UI_IDS = [m.id for m in read_po((SHIPPED / "zh_Hant_HK/LC_MESSAGES/ui.po").open("rb")) if m.id]


@SETTINGS
@given(msgid=st.sampled_from(UI_IDS), translation=TEXT)
def test_an_interface_catalog_that_passes_check_always_renders(base, tmp_path_factory, msgid,
                                                               translation):
    root = with_copy(base, tmp_path_factory)
    with (root / UI).open("rb") as fileobj:
        catalog = read_po(fileobj)
    catalog.get(msgid).string = translation
    with (root / UI).open("wb") as fileobj:
        write_po(fileobj, catalog, width=100)
    check = medleaf(root, "check", "baclofen", "--lang", "zh-HK")
    html = medleaf(root, "html", "baclofen", "--lang", "zh-HK")
    assert check.exit_code == html.exit_code, (check.output, html.output)


@SETTINGS
@given(line=st.integers(0, 600), fragment=TEXT, cut=st.booleans())
def test_any_text_anywhere_in_a_catalog_file(base, tmp_path_factory, line, fragment, cut):
    root = with_copy(base, tmp_path_factory)
    write_in(root / PO, line, fragment, cut)
    before = snapshot(root)
    check = medleaf(root, "check", "baclofen", "--lang", "zh-HK")
    html = medleaf(root, "html", "baclofen", "--lang", "zh-HK")
    assert check.exit_code == html.exit_code, (check.output, html.output)
    if medleaf(root, "i18n", "update").exit_code:
        assert snapshot(root) == before


BRAND = yaml.safe_load((REPO / "templates/brand/brand.yaml").read_text())
PACK = {"title": "A pack", "languages": ["en", "zh-HK"], "leaflets": ["baclofen"]}


@SETTINGS
@given(which=st.sampled_from(["brand", "pack"]), data=st.data())
def test_any_value_in_a_brand_or_pack_file(base, tmp_path_factory, which, data):
    root = with_copy(base, tmp_path_factory)
    start = BRAND if which == "brand" else PACK
    path = data.draw(st.sampled_from([p for p in paths_of(start) if p]))
    value = data.draw(VALUE)
    changed = set_at(yaml.safe_load(_dump(start)), path, value)
    file = root / ("templates/brand/brand.yaml" if which == "brand" else "packs/fuzz.yaml")
    file.parent.mkdir(exist_ok=True)
    file.write_text(_dump(changed))
    before = snapshot(root)
    medleaf(root, "check")
    if which == "brand":
        medleaf(root, "html", "baclofen")
    else:
        medleaf(root, "pack", str(file), "--out", str(root.parent / "pack.pdf"), "--jobs", "1")
    assert snapshot(root) == before


COMMANDS = [["build", "baclofen"], ["html", "baclofen"], ["list"], ["check"],
            ["check", "baclofen"], ["proof", "baclofen"], ["review", "status"],
            ["i18n", "stats"], ["i18n", "stats", "--check"], ["review", "approve", "baclofen"],
            ["directions", "--form", "tablet", "--times-a-day", "3"],
            ["dispense", "baclofen", "--form", "tablet", "--strength", "10 mg"],
            ["build", "baclofen", "--large-print", "--lang", "en+zh-HK"]]
OPTIONS = st.lists(st.tuples(st.sampled_from(["--lang", "--paper", "--out", "--brand", "--by",
                                              "--jobs", "--locale", "--review-age",
                                              "--max-grade", "--root", "--dose", "--patient",
                                              "--every-hours", "--directions", "--morning",
                                              "--strength", "--age-group"]),
                             st.one_of(TEXT, st.sampled_from(["en", "zh-HK", "A4", "A5",
                                                              "all", "0", "-1", "1e9",
                                                              "/dev/null", "/", "..", ""]))),
                   max_size=3)


@SETTINGS
@given(command=st.sampled_from(COMMANDS), options=OPTIONS, extra=st.lists(TEXT, max_size=2))
def test_any_command_line(base, tmp_path_factory, command, options, extra):
    root = with_copy(base, tmp_path_factory)
    args = list(command)
    for option, value in options:
        if option in ("--out", "--root", "--brand", "--directions"):  # writes inside the example
            value = str(root.parent / value.replace("\x00", "").lstrip("/"))[:200]
        args += [option, value]
    args += extra
    before = {p: b for p, b in snapshot(root).items() if "/leaflets/" not in str(p)
              and "/locales/" not in str(p)}  # approve and update may write these
    medleaf(root, *args)
    after = {p: b for p, b in snapshot(root).items() if p in before}
    assert after == before


FIELDS = ["patient", "dose", "form", "route", "times_a_day", "every_hours", "times_a_week",
          "schedule", "as_needed", "food", "days", "weeks", "until_finished", "long_term",
          "start", "strength", "age_group", "above_maximum_confirmed", "unknown"]
GOOD = {"dose": 1, "form": "tablet", "times_a_day": 3, "strength": "10 mg"}


@SETTINGS
@given(changes=st.dictionaries(st.sampled_from(FIELDS), VALUE, max_size=4),
       as_json=st.booleans())
def test_any_directions_file(base, tmp_path_factory, changes, as_json):
    """Any value in any field of a directions file: a message or a leaflet, never a
    traceback, and nothing of the project changed."""
    import json

    import yaml

    root = with_copy(base, tmp_path_factory)
    fields = {**GOOD, **changes}
    path = root.parent / ("rx.json" if as_json else "rx.yaml")
    try:
        path.write_text(json.dumps(fields, ensure_ascii=False) if as_json else
                        yaml.safe_dump(fields, allow_unicode=True), encoding="utf-8")
    except (ValueError, UnicodeEncodeError):  # NaN in JSON, a lone surrogate: not writable
        return
    before = snapshot(root)
    medleaf(root, "directions", "--directions", str(path))
    medleaf(root, "dispense", "baclofen", "--directions", str(path), "--out",
            str(root.parent / "x.pdf"))
    after = snapshot(root)
    assert {p: b for p, b in after.items() if p in before} == before

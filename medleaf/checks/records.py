"""Review records: who approved a leaflet's content and each of its translations, and
whether what they approved is still exactly what would be printed.

Approval is tied to a fingerprint of what was approved: the monograph's content, or the
catalog's translations. Any later change makes the leaflet a draft again, found from the
files themselves rather than remembered by hand.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog

from medleaf.content import inputs
from medleaf.content.languages import Language
from medleaf.content.monograph import Leaflet, ReviewState, load_leaflet
from medleaf.content.project import Project
from medleaf.content.writes import write_atomic
from medleaf.errors import ContentError, Problem
from medleaf.i18n.catalogs import po_path, read_catalog

_PO_RECORD = re.compile(r"# Review: (?:draft|approved by (?P<by>.+) on (?P<on>\d{4}-\d\d-\d\d) "
                        r"\((?P<fingerprint>sha256:[0-9a-f]+)\))\s*")


def _fingerprint(data) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def content_fingerprint(leaflet: Leaflet) -> str:
    return _fingerprint(leaflet.monograph.model_dump(mode="json", exclude={"review"}))


def translation_fingerprint(catalog: Catalog) -> str:
    return _fingerprint(sorted((m.context or "", str(m.id), str(m.string), m.fuzzy)
                               for m in catalog if m.id))


def _state(what: str, by, on, recorded: str | None, current: str) -> ReviewState:
    if recorded is None:
        return ReviewState(what, None, None, False, "has never been approved")
    if recorded != current:
        return ReviewState(what, by, on, False, f"has changed since {by} approved it on {on}")
    return ReviewState(what, by, on, True, "is approved")


def content_state(leaflet: Leaflet) -> ReviewState:
    review = leaflet.monograph.review
    recorded = review.content if review.status == "approved" else None
    return _state("content", review.by, review.date, recorded, content_fingerprint(leaflet))


def translation_state(project: Project, leaflet: Leaflet, language: Language,
                      catalog: Catalog | None = None) -> ReviewState:
    path = po_path(project, language, leaflet.name)
    what = f"{language} translation"
    if not path.is_file():
        return ReviewState(what, None, None, False, "has no catalog")
    catalog = catalog or read_catalog(project, path, language)
    lines = inputs.read_text(path, project.display(path), "catalog").splitlines()
    match = next(filter(None, map(_PO_RECORD.fullmatch, lines[:_header(lines)])), None)
    if not match or not match["by"]:
        return _state(what, None, None, None, "")
    try:
        on = dt.date.fromisoformat(match["on"])
    except ValueError:
        return ReviewState(what, match["by"], None, False, f"has a review record dated "
                           f"{match['on']}, which is no date: approve it again")
    return _state(what, match["by"], on, match["fingerprint"], translation_fingerprint(catalog))


_BOM = "\ufeff"


def _read_keeping(path: Path, shown: str, kind: str) -> tuple[str, str, str]:
    """The file's text, its byte-order mark ('' or U+FEFF) and its line ending, so that a
    write changes nothing but what it means to change."""
    data = inputs.read_bytes(path, shown, kind)
    text = inputs.decode(data, shown)
    bom = _BOM if data.startswith(b"\xef\xbb\xbf") else ""
    newline = "\r\n" if "\r\n" in text else "\r" if "\r" in text else "\n"
    return text, bom, newline


def approve_content(project: Project, leaflet: Leaflet, by: str, today: dt.date) -> Path:
    """Write the approval into the monograph's review block; nothing else in the file moves."""
    path = leaflet.source.path
    text, bom, nl = _read_keeping(path, leaflet.source.shown_as, "monograph")
    start, end = _review_span(text)
    block = nl.join(["review:", "  status: approved",
                     f"  by: {json.dumps(by, ensure_ascii=False)}",
                     f"  date: {today.isoformat()}",
                     f"  content: {content_fingerprint(leaflet)}"])
    write_atomic(path, (bom + text[:start] + block + text[end:]).encode("utf-8"))
    return path


def _review_span(text: str) -> tuple[int, int]:
    """Where the top-level `review` field starts (its line: '? review' too) and its last
    value ends in the text."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    for key, value in root.value:
        if key.value == "review":
            scalars = list(_scalars(value)) or [value]
            end = max(node.end_mark.index for node in scalars)
            if isinstance(value, yaml.MappingNode | yaml.SequenceNode) and value.flow_style:
                end = value.end_mark.index
            at = key.start_mark.index
            line_start = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1
            return line_start, end
    raise ContentError([Problem("", None, "review", "no review record")])


def _scalars(node):
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key
            yield from _scalars(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item)


def _header(lines: list[str]) -> int:
    """How many of the catalog's lines come before its first msgid (the header's)."""
    return next((i for i, line in enumerate(lines) if line.startswith("msgid")), len(lines))


def approve_translation(project: Project, leaflet: Leaflet, language: Language, by: str,
                        today: dt.date) -> Path:
    """Write the approval as the catalog's '# Review:' header line; nothing else moves."""
    path = po_path(project, language, leaflet.name)
    catalog = read_catalog(project, path, language)
    record = (f"# Review: approved by {by} on {today.isoformat()} "
              f"({translation_fingerprint(catalog)})")
    text, bom, nl = _read_keeping(path, project.display(path), "catalog")
    lines = text.splitlines(keepends=True)
    head = _header(lines)
    at = next((i for i in range(head) if _PO_RECORD.fullmatch(lines[i].rstrip("\r\n"))), None)
    if at is not None:
        lines[at] = record + lines[at][len(lines[at].rstrip("\r\n")):]
    else:
        lines.insert(1 if lines and lines[0].startswith("#") else 0, record + nl)
    write_atomic(path, (bom + "".join(lines)).encode("utf-8"))
    return path


def statuses(project: Project, names: list[str]):
    """(leaflet, ReviewState) for the content and every translation of each leaflet."""
    from medleaf.i18n.catalogs import leaflet_languages

    for name in names:
        leaflet = load_leaflet(project, name)
        yield name, content_state(leaflet)
        for language in leaflet_languages(project, name)[1:]:
            yield name, translation_state(project, leaflet, language)


def release_problems(project: Project, name: str, language: Language,
                     reviews: list[ReviewState]) -> list[Problem]:
    """Why a leaflet may not be released to patients: each unapproved review."""
    problems = []
    for review in reviews:
        if not review.approved:
            is_content = review.what == "content"
            path = project.leaflet_path(name) if is_content else po_path(project, language, name)
            lang = "" if is_content else f" --lang {language}"
            problems.append(Problem(project.display(path), None, None,
                                    f"draft: the {review.what} {review.reason}; a pharmacist "
                                    f"approves it with 'medleaf review approve {name}{lang} "
                                    f"--by NAME'", "release"))
    return problems

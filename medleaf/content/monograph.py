"""Load and validate leaflets/NAME.yaml into a Monograph, reporting every problem at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pydantic

from medleaf.content.project import Project
from medleaf.content.schema import Monograph, Prose
from medleaf.content.yamlfile import FieldPath, YamlFile, format_path
from medleaf.errors import ContentError


@dataclass(frozen=True)
class Leaflet:
    """A validated monograph with its name and the lines of its fields."""

    name: str
    monograph: Monograph
    source: YamlFile

    def texts(self) -> Iterator[tuple[FieldPath, Prose]]:
        """Every translatable text, in document order, with its field path."""
        yield from prose_in(self.monograph, ())

    def line_of(self, path: FieldPath) -> int:
        return self.source.line_of(path)

    def context(self, path: FieldPath) -> str:
        return context(self.name, path)


def context(name: str, path: FieldPath) -> str:
    """The gettext msgctxt of a text: leaflet and field path, e.g. 'baclofen:tips[3].body'."""
    return f"{name}:{format_path(path)}"


def texts_in(value, path: FieldPath, kind: type = str):
    """Every text of `kind` in a model, with its field path, in field order."""
    if isinstance(value, kind):
        yield path, value
    elif isinstance(value, pydantic.BaseModel):
        for name in type(value).model_fields:
            yield from texts_in(getattr(value, name), (*path, name), kind)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from texts_in(item, (*path, index), kind)


def prose_in(value, path: FieldPath):
    """Every translatable text of a model."""
    return texts_in(value, path, Prose)


def strings_in(value, path: FieldPath):
    """Every text of a model, translatable or not (brand names, dates written as text)."""
    return texts_in(value, path, str)


def load_leaflet(project: Project, name: str) -> Leaflet:
    path = project.leaflet_path(name)
    source = YamlFile(path, project.display(path), "monograph")
    return Leaflet(name, source.validate(Monograph), source)


def load_leaflets(project: Project, names: list[str]) -> list[Leaflet]:
    """Load every named leaflet; report the problems of all of them together."""
    leaflets, problems = [], []
    for name in names:
        try:
            leaflets.append(load_leaflet(project, name))
        except ContentError as exc:
            problems += exc.problems
    if problems:
        raise ContentError(problems)
    return leaflets


@dataclass(frozen=True)
class ReviewState:
    """The review of one part of a leaflet (its content, or one translation)."""

    what: str
    by: str | None
    on: dt.date | None
    approved: bool
    reason: str
    """Why it is a draft ('has never been approved', 'has changed since ...'), or
    'is approved'."""

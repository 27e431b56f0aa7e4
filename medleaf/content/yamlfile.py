"""Read a YAML file into plain data plus the line of every field, for error messages.

Only what a content file needs is accepted: plain mappings, lists and texts. Aliases are
refused (a few nested ones, a "billion laughs", would expand to gigabytes), and so is every
text that holds an invisible or control character (see characters.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pydantic
import yaml

from medleaf.content import characters, inputs
from medleaf.errors import ContentError, Problem

FieldPath = tuple[str | int, ...]

_CORE = "tag:yaml.org,2002:"
_INT = _CORE + "int"
_PLAIN_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "seq", "map")}
"""What a content file is made of: no !!binary (it would hide its text from the checks),
no !!set (its order changes from run to run), no merge keys, no Python objects."""
_KINDS = {"int": "a number", "float": "a number", "bool": "true or false", "null": "nothing"}
MAX_DEPTH = 20
"""Levels of nesting (a monograph uses four)."""
_MESSAGES = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field (misspelt?)",
}


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader (libyaml's, ten times faster, when PyYAML has it) that leaves dates as
    text, so a bad date is a field error, not a crash."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _tag(tag: str) -> str:
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


def format_path(path: FieldPath) -> str:
    """('tips', 3, 'body') -> 'tips[3].body'"""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class YamlFile:
    """A parsed YAML mapping that can say on which line each field path starts."""

    def __init__(self, path: Path, shown_as: str, kind: str = "yaml",
                 number_keys: bool = False):
        """`number_keys`: a number may name a field (a glossary's term 999)."""
        self.path = path
        self.shown_as = shown_as
        self._key_tags = {_CORE + "str", *((_CORE + "int", _CORE + "float") if number_keys
                                           else ())}
        self.lines: dict[FieldPath, int] = {}
        self.problems: list[Problem] = []
        data = inputs.read_bytes(path, shown_as, kind)
        self.digest = hashlib.sha256(data).hexdigest()
        """The SHA-256 of the bytes this was read from."""
        text = self._text = inputs.decode(data, shown_as)
        try:
            if "&" in text:  # without an anchor there can be no alias
                self._refuse_aliases(text)
            loader = _Loader(text)
            try:  # parsed once: the nodes give the lines, and the data is built from them
                node = loader.get_single_node()
                if isinstance(node, yaml.MappingNode):
                    self._walk(node, ())
                if self.problems:
                    raise ContentError(self.problems)
                self.data = node and loader.construct_document(node)
            finally:
                loader.dispose()
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark else None
            reason = getattr(exc, "problem", None) or str(exc)
            raise ContentError([Problem(shown_as, line, None, f"invalid YAML: {reason}")]) from None
        if not isinstance(self.data, dict):
            raise ContentError([Problem(shown_as, 1, None, "expected a mapping of fields")])

    def _refuse_aliases(self, text: str) -> None:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                raise ContentError([Problem(
                    self.shown_as, event.start_mark.line + 1, None,
                    f"the alias *{event.anchor} is not allowed: write the value out in full")])

    def _walk(self, node: yaml.Node, path: FieldPath) -> None:
        if len(path) > MAX_DEPTH:
            self.problems.append(self.problem(path, f"nested more than {MAX_DEPTH} levels "
                                              "deep", node))
        elif node.tag not in _PLAIN_TAGS:
            self.problems.append(self.problem(path, f"the tag {_tag(node.tag)} is not "
                                              "allowed: write the value as plain text, "
                                              "a number or a list", node))
        elif node.tag == _INT and len(node.value) > 30:
            self.problems.append(self.problem(path, "a number of more than 30 digits", node))
        elif isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                    self.problems.append(self.problem(path, "a field name must be plain "
                                                      "text", key_node))
                    continue
                if key_node.tag not in self._key_tags:  # 'true:', 'no:', '1:', '~:'
                    self.problems.append(self.problem(
                        path, f"the field name '{key_node.value}' reads as "
                        f"{_KINDS[key_node.tag.removeprefix(_CORE)]}: a field name is a "
                        "word (quote it if it is meant)", key_node))
                    continue
                key = key_node.value
                child = (*path, key)
                if key in seen:
                    self.problems.append(self.problem(child, "field given twice", key_node))
                seen.add(key)
                self.lines[child] = key_node.start_mark.line + 1
                self._check_text(key_node, child)
                self._walk(value_node, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.lines[(*path, index)] = item.start_mark.line + 1
                self._walk(item, (*path, index))
        else:
            self._check_text(node, path)

    def _check_text(self, node: yaml.Node, path: FieldPath) -> None:
        if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str):
            for char, message in characters.problems(node.value):
                # the line the character is on, unless it was written as an escape
                at = self._text.find(char, node.start_mark.index, node.end_mark.index)
                line = self._text.count("\n", 0, at) + 1 if at >= 0 else \
                    node.start_mark.line + 1
                self.problems.append(Problem(self.shown_as, line, format_path(path) or None,
                                             message))

    def line_of(self, path: FieldPath) -> int:
        """The line of the field, or of its nearest parent that exists in the file."""
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def problem(self, path: FieldPath, message: str, node: yaml.Node | None = None) -> Problem:
        line = node.start_mark.line + 1 if node is not None else self.line_of(path)
        return Problem(self.shown_as, line, format_path(path) or None, message)

    def validate(self, model: type[pydantic.BaseModel]):
        """The file's data as `model`; every problem at once, by line, as ContentError."""
        try:
            return model.model_validate(self.data)
        except pydantic.ValidationError as exc:
            problems = [self._problem(error) for error in exc.errors()]
            raise ContentError(sorted(problems, key=lambda p: p.line or 0)) from None

    def _problem(self, error) -> Problem:
        return self.problem(tuple(error["loc"]), error_message(error))


def error_message(error) -> str:
    """One of pydantic's errors as a person reads it."""
    message = _MESSAGES.get(error["type"], error["msg"]).removeprefix("Value error, ")
    value = error.get("input")
    if error["type"] not in (*_MESSAGES, "value_error") and not isinstance(value, dict | list):
        message += f" (got {value!r})"  # our own validators name the value themselves
    return message

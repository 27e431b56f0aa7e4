"""The templates' sandbox: Jinja2's immutable sandbox, where a template may read only leaflet
data, call no filter or global that could make a huge text, repeat nothing past a size, and
run no longer than its deadline."""

from __future__ import annotations

import contextvars
import datetime as dt
import re
import sys
import time
import types

import pydantic
from babel import Locale
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError, safe_range
from markupsafe import Markup

from medleaf.content.languages import Language
from medleaf.content.monograph import ReviewState
from medleaf.i18n.localize import LocalizedLeaflet

TEMPLATE_SECONDS = 5
"""How long one template render may take (a leaflet's takes about 10 ms)."""
DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("deadline",
                                                                        default=None)
_MAX_REPEAT = 100_000  # the longest text or list `*` may make in a template
MAX_NESTING = 16
"""How deep templates may include one another; none may include itself (that stops at once,
rather than run until Python's recursion limit)."""


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja2's sandbox, where a template may also read only leaflet data (texts, numbers,
    dates, lists, the leaflet's models; never a path, a project or a file object, whose
    methods reach the disk), use only filters and globals that cannot make a huge text, and
    never repeat one to a huge size."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def get_template(self, name, parent=None, globals=None):
        if parent is not None:
            rendering = _rendering()
            if name in rendering:
                raise SecurityError(f"{name} may not include itself (through "
                                    f"{' -> '.join(reversed(rendering))})")
            if len(rendering) >= MAX_NESTING:
                raise SecurityError(f"templates may include one another at most "
                                    f"{MAX_NESTING} deep")
        return super().get_template(name, parent, globals)

    def is_safe_attribute(self, obj, attr, value) -> bool:
        return super().is_safe_attribute(obj, attr, value) and _harmless(value)

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, int | float) and abs(right) > 64:
            raise SecurityError("an exponent over 64 is not allowed in a template")
        if operator == "*":
            sized = [v for v in (left, right) if isinstance(v, str | list | tuple)]
            counts = [v for v in (left, right) if isinstance(v, int)]
            if sized and counts and _size(sized[0]) * counts[0] > _MAX_REPEAT:
                raise SecurityError(f"a template may not repeat a text or list to more "
                                    f"than {_MAX_REPEAT:,} characters or items")
        if operator == "%" and isinstance(left, str) and \
                re.search(r"%(?:\([^)]*\))?[-#0 +]*(?:\*|\d{4})", left):
            raise SecurityError("a template may not format a value 1,000 characters wide")
        return super().call_binop(context, operator, left, right)


# Filters and globals whose output a template could make huge or unbounded in time.
UNBOUNDED_FILTERS = ("center", "format", "indent", "wordwrap", "truncate", "replace", "pprint",
                      "random", "attr", "filesizeformat", "batch", "slice", "tojson",
                      "join", "urlize", "xmlattr")
UNBOUNDED_GLOBALS = ("lipsum", "cycler", "joiner", "namespace")
_SAFE_VALUES = (str, int, float, bool, type(None), list, tuple, dict, dt.date, Markup,
                pydantic.BaseModel, LocalizedLeaflet, Language, Locale, ReviewState)


_DATA_METHODS = {
    str: {"lower", "upper", "title", "capitalize", "casefold", "strip", "lstrip", "rstrip",
          "startswith", "endswith", "split", "rsplit", "splitlines", "partition",
          "rpartition", "removeprefix", "removesuffix", "count", "find", "rfind", "index",
          "isdigit", "isalpha", "isalnum", "isspace", "islower", "isupper", "istitle"},
    list: {"index", "count"}, tuple: {"index", "count"},
    dict: {"get", "keys", "values", "items"},
}
"""The methods of plain data a template may call: none that pads, repeats or widens."""


def _harmless(value) -> bool:
    """Leaflet data, or a method of leaflet data (never a class's, never one that makes a
    text of any size: ljust, center, zfill, format, replace, join, to_bytes)."""
    if isinstance(value, _SAFE_VALUES):
        return True
    owner = getattr(value, "__self__", None)
    if not isinstance(value, types.MethodType | types.BuiltinMethodType) or \
            isinstance(owner, type) or not isinstance(owner, _SAFE_VALUES):
        return False
    for kind, allowed in _DATA_METHODS.items():
        if isinstance(owner, kind):
            return value.__name__ in allowed
    return not isinstance(owner, int | float | Markup)  # our own objects' methods


def sandboxed_range(*args):
    """range() with the sandbox's cap; a loop within a loop still cannot run for hours:
    each step checks the render's deadline."""
    steps = safe_range(*args)
    deadline = DEADLINE.get()
    for index, value in enumerate(steps):
        if index % 1000 == 0 and deadline and time.monotonic() > deadline:
            raise SecurityError(f"the template ran past {TEMPLATE_SECONDS} s")
        yield value


def _rendering() -> list[str]:
    """The templates rendering on this thread's stack, innermost first (each is a `root`
    frame of Jinja2's compiled code, whose module names its template)."""
    frame, names = sys._getframe(1), []
    while frame is not None:
        if frame.f_code.co_name == "root" and "environment" in frame.f_globals:
            names.append(frame.f_globals.get("name"))
        frame = frame.f_back
    return names


def _size(value) -> int:
    """Characters in a text, or in a list's items (a list of long texts is long)."""
    if isinstance(value, str):
        return len(value)
    return sum(_size(item) if isinstance(item, str | list | tuple) else 1 for item in value)



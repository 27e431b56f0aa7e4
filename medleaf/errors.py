"""Domain exceptions. Only the CLI turns them into messages and exit statuses."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in one input file, reported compiler-style."""

    file: str
    line: int | None
    field: str | None
    message: str
    check: str | None = None
    """The name of the check that found it, printed as [check-name]."""
    warning: bool = False
    """A warning: reported, but fails only a --strict check."""

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [f"[{self.check}]"] if self.check else []
        parts += [f"{self.field}:"] if self.field else []
        text = " ".join([*parts, self.message])
        return f"{where}: {text}" if where else text


class MedleafError(Exception):
    """Base of every error medleaf reports to a user (exit status 1)."""


class UsageError(MedleafError):
    """The user asked for something that does not exist (exit status 2)."""


class ContentError(MedleafError):
    """One or more problems in monographs, catalogs or brand files."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def __reduce__(self):  # whole across processes
        return (type(self), (self.problems,))


class AssetError(MedleafError):
    """A template or content asked WeasyPrint to load something outside the sandbox."""


class PreflightError(MedleafError):
    """The machine lacks a library or font that correct, fast output needs."""


def problems_of(error: MedleafError) -> list[Problem]:
    """An error as problems to report: its own list, or its message."""
    return getattr(error, "problems", None) or [Problem("", None, None, str(error))]

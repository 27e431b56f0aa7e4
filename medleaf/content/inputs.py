"""Read an input file as text, or say exactly why it cannot be: the one way medleaf opens
monographs, catalogs, brand, pack and glossary files, templates, stylesheets and logos.

Only regular files are read (a pipe would hang, /dev/zero would fill memory), never more
than a limit for their kind, and only as UTF-8: anything else names the file and the line
of the first byte that is not.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import os
import stat
from pathlib import Path

from medleaf.errors import ContentError, Problem

KB, MB = 1024, 1024 * 1024
LIMITS = {
    "monograph": 512 * KB,  # the shipped ones are about 20 KB
    "catalog": 2 * MB,  # about 40 KB
    "yaml": 256 * KB,  # brand, pack and glossary files
    "directions": 64 * KB,  # one patient's directions (JSON or YAML)
    "template": 1 * MB,
    "logo": 1 * MB,  # an SVG logo; the shipped one is 1 KB
    "manifest": 16 * MB,  # out/manifest.json: about 150 bytes an output
}


class _NotRegular(Exception):
    pass


def _open_regular(path: Path):
    """A regular file (symbolic links followed) opened for reading, with its stat: a pipe
    is opened without waiting for a writer, then refused like a folder or a device."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise _NotRegular
    return os.fdopen(fd, "rb"), info


def read_bytes(path: Path, shown: str, kind: str) -> bytes:
    """The file's bytes: a regular file (symbolic links followed) within its kind's limit;
    inside a snapshot, the bytes it had when the snapshot first read it."""
    kept = _SNAPSHOT.get()
    key = os.path.abspath(path)
    if kept is not None and key in kept:
        data = kept[key]
        if data is None:
            raise ContentError([Problem(shown, None, None, "cannot read: not a regular "
                                        "file (a folder, device or pipe)")])
        if len(data) > LIMITS[kind]:
            raise ContentError([_too_large(shown, len(data), LIMITS[kind])])
        return data
    data = _read(path, shown, LIMITS[kind])
    if kept is not None:
        kept[key] = data
    return data


def _read(path: Path, shown: str, limit: int) -> bytes:
    try:
        fileobj, info = _open_regular(path)
    except _NotRegular:
        raise ContentError([Problem(shown, None, None, "cannot read: not a regular file "
                                    "(a folder, device or pipe)")]) from None
    except OSError as exc:
        raise ContentError([Problem(shown, None, None, f"cannot read: {reason(exc)}")]) \
            from None
    with fileobj:
        if info.st_size > limit:
            raise ContentError([_too_large(shown, info.st_size, limit)])
        try:
            data = fileobj.read(limit + 1)
        except OSError as exc:
            raise ContentError([Problem(shown, None, None, f"cannot read: {reason(exc)}")]) \
                from None
    if len(data) > limit:  # it grew while being read
        raise ContentError([_too_large(shown, len(data), limit)])
    return data


def file_hash(path: Path) -> str:
    """The SHA-256 of a regular file's bytes; 'missing' for anything else (no file, a
    folder, a pipe that would never end). Inside a snapshot, of the bytes the snapshot
    reads (so a file's hash and its text always agree)."""
    kept = _SNAPSHOT.get()
    key = os.path.abspath(path)
    if kept is not None:
        if key not in kept:
            try:
                kept[key] = _read(path, key, max(LIMITS.values()))
            except ContentError:
                kept[key] = None
        data = kept[key]
        return "missing" if data is None else hashlib.sha256(data).hexdigest()
    try:
        fileobj, _ = _open_regular(path)
        with fileobj:
            return hashlib.file_digest(fileobj, "sha256").hexdigest()
    except (_NotRegular, OSError):
        return "missing"


def tree_hash(folders: list[Path], patterns=("*",)) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for pattern in patterns:
            for path in sorted(folder.rglob(pattern)) if folder.is_dir() else ():
                if path.is_file() and path.suffix not in (".mo", ".pyc"):
                    digest.update(f"{path.relative_to(folder)}\0{file_hash(path)}\0".encode())
    return digest.hexdigest()


@contextlib.contextmanager
def snapshot():
    """Within it, every input file is read once: each later read, and each hash, gets the
    same bytes, so what is checked is what prints, however the files change meanwhile. (A
    context variable: each thread has its own.)"""
    if _SNAPSHOT.get() is not None:  # already inside one: share it
        yield
        return
    token = _SNAPSHOT.set({})
    try:
        yield
    finally:
        _SNAPSHOT.reset(token)


_SNAPSHOT: contextvars.ContextVar[dict | None] = contextvars.ContextVar("snapshot",
                                                                       default=None)


def read_text(path: Path, shown: str, kind: str) -> str:
    return decode(read_bytes(path, shown, kind), shown)


def decode(data: bytes, shown: str) -> str:
    """UTF-8 text (a byte-order mark is dropped); anything else is an error with its line."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContentError([Problem(shown, 1, None, "is UTF-16 text: save it as UTF-8")])
    data = data.removeprefix(b"\xef\xbb\xbf")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ContentError([Problem(shown, _line(data, nul), None,
                                    "is not a text file (it holds NUL bytes)")])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError([Problem(
            shown, _line(data, exc.start), None, f"is not UTF-8 text (byte "
            f"0x{data[exc.start]:02x} cannot start a character): save it as UTF-8")]) from None


def _line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _too_large(shown: str, size: int, limit: int) -> Problem:
    return Problem(shown, None, None, f"is too large: {size:,} bytes, more than the "
                   f"{limit:,} a file of its kind may have")


def is_file(path: Path) -> bool:
    """Is there a file at the path (never an error: a name too long is no file)?"""
    try:
        return path.is_file()
    except OSError:
        return False


def real(path: Path) -> Path:
    """The path with every link followed, as far as it can be (a link loop never raises)."""
    return Path(os.path.realpath(path))


def reason(error: OSError) -> str:
    """An OSError as a person reads it: 'Permission denied', not '[Errno 13] ...'."""
    return error.strerror or str(error)

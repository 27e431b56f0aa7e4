"""Where output may go, and writing it atomically: a reader (or a crash) never sees a
half-written file, a source file is never overwritten, and a write that fails says why.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
from pathlib import Path

from medleaf.content.inputs import real, reason
from medleaf.content.writes import PREFIX, OutputError, write_atomic  # noqa: F401 - publish's too
from medleaf.errors import UsageError


def remove_leftovers(folder: Path) -> None:
    """Delete the temporary files an interrupted write (kill -9) left behind: those of
    processes that are gone, never another live build's."""
    for leftover in folder.glob(f"{PREFIX}*.tmp") if folder.is_dir() else ():
        pid = leftover.name[len(PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def check_output(path: Path, sources: list[Path], folder: bool) -> Path:
    """Refuse an output that would overwrite or add to a source, or that cannot be made:
    `path` (a folder if `folder`, else a file) must not be inside any of `sources`, an
    existing file must be a PDF, and its folders must be folders."""
    target = real(path)
    for source in sources:
        source = real(source)
        if target == source or target.is_relative_to(source):
            raise UsageError(f"refused to write into {path}: it is inside {source.name}/, a "
                             "folder of sources (choose an output folder such as out/)")
    if len(target.name.encode()) > 255:
        raise UsageError(f"{path}: the name is too long for the file system")
    if folder and os.path.exists(target) and not os.path.isdir(target):
        raise UsageError(f"{path} is a file, not a folder")
    if not folder and os.path.isdir(target):
        raise UsageError(f"{path} is a folder: give the PDF's file name")
    if not folder:
        refuse_non_pdf(target)
    for parent in target.parents:
        if os.path.exists(parent):
            if not os.path.isdir(parent):
                raise UsageError(f"cannot write {path}: {parent} is a file, not a folder")
            break
    return path


def refuse_non_pdf(path: Path) -> None:
    """Never overwrite a file that is not a PDF (it was not made by medleaf)."""
    try:
        info = os.stat(path)
    except OSError:
        return  # nothing there (or a name too long: writing it will say so)
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{path} is a folder, where a PDF would be written")
    try:
        with path.open("rb") as fileobj:
            start = fileobj.read(5)
    except OSError as exc:
        raise UsageError(f"cannot check {path}: {reason(exc)}") from None
    if start != b"%PDF-":
        raise UsageError(f"{path} exists and is not a PDF: medleaf does not overwrite it")


@contextlib.contextmanager
def exclusive(folder: Path, on_wait=None):
    """Hold the output folder for one writer at a time (two builds into one out/ take turns;
    the lock is on the folder itself, and goes with its process, however it ends)."""
    made = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as exc:
        raise OutputError(f"cannot write into {folder}: {reason(exc)}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)  # Ctrl-C still interrupts the wait
        yield
    finally:
        os.close(fd)
        if made and not any(folder.iterdir()):
            folder.rmdir()  # nothing was written: leave no trace

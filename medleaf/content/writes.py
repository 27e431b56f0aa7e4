"""Writing a file atomically, the one way medleaf writes anything (catalogs, caches and
outputs): a reader, or a crash, never sees a half-written file, and a failed write says why.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from medleaf.content.inputs import reason
from medleaf.errors import MedleafError

PREFIX = ".medleaf-"  # temporary files: .medleaf-PID-RANDOM.tmp (short: any name fits)


class OutputError(MedleafError):
    """A file could not be written (a full disk, a read-only folder, a name too long)."""


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then rename."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f"{PREFIX}{os.getpid()}-",
                                   suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {reason(exc)}") from None
    # (a process killed here leaves the .tmp file; remove_leftovers sweeps it next time)
    try:
        with os.fdopen(fd, "wb") as fileobj:
            fileobj.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {reason(exc)}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

"""What a counter server is started with, and whether it may start at all: bound to an
address other than loopback, it needs an access token (from MEDLEAF_TOKEN or a file,
never the command line, where `ps` would show it)."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path

from medleaf.errors import UsageError

MAX_BODY = 64 * 1024
"""Bytes a request body may have (a directions form is well under 2 KiB)."""
MIN_TOKEN = 16
"""Characters an access token needs at least."""


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
        (os.cpu_count() or 1)


@dataclass(frozen=True)
class ServeConfig:
    root: Path
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    token: str | None = None
    release: bool = False
    """Serve approved leaflets only."""
    brand_dir: Path | None = None
    max_body: int = MAX_BODY
    render_seconds: float = 30.0
    """A render taking longer is stopped (its worker replaced) and answered 504."""
    queue_seconds: float = 60.0
    """A request waiting longer for a free worker (all busy, or warming up) is 503."""
    renders_per_worker: int = 500
    """A worker is replaced by a fresh one after this many renders..."""
    worker_rss_mb: int = 1024
    """... or when its memory (resident set) grows above this."""
    job: str = "medleaf.serve.jobs:run"
    """The function a worker renders with (module:name; tests plant their own)."""

    @property
    def token_required(self) -> bool:
        return self.token is not None


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def read_token(token_file: Path | None, environ=os.environ) -> str | None:
    """The access token: the file's first line, else MEDLEAF_TOKEN; None when neither."""
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"{token_file}: cannot read the token file "
                             f"({getattr(exc, 'strerror', None) or exc})") from None
        if not token:
            raise UsageError(f"{token_file}: the token file is empty")
    else:
        token = (environ.get("MEDLEAF_TOKEN") or "").strip() or None
    if token is not None and len(token) < MIN_TOKEN:
        raise UsageError(f"the access token must have at least {MIN_TOKEN} characters")
    return token


def check_start(config: ServeConfig) -> None:
    """Refuse to listen beyond this machine without a token."""
    if not is_loopback(config.host) and config.token is None:
        raise UsageError(
            f"refusing to listen on {config.host}: beyond this machine every request needs "
            "an access token; set MEDLEAF_TOKEN or give --token-file FILE (or listen on "
            "127.0.0.1, the default)")
    if config.workers < 1:
        raise UsageError("--workers must be 1 or more")

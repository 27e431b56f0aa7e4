"""What the counter-server tests share: a real server on 127.0.0.1 (an ephemeral port) in a
process of its own, stopped however the test ends, and planted render jobs."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
STARTED = re.compile(r"Uvicorn running on http://127\.0\.0\.1:(\d+)")
DIRECTIONS = {"dose": 1, "form": "tablet", "strength": "10 mg", "times_a_day": 3,
              "food": "after", "days": 14}
POST_HEADERS = {"content-type": "application/json", "x-medleaf": "1"}

_SCRIPT = """
import sys, uvicorn
from pathlib import Path
from medleaf.serve.app import create_app
from medleaf.serve.config import ServeConfig
config = ServeConfig(Path(sys.argv[1]), port=0, **eval(sys.argv[2]))
uvicorn.run(create_app(config), host="127.0.0.1", port=0, log_level="info")
"""


@contextlib.contextmanager
def server(log: Path, root: Path = REPO, cli: list[str] | None = None, env: dict | None = None,
           **config):
    """A server's base URL: `medleaf serve --port 0 CLI...`, or (with `config`) the app
    made from ServeConfig(root, **config); its output goes to `log`."""
    command = [sys.executable, "-m", "medleaf", "--root", str(root), "serve", "--port", "0",
               *(cli or [])] if not config else [sys.executable, "-c", _SCRIPT, str(root),
                                                 repr(config)]
    environ = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(TESTS)]),
               **(env or {})}
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=environ,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while not (found := STARTED.search(log.read_text(errors="replace"))):
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"the server did not start:\n{log.read_text()}")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{found[1]}", process
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> int:
    """SIGTERM, then SIGKILL to the server's own process group if it lingers."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
    return process.returncode


def post(url: str, name: str = "baclofen", timeout: float = 60, **fields) -> httpx.Response:
    body = {"lang": "zh-HK", "directions": DIRECTIONS, **fields}
    return httpx.post(f"{url}/api/leaflets/{name}.pdf", json=body, headers=POST_HEADERS,
                      timeout=timeout)


def planted(state, job):
    """A render job that sleeps (patient SLOW) or raises (patient RAISE) on request."""
    from medleaf.serve.jobs import run

    patient = getattr(getattr(job, "directions", None), "patient", None) or ""
    if patient.startswith("SLOW"):
        time.sleep(60)
    if patient.startswith("RAISE"):
        raise RuntimeError(f"planted failure for {patient}")
    return run(state, job)

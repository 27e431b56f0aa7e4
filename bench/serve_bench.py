"""`make bench`'s load test of `medleaf serve`: a server on 127.0.0.1 (an ephemeral port) over
the bench's library, a fixed number of requests from 20 concurrent clients, stopped by
itself (every request and the whole run have time limits).

Measures cached leaflets (GET, from the render cache after their first render) and
personalised ones (POST, the personal page joined to a cached leaflet), with 1 and 2
render workers: latencies (p95), errors, throughput and its scaling.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

CLIENTS = 20
CACHED_REQUESTS = 400
PERSONAL_REQUESTS = 80
RUN_SECONDS = 300
STARTED = re.compile(r"Uvicorn running on http://127\.0\.0\.1:(\d+)")


@contextlib.contextmanager
def running(root: Path, workers: int):
    """The server's base URL; it is stopped (SIGTERM, then SIGKILL) however the run ends."""
    log = root / f"serve-{workers}.log"
    repo = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(repo)}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "medleaf", "--root", str(root), "serve", "--port", "0",
             "--workers", str(workers)], stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not (found := STARTED.search(log.read_text(errors="replace"))):
            if process.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"bench: medleaf serve did not start:\n{log.read_text()}")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{found[1]}"
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def directions(entry: dict) -> dict:
    """Once a day, one of the form its monograph lists, for a patient with a name."""
    section = entry["dispensing"]
    form = section["forms"][0]
    strength = next((s for s in section["strengths"] if ("/" in s) == (form == "ml")), None)
    fields = {"patient": "陳大文 𠮷", "dose": 1, "form": form, "times_a_day": 1,
              "route": section["route"], "strength": strength, "days": 14}
    return {k: v for k, v in fields.items() if v}


async def load(url: str, requests: list[tuple[str, str, dict | None]]):
    """Send the requests from CLIENTS concurrent clients, each on its own keep-alive
    connection (a plain HTTP/1.1 client: the server is measured, not a client library):
    (latencies, errors, seconds)."""
    host, port = url.removeprefix("http://").split(":")
    queue = asyncio.Queue()
    for request in requests:
        queue.put_nowait(request)
    latencies, errors = [], []

    async def client():
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            while not queue.empty():
                method, path, body = queue.get_nowait()
                started = time.perf_counter()
                try:
                    status, data = await asyncio.wait_for(
                        _exchange(reader, writer, url, method, path, body), 60)
                    ok = status == 200 and data.startswith(b"%PDF")
                except (OSError, asyncio.IncompleteReadError, TimeoutError) as exc:
                    ok, status = False, repr(exc)
                latencies.append(time.perf_counter() - started)
                if not ok:
                    errors.append(status)
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.wait_for(asyncio.gather(*(client() for _ in range(CLIENTS))), RUN_SECONDS)
    return latencies, errors, time.perf_counter() - started


async def _exchange(reader, writer, url: str, method: str, path: str, body: dict | None):
    data = json.dumps(body).encode() if body is not None else b""
    head = (f"{method} {path} HTTP/1.1\r\nHost: {url.removeprefix('http://')}\r\n"
            f"X-Medleaf: 1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(data)}\r\n\r\n")
    writer.write(head.encode() + data)
    await writer.drain()
    status = int((await reader.readline()).split()[1])
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return status, await reader.readexactly(length)


def serve_figures(root: Path, p95) -> tuple[dict, list]:
    import httpx

    figures, rows, throughput = {}, [], {}
    for workers in (1, 2):
        with running(root, workers) as url:
            listing = httpx.get(f"{url}/api/leaflets", timeout=60).json()["leaflets"][:9]
            names = [entry["id"] for entry in listing]
            for name in names:  # each leaflet's first render, into the render cache
                httpx.get(f"{url}/api/leaflets/{name}.pdf?lang=zh-HK", timeout=120)
            personal = [("POST", f"/api/leaflets/{e['id']}.pdf",
                         {"lang": "zh-HK", "directions": directions(e)}) for e in listing]
            asyncio.run(load(url, personal[:2 * workers]))  # the workers' first pages
            requests = [personal[i % len(personal)] for i in range(PERSONAL_REQUESTS)]
            latencies, errors, seconds = asyncio.run(load(url, requests))
            throughput[workers] = len(requests) / seconds
            figures["serve_errors"] = figures.get("serve_errors", 0) + len(errors)
            if workers == 2:
                cached = [("GET", f"/api/leaflets/{names[i % len(names)]}.pdf?lang=zh-HK",
                           None) for i in range(CACHED_REQUESTS)]
                hits, cached_errors, _ = asyncio.run(load(url, cached))
                figures["serve_errors"] += len(cached_errors)
                figures["serve_cached_p95_ms"] = 1000 * p95(hits)
                figures["serve_personalised_p95_ms"] = 1000 * p95(latencies)
    figures["serve_personalised_per_s"] = throughput[2]
    figures["serve_scaling_2_workers"] = throughput[2] / throughput[1]
    rows += [(f"serve: cached leaflet, {CLIENTS} clients, p95 (ms)",
              f"{figures['serve_cached_p95_ms']:.1f}"),
             (f"serve: personalised leaflet, {CLIENTS} clients, 2 workers, p95 (ms)",
              f"{figures['serve_personalised_p95_ms']:.0f}"),
             ("serve: personalised leaflets per second, 1 / 2 workers",
              f"{throughput[1]:.1f} / {throughput[2]:.1f}"),
             ("serve: scaling with 2 workers", f"{figures['serve_scaling_2_workers']:.2f}"),
             ("serve: errors", str(figures["serve_errors"]))]
    return figures, rows

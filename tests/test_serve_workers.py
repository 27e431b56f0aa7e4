"""The counter server as it runs: uvicorn on 127.0.0.1 (an ephemeral port) in a process of
its own, its render workers recycled, a slow or failing render answered while the server
keeps serving, and patient data kept out of its log, its cache and its temporary folder."""

from __future__ import annotations

import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest
from serve_support import DIRECTIONS, post, server, stop

SERVE = "serve_support:planted"


def health(url: str) -> dict:
    return httpx.get(f"{url}/healthz", timeout=10).json()


def test_a_slow_render_is_504_and_the_server_keeps_serving(tmp_path):
    with server(tmp_path / "log", workers=1, render_seconds=3, job=SERVE) as (url, _):
        results = {}
        slow = threading.Thread(target=lambda: results.setdefault("slow", post(
            url, directions={**DIRECTIONS, "patient": "SLOW"})))
        slow.start()
        # while the render runs, the event loop answers (it never waits on a render)
        assert httpx.get(f"{url}/healthz", timeout=10).status_code == 200
        assert httpx.get(f"{url}/api/leaflets", timeout=10).status_code == 200
        assert slow.is_alive()
        slow.join(30)
        answer = results["slow"]
        assert answer.status_code == 504
        assert answer.json()["errors"][0]["message"] == \
            "rendering took too long; please try again"
        after = post(url, personal_only=True)
        assert after.status_code == 200 and after.content.startswith(b"%PDF")
        assert health(url)["replaced"] == 1


def test_a_render_that_raises_is_500_and_the_server_keeps_serving(tmp_path):
    with server(tmp_path / "log", workers=1, job=SERVE) as (url, _):
        failed = post(url, directions={**DIRECTIONS, "patient": "RAISE 𠮷"})
        assert failed.status_code == 500
        assert failed.json() == {"errors": [{"field": None, "message":
                                             "the leaflet could not be rendered; please "
                                             "try again"}]}
        assert post(url, personal_only=True).status_code == 200
    log = (tmp_path / "log").read_text()
    assert "planted failure" not in log and "RAISE" not in log and "𠮷" not in log


def test_workers_are_recycled_after_their_renders(tmp_path):
    with server(tmp_path / "log", workers=1, renders_per_worker=2) as (url, _):
        for _ in range(5):
            assert post(url, personal_only=True).status_code == 200
        stats = health(url)
        assert stats["renders"] == 5 and stats["recycled"] == 2


def test_workers_are_recycled_above_their_memory_limit(tmp_path):
    with server(tmp_path / "log", workers=1, worker_rss_mb=64) as (url, _):
        for _ in range(2):
            assert post(url, personal_only=True).status_code == 200
        assert health(url)["recycled"] == 2  # a warm renderer holds far more than 64 MiB


def test_medleaf_serve_listens_on_loopback_and_stops_cleanly(tmp_path):
    with server(tmp_path / "log", cli=["--workers", "1"]) as (url, process):
        assert url.startswith("http://127.0.0.1:")
        assert health(url)["ready"] == 1
        assert stop(process) == 0
    assert "medleaf serve: stopped" in (tmp_path / "log").read_text()


@pytest.fixture
def private(tmp_path):
    """A server's own TMPDIR and cache folder, to search after it ran."""
    folders = {"TMPDIR": tmp_path / "tmp", "XDG_CACHE_HOME": tmp_path / "cache"}
    for folder in folders.values():
        folder.mkdir()
    return {name: str(folder) for name, folder in folders.items()}


def test_patient_data_is_never_logged_cached_or_written(tmp_path, private):
    name = "Chan 𠮷 Tai-man"
    log = tmp_path / "log"
    with server(log, cli=["--workers", "1"],
                env=private) as (url, _):
        patient = {**DIRECTIONS, "patient": name}
        for fields in ({}, {"personal_only": True}, {"lang": "en", "paper": "A5"}):
            response = post(url, directions=patient, **fields)
            assert response.status_code == 200
            assert response.headers["cache-control"] == "no-store"
        refused = post(url, directions={**patient, "dose": 50})  # above the maximum
        assert refused.status_code == 422 and name not in refused.text
        bad = post(url, directions={**patient, "form": f"tablets of {name}"})
        assert bad.status_code == 422
        cached = httpx.get(f"{url}/api/leaflets/baclofen.pdf?lang=zh-HK", timeout=60)
        assert cached.status_code == 200
    written = [p for folder in private.values() for p in Path(folder).rglob("*")
               if p.is_file()]
    assert any(p.suffix == ".pdf" for p in written)  # the leaflets, cached
    needles = [name.encode(), "𠮷".encode(), "𠮷".encode("utf-16-be"), b"Tai-man"]
    for path in [log, *written]:
        data = path.read_bytes()
        assert not [n for n in needles if n in data], path
        if path.suffix == ".pdf":  # its words, as a reader finds them: no personal page
            words = subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                   text=True, check=True).stdout
            assert "Tai-man" not in words and "Your directions" not in words
            assert "Baclofen" in words or "巴氯芬" in words
    assert "POST /api/leaflets/baclofen.pdf" in log.read_text()  # the access log ran


def test_a_request_that_finds_every_worker_busy_is_503(tmp_path):
    with server(tmp_path / "log", workers=1, render_seconds=8, queue_seconds=1,
                job=SERVE) as (url, _):
        slow = threading.Thread(target=lambda: post(
            url, directions={**DIRECTIONS, "patient": "SLOW"}))
        slow.start()
        for _ in range(100):  # until the slow render holds the worker
            if health(url)["ready"] == 0:
                break
            time.sleep(0.05)
        busy = post(url, personal_only=True)
        assert busy.status_code == 503
        assert busy.json()["errors"][0]["message"] == "every renderer is busy; please try again"
        slow.join(30)

"""A pool of warm render processes for the server: rendering is CPU-bound, so it never runs
on the event loop.

Each worker is a fresh (spawned) process that makes one Renderer, loads its fonts and
renders one leaflet before it says it is ready; then it renders job after job, one at a
time. A worker is replaced by a fresh one after a bounded number of renders or when its
memory grows above a limit; one whose render runs past the time limit is killed and
replaced (the request gets a 504), as is one that dies. A job that raises is an error
answer; the worker and the server go on. Patient data crosses the pipe in memory only.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import multiprocessing
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from medleaf.errors import MedleafError, UsageError, problems_of
from medleaf.serve.config import ServeConfig

log = logging.getLogger("medleaf.serve")
START_SECONDS = 120.0
"""How long a new worker may take to warm up."""


class RenderTimeout(Exception):
    """The render ran past the time limit (its worker was replaced)."""


class RenderFailed(Exception):
    """The render raised something other than a medleaf error, or its worker died."""


class Busy(Exception):
    """No worker became free within the time limit."""


def _worker(conn, root, brand_dir, job_path: str, parent: int) -> None:
    """(in the worker) Warm up, say so, then answer each job until the pipe closes."""
    from medleaf.publish.workers import _die_with
    from medleaf.serve import jobs

    _die_with(parent)
    logging.basicConfig(level=logging.CRITICAL)  # WeasyPrint's messages may quote the page
    try:
        state = jobs.warm(root, brand_dir)
        module, name = job_path.split(":")
        function = getattr(importlib.import_module(module), name)
    except Exception as exc:  # noqa: BLE001 (told to the server, which stops)
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            answer = ("ok", function(state, job))
        except UsageError as exc:
            answer = ("usage", problems_of(exc))
        except MedleafError as exc:
            answer = ("problems", problems_of(exc))
        except Exception as exc:  # noqa: BLE001 (its name only: the text may hold patient data)
            answer = ("failed", type(exc).__name__)
        conn.send(answer)


@dataclass(eq=False)
class Worker:
    process: multiprocessing.process.BaseProcess
    conn: object
    renders: int = 0


@dataclass
class Stats:
    renders: int = 0
    recycled: int = 0
    """Workers replaced after their renders or memory limit."""
    replaced: int = 0
    """Workers replaced because a render ran too long or the worker died."""
    failures: list[str] = field(default_factory=list)


class RenderPool:
    def __init__(self, config: ServeConfig):
        self.config = config
        self.size = config.workers
        self.stats = Stats()
        self._context = multiprocessing.get_context("spawn")  # the server has threads
        self._threads = ThreadPoolExecutor(self.size * 2 + 2, thread_name_prefix="render")
        self._idle: asyncio.Queue[Worker] = asyncio.Queue()
        self._all: set[Worker] = set()
        self._starting: set[asyncio.Task] = set()
        self._closed = False

    @property
    def ready(self) -> int:
        return self._idle.qsize()

    async def start(self) -> None:
        """Start every worker and wait until each is warm (a worker that cannot start is
        a RenderFailed naming why)."""
        workers = await asyncio.gather(*(self._spawn() for _ in range(self.size)))
        for worker in workers:
            self._idle.put_nowait(worker)

    async def _spawn(self) -> Worker:
        loop = asyncio.get_running_loop()
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=_worker, daemon=True, name="medleaf-render",
            args=(theirs, self.config.root, self.config.brand_dir, self.config.job,
                  os.getpid()))
        await loop.run_in_executor(self._threads, process.start)
        theirs.close()
        worker = Worker(process, ours)
        self._all.add(worker)
        try:
            kind, value = await loop.run_in_executor(self._threads, _receive, ours,
                                                     START_SECONDS)
        except (RenderTimeout, EOFError, OSError):
            kind, value = "failed", "it did not start"
        if kind != "ready":
            self._stop(worker)
            raise RenderFailed(f"a render worker could not start: {value}")
        return worker

    async def render(self, job):
        """The job's result from the next free worker; ContentError/UsageError for what
        the job's checks refuse, RenderTimeout, RenderFailed or Busy otherwise."""
        loop = asyncio.get_running_loop()
        limit = self.config.render_seconds
        try:
            worker = await asyncio.wait_for(self._idle.get(), self.config.queue_seconds)
        except TimeoutError:
            raise Busy from None
        try:
            worker.conn.send(job)
            kind, value = await loop.run_in_executor(self._threads, _receive, worker.conn,
                                                     limit)
        except RenderTimeout:
            self.stats.replaced += 1
            self._replace(worker)
            raise
        except (EOFError, OSError):
            self.stats.replaced += 1
            self._replace(worker)
            raise RenderFailed("the render worker stopped") from None
        except BaseException:  # cancelled mid-render: the worker's answer would be stale
            self._replace(worker)
            raise
        self.stats.renders += 1
        worker.renders += 1
        if worker.renders >= self.config.renders_per_worker or \
                _rss_mb(worker.process.pid) > self.config.worker_rss_mb:
            self.stats.recycled += 1
            self._replace(worker)
        else:
            self._idle.put_nowait(worker)
        if kind == "ok":
            return value
        if kind in ("problems", "usage"):
            from medleaf.errors import ContentError

            raise (UsageError(value[0].message) if kind == "usage" else ContentError(value))
        raise RenderFailed(value)

    def _replace(self, worker: Worker) -> None:
        """Stop the worker and start a fresh one in its place."""
        self._stop(worker)
        if self._closed:
            return
        task = asyncio.get_running_loop().create_task(self._respawn())
        self._starting.add(task)
        task.add_done_callback(self._starting.discard)

    async def _respawn(self) -> None:
        try:
            worker = await self._spawn()
        except RenderFailed as exc:
            self.stats.failures.append(str(exc))
            log.error("%s", exc)
            return
        if self._closed:
            self._stop(worker)
        else:
            self._idle.put_nowait(worker)

    def _stop(self, worker: Worker) -> None:
        self._all.discard(worker)
        with contextlib.suppress(OSError, ValueError):
            worker.conn.send(None)
        with contextlib.suppress(OSError, ValueError):
            worker.conn.close()
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(1)

    async def close(self) -> None:
        self._closed = True
        for task in list(self._starting):
            task.cancel()
        for worker in list(self._all):
            self._stop(worker)
        self._threads.shutdown(wait=False, cancel_futures=True)


def _receive(conn, seconds: float):
    if not conn.poll(seconds):
        raise RenderTimeout
    return conn.recv()


def _rss_mb(pid: int | None) -> float:
    """A process's resident memory in MiB (0 when it cannot be read)."""
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0

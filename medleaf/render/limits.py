"""Bounds on what one render may take: a timer for runaway templates and layouts."""

from __future__ import annotations

import signal
import threading
import time


class Alarm:
    """In the main thread (the CLI, a worker process), whatever still runs after `seconds`
    is stopped wherever it is (a TimeoutError with `message`), a loop over a long text
    included; a timer set before (the caller's own) is put back. In other threads there is
    no timer: render in processes where time must be bounded (as `build` and the counter's
    server do)."""

    def __init__(self, seconds: float, message: str):
        self.active = threading.current_thread() is threading.main_thread() and \
            hasattr(signal, "setitimer")
        self.message = message
        if self.active:
            self.started = time.monotonic()
            self.handler = signal.signal(signal.SIGALRM, self._stop)
            self.previous = signal.setitimer(signal.ITIMER_REAL, seconds)

    def _stop(self, signum, frame):
        raise TimeoutError(self.message)

    def cancel(self) -> None:
        if not self.active:
            return
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.handler)
        left = self.previous[0] - (time.monotonic() - self.started)
        if self.previous[0]:
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), self.previous[1])

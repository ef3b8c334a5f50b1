"""Run slow work off the GUI thread, and hand the plain result back to the GUI thread.

Workers are kept referenced until they finish (a QRunnable whose Python wrapper is collected
can lose its signal: TECH-NOTES).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # handed to the GUI thread, shown by app.ui.errors
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


_running: set[_Job] = set()


def run_in_background(fn: Callable[[], Any], on_done: Callable[[Any], None], on_error: Callable[[Exception], None]) -> _Job:
    job = _Job(fn)

    def finish(result: Any, callback: Callable[[Any], None]) -> None:
        _running.discard(job)
        callback(result)

    job.signals.done.connect(lambda r: finish(r, on_done))
    job.signals.failed.connect(lambda e: finish(e, on_error))
    _running.add(job)
    QThreadPool.globalInstance().start(job)
    return job


def wait_for_all(msecs: int = 10_000) -> bool:
    return QThreadPool.globalInstance().waitForDone(msecs)


class Latest:
    """Reads off the GUI thread where only the answer to the latest request matters (the
    review just chosen, the words just typed): earlier answers are dropped when they arrive."""

    def __init__(self) -> None:
        self.generation = 0

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None], on_error: Callable[[Exception], None]) -> None:
        self.generation += 1
        generation = self.generation

        def done(result: Any) -> None:
            if generation == self.generation:
                on_done(result)

        def failed(exc: Exception) -> None:
            if generation == self.generation:
                on_error(exc)

        run_in_background(fn, done, failed)

    def cancel(self) -> None:
        """Drop whatever is on its way."""
        self.generation += 1

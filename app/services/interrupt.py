"""Slow work that can be cancelled from another thread, and that says how far it has got.

Whoever starts the work makes an ``Interrupt`` and runs the work under it on a worker thread
(``interruptible``); ``cancel()`` from any thread makes the next SQL statement (the workspace's
engine calls ``before_statement``) or the next ``checkpoint()`` / ``report()`` raise
``Cancelled``, so the transaction rolls back and nothing changes. No Qt here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from app.errors import Cancelled


class Interrupt:
    """Made by whoever starts slow work, cancelled from any thread, honoured by the worker.

    ``report`` is called on the worker's thread with (what, done, total)."""

    def __init__(self, report: Callable[[str, int, int], None] | None = None) -> None:
        self._cancelled = threading.Event()
        self._report = report

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        """Raises Cancelled once cancel() was called."""
        if self._cancelled.is_set():
            raise Cancelled()

    def progress(self, what: str, done: int = 0, total: int = 0) -> None:
        self.check()
        if self._report is not None:
            self._report(what, done, total)


_local = threading.local()


@contextmanager
def interruptible(interrupt: Interrupt | None) -> Iterator[None]:
    """Run the body on this thread under ``interrupt`` (the operations layer wraps each job)."""
    previous = getattr(_local, "interrupt", None)
    _local.interrupt = interrupt
    try:
        yield
    finally:
        _local.interrupt = previous


def checkpoint() -> None:
    """Raises Cancelled if the work running on this thread was cancelled."""
    interrupt = getattr(_local, "interrupt", None)
    if interrupt is not None:
        interrupt.check()


def report(what: str, done: int = 0, total: int = 0) -> None:
    """Say how far the work on this thread has got (and stop here if it was cancelled)."""
    interrupt = getattr(_local, "interrupt", None)
    if interrupt is not None:
        interrupt.progress(what, done, total)


def before_statement(*_: Any) -> None:
    checkpoint()  # every SQL statement of a cancelled job raises, so its transaction rolls back

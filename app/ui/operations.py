"""The window's one path to the core: every call to the Workspace is an operation run on a
worker thread (Anki's ``aqt.operations``, in our words).

  QueryOp(parent, op, success).with_progress(label, cancellable=True).run_in_background()
      reads (or slow work that changes no records): ``success(result)`` on the GUI thread.
  CollectionOp(parent, op).success(cb).run_in_background(initiator=page)
      a change: ``op`` returns a ``Changes``, or a result with ``.changes``; after ``success``
      the main window broadcasts it (``operation_did_execute(changes, initiator)``) and each
      page redraws what it shows.

Changes run one at a time, in the order asked (a pool of one thread: a note's later edits
never overtake its creation); queries run beside them. Failures go to the one error sink
(app/ui/errors.py) unless ``failure(cb)`` takes them; a cancelled operation changed nothing
(its transaction rolled back) and just says so. Workers stay referenced until they finish
(a QRunnable whose wrapper is collected can lose its signal: TECH-NOTES). An answer whose
asking widget has been deleted meanwhile (a window closed, a dialog dismissed) is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from app.errors import AppError, Cancelled
from app.services.changes import Changes
from app.services.workspace import Interrupt, interruptible
from app.ui.errors import show_cancelled, show_exception

T = TypeVar("T")
SHOW_PROGRESS_AFTER_MS = 400  # quicker work never flashes a dialog


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(str, int, int)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], interrupt: Interrupt) -> None:
        super().__init__()
        self.fn = fn
        self.interrupt = interrupt
        self.signals = _Signals()
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            with interruptible(self.interrupt):
                result = self.fn()
        except BaseException as exc:  # handed to the GUI thread; the error sink decides
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


_running: set[_Job] = set()
_writer: list[QThreadPool] = []  # the one writer thread, made on first use


def _writes() -> QThreadPool:
    if not _writer:
        pool = QThreadPool()
        pool.setMaxThreadCount(1)
        pool.setExpiryTimeout(-1)
        _writer.append(pool)
    return _writer[0]


def _start(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    *,
    write: bool,
    interrupt: Interrupt | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> Interrupt:
    signals_holder: list[_Signals] = []
    interrupt = interrupt or Interrupt(
        lambda what, done, total: signals_holder[0].progress.emit(what, done, total)
    )
    job = _Job(fn, interrupt)
    signals_holder.append(job.signals)

    def finish(result: Any, callback: Callable[[Any], None]) -> None:
        _running.discard(job)
        callback(result)

    job.signals.done.connect(lambda r: finish(r, on_done))
    job.signals.failed.connect(lambda e: finish(e, on_error))
    if on_progress is not None:
        job.signals.progress.connect(on_progress)
    _running.add(job)
    (_writes() if write else QThreadPool.globalInstance()).start(job)
    return interrupt


def busy() -> bool:
    """True while any operation is on its way (tests wait for this to settle)."""
    return bool(_running)


def wait_for_all(msecs: int = 10_000) -> bool:
    """Wait for the worker threads (not for their answers to be delivered: see ``busy``)."""
    return (
        not _writer or _writer[0].waitForDone(msecs)
    ) and QThreadPool.globalInstance().waitForDone(msecs)


def changes_of(result: Any) -> Changes:
    """A change's ``Changes``: the result itself, or its ``.changes`` (Created, Outcome)."""
    return result if isinstance(result, Changes) else getattr(result, "changes", Changes())


class _Progress:
    """A window-modal progress dialog shown after a moment, with a cancel button if asked."""

    def __init__(
        self,
        parent: QWidget | None,
        label: str,
        cancellable: bool,
        interrupt_of: Callable[[], Interrupt | None],
    ) -> None:
        from PySide6.QtCore import Qt  # not at import: building Qt's enums costs the first paint
        from PySide6.QtWidgets import QProgressDialog

        self.dialog = QProgressDialog(
            label, parent.tr("Cancel") if parent else "Cancel", 0, 0, parent
        )
        self.dialog.setWindowTitle("Peerwalk")
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        if not cancellable:
            self.dialog.setCancelButton(None)
        self.label = label
        self._interrupt_of = interrupt_of
        self.dialog.canceled.connect(self._on_dialog_canceled)

    def _on_dialog_canceled(self) -> None:
        interrupt = self._interrupt_of()
        if interrupt is not None:
            interrupt.cancel()
        self.dialog.show()  # stays up until the work has stopped and rolled back
        self.dialog.setLabelText(self.dialog.tr("Cancelling…"))

    def update(self, what: str, done: int, total: int) -> None:
        if total:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))
        if what:
            self.dialog.setLabelText(f"{self.label}\n{what}" if what != self.label else what)

    def close(self) -> None:
        """The work is over: hide the dialog without cancelling (closing it would say
        "canceled", mark finished work cancelled and show "Cancelling…" again)."""
        if shiboken6.isValid(self.dialog):  # gone already if its window was deleted
            self.dialog.canceled.disconnect(self._on_dialog_canceled)
            self.dialog.hide()
            self.dialog.deleteLater()


class _Op(Generic[T]):
    _write = False

    def __init__(self, parent: QWidget | None, op: Callable[[], T]) -> None:
        self._parent = parent
        self._op = op
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._cancelled: Callable[[], None] | None = None
        self._progress: tuple[str, bool] | None = None
        self._latest: Latest | None = None
        self.interrupt: Interrupt | None = None
        self.progress: _Progress | None = None

    def failure(self, cb: Callable[[BaseException], None]) -> _Op[T]:
        """Take failures instead of the error sink (AppErrors and bugs alike)."""
        self._failure = cb
        return self

    def on_cancelled(self, cb: Callable[[], None]) -> _Op[T]:
        self._cancelled = cb
        return self

    def with_progress(self, label: str, cancellable: bool = False) -> _Op[T]:
        """Show ``label`` in a progress dialog (after a moment), with a cancel button when
        ``cancellable``: a cancel rolls the operation back and changes nothing."""
        self._progress = (label, cancellable)
        return self

    def superseding(self, latest: Latest) -> _Op[T]:
        """Only the newest operation run through ``latest`` is answered (the review just
        chosen, the words just typed); earlier answers are dropped when they arrive."""
        self._latest = latest
        return self

    def _run(self, on_done: Callable[[T], None]) -> Interrupt:
        generation = self._latest.next() if self._latest else 0

        def current() -> bool:
            return self._latest is None or self._latest.generation == generation

        def alive() -> bool:
            """The asking widget still exists (a page or dialog closed while its work ran is
            not answered: its widgets are gone)."""
            return self._parent is None or shiboken6.isValid(self._parent)

        def done(result: T) -> None:
            self._close_progress()
            if current() and (alive() or self._write):  # a change is still broadcast
                on_done(result)

        def failed(exc: BaseException) -> None:
            self._close_progress()
            if not current():
                return
            cancelled = (
                isinstance(exc, Cancelled)
                and self.interrupt is not None
                and self.interrupt.cancelled
            )
            if not alive():  # its window has closed: a failed change or a bug is still said
                if not cancelled and (self._write or not isinstance(exc, AppError)):
                    show_exception(None, exc)
            elif cancelled:
                (self._cancelled or (lambda: show_cancelled(self._parent)))()
            elif self._failure is not None:
                self._failure(exc)
            else:
                show_exception(self._parent, exc)

        if self._progress:
            self.progress = _Progress(
                self._parent, *self._progress, interrupt_of=lambda: self.interrupt
            )
        self.interrupt = _start(
            self._op,
            done,
            failed,
            write=self._write,
            on_progress=self.progress.update if self.progress else None,
        )
        return self.interrupt

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress = None


class QueryOp(_Op[T]):
    """Read, or do slow work that changes no records (verify a file, lay out a report)."""

    def __init__(
        self, parent: QWidget | None, op: Callable[[], T], success: Callable[[T], None]
    ) -> None:
        super().__init__(parent, op)
        self._success = success

    def run_in_background(self) -> QueryOp[T]:
        assert self._success is not None
        self._run(self._success)
        return self


class CollectionOp(_Op[T]):
    """Change data; what changed is broadcast by the main window after ``success``."""

    _write = True

    def success(self, cb: Callable[[T], None]) -> CollectionOp[T]:
        self._success = cb
        return self

    def run_in_background(self, initiator: object | None = None) -> CollectionOp[T]:
        hub = broadcaster(self._parent)  # found now: the asking dialog may close before the end

        def done(result: T) -> None:
            try:
                if self._success is not None and (
                    self._parent is None or shiboken6.isValid(self._parent)
                ):
                    self._success(result)
            finally:
                changes = changes_of(result)
                if changes and hub is not None and shiboken6.isValid(hub):
                    hub.operation_did_execute.emit(changes, initiator)

        self._run(done)
        return self


def broadcaster(widget: QObject | None) -> Any:
    """The main window that owns ``widget`` (the first ancestor with the broadcast signal)."""
    while widget is not None:
        if hasattr(widget, "operation_did_execute"):
            return widget
        widget = widget.parent()
    return None


class Latest:
    """Counts requests where only the newest answer matters."""

    def __init__(self) -> None:
        self.generation = 0

    def next(self) -> int:
        self.generation += 1
        return self.generation

    def cancel(self) -> None:
        """Drop whatever is on its way."""
        self.generation += 1

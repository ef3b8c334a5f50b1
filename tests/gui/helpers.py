"""Small steps the GUI tests share: every call to the core runs off the GUI thread, so wait
for it (``settle``) before looking at the database or the screen."""

from __future__ import annotations

from typing import Any

from app.ui import operations


def pump(ms: int) -> None:
    """Run the event loop for ``ms`` (unlike QTest.qWait, which keeps Python's lock while it
    sleeps and so slows the window's worker threads twentyfold)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def settle(qtbot: Any, timeout: int = 10_000) -> None:
    """Wait until every operation asked for so far has finished and been answered."""
    import time

    deadline = time.monotonic() + timeout / 1000
    while operations.busy():
        if time.monotonic() > deadline:
            raise TimeoutError(f"operations still running after {timeout} ms")
        pump(10)


def open_review(window: Any, qtbot: Any, review_id: str) -> Any:
    """Open a review on Review day (as Home and Search do) and wait until it is on screen."""
    capture = window.capture
    with qtbot.waitSignal(
        capture.loaded, timeout=10_000, check_params_cb=lambda rid: rid == review_id
    ):
        window.open_review(review_id)
    settle(qtbot)
    return capture


def open_write_up(window: Any, qtbot: Any, review_id: str) -> Any:
    """Go to Write-up on a review and wait until its evidence and statements are shown."""
    page = window.writeup
    with qtbot.waitSignal(
        page.loaded, timeout=10_000, check_params_cb=lambda rid: rid == review_id
    ):
        window.nav.setCurrentRow(3)
        page.reload_reviews(review_id)
    settle(qtbot)
    return page


ANSWERED = "answeredByTheTest"  # a dynamic property on each modal dialog a test answered


def modal_dialog() -> Any:
    """The modal dialog a test may answer, or None. A progress dialog is never one: it belongs
    to the operation it shows (and appears only when work is slow, as on a loaded machine), and
    a helper that closed it cancelled the work the test was waiting for."""
    from PySide6.QtWidgets import QApplication, QProgressDialog

    dialog = QApplication.activeModalWidget()
    return None if isinstance(dialog, QProgressDialog) else dialog


_pollers: list[Any] = []  # every poll() of the running test, stopped when it ends


def poll(step: Any, every: int = 20) -> Any:
    """Call ``step`` every ``every`` ms until it returns True. Stopped when the test ends (the
    gui conftest calls ``stop_polling``): a helper whose dialog never came used to poll on into
    the next test on the same worker and answer that test's message box before it could."""
    from PySide6.QtCore import QTimer

    timer = QTimer(interval=every)

    def tick() -> None:
        if step():
            timer.stop()

    timer.timeout.connect(tick)
    timer.start()
    _pollers.append(timer)
    return timer


def answer_next(kind: type[Any], act: Any, every: int = 20) -> Any:
    """When the next modal dialog of ``kind`` opens (never a progress dialog, never one a test
    answered already), mark it answered and hand it to ``act``; once."""

    def step() -> bool:
        dialog: Any = modal_dialog()
        if not isinstance(dialog, kind) or dialog.property(ANSWERED):
            return False
        dialog.setProperty(ANSWERED, True)
        act(dialog)
        return True

    return poll(step, every)


def keep_until_test_ends(timer: Any) -> Any:
    """A test's own polling QTimer, stopped with the others when the test ends."""
    _pollers.append(timer)
    return timer


def stop_polling() -> None:
    import shiboken6

    for timer in _pollers:
        if shiboken6.isValid(timer):
            timer.stop()
    _pollers.clear()

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

"""The child process of the kill test: the real program (``python -m app --data-dir D gui``,
through ``app.__main__.main``: run_gui, the quick first paint, the database layer loading on a
worker) with a typist at the keyboard of its real widgets.

    python -m tests.gui.typist DATA_DIR REVIEW_ID

Prints ``READY`` once typing starts, ``TYPED i t text-so-far`` after each burst of keys and
``DONE i t`` after each Enter, so the parent knows what was typed when it kills the process.
No hook in the application: the typist is scheduled on the event loop before the program runs.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.gui.helpers import modal_dialog

NOTE = "Corridor note {i}: pupils explained their design thinking to each other"


def wait(ms: int) -> None:
    """Let time pass as a person does, with the event loop running. (QTest.qWait keeps Python's
    lock while it sleeps, which starves the window's worker threads: not what a typist does.)"""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main_window():  # type: ignore[no-untyped-def]
    from app.ui.main_window import MainWindow

    return next(
        (w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()),
        None,
    )


def decline_welcome() -> None:
    """The demo laptop has no school or signature yet, so the welcome opens: not now."""
    from app.ui.welcome import WelcomeDialog

    dialog = modal_dialog()
    if isinstance(dialog, WelcomeDialog):
        dialog.reject()


def type_notes(review_id: str) -> None:
    window = main_window()
    if window is None:  # not shown yet: look again in a moment
        QTimer.singleShot(20, lambda: type_notes(review_id))
        return
    window.activateWindow()
    window.open_review(review_id)
    entry = window.capture.entry
    while not (
        window.capture.review and window.capture.review.id == review_id and entry.isEnabled()
    ):
        wait(20)  # the review opens off the GUI thread
    print("READY", flush=True)
    for i in range(1000):
        text = NOTE.format(i=i)
        for start in range(0, len(text), 6):
            QTest.keyClicks(entry, text[start : start + 6])
            wait(150)
            print(f"TYPED {i} {time.time():.3f} {text[: start + 6]}", flush=True)
        QTest.keyClick(entry, Qt.Key.Key_Return)
        print(f"DONE {i} {time.time():.3f}", flush=True)


if __name__ == "__main__":
    data_dir, review = sys.argv[1], sys.argv[2]
    QApplication(sys.argv[:1])  # run_gui uses this instance
    QTimer.singleShot(0, lambda: type_notes(review))
    declining = QTimer(interval=100, timeout=decline_welcome)
    declining.start()
    from app.__main__ import main

    sys.exit(main(["--data-dir", data_dir, "gui"]))

"""File › Mark the report shared…: the last step of a review, in the window (its status stopped
at countersigned; only `reviews status REVIEW shared` recorded it). Before the host's
countersignature is recorded it is refused with one sentence and nothing changes; after it,
the chosen review becomes shared."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from app.services.demo import demo_id
from app.ui.dialogs import ChooseReviewDialog
from tests.gui.helpers import keep_until_test_ends, modal_dialog, open_write_up, settle

TECH = demo_id("review", "tech")  # Colne Valley, written up


def _menu(window: Any, words: str) -> Any:
    for top in window.menuBar().actions():
        for action in top.menu().actions() if top.menu() else ():
            if action.text().replace("&", "") == words:
                return action
    raise AssertionError(f"no menu item {words!r}")


def _answer(said: list[str]) -> QTimer:
    """Choose the Technology review, say Yes to the question, note and close any message."""
    timer = keep_until_test_ends(QTimer(interval=20))

    def look() -> None:
        d = modal_dialog()
        if d is None or d.property("answered"):
            return
        d.setProperty("answered", True)
        if isinstance(d, ChooseReviewDialog):
            rows = [d.reviews.item(i) for i in range(d.reviews.count())]
            d.reviews.setCurrentItem(
                next(r for r in rows if r.data(Qt.ItemDataRole.UserRole) == TECH)
            )
            d.accept()
        elif isinstance(d, QMessageBox):
            said.append(d.text())
            yes = d.button(QMessageBox.StandardButton.Yes)
            yes.click() if yes else d.accept()

    timer.timeout.connect(look)
    timer.start()
    return timer


def _status(workspace: Any) -> str:
    return str(next(r.status for r in workspace.list_reviews() if r.id == TECH))


def _mark(qtbot: Any, window: Any, said: list[str], count: int) -> None:
    timer = _answer(said)
    try:
        _menu(window, "Mark the report shared…").trigger()
        qtbot.waitUntil(lambda: len(said) >= count, timeout=10_000)
        settle(qtbot)
    finally:
        timer.stop()


def test_mark_the_report_shared_after_the_countersignature(
    qtbot: Any, window: Any, workspace: Any
) -> None:
    page = open_write_up(window, qtbot, TECH)
    said: list[str] = []
    _mark(qtbot, window, said, 2)  # the question, then the refusal
    assert "Have you given the countersigned report of Colne Valley" in said[0]
    assert said[1].startswith("The review cannot be shared yet")
    assert "\n" not in said[1] and "Traceback" not in said[1]
    assert _status(workspace) == "written-up"  # nothing changed

    from app.services.status import record_event

    workspace._write(  # the writer's signature and the host's countersignature, recorded
        lambda s: (record_event(s, TECH, "signed"), record_event(s, TECH, "countersigned"))
    )
    assert _status(workspace) == "countersigned"
    said.clear()
    _mark(qtbot, window, said, 1)
    qtbot.waitUntil(lambda: _status(workspace) == "shared", timeout=10_000)
    assert "marked shared" in window.statusBar().currentMessage()
    settle(qtbot)
    assert page.status_line.text().startswith("Status: Shared")  # the page follows at once

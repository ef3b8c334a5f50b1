"""Review day's chooser follows this page's own first note: a planned visit moves to "in
progress" and the chooser says so at once (it was read only when the review was opened, so it
said "(planned)" beside the notes being taken)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.services.demo import demo_id
from tests.gui.helpers import open_review, settle

MEDLOCK = demo_id("review", "mcr-plan")  # planned: an agenda, no note yet


def test_first_note_shows_in_progress(qtbot: Any, window: Any, workspace: Any) -> None:
    cap = open_review(window, qtbot, MEDLOCK)
    assert cap.review_box.currentText().endswith("(planned)")
    cap.entry.setFocus()
    qtbot.keyClicks(cap.entry, "Reading corner busy before the bell")
    qtbot.keyClick(cap.entry, Qt.Key.Key_Return)
    settle(qtbot)
    qtbot.waitUntil(lambda: "(in progress)" in cap.review_box.currentText(), timeout=5000)
    assert cap.review_box.currentData() == MEDLOCK
    assert [n.text for n in workspace.review_detail(MEDLOCK).notes][-1].endswith(
        "Reading corner busy before the bell"
    )

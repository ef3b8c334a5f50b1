"""Write-up's status follows this page's own first statement: the review moves from "in
progress" to "written up", and the status line and the review chooser say so at once (they
were read only when a review was opened, so they said "In progress" beside the statements)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.services.demo import demo_id
from tests.gui.helpers import open_write_up, settle

RODNEY = demo_id("review", "mcr-rodney")  # in progress: notes, no statement yet


def test_first_statement_shows_written_up(qtbot: Any, window: Any) -> None:
    page = open_write_up(window, qtbot, RODNEY)
    assert "In progress" in page.status_line.text()
    qtbot.mouseClick(page.add_www, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.editor, "Visual timetables were used in every class we saw")
    page.save_statement()
    settle(qtbot)
    qtbot.waitUntil(lambda: "Written up" in page.status_line.text(), timeout=3000)
    settle(qtbot)
    assert "written up" in page.review_box.currentText()
    assert page.review_box.currentData() == RODNEY
    assert page.editor.toPlainText() == "Visual timetables were used in every class we saw"


def test_the_preview_says_when_an_area_has_no_statement_yet(qtbot: Any, window: Any) -> None:
    page = open_write_up(window, qtbot, RODNEY)
    text = page.preview.toPlainText()
    assert "No statements yet." in text
    qtbot.mouseClick(page.add_www, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.editor, "Visual timetables were used in every class we saw")
    page.save_statement()
    settle(qtbot)
    qtbot.waitUntil(lambda: "Visual timetables" in page.preview.toPlainText(), timeout=3000)
    areas = len(page.review.focus_areas)
    assert page.preview.toPlainText().count("No statements yet.") == areas - 1

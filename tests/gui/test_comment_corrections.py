"""Correcting the factual-accuracy round in the real window (Write-up's Comments tab): on the
host school's laptop a comment is reworded in place (F2 / Reword, then Save rewording) and
withdrawn (Delete / Withdraw), and Edit > Undo takes back each (the old words, the comment back,
then the comment added); on the visiting team's laptop a comment marked answered is re-opened,
and Undo marks it answered again. What a laptop may not do is disabled, its tooltip saying who
may. The demo Technology review: Colne Valley High School (137451) hosts, Blackwater Academy
(137450) is the writer's school."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.services.comments import add_comment
from app.services.demo import demo_id
from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from tests.gui.conftest import TODAY
from tests.gui.helpers import open_write_up, pump, settle

TECH = demo_id("review", "tech")
HOST, TEAM = "137451", "137450"
TEACHING = "Quality of teaching, learning and assessment"


def _laptop(qtbot: Any, ws: Workspace, school: str, person: str) -> MainWindow:
    ws.set_site(school, "", demo_id("person", person))
    w = MainWindow(ws, today=TODAY)
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    qtbot.waitExposed(w)
    settle(qtbot)
    return w


def _panel(w: MainWindow, qtbot: Any) -> tuple[Any, Any, str]:
    """Write-up on the Technology review, its first Teaching statement chosen, Comments shown."""
    page = open_write_up(w, qtbot, TECH)
    index = next(i for i in range(page.focus.count()) if TEACHING in page.focus.itemText(i))
    page.focus.setCurrentIndex(index)
    pump(20)
    settle(qtbot)
    statement = page.findings()[0].id
    row = next(
        i
        for i in range(page.statements.count())
        if page.statements.item(i).data(Qt.ItemDataRole.UserRole) == statement
    )
    page.statements.setCurrentRow(row)
    pump(20)
    settle(qtbot)
    page.side.tabs.setCurrentWidget(page.side.comments)
    return page, page.side.comments, statement


def _undo(w: MainWindow, qtbot: Any, label: str) -> None:
    """Edit > Undo, as Ctrl+Z outside a text field triggers it, naming what it undoes."""
    assert w.undo_action.isEnabled()
    assert w.undo_action.text() == f"&Undo {label}"
    w.undo_action.trigger()
    settle(qtbot)


def _words(ws: Workspace, starting: str = "") -> list[tuple[str, bool]]:
    return [(c.text, c.answered) for c in ws.comments(TECH) if c.text.startswith(starting)]


@pytest.fixture
def host(qtbot: Any, workspace: Workspace) -> Iterator[tuple[Workspace, MainWindow]]:
    w = _laptop(qtbot, workspace, HOST, "claire")
    yield workspace, w
    settle(qtbot)


def test_the_host_rewords_and_withdraws_a_comment_and_undoes_each(
    qtbot: Any, host: tuple[Workspace, MainWindow]
) -> None:
    ws, w = host
    _, panel, _ = _panel(w, qtbot)
    qtbot.keyClicks(panel.box, "Readng lead since Sept.")
    qtbot.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert _words(ws) == [("Readng lead since Sept.", False)]
    qtbot.waitUntil(lambda: panel.list.count() == 1 and panel.chosen() is not None)
    # The team's buttons are disabled here, saying who may.
    assert not panel.answer.isEnabled()
    assert "Only the visiting team's laptops" in panel.answer.toolTip()

    # F2 in the list puts the comment's words in the box, to change.
    panel.list.setFocus()
    assert panel.reword.isEnabled() and panel.withdraw.isEnabled()
    qtbot.keyClick(panel.list, Qt.Key.Key_F2)
    assert panel.box.toPlainText() == "Readng lead since Sept."
    assert panel.add.text() == "Save rewording" and panel.cancel.isVisible()
    assert not panel.withdraw.isEnabled()  # not while its words are being changed
    panel.box.selectAll()
    qtbot.keyClicks(panel.box, "Reading lead since September.")
    qtbot.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert _words(ws) == [("Reading lead since September.", False)]
    assert panel.add.text() == "Add comment" and panel.box.toPlainText() == ""
    qtbot.waitUntil(lambda: "Reading lead since September." in panel.list.item(0).text())

    _undo(w, qtbot, "reword comment")
    assert _words(ws) == [("Readng lead since Sept.", False)]
    qtbot.waitUntil(lambda: panel.list.item(0).text().endswith("\nReadng lead since Sept."))

    # Delete in the list withdraws the chosen comment; Undo brings it back.
    qtbot.waitUntil(lambda: panel.chosen() is not None)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    settle(qtbot)
    assert _words(ws) == []
    qtbot.waitUntil(lambda: panel.list.item(0).text() == "No comments on this statement.")
    _undo(w, qtbot, "withdraw comment")
    assert _words(ws) == [("Readng lead since Sept.", False)]
    qtbot.waitUntil(lambda: panel.chosen() is not None)

    # Withdraw by its button, too; and the comment first added is withdrawn by Undo.
    qtbot.mouseClick(panel.withdraw, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert _words(ws) == []
    _undo(w, qtbot, "withdraw comment")
    assert _words(ws) == [("Readng lead since Sept.", False)]
    _undo(w, qtbot, "add comment")
    assert _words(ws) == []
    assert not w.undo_action.isEnabled()


def test_the_team_reopens_a_comment_and_undo_marks_it_answered_again(
    qtbot: Any, workspace: Workspace
) -> None:
    statement = workspace.review_detail(TECH).findings[0].id
    with workspace.db.transaction() as s:  # the host's comments, as a package brings them
        add_comment(s, statement, "We have had a reading lead since September.")
        later = add_comment(s, statement, "Year 9 set 2 was a cover lesson.").id
    workspace.answer_comment(later)  # answered, then reworded by the host
    workspace.edit_comment(later, "Year 9 set 2 was a cover lesson that day.")
    w = _laptop(qtbot, workspace, TEAM, "rob")
    _, panel, _ = _panel(w, qtbot)
    qtbot.waitUntil(lambda: panel.chosen() is not None)
    assert panel.list.item(1).text().startswith("✓ Answered, then reworded by the host · ")
    assert panel.chosen().id != later  # the comment waiting for an answer is chosen
    # The host's buttons are disabled here, saying who may.
    assert not panel.reword.isEnabled() and not panel.withdraw.isEnabled()
    assert "Only the host school's laptops" in panel.reword.toolTip()
    assert "Only the host school's laptops" in panel.withdraw.toolTip()
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)  # nothing: not this laptop's to withdraw
    settle(qtbot)
    assert _words(workspace, "We ") == [("We have had a reading lead since September.", False)]

    assert panel.answer.isVisible() and not panel.reopen.isVisible()
    qtbot.mouseClick(panel.answer, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert _words(workspace, "We ") == [("We have had a reading lead since September.", True)]
    qtbot.waitUntil(lambda: panel.reopen.isVisible() and panel.reopen.isEnabled())
    assert not panel.answer.isVisible()
    qtbot.mouseClick(panel.reopen, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert _words(workspace, "We ") == [("We have had a reading lead since September.", False)]
    qtbot.waitUntil(lambda: panel.answer.isVisible() and panel.answer.isEnabled())
    assert panel.list.item(0).text().startswith("● Not answered yet")

    _undo(w, qtbot, "re-open comment")
    assert _words(workspace, "We ") == [("We have had a reading lead since September.", True)]
    qtbot.waitUntil(lambda: panel.list.item(0).text().startswith("✓ Answered"))
    _undo(w, qtbot, "mark comment answered")
    assert _words(workspace, "We ") == [("We have had a reading lead since September.", False)]
    settle(qtbot)

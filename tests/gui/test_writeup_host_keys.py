"""Write-up's statements and next steps on the host school's laptop, by key and by right-click:
they are the visiting team's to change (app.services.entitled.require_team), so Delete does not
try (the statement and the next step stay, no warning box pops up after a refused attempt) and
says the services' sentence in the status bar instead; a right-click shows the menu with every
item greyed, the sentence as its tooltip and status tip and in the status bar. Once the laptop
is the writer's, the same right-click gives the items enabled, and Delete deletes.

The demo Technology review: Colne Valley High School (137451) hosts, Rob Ellis of Blackwater
Academy (137450) writes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QPainter
from PySide6.QtWidgets import QApplication, QListWidget, QMenu, QMessageBox

from app.services.demo import demo_id
from tests.gui.helpers import keep_until_test_ends, open_write_up, settle
from tests.gui.test_first_run import Butler

TECH = demo_id("review", "tech")
SHOTS = os.environ.get("PEERWALK_SHOTS")  # a folder to save a 1280x720 screenshot in
Item = tuple[str, bool, str, str]  # an entry of a menu: text, enabled, tooltip, status tip
# A popup menu on the offscreen platform the suite runs on: it cannot raise or grab the keyboard.
OFFSCREEN_POPUP = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


def _right_click(
    qtbot: Any, lst: QListWidget, row: int, shot: Path | None = None, choose: str = ""
) -> list[Item]:
    """Right-click the row; note the menu that pops up, choose the item ``choose`` if given
    (as a click on it would), then close it."""
    seen: list[Item] = []

    def look() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            return
        timer.stop()
        seen.extend(
            (a.text(), a.isEnabled(), a.toolTip(), a.statusTip())
            for a in menu.actions()
            if not a.isSeparator()
        )
        if shot is not None:  # the window with the menu drawn where it popped up
            picture = lst.window().grab()
            painter = QPainter(picture)
            painter.drawPixmap(lst.window().mapFromGlobal(menu.pos()), menu.grab())
            painter.end()
            picture.save(str(shot))
        for action in menu.actions():
            if choose and action.text() == choose and action.isEnabled():
                action.trigger()
        menu.close()

    timer = keep_until_test_ends(QTimer(interval=20))
    timer.timeout.connect(look)
    timer.start()
    try:
        item = lst.item(row)
        lst.scrollToItem(item)
        at = lst.visualItemRect(item).center()
        # What a right mouse button becomes on its way to the list (QTest's clicks do not).
        QApplication.sendEvent(
            lst.viewport(),
            QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, lst.viewport().mapToGlobal(at)),
        )
        qtbot.waitUntil(lambda: bool(seen), timeout=5_000)
    finally:
        timer.stop()
    settle(qtbot)
    return seen


def _host_write_up(window: Any, workspace: Any, qtbot: Any) -> tuple[Any, str]:
    workspace.set_site("137451", "", demo_id("person", "claire"))
    window.resize(1280, 720)
    page = open_write_up(window, qtbot, TECH)
    qtbot.waitUntil(lambda: page.side.rights is not None, timeout=10_000)
    reason = page.side.rights.statements
    assert reason and "visiting team's laptops" in reason
    return page, reason


def _stored(workspace: Any) -> tuple[set[str], set[str]]:
    """The review's statements and next steps as the services hold them."""
    review = workspace.review_detail(TECH)
    return {f.id for f in review.findings}, {a.id for a in review.actions}


def test_delete_on_the_host_laptop_says_why_and_deletes_nothing(
    window: Any, workspace: Any, qtbot: Any
) -> None:
    page, reason = _host_write_up(window, workspace, qtbot)
    before = _stored(workspace)
    assert before[0] and before[1]
    butler = Butler({QMessageBox: lambda box: box.accept()})  # a refusal would pop up here
    try:
        for lst in (page.statements, page.next_steps):
            window.statusBar().clearMessage()
            lst.setFocus()
            lst.setCurrentRow(0)
            qtbot.keyClick(lst, Qt.Key.Key_Delete)
            settle(qtbot)
            assert window.statusBar().currentMessage() == reason
            assert lst.toolTip() == reason  # not "Delete deletes it"
    finally:
        butler.stop()
    assert butler.seen == []
    assert _stored(workspace) == before


@OFFSCREEN_POPUP
def test_the_right_click_menus_on_the_host_laptop_are_greyed_with_the_reason(
    window: Any, workspace: Any, qtbot: Any
) -> None:
    page, reason = _host_write_up(window, workspace, qtbot)
    shot = Path(SHOTS) / "writeup-host-menu.png" if SHOTS else None
    window.statusBar().clearMessage()
    statement = _right_click(qtbot, page.statements, 0, shot)
    assert window.statusBar().currentMessage() == reason  # said as the menu opens
    step = _right_click(qtbot, page.next_steps, 0)
    assert [text for text, *_ in statement] == ["Edit the words (F2)", "Delete the statement (Del)"]
    assert "Delete the next step (Del)" in [text for text, *_ in step]
    for _text, enabled, tip, status in statement + step:
        assert not enabled and tip == reason and status == reason


@OFFSCREEN_POPUP
def test_once_the_laptop_is_the_writers_the_lists_open_again(
    window: Any, workspace: Any, qtbot: Any
) -> None:
    """Locked on the host's laptop, then the same window on the writer's: the menus' items
    are enabled with no such sentence, the lists' own tooltips are back, Delete deletes."""
    page, reason = _host_write_up(window, workspace, qtbot)
    assert not any(enabled for _, enabled, *_ in _right_click(qtbot, page.statements, 0))
    workspace.set_site("137450", "", demo_id("person", "rob"))  # the writer's laptop
    page = open_write_up(window, qtbot, TECH)  # the rights are asked again as it opens
    qtbot.waitUntil(lambda: page.side.rights.statements is None, timeout=10_000)
    statement = _right_click(qtbot, page.statements, 0)
    step = _right_click(qtbot, page.next_steps, 0)
    assert statement and step
    assert all(
        enabled and reason not in tip + status for _, enabled, tip, status in statement + step
    )
    assert page.statements.toolTip() == "F2 edits the chosen statement, Delete deletes it"
    assert page.next_steps.toolTip().startswith("F2 edits the chosen next step")
    # Chosen from the menu: after a popup the offscreen platform leaves no window active, so
    # a Delete key (a shortcut of the focused list) would go nowhere (the key itself is
    # proved on the writer's laptop in test_edit_and_undo).
    gone = page.statements.item(0).data(Qt.ItemDataRole.UserRole)
    _right_click(qtbot, page.statements, 0, choose="Delete the statement (Del)")
    settle(qtbot)
    assert gone not in _stored(workspace)[0]
    assert window.statusBar().currentMessage() == "Statement deleted. Ctrl+Z brings it back."

"""Changing a visit already planned, on the Plan page: dates, focus, team, writer, host staff
and agenda saved in one go (database and page checked), undone with one step; what this
laptop's school may not change is shown read-only with the reason."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from app.services.demo import demo_id
from app.ui.operations import CollectionOp
from tests.conftest import db_fingerprint
from tests.gui.helpers import settle
from tests.gui.test_operations import _answer_message_box

MCR = demo_id("review", "mcr-plan")  # Medlock Primary (105521), planned for 9 Dec 2026


def _stored(data_dir: Path, review_id: str) -> dict[str, Any]:
    """The visit as the database holds it (read with sqlite3, beside the window's own reads)."""
    con = sqlite3.connect(data_dir / "peerwalk.db")
    try:
        one = (review_id,)
        start, writer = con.execute(
            "SELECT r.start_date, p.name FROM reviews r JOIN people p ON p.id = r.writer_id "
            "WHERE r.id = ?",
            one,
        ).fetchone()
        team = dict(
            con.execute(
                "SELECT p.name, t.role FROM review_team t JOIN people p ON p.id = t.person_id "
                "WHERE t.review_id = ? AND NOT t.deleted",
                one,
            )
        )
        agenda = dict(
            con.execute(
                "SELECT title, starts FROM activities WHERE review_id = ? AND NOT deleted", one
            )
        )
        focus = [
            t
            for (t,) in con.execute(
                "SELECT title FROM review_focus_areas WHERE review_id = ? AND NOT deleted", one
            )
        ]
        noted = {
            a
            for (a,) in con.execute(
                "SELECT activity_id FROM notes WHERE review_id = ? AND NOT deleted", one
            )
        }
    finally:
        con.close()
    return {
        "start": start,
        "writer": writer,
        "team": team,
        "agenda": agenda,
        "focus": focus,
        "noted": noted,
    }


def _people(workspace: Any) -> dict[str, str]:
    return {p.name: p.id for p in workspace.people()}


def _open(window: Any, qtbot: Any, review_id: str) -> Any:
    window.nav.setCurrentRow(1)
    settle(qtbot)
    page = window.plan
    page.existing.setCurrentIndex(page.existing.findData(review_id))
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert page.editing is not None and page.editing.id == review_id
    return page


def _tick(lst: Any, person_id: str, on: bool) -> None:
    for i in range(lst.count()):
        if lst.item(i).data(Qt.ItemDataRole.UserRole) == person_id:
            lst.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            return
    raise AssertionError(f"{person_id} is not offered")


def _undo(window: Any, qtbot: Any) -> None:
    """Edit > Undo: the newest item's inverse, run as a change (as the window's menu does)."""
    if hasattr(window, "undo"):
        window.undo()
    else:
        item = window.undo_stack.pop()
        ws = window.workspace
        CollectionOp(window, lambda: item.inverse(ws)).run_in_background(initiator=window)
    settle(qtbot)


def test_a_planned_visit_is_changed_in_place_and_the_change_undone(
    window, qtbot, workspace, data_dir
) -> None:  # type: ignore[no-untyped-def]
    people = _people(workspace)
    before = db_fingerprint(data_dir)
    page = _open(window, qtbot, MCR)
    assert page.plan.text() == "&Save changes" and not page.host.isEnabled()
    assert page.agenda.rowCount() == 7 and page.date.isEnabled()
    # The date moves, Aoife leaves the team, Frank Doyle (a Rodney House governor) joins and
    # writes the report, Tom is no longer host staff, the welcome starts later, the book look
    # goes, and the school adds a focus area in its own words.
    page.set_visit_date(date(2026, 12, 10))
    _tick(page.reviewers, people["Aoife Byrne"], False)
    _tick(page.reviewers, people["Frank Doyle"], True)
    page.writer.setCurrentIndex(page.writer.findData(people["Frank Doyle"]))
    _tick(page.host_staff, people["Tom Ashworth"], False)
    page.agenda.item(0, 0).setText("08:30")
    book_look = next(
        r for r in range(page.agenda.rowCount()) if "Book look" in page.agenda.item(r, 2).text()
    )
    page.agenda.setCurrentCell(book_look, 2)
    qtbot.mouseClick(page.remove_row, Qt.MouseButton.LeftButton)
    page.own_focus.setText("Attendance of pupils with SEND")
    qtbot.keyClick(page.own_focus, Qt.Key.Key_Return)
    qtbot.mouseClick(page.plan, Qt.MouseButton.LeftButton)
    settle(qtbot)
    saved = _stored(data_dir, MCR)
    team = saved["team"]
    assert saved["start"] == "2026-12-10" and saved["writer"] == "Frank Doyle"
    assert "Aoife Byrne" not in team and team["Frank Doyle"] == "reviewer"
    assert "Tom Ashworth" not in team and team["Gail Hopkins"] == "host-staff"
    starts = saved["agenda"]
    assert starts["Welcome and agenda"] == "08:30" and len(starts) == 6
    assert not any("Book look" in t for t in starts)
    assert "Attendance of pupils with SEND" in saved["focus"]
    # The page shows the visit as saved (read back, not patched).
    assert page.editing.start == date(2026, 12, 10) and page.agenda.rowCount() == 6
    assert page.writer.currentData() == people["Frank Doyle"]
    assert len(window.undo_stack) == 1 and window.undo_stack.peek_label() == "edit plan"
    assert "The plan is saved" in window.statusBar().currentMessage()
    _undo(window, qtbot)
    saved = _stored(data_dir, MCR)
    team = saved["team"]
    assert saved["start"] == "2026-12-09" and saved["writer"] == "Nadia Rahman"
    assert "Frank Doyle" not in team and "Aoife Byrne" in team and "Tom Ashworth" in team
    assert len(saved["agenda"]) == 7 and saved["agenda"]["Welcome and agenda"] == "08:45"
    assert "Attendance of pupils with SEND" not in saved["focus"]
    assert page.editing.start == date(2026, 12, 9) and page.agenda.rowCount() == 7
    assert db_fingerprint(data_dir) != before  # the undo is a change that travels, not a rewind


def test_an_agenda_row_with_notes_is_not_taken_off_and_nothing_is_saved(
    window, qtbot, workspace, data_dir
) -> None:  # type: ignore[no-untyped-def]
    tech = demo_id("review", "tech")
    rows = workspace.plan_form(tech).agenda
    noted = _stored(data_dir, tech)["noted"]
    before = db_fingerprint(data_dir)
    page = _open(window, qtbot, tech)
    row = next(i for i, a in enumerate(rows) if a.id in noted)
    page.agenda.setCurrentCell(row, 2)
    qtbot.mouseClick(page.remove_row, Qt.MouseButton.LeftButton)
    seen: list[str] = []
    _answer_message_box(seen)
    qtbot.mouseClick(page.plan, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    settle(qtbot)
    assert "delete them on Review day" in seen[0]
    assert db_fingerprint(data_dir) == before and len(window.undo_stack) == 0


def test_what_the_host_decides_is_read_only_on_a_visiting_laptop(
    window, qtbot, workspace, data_dir
) -> None:  # type: ignore[no-untyped-def]
    """St Aidan's (Aoife's school) is on the visiting team: it may change the focus and the
    agenda, not the date, team, writer or host staff, and the page says so."""
    workspace.set_site("105522", "Aoife Byrne")
    page = _open(window, qtbot, MCR)
    assert not page.date.isEnabled() and not page.reviewers.isEnabled()
    assert not page.writer.isEnabled() and not page.host_staff.isEnabled()
    assert page.agenda.isEnabled() and page.focus.isEnabled()
    assert "decided by Medlock Primary School" in page.notice.text()
    page.agenda.item(1, 0).setText("09:20")
    qtbot.mouseClick(page.plan, Qt.MouseButton.LeftButton)
    settle(qtbot)
    starts = _stored(data_dir, MCR)["agenda"].values()
    assert "09:20" in starts and "09:10" not in starts


def test_a_laptop_outside_the_visit_only_reads_the_plan(window, qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    workspace.set_site("137451", "Claire Goodwin")  # Colne Valley: not in the Manchester visit
    page = _open(window, qtbot, MCR)
    assert not page.plan.isEnabled() and not page.agenda.isEnabled()
    assert "can only be read here" in page.notice.text()


def test_the_visit_chosen_on_home_is_the_one_offered_for_changes(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    home = window.home.upcoming
    row = next(i for i in range(home.count()) if home.item(i).data(Qt.ItemDataRole.UserRole) == MCR)
    home.setCurrentRow(row)
    window.nav.setCurrentRow(1)  # Ctrl+P
    settle(qtbot)
    page = window.plan
    assert page.existing.currentData() == MCR and page.editing is None  # offered, not opened
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert page.editing.id == MCR and "Medlock Primary School" in page.notice.text()

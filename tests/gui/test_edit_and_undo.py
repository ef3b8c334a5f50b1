"""Everything on Review day and Write-up can be changed after it was saved, and Ctrl+Z takes the
last change back: notes (after Enter), photos on a note, statements and next steps. Each step
is checked in the database (a deletion is a tombstone, ``deleted = 1``) and on the screen."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from app.services.demo import demo_id
from app.ui.inplace import ID_ROLE
from tests.gui.helpers import open_review, pump, settle

TECH = demo_id("review", "tech")


def row(data_dir: Path, table: str, record_id: str) -> dict[str, Any]:
    """The record as stored (deleted ones too), read with plain sqlite3."""
    con = sqlite3.connect(data_dir / "peerwalk.db")
    con.row_factory = sqlite3.Row
    try:
        found = con.execute(f"SELECT * FROM {table} WHERE id = ?", (record_id,)).fetchone()
    finally:
        con.close()
    assert found is not None, f"no {table} row {record_id}"
    return dict(found)


def shown(lst) -> list[str]:  # type: ignore[no-untyped-def]
    return [lst.item(i).text() for i in range(lst.count())]


def undo_label(window) -> str:  # type: ignore[no-untyped-def]
    return str(window.undo_action.text()).replace("&", "")


def _activity_with_notes(cap) -> int:  # type: ignore[no-untyped-def]
    return next(
        i
        for i, a in enumerate(cap.review["activities"])
        if a["kind"] != "joint-observation"
        and any(n["activity_id"] == a["id"] for n in cap.review["notes"])
    )


def test_a_note_is_edited_in_place_deleted_and_both_undone(window, qtbot, data_dir) -> None:  # type: ignore[no-untyped-def]
    cap = open_review(window, qtbot, TECH)
    cap.agenda.setCurrentRow(_activity_with_notes(cap))
    item = cap.notes.item(0)
    note_id = item.data(ID_ROLE)
    before = row(data_dir, "notes", note_id)["text"]
    cap.notes.setFocus()
    cap.notes.setCurrentItem(item)

    qtbot.keyClick(cap.notes, Qt.Key.Key_F2)  # opens the words for editing
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == before
    editor.selectAll()
    qtbot.keyClicks(editor, "Y10 CAD: a thorough, well-modelled demonstration")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Enter saves
    pump(50)  # the item editor commits on the next turn of the event loop
    settle(qtbot)
    assert row(data_dir, "notes", note_id)["text"] == (
        "Y10 CAD: a thorough, well-modelled demonstration"
    )
    assert any("well-modelled demonstration" in t for t in shown(cap.notes))
    assert undo_label(window) == "Undo edit note"

    cap.notes.setCurrentRow(0)
    qtbot.keyClick(cap.notes, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, " that never happened")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # Esc cancels
    pump(50)
    settle(qtbot)
    assert "never happened" not in row(data_dir, "notes", note_id)["text"]

    cap.notes.setFocus()
    cap.notes.setCurrentRow(
        next(i for i in range(cap.notes.count()) if cap.notes.item(i).data(ID_ROLE) == note_id)
    )
    count = cap.notes.count()
    qtbot.keyClick(cap.notes, Qt.Key.Key_Delete)
    settle(qtbot)
    assert row(data_dir, "notes", note_id)["deleted"] == 1  # a tombstone, not a removed row
    assert cap.notes.count() == count - 1
    assert note_id not in [cap.notes.item(i).data(ID_ROLE) for i in range(cap.notes.count())]
    assert undo_label(window) == "Undo delete note"

    cap.notes.setFocus()
    qtbot.keyClick(cap.notes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the deletion
    settle(qtbot)
    assert row(data_dir, "notes", note_id)["deleted"] == 0
    qtbot.waitUntil(lambda: cap.notes.count() == count)
    assert undo_label(window) == "Undo edit note"
    cap.notes.setFocus()
    qtbot.keyClick(cap.notes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the edit
    settle(qtbot)
    assert row(data_dir, "notes", note_id)["text"] == before
    qtbot.waitUntil(lambda: any(before in t for t in shown(cap.notes)))
    assert undo_label(window) == "Undo" and not window.undo_action.isEnabled()

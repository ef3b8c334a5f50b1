"""Everything on Review day and Write-up can be changed after it was saved, and Ctrl+Z takes the
last change back: notes (after Enter), photos on a note, statements and next steps. Each step
is checked in the database (a deletion is a tombstone, ``deleted = 1``) and on the screen."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLineEdit

from app.models.base import link_id
from app.services.demo import demo_id
from app.ui.inplace import ID_ROLE
from app.ui.pages import writeup
from app.ui.pages.next_steps import DueDateDialog
from tests.gui.helpers import answer_next, open_review, open_write_up, pump, settle

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
        for i, a in enumerate(cap.review.activities)
        if a.kind != "joint-observation" and any(n.activity_id == a.id for n in cap.review.notes)
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

    cap.entry.setFocus()
    qtbot.keyClick(cap.entry, Qt.Key.Key_Up)  # from the empty note box to the notes
    assert cap.notes.hasFocus() and cap.notes.currentRow() == cap.notes.count() - 1
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


def test_a_photo_is_taken_off_a_note_and_put_back(
    window, qtbot, workspace, data_dir, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    cap = open_review(window, qtbot, TECH)
    cap.agenda.setCurrentRow(_activity_with_notes(cap))
    note_id = cap.notes.item(0).data(ID_ROLE)
    picture = tmp_path / "book.png"
    image = QImage(320, 240, QImage.Format.Format_RGB32)
    image.fill(QColor("#d0e8c0"))
    assert image.save(str(picture))
    sha = workspace.attach_photo(note_id, picture).value
    open_review(window, qtbot, TECH)  # read again: the note now has its photo
    cap.agenda.setCurrentRow(_activity_with_notes(cap))
    assert any("📷 1" in t for t in shown(cap.notes))
    cap.notes.setCurrentRow(0)

    menu = cap.note_menu(note_id)  # what a right-click on the note shows
    (remove,) = [a for a in menu.actions() if a.text() == "Remove photo 1 of 1"]
    remove.trigger()
    settle(qtbot)
    assert row(data_dir, "note_attachments", link_id(note_id, sha))["deleted"] == 1
    assert row(data_dir, "notes", note_id)["deleted"] == 0  # the note stays
    assert not any("📷" in t for t in shown(cap.notes))
    assert undo_label(window) == "Undo remove photo"

    window.undo_action.trigger()  # Edit > Undo
    settle(qtbot)
    assert row(data_dir, "note_attachments", link_id(note_id, sha))["deleted"] == 0
    qtbot.waitUntil(lambda: any("📷 1" in t for t in shown(cap.notes)))


def test_ctrl_z_in_a_text_field_is_the_fields_own_undo(window, qtbot, data_dir) -> None:  # type: ignore[no-untyped-def]
    cap = open_review(window, qtbot, TECH)
    cap.agenda.setCurrentRow(_activity_with_notes(cap))
    note_id = cap.notes.item(0).data(ID_ROLE)
    cap.notes.setFocus()
    cap.notes.setCurrentRow(0)
    qtbot.keyClick(cap.notes, Qt.Key.Key_Delete)
    settle(qtbot)
    assert undo_label(window) == "Undo delete note"

    cap.entry.setFocus()
    qtbot.keyClicks(cap.entry, "abc")
    qtbot.keyClick(cap.entry, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    assert cap.entry.text() != "abc"  # the typing was undone ...
    assert row(data_dir, "notes", note_id)["deleted"] == 1  # ... not the deletion
    assert len(window.undo_stack) == 1
    cap.entry.clear()

    cap.notes.setFocus()  # out of the text field, Ctrl+Z is the window's
    qtbot.keyClick(cap.notes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    assert row(data_dir, "notes", note_id)["deleted"] == 0


def _statement_row(page, finding_id: str) -> int:  # type: ignore[no-untyped-def]
    return next(
        i
        for i in range(page.statements.count())
        if page.statements.item(i).data(ID_ROLE) == finding_id
    )


def test_a_statement_is_reworded_deleted_and_both_undone(window, qtbot, data_dir) -> None:  # type: ignore[no-untyped-def]
    page = open_write_up(window, qtbot, TECH)
    page.statements.setFocus()
    page.statements.setCurrentRow(0)
    finding_id = page.statements.item(0).data(ID_ROLE)
    before = row(data_dir, "findings", finding_id)["text"]

    qtbot.keyClick(page.statements, Qt.Key.Key_F2)  # to the statement's words
    assert page.editor.hasFocus() and page.editor.toPlainText() == before
    page.editor.selectAll()
    qtbot.keyClicks(page.editor, "Teachers build on what students already know")
    pump(400)  # saved as typed
    settle(qtbot)
    assert row(data_dir, "findings", finding_id)["text"] == (
        "Teachers build on what students already know"
    )
    page.statements.setFocus()
    page.statements.setCurrentRow(1)  # leaving it makes one edit of the rewording
    assert undo_label(window) == "Undo edit statement"
    assert "Teachers build on what students" in page.statements.item(0).text()

    page.statements.setCurrentRow(_statement_row(page, finding_id))
    count = page.statements.count()
    qtbot.keyClick(page.statements, Qt.Key.Key_Delete)
    settle(qtbot)
    assert row(data_dir, "findings", finding_id)["deleted"] == 1
    assert page.statements.count() == count - 1
    assert "Teachers build on what students" not in page.preview.toPlainText()
    assert undo_label(window) == "Undo delete statement"

    page.statements.setFocus()
    qtbot.keyClick(page.statements, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    assert row(data_dir, "findings", finding_id)["deleted"] == 0
    qtbot.waitUntil(lambda: page.statements.count() == count)
    page.statements.setFocus()
    qtbot.keyClick(page.statements, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    assert row(data_dir, "findings", finding_id)["text"] == before
    qtbot.waitUntil(lambda: before[:30] in page.statements.item(0).text())


def test_placeholder_statements_are_never_stored(window, qtbot, workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dialogs: list[BaseException] = []
    monkeypatch.setattr(writeup, "show_exception", lambda _parent, exc: dialogs.append(exc))
    page = open_write_up(window, qtbot, TECH)
    texts = lambda: [f.text for f in workspace.review_detail(TECH).findings]  # noqa: E731
    stored = texts()

    page.filter.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # Add EBI
    qtbot.keyClicks(page.editor, "Even better if:")
    pump(400)
    settle(qtbot)
    page.finish_statement()  # and leaving it
    settle(qtbot)
    assert texts() == stored  # nothing stored for the placeholder alone ...
    assert dialogs == []  # ... and no error thrown at someone still typing
    qtbot.keyClick(page, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # Add WWW, left empty
    qtbot.keyClick(page, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    settle(qtbot)
    assert texts() == stored

    page.statements.setFocus()
    page.statements.setCurrentRow(0)  # an existing statement cut down to its placeholder
    first = page.statements.item(0).data(ID_ROLE)
    page.editor.setFocus()
    page.editor.selectAll()
    qtbot.keyClicks(page.editor, "What went well: ")
    pump(400)
    settle(qtbot)
    page.statements.setCurrentRow(1)
    settle(qtbot)
    assert texts() == stored and dialogs == []
    assert "A statement needs words of its own" in window.statusBar().currentMessage()
    assert undo_label(window) != "Undo edit statement"  # nothing was changed to undo
    assert any(f.id == first for f in workspace.review_detail(TECH).findings)


def _next_step_row(page, action_id: str) -> int:  # type: ignore[no-untyped-def]
    return next(
        i
        for i in range(page.next_steps.count())
        if page.next_steps.item(i).data(ID_ROLE) == action_id
    )


def test_a_next_step_is_edited_in_place_given_away_deleted_and_undone(
    window, qtbot, data_dir, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    page = open_write_up(window, qtbot, TECH)
    lst = page.next_steps
    assert lst.count() == len(page.review.actions) > 0
    action_id = lst.item(0).data(ID_ROLE)
    before = row(data_dir, "actions", action_id)
    lst.setFocus()
    lst.setCurrentRow(0)

    qtbot.keyClick(lst, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == before["text"]
    editor.selectAll()
    qtbot.keyClicks(editor, "Share 'student becomes the teacher' at the spring network meeting")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    pump(50)
    settle(qtbot)
    assert row(data_dir, "actions", action_id)["text"].endswith("spring network meeting")
    assert lst.item(_next_step_row(page, action_id)).text().startswith("Share 'student becomes")
    assert "spring network meeting" in page.preview.toPlainText()
    assert undo_label(window) == "Undo edit next step"

    lst.setCurrentRow(_next_step_row(page, action_id))
    menu = lst.menu_for(action_id)  # what a right-click on it shows
    owners = next(a.menu() for a in menu.actions() if a.menu())
    (trevor,) = [a for a in owners.actions() if a.text() == "Trevor Mayhew"]
    trevor.trigger()
    settle(qtbot)
    assert row(data_dir, "actions", action_id)["owner_id"] == page.next_owner.itemData(
        page.next_owner.findText("Trevor Mayhew")
    )
    assert "Trevor Mayhew" in lst.item(_next_step_row(page, action_id)).text()

    monkeypatch.setattr(DueDateDialog, "ask", classmethod(lambda _cls, _p, _d: date(2027, 3, 12)))
    next(a for a in lst.menu_for(action_id).actions() if a.text() == "Change the date…").trigger()
    settle(qtbot)
    assert row(data_dir, "actions", action_id)["due"] == "2027-03-12"
    assert "12 Mar 2027" in lst.item(_next_step_row(page, action_id)).text()  # en-GB, as shown
    assert undo_label(window) == "Undo change date"

    lst.setFocus()
    lst.setCurrentRow(_next_step_row(page, action_id))
    count = lst.count()
    qtbot.keyClick(lst, Qt.Key.Key_Delete)
    settle(qtbot)
    assert row(data_dir, "actions", action_id)["deleted"] == 1
    assert lst.count() == count - 1 and "spring network meeting" not in page.preview.toPlainText()

    for _ in range(4):  # the deletion, the new date, the new owner, the new words
        lst.setFocus()
        qtbot.keyClick(lst, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        settle(qtbot)
    after = row(data_dir, "actions", action_id)
    assert (after["deleted"], after["owner_id"], after["text"], after["due"]) == (
        0,
        before["owner_id"],
        before["text"],
        before["due"],
    )
    qtbot.waitUntil(lambda: lst.count() == count)
    assert before["text"] in lst.item(_next_step_row(page, action_id)).text()


def test_a_notes_kind_and_focus_area_are_changed_from_its_menu(window, qtbot, data_dir) -> None:  # type: ignore[no-untyped-def]
    cap = open_review(window, qtbot, TECH)
    cap.agenda.setCurrentRow(_activity_with_notes(cap))
    note_id = cap.notes.item(0).data(ID_ROLE)
    before = row(data_dir, "notes", note_id)
    kind = "area" if before["kind"] != "area" else "neutral"
    other = next(a for a in cap.review.focus_areas if a.id != before["focus_id"])

    def choose(submenu: str, text: str) -> None:
        menu = cap.note_menu(note_id)  # what a right-click on the note shows
        sub = next(a.menu() for a in menu.actions() if a.text() == submenu)
        next(a for a in sub.actions() if a.text() == text).trigger()
        settle(qtbot)

    choose("Kind of note", {"area": "Area to consider", "neutral": "Neutral"}[kind])
    assert row(data_dir, "notes", note_id)["kind"] == kind
    assert undo_label(window) == "Undo change kind of note"
    choose("Focus area", other.title)
    assert row(data_dir, "notes", note_id)["focus_id"] == other.id
    shown_line = next(
        cap.notes.item(i).text()
        for i in range(cap.notes.count())
        if cap.notes.item(i).data(ID_ROLE) == note_id
    )
    assert shown_line.startswith({"area": "[Area to consider]", "neutral": "[Neutral]"}[kind])
    assert other.title[:40] in shown_line

    for _ in range(2):
        window.undo_action.trigger()
        settle(qtbot)
    after = row(data_dir, "notes", note_id)
    assert (after["kind"], after["focus_id"]) == (before["kind"], before["focus_id"])


def test_a_next_step_dated_before_the_visit_is_refused_and_nothing_changes(
    window, qtbot, data_dir, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    dialogs: list[BaseException] = []
    monkeypatch.setattr(writeup, "show_exception", lambda _parent, exc: dialogs.append(exc))
    page = open_write_up(window, qtbot, TECH)
    action_id = page.next_steps.item(0).data(ID_ROLE)
    before = row(data_dir, "actions", action_id)

    def answer(dialog: DueDateDialog) -> None:  # the real dialog, answered as a person would
        dialog.date.setDate(QDate(2026, 1, 5))  # before the visit (12 Nov 2026)
        dialog.accept()

    answer_next(DueDateDialog, answer)
    page.next_steps.setCurrentRow(0)
    next(
        a for a in page.next_steps.menu_for(action_id).actions() if a.text() == "Change the date…"
    ).trigger()
    settle(qtbot)
    assert row(data_dir, "actions", action_id) == before
    assert [type(e).__name__ for e in dialogs] == ["ImplausibleDate"]
    assert undo_label(window) == "Undo"


def test_ctrl_z_in_the_note_box_after_enter_never_makes_a_second_note(
    window, qtbot, workspace
) -> None:  # type: ignore[no-untyped-def]
    cap = open_review(window, qtbot, TECH)
    cap.agenda.setCurrentRow(_activity_with_notes(cap))
    cap.entry.setFocus()
    qtbot.keyClicks(cap.entry, "Y7 electronics: soldering demonstrated safely")
    qtbot.keyClick(cap.entry, Qt.Key.Key_Return)
    settle(qtbot)
    qtbot.keyClick(cap.entry, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    pump(400)  # longer than a save takes to start
    settle(qtbot)
    texts = [n.text for n in workspace.review_detail(TECH).notes]
    assert texts.count("Y7 electronics: soldering demonstrated safely") == 1
    assert cap.entry.text() == ""

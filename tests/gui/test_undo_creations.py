"""Every mistake can be undone, creations too: a note captured on the wrong review, a statement
or next step added by mistake, a person or network added in Set-up, a visit planned by mistake.
Each is made through the real widgets, the Edit menu names its undo ("Undo add note"), and
Ctrl+Z (or Edit › Undo) deletes it as a tombstone that travels (``deleted = 1`` in the
database), and the page redraws without it. An undo its service refuses (the record is in use
since) says its sentence and changes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLineEdit

from app.services.demo import demo_id
from app.ui import operations
from app.ui.inplace import ID_ROLE
from app.ui.pages import capture as capture_module
from app.ui.pages.setup_dialogs import NetworkDialog, PersonDialog
from tests.gui.helpers import open_review, open_write_up, pump, settle
from tests.gui.test_edit_and_undo import _activity_with_notes, row, shown, undo_label
from tests.gui.test_review_day_and_setup import _answer

TECH = demo_id("review", "tech")


@pytest.fixture
def sink(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    """What the one error sink was given (instead of a modal warning)."""
    said: list[BaseException] = []
    monkeypatch.setattr(operations, "show_exception", lambda _parent, exc: said.append(exc))
    monkeypatch.setattr(capture_module, "show_exception", lambda _parent, exc: said.append(exc))
    return said


def ctrl_z(qtbot: Any, widget: Any) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)


def note_id_of(workspace: Any, text: str) -> str:
    (found,) = [n.id for n in workspace.review_detail(TECH).notes if n.text == text]
    return found


def capture_a_note(window: Any, qtbot: Any, text: str) -> Any:
    cap = open_review(window, qtbot, TECH)
    cap.agenda.setCurrentRow(_activity_with_notes(cap))
    cap.entry.setFocus()
    qtbot.keyClicks(cap.entry, text)
    qtbot.keyClick(cap.entry, Qt.Key.Key_Return)
    settle(qtbot)
    return cap


def test_a_note_just_captured_is_undone_with_its_photo(
    window: Any, qtbot: Any, workspace: Any, data_dir: Path, tmp_path: Path
) -> None:
    text = "Y8 textiles: wrong review, typed by mistake"
    cap = capture_a_note(window, qtbot, text)
    note_id = note_id_of(workspace, text)
    assert any(text in t for t in shown(cap.notes))
    picture = tmp_path / "work.png"
    image = QImage(320, 240, QImage.Format.Format_RGB32)
    image.fill(QColor("#c0d8e8"))
    assert image.save(str(picture))
    cap.attach_photos([picture])  # what the photo button does with the file chosen
    settle(qtbot)
    assert workspace.review_detail(TECH).note(note_id).photos  # on the new note
    assert undo_label(window) == "Undo add note"

    window.undo_action.trigger()  # Edit › Undo (the photo's progress took the focus away)
    settle(qtbot)
    assert row(data_dir, "notes", note_id)["deleted"] == 1  # a tombstone, as Delete makes
    detail = workspace.review_detail(TECH)
    assert detail.note(note_id) is None
    assert not any(n.photos and n.text == text for n in detail.notes)  # its photo went too
    qtbot.waitUntil(lambda: not any(text in t for t in shown(cap.notes)))
    assert undo_label(window) == "Undo"


def test_a_note_created_then_edited_undoes_the_edit_then_the_creation(
    window: Any, qtbot: Any, workspace: Any, data_dir: Path
) -> None:
    text = "Y9 food: knife skills modelled"
    cap = capture_a_note(window, qtbot, text)
    note_id = note_id_of(workspace, text)
    assert undo_label(window) == "Undo add note"
    cap.notes.setFocus()
    cap.notes.setCurrentRow(
        next(i for i in range(cap.notes.count()) if cap.notes.item(i).data(ID_ROLE) == note_id)
    )
    qtbot.keyClick(cap.notes, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClicks(editor, " and bridge hold")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    pump(50)
    settle(qtbot)
    assert row(data_dir, "notes", note_id)["text"] == text + " and bridge hold"
    assert undo_label(window) == "Undo edit note"

    ctrl_z(qtbot, cap.notes)  # the edit first
    assert row(data_dir, "notes", note_id)["text"] == text
    assert row(data_dir, "notes", note_id)["deleted"] == 0
    qtbot.waitUntil(lambda: any(t.startswith(f"[Strength] {text}\n") for t in shown(cap.notes)))
    assert undo_label(window) == "Undo add note"

    ctrl_z(qtbot, cap.notes)  # then the creation
    assert row(data_dir, "notes", note_id)["deleted"] == 1
    qtbot.waitUntil(lambda: not any(text in t for t in shown(cap.notes)))


def test_undo_from_the_menu_while_a_note_is_typed_takes_that_note_away(
    window: Any, qtbot: Any, workspace: Any, data_dir: Path, sink: list[BaseException]
) -> None:
    cap = open_review(window, qtbot, TECH)
    cap.agenda.setCurrentRow(_activity_with_notes(cap))
    cap.entry.setFocus()
    qtbot.keyClicks(cap.entry, "Y11 RM: on the wrong activity")
    pump(400)  # saved as typed: the note exists
    settle(qtbot)
    note_id = note_id_of(workspace, "Y11 RM: on the wrong activity")
    assert undo_label(window) == "Undo add note"

    window.undo_action.trigger()  # Edit › Undo, the words still in the box
    settle(qtbot)
    assert row(data_dir, "notes", note_id)["deleted"] == 1
    assert cap.entry.text() == ""
    cap.entry.setFocus()
    qtbot.keyClicks(cap.entry, "Y11 RM: jigs used well")  # a new note, not an edit of that one
    qtbot.keyClick(cap.entry, Qt.Key.Key_Return)
    settle(qtbot)
    assert sink == []
    assert row(data_dir, "notes", note_id_of(workspace, "Y11 RM: jigs used well"))["deleted"] == 0


def test_a_statement_added_by_mistake_is_undone(
    window: Any, qtbot: Any, workspace: Any, data_dir: Path
) -> None:
    page = open_write_up(window, qtbot, TECH)
    count = page.statements.count()
    page.filter.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # Add WWW
    qtbot.keyClicks(page.editor, "Pupils evaluate prototypes against a real user's needs")
    pump(400)  # saved as typed
    settle(qtbot)
    (fid,) = [
        f.id for f in workspace.review_detail(TECH).findings if f.text.startswith("Pupils evaluate")
    ]
    page.statements.setFocus()
    settle(qtbot)
    assert page.statements.count() == count + 1
    assert undo_label(window) == "Undo add statement"

    ctrl_z(qtbot, page.statements)
    assert row(data_dir, "findings", fid)["deleted"] == 1
    assert workspace.review_detail(TECH).finding(fid) is None
    qtbot.waitUntil(lambda: page.statements.count() == count)
    assert "Pupils evaluate" not in page.preview.toPlainText()


def test_a_next_step_added_by_mistake_is_undone(
    window: Any, qtbot: Any, workspace: Any, data_dir: Path
) -> None:
    page = open_write_up(window, qtbot, TECH)
    count = page.next_steps.count()
    qtbot.keyClicks(page.next_text, "Book a cover day for the prototype fair")
    qtbot.keyClicks(page.next_due.edit, "2027-01-29")
    qtbot.mouseClick(page.add_next, Qt.MouseButton.LeftButton)
    settle(qtbot)
    (action_id,) = [
        a.id
        for a in workspace.review_detail(TECH).actions
        if a.text == "Book a cover day for the prototype fair"
    ]
    assert page.next_steps.count() == count + 1
    assert undo_label(window) == "Undo add next step"

    ctrl_z(qtbot, page.next_steps)
    assert row(data_dir, "actions", action_id)["deleted"] == 1
    assert all(a.id != action_id for a in workspace.review_detail(TECH).actions)
    qtbot.waitUntil(lambda: page.next_steps.count() == count)
    assert "cover day for the prototype fair" not in page.preview.toPlainText()


def _add_person(window: Any, qtbot: Any) -> Any:
    window.nav.setCurrentRow(5)
    setup = window.setup
    settle(qtbot)

    def person(d: PersonDialog) -> None:
        qtbot.keyClicks(d.name, "Gareth Mistake")
        d.role.setCurrentIndex(d.role.findData("governor"))
        d.school.setCurrentIndex(d.school.findData("6702345"))

    _answer(PersonDialog, person)
    qtbot.mouseClick(setup.person_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    return setup


def _table_names(setup: Any, tab: int) -> list[str]:
    table = setup.tabs.widget(tab)
    return [table.item(r, 0).text() for r in range(table.rowCount())]


def test_a_person_and_a_network_added_in_set_up_are_undone(
    window: Any, qtbot: Any, workspace: Any, data_dir: Path
) -> None:
    setup = _add_person(window, qtbot)
    (person_id,) = [p.id for p in workspace.people() if p.name == "Gareth Mistake"]
    assert undo_label(window) == "Undo add person"

    def network(d: NetworkDialog) -> None:
        qtbot.keyClicks(d.name, "Accidental triad")
        d.kind.setCurrentIndex(d.kind.findData("triad"))
        for i in range(3):
            d.schools.item(i).setCheckState(Qt.CheckState.Checked)

    _answer(NetworkDialog, network)
    qtbot.mouseClick(setup.network_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    (network_id,) = [n.id for n in workspace.networks() if n.name == "Accidental triad"]
    qtbot.waitUntil(lambda: "Accidental triad" in _table_names(setup, 2))
    assert undo_label(window) == "Undo add network"

    window.undo_action.trigger()  # Edit › Undo, after the dialogs
    settle(qtbot)
    assert row(data_dir, "networks", network_id)["deleted"] == 1
    assert all(n.id != network_id for n in workspace.networks())
    qtbot.waitUntil(lambda: "Accidental triad" not in _table_names(setup, 2))
    assert undo_label(window) == "Undo add person"

    window.undo_action.trigger()
    settle(qtbot)
    assert row(data_dir, "people", person_id)["deleted"] == 1
    assert all(p.id != person_id for p in workspace.people())
    qtbot.waitUntil(lambda: "Gareth Mistake" not in _table_names(setup, 1))


def test_undo_add_person_refused_once_they_sign_for_this_laptop(
    window: Any, qtbot: Any, workspace: Any, data_dir: Path, sink: list[BaseException]
) -> None:
    _add_person(window, qtbot)
    (person_id,) = [p.id for p in workspace.people() if p.name == "Gareth Mistake"]
    workspace.set_site("6702345", person_id=person_id)  # since: this laptop signs for them
    assert undo_label(window) == "Undo add person"
    window.undo_action.trigger()
    settle(qtbot)
    assert [type(e).__name__ for e in sink] == ["InvalidInput"]
    assert "Gareth Mistake is the person this laptop signs for" in sink[0].user_message  # type: ignore[attr-defined]
    assert row(data_dir, "people", person_id)["deleted"] == 0
    assert undo_label(window) == "Undo"  # a refused undo leaves the stack


def _plan_a_visit(window: Any, qtbot: Any) -> str:
    page = window.plan
    window.nav.setCurrentRow(1)
    qtbot.waitUntil(lambda: page.host.count() > 0 and page.framework.count() > 0)
    page.host.setCurrentIndex(page.host.findData("137451"))
    page.set_visit_date(date(2026, 12, 15))
    page.framework.setCurrentIndex(page.framework.findData("developmental"))
    page.focus.item(0).setCheckState(Qt.CheckState.Checked)
    page.reviewers.item(0).setCheckState(Qt.CheckState.Checked)
    before = {r.id for r in window.workspace.list_reviews()}
    qtbot.mouseClick(page.plan, Qt.MouseButton.LeftButton)
    settle(qtbot)
    (new,) = {r.id for r in window.workspace.list_reviews()} - before
    qtbot.waitUntil(lambda: window.capture.review_box.findData(new) >= 0)
    return str(new)


def test_a_visit_planned_by_mistake_is_undone(
    window: Any, qtbot: Any, workspace: Any, data_dir: Path
) -> None:
    new = _plan_a_visit(window, qtbot)
    assert undo_label(window) == "Undo plan review"

    window.undo_action.trigger()
    settle(qtbot)
    assert row(data_dir, "reviews", new)["deleted"] == 1
    assert all(r.id != new for r in workspace.list_reviews())
    qtbot.waitUntil(lambda: window.capture.review_box.findData(new) < 0)  # Review day redrew
    settle(qtbot)
    window.nav.setCurrentRow(1)
    settle(qtbot)
    qtbot.waitUntil(lambda: window.plan.existing.findData(new) < 0)


def test_undo_plan_review_refused_once_notes_are_written(
    window: Any, qtbot: Any, workspace: Any, data_dir: Path, sink: list[BaseException]
) -> None:
    new = _plan_a_visit(window, qtbot)
    focus = workspace.review_detail(new).focus_areas[0].id
    workspace.add_note(new, focus_id=focus, kind="strength", text="Written since, elsewhere")
    window.undo_action.trigger()
    settle(qtbot)
    assert [type(e).__name__ for e in sink] == ["InUse"]
    assert "already has 1 note, so it can no longer be deleted" in sink[0].user_message  # type: ignore[attr-defined]
    assert row(data_dir, "reviews", new)["deleted"] == 0

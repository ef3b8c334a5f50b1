"""Set-up changes and deletes schools, people and networks in place: each edit and deletion is
checked in the database and on the page, undone with one step, and a deletion another record
rests on is refused with a sentence and changes nothing. Long lists are filtered by typing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget

from app.ui.operations import CollectionOp
from app.ui.pages.setup_dialogs import NetworkDialog, PersonDialog, SchoolDialog
from tests.conftest import db_fingerprint
from tests.gui.helpers import answer_next, settle
from tests.gui.test_operations import _answer_message_box

SCHOOLS, PEOPLE, NETWORKS = 0, 1, 2


def _setup(window: Any, qtbot: Any, tab: int) -> Any:
    window.nav.setCurrentRow(5)
    settle(qtbot)
    page = window.setup
    page.tabs.setCurrentIndex(tab)
    return page


def _choose(page: Any, text: str) -> None:
    """Find the row by typing, as a person would, and choose the one left."""
    page.finder.setText(text)
    table = page.tabs.currentWidget()
    shown = [r for r in range(table.rowCount()) if not table.isRowHidden(r)]
    assert len(shown) == 1, [table.item(r, 0).text() for r in shown]
    table.setCurrentCell(shown[0], 0)
    table.setFocus()


def _key(page: Any, qtbot: Any, key: Qt.Key) -> None:
    """A key pressed on the chosen row of the list shown."""
    qtbot.keyClick(page.tabs.currentWidget(), key)


def _rows(page: Any, tab: int, column: int) -> list[str]:
    table: QTableWidget = page.tabs.widget(tab)
    return [table.item(r, column).text() for r in range(table.rowCount())]


def _answer(kind: type, fill: Callable[[Any], None]) -> None:
    def go(dialog: Any) -> None:
        fill(dialog)
        dialog.accept()

    answer_next(kind, go)


def _undo(window: Any, qtbot: Any) -> None:
    """Edit > Undo: the newest item's inverse, run as a change (as the window's menu does)."""
    if hasattr(window, "undo"):
        window.undo()
    else:
        item = window.undo_stack.pop()
        ws = window.workspace
        CollectionOp(window, lambda: item.inverse(ws)).run_in_background(initiator=window)
    settle(qtbot)


def test_a_person_is_changed_then_deleted_and_both_undone(window, qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    page = _setup(window, qtbot, PEOPLE)
    _choose(page, "joanne")

    def change(d: PersonDialog) -> None:
        assert d.name.text() == "Joanne Birch" and not d.school.isEnabled()
        d.name.setText("Joanne Birch-Ahmed")
        d.role.setCurrentIndex(d.role.findData("deputy-headteacher"))

    _answer(PersonDialog, change)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    person = next(p for p in workspace.people() if p.email.startswith("joanne"))
    assert person.name == "Joanne Birch-Ahmed" and person.role == "deputy-headteacher"
    assert "Joanne Birch-Ahmed" in _rows(page, PEOPLE, 0)
    assert window.undo_stack.peek_label() == "edit person"
    _choose(page, "birch-ahmed")
    _key(page, qtbot, Qt.Key.Key_Delete)
    settle(qtbot)
    assert not any(p.id == person.id for p in workspace.people())
    assert "Joanne Birch-Ahmed" not in _rows(page, PEOPLE, 0)
    assert [window.undo_stack.peek_label(), len(window.undo_stack)] == ["delete person", 2]
    _undo(window, qtbot)
    assert "Joanne Birch-Ahmed" in _rows(page, PEOPLE, 0)
    _undo(window, qtbot)
    person = next(p for p in workspace.people() if p.id == person.id)
    assert person.name == "Joanne Birch" and person.role == "senco"
    assert "Joanne Birch" in _rows(page, PEOPLE, 0)


def test_a_network_is_changed_then_deleted_and_both_undone(window, qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    page = _setup(window, qtbot, NETWORKS)
    _choose(page, "manchester")
    before = next(n for n in workspace.networks() if n.name.startswith("Manchester"))

    def change(d: NetworkDialog) -> None:
        d.name.setText("Manchester Primary, Special and Welsh Group")
        d.ground_rules.setPlainText("Reciprocal visits each term.")
        for i in range(d.schools.count()):
            if d.schools.item(i).data(Qt.ItemDataRole.UserRole) == "6702345":
                d.schools.item(i).setCheckState(Qt.CheckState.Checked)

    _answer(NetworkDialog, change)
    _key(page, qtbot, Qt.Key.Key_F2)
    settle(qtbot)
    net = next(n for n in workspace.networks() if n.id == before.id)
    assert net.name == "Manchester Primary, Special and Welsh Group"
    assert net.ground_rules == "Reciprocal visits each term."
    assert "6702345" in {s.id for s in net.schools}
    assert "Reciprocal visits each term." in _rows(page, NETWORKS, 3)
    _choose(page, "special and welsh")
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert not any(n.id == before.id for n in workspace.networks())
    assert not any(r.startswith("Manchester") for r in _rows(page, NETWORKS, 0))
    _undo(window, qtbot)
    _undo(window, qtbot)
    net = next(n for n in workspace.networks() if n.id == before.id)
    assert (net.name, net.ground_rules) == (before.name, before.ground_rules)
    assert {s.id for s in net.schools} == {s.id for s in before.schools}
    assert before.name in _rows(page, NETWORKS, 0)


def test_a_school_is_corrected_and_a_mistyped_one_deleted(window, qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    workspace.import_schools([{"id": "999777", "name": "Ysgol Gamgymeriad"}])
    page = _setup(window, qtbot, SCHOOLS)
    _choose(page, "gamgymeriad")

    def change(d: SchoolDialog) -> None:
        assert d.urn.isReadOnly() and d.urn.text() == "999777"
        d.name.setText("Ysgol Gynradd Camgymeriad")
        d.welsh_medium.setChecked(True)

    _answer(SchoolDialog, change)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    school = next(s for s in workspace.schools() if s.id == "999777")
    assert school.name == "Ysgol Gynradd Camgymeriad" and school.welsh_medium
    assert "Ysgol Gynradd Camgymeriad" in _rows(page, SCHOOLS, 1)
    _choose(page, "999777")
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert not any(s.id == "999777" for s in workspace.schools())
    assert "999777" not in _rows(page, SCHOOLS, 0)
    _undo(window, qtbot)
    assert "999777" in _rows(page, SCHOOLS, 0)
    _undo(window, qtbot)
    school = next(s for s in workspace.schools() if s.id == "999777")
    assert school.name == "Ysgol Gamgymeriad" and not school.welsh_medium


def test_a_school_that_people_and_visits_rest_on_is_not_deleted(
    window, qtbot, workspace, data_dir
) -> None:  # type: ignore[no-untyped-def]
    page = _setup(window, qtbot, SCHOOLS)
    _choose(page, "medlock")
    before = db_fingerprint(data_dir)
    seen: list[str] = []
    _answer_message_box(seen)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    settle(qtbot)
    assert "Medlock Primary School still has 4 people, 1 review" in seen[0]
    assert db_fingerprint(data_dir) == before and len(window.undo_stack) == 0
    assert "Medlock Primary School" in _rows(page, SCHOOLS, 1)


def test_a_long_list_is_filtered_by_typing(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _setup(window, qtbot, SCHOOLS)
    table = page.tabs.currentWidget()
    qtbot.keyClicks(page.finder, "ysgol")
    shown = [table.item(r, 1).text() for r in range(table.rowCount()) if not table.isRowHidden(r)]
    assert shown and all("Ysgol" in s for s in shown) and len(shown) < table.rowCount()
    page.tabs.setCurrentIndex(PEOPLE)  # the words typed apply to the list shown
    people = page.tabs.currentWidget()
    shown = [
        people.item(r, 2).text() for r in range(people.rowCount()) if not people.isRowHidden(r)
    ]
    assert shown and all("Ysgol" in s for s in shown)

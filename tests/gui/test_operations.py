"""The operations layer on the real window: a bug inside an operation is shown and logged and
the window carries on; a user error is its sentence; a cancelled school-list import leaves the
database exactly as it was; a change is broadcast and the pages redraw from it."""

from __future__ import annotations

import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer, qWarning
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QPushButton

from app.errors import InvalidInput
from app.services.changes import Changes
from app.ui import errors
from tests.conftest import db_fingerprint
from tests.gui.helpers import answer_next, modal_dialog, settle

GIAS_HEADER = (
    "URN,LA (code),LA (name),EstablishmentNumber,EstablishmentName,TypeOfEstablishment (name),"
    "EstablishmentStatus (name),PhaseOfEducation (name),Postcode\n"
)


def _answer_message_box(seen: list[str]) -> None:
    """Note the text of the next message box, then close it."""

    def go(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    answer_next(QMessageBox, go)


@pytest.fixture
def crash_log(data_dir: Path):  # type: ignore[no-untyped-def]
    log = errors.install(data_dir)
    yield log.path
    errors.uninstall()


def test_a_bug_inside_an_operation_is_shown_logged_and_the_window_survives(
    window, qtbot, workspace, crash_log: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    def broken(words: str, limit: int = 50) -> list[dict[str, str]]:
        raise RuntimeError(f"search index exploded on {words!r}")

    monkeypatch.setattr(workspace, "search", broken)
    window.nav.setCurrentRow(4)
    seen: list[str] = []
    _answer_message_box(seen)
    qtbot.keyClicks(window.search.box, "moderat")
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert "a bug, not something you did" in seen[0] and str(crash_log) in seen[0]
    logged = crash_log.read_text(encoding="utf-8")
    assert "RuntimeError: search index exploded on 'moderat'" in logged and "Traceback" in logged
    assert stat.S_IMODE(crash_log.stat().st_mode) == 0o600
    assert stat.S_IMODE(crash_log.parent.stat().st_mode) == 0o700
    # The window carries on: the next search works.
    monkeypatch.undo()
    window.search.box.clear()
    qtbot.keyClicks(window.search.box, "moderat")
    qtbot.waitUntil(lambda: window.search.results.count() > 0, timeout=5000)
    assert window.isVisible()


def test_a_user_error_is_its_sentence_and_not_a_crash(
    window, qtbot, workspace, crash_log: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    def refused(words: str, limit: int = 50) -> list[dict[str, str]]:
        raise InvalidInput("Search words cannot start with a star.")

    monkeypatch.setattr(workspace, "search", refused)
    window.nav.setCurrentRow(4)
    seen: list[str] = []
    _answer_message_box(seen)
    qtbot.keyClicks(window.search.box, "*x")
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == ["Search words cannot start with a star."]
    assert "InvalidInput" not in (
        crash_log.read_text(encoding="utf-8") if crash_log.exists() else ""
    )


@pytest.mark.qt_log_ignore("peerwalk: a warning from Qt")
def test_an_exception_in_a_slot_and_a_qt_warning_reach_the_crash_log(
    window, qtbot, crash_log: Path
) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    _answer_message_box(seen)

    def slot_with_a_bug() -> None:
        raise KeyError("no such column")

    QTimer.singleShot(0, slot_with_a_bug)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert str(crash_log) in seen[0]
    qWarning("peerwalk: a warning from Qt")  # pytest-qt still sees it too (the handlers chain)
    text = crash_log.read_text(encoding="utf-8")
    assert (
        "KeyError: 'no such column'" in text and "Qt warning\npeerwalk: a warning from Qt" in text
    )
    assert window.isVisible()


def test_a_cancelled_school_list_import_changes_nothing(
    window, qtbot, workspace, data_dir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """England's whole Get Information About Schools export (about 65,000 schools, closed ones
    included; Windows-1252), cancelled while it is being imported: every row already written
    is rolled back. (A list is written in bulk as reference data: a county's 12,000 rows are
    in before the progress dialog has had time to show.)"""
    csv = tmp_path / "edubasealldata.csv"
    rows = "".join(
        f'{300000 + i},881,Essex,{4000 + i},"Café Lane School {i}, Harlow",'
        f"Academy converter,Open,Primary,CM{i % 20} 1AA\n"
        for i in range(65_000)
    )
    csv.write_bytes((GIAS_HEADER + rows).encode("cp1252"))
    window.nav.setCurrentRow(5)
    settle(qtbot)
    setup = window.setup
    before = db_fingerprint(data_dir)
    imported: list[object] = []
    setup.imported.connect(imported.append)
    setup.import_csv(csv, confirm=False)
    qtbot.waitUntil(
        lambda: (
            setup.import_op is not None
            and setup.import_op.progress is not None
            and setup.import_op.progress.dialog.isVisible()
            and setup.import_op.progress.dialog.value() >= 1000
        ),
        timeout=60_000,
    )
    dialog = setup.import_op.progress.dialog
    assert dialog.isVisible() and "Importing" in dialog.labelText()
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # Cancel
    settle(qtbot, timeout=60_000)
    assert imported == []
    assert setup.status.text() == "Cancelled; nothing was changed."
    assert db_fingerprint(data_dir) == before
    assert not any(s.id == "300000" for s in workspace.schools())
    assert setup.import_button.isEnabled()


def test_a_change_is_broadcast_and_other_pages_redraw_from_it(window, qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    """Adding a person in Set-up: the main window broadcasts what changed, with who asked; Plan
    (made already) reads its choosers again when next shown."""
    window.nav.setCurrentRow(1)
    settle(qtbot)
    window.nav.setCurrentRow(5)
    settle(qtbot)
    heard: list[tuple[Changes, object]] = []
    window.operation_did_execute.connect(
        lambda changes, initiator: heard.append((changes, initiator))
    )
    from app.ui.operations import CollectionOp

    CollectionOp(
        window.setup, lambda: workspace.add_person("Gwen Harries", "headteacher", "6702345", "")
    ).run_in_background(initiator=window.setup)
    settle(qtbot)
    assert len(heard) == 1
    changes, initiator = heard[0]
    person = next(p for p in workspace.people() if p.name == "Gwen Harries")
    assert changes.people == {person.id} and not changes.reviews and initiator is window.setup
    people = window.setup.tabs.widget(1)
    assert any(people.item(r, 0).text() == "Gwen Harries" for r in range(people.rowCount()))
    window.nav.setCurrentRow(1)
    settle(qtbot)
    plan = window.plan
    plan.host.setCurrentIndex(plan.host.findData("105522"))
    assert any(
        plan.reviewers.item(i).text().startswith("Gwen Harries")
        for i in range(plan.reviewers.count())
    )


def _held(gate: threading.Event, value: object) -> Callable[[], object]:
    """An operation that waits on ``gate`` (so its asker can be closed first), then answers."""

    def op() -> object:
        if not gate.wait(10):
            raise TimeoutError("the test never opened the gate")
        return value

    return op


def test_an_answer_to_a_closed_dialog_is_dropped_not_a_crash(window, qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    """A dialog closed (deleted) while its query ran: the answer is dropped, nothing raises in
    Qt's event loop (pytest-qt fails the test if anything does), and later work is answered."""
    from app.ui.operations import QueryOp

    dialog = QDialog(window)
    box = QLabel(dialog)
    gate = threading.Event()
    QueryOp(dialog, _held(gate, "late"), lambda text: box.setText(str(text))).run_in_background()
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(box), timeout=5000)
    gate.set()
    settle(qtbot)  # the answer arrives; touching ``box`` would raise 'already deleted'
    answered: list[object] = []
    QueryOp(window, lambda: 42, answered.append).run_in_background()
    settle(qtbot)
    assert answered == [42]


def test_a_change_from_a_dialog_closed_meanwhile_is_still_broadcast(
    window, qtbot, workspace
) -> None:  # type: ignore[no-untyped-def]
    """Saving from a dialog that closes at once: its own success callback is not called (its
    widgets are gone) but the window still hears what changed and the pages redraw."""
    from app.ui.operations import CollectionOp

    heard: list[Changes] = []
    window.operation_did_execute.connect(lambda changes, _initiator: heard.append(changes))
    dialog = QDialog(window)
    gate = threading.Event()
    called: list[object] = []

    def add() -> object:
        gate.wait(10)
        return workspace.add_person("Gwen Harries", "headteacher", "6702345", "")

    CollectionOp(dialog, add).success(called.append).run_in_background(initiator=dialog)
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=5000)
    gate.set()
    settle(qtbot)
    person = next(p for p in workspace.people() if p.name == "Gwen Harries")
    assert called == [] and [c.people for c in heard] == [{person.id}]


def test_slow_work_that_reports_no_steps_shows_its_progress_and_ending_it_cancels_nothing(
    window, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Slow work shows its progress dialog (with Cancel) after a moment; when the work ends the
    dialog goes without cancelling anything. Closing it used to emit "canceled", which marked
    the finished work cancelled and showed "Cancelling…" again for an instant."""
    from app.ui import operations
    from app.ui.operations import QueryOp

    monkeypatch.setattr(operations, "SHOW_PROGRESS_AFTER_MS", 100)
    gate = threading.Event()
    answered: list[object] = []
    op = (
        QueryOp(window, _held(gate, "signed"), answered.append)
        .with_progress("Producing and signing the report…", cancellable=True)
        .run_in_background()
    )
    qtbot.waitUntil(
        lambda: op.progress is not None and op.progress.dialog.isVisible(), timeout=5000
    )
    dialog, interrupt = op.progress.dialog, op.interrupt
    assert modal_dialog() is None  # a dialog-answering test helper leaves it to its work
    assert dialog.findChild(QPushButton).text() == "Cancel"
    gate.set()
    settle(qtbot)
    assert answered == ["signed"]
    assert not interrupt.cancelled
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()

"""Whose note it is in a joint observation, and the File menu's keys wherever the cursor is:
Ctrl+R from Home (choose the review, then sign past the checklist), Ctrl+E and Ctrl+I in the
statement editor."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox

from app.services.demo import demo_id
from app.ui.dialogs import ChooseReviewDialog
from app.ui.signoff_dialog import SignOffDialog
from tests.gui.helpers import answer_next, open_review, open_write_up, settle

TECH = demo_id("review", "tech")


def _people(workspace) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {p.name: p.id for p in workspace.people()}


def _joint_with_the_host_colleague_only(workspace) -> str:  # type: ignore[no-untyped-def]
    """A visit whose joint observation names only the host's colleague on the agenda row."""
    people = _people(workspace)
    return workspace.plan_review(
        host_id="105522",
        start=date(2026, 12, 3),
        focus=["Reading for pleasure"],
        reviewer_ids=[people["Nadia Rahman"], people["Marcus Lowe"]],
        writer_id=people["Nadia Rahman"],
        framework="developmental",
        distribution="host-only",
        agenda=[
            {
                "kind": "joint-observation",
                "starts": "10:15",
                "title": "Y4 reading",
                "reviewer_id": None,
                "host_colleague_id": people["Bernadette Quinn"],
            }
        ],
    ).id


def _type_note(qtbot, cap, text: str) -> None:  # type: ignore[no-untyped-def]
    cap.entry.setFocus()
    qtbot.keyClicks(cap.entry, text)
    qtbot.keyClick(cap.entry, Qt.Key.Key_Return)
    settle(qtbot)


def _author_of(workspace, review_id: str, text: str) -> str:  # type: ignore[no-untyped-def]
    return next(n.author for n in workspace.review_detail(review_id).notes if n.text == text)


def test_a_visitors_note_in_a_joint_observation_is_the_visitors_and_alt_b_changes_it(
    window, qtbot, workspace
) -> None:  # type: ignore[no-untyped-def]
    review = _joint_with_the_host_colleague_only(workspace)
    people = _people(workspace)
    workspace.set_site("137451", "Marcus Lowe", people["Marcus Lowe"])  # this laptop is Marcus's
    cap = open_review(window, qtbot, review)
    cap.agenda.setCurrentRow(0)
    assert cap.author.currentText() == "Marcus Lowe (you)"
    _type_note(qtbot, cap, "Pupils chose their own books from the class library")
    assert (
        _author_of(workspace, review, "Pupils chose their own books from the class library")
        == "Marcus Lowe"
    )
    qtbot.keyClick(
        cap.entry, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier
    )  # the host colleague's note
    assert cap.author.currentText() == "Bernadette Quinn"
    _type_note(qtbot, cap, "Two readers were not heard in the guided group")
    assert (
        _author_of(workspace, review, "Two readers were not heard in the guided group")
        == "Bernadette Quinn"
    )
    assert any(
        "Two readers" in cap.partner_notes.item(i).text() for i in range(cap.partner_notes.count())
    )
    assert any("class library" in cap.notes.item(i).text() for i in range(cap.notes.count()))
    qtbot.keyClick(cap.entry, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # and back
    assert cap.author.currentText() == "Marcus Lowe (you)"


def test_without_a_laptop_person_the_visiting_writer_is_the_default(
    window, qtbot, workspace
) -> None:  # type: ignore[no-untyped-def]
    review = _joint_with_the_host_colleague_only(workspace)
    cap = open_review(window, qtbot, review)
    cap.agenda.setCurrentRow(0)
    assert [cap.author.itemText(i) for i in range(cap.author.count())] == [
        "Nadia Rahman",
        "Bernadette Quinn",
    ]
    _type_note(qtbot, cap, "Book talk was lively")
    assert _author_of(workspace, review, "Book talk was lively") == "Nadia Rahman"


def _answer(kind, act) -> None:  # type: ignore[no-untyped-def]
    answer_next(kind, act)


def test_ctrl_r_from_home_chooses_the_review_and_signs_its_report(
    window, qtbot, workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    workspace.create_identity(
        "Rob Ellis", "rob.ellis@blackwater.example", "137450", None
    )  # the keychain holds the key
    out = tmp_path / "colne-valley.pdf"
    chosen: list[str | None] = []

    def choose(dialog: ChooseReviewDialog) -> None:
        qtbot.keyClicks(dialog.filter, "colne nov")  # not the follow-up visit in March
        chosen.append(dialog.chosen())
        # The checklist before signing: its one warning (a co-reviewer has not signed).
        _answer(SignOffDialog, lambda d: d.sign.click())
        _answer(
            QFileDialog,
            lambda d: (d.findChild(QLineEdit, "fileNameEdit").setText(str(out)), d.accept()),
        )
        dialog.accept()

    _answer(ChooseReviewDialog, choose)
    window.home.upcoming.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(chosen), timeout=5000)
    assert chosen == [TECH]
    done: list[str] = []
    _answer(
        QMessageBox,
        lambda box: (done.append(box.text()), box.button(QMessageBox.StandardButton.No).click()),
    )
    qtbot.waitUntil(lambda: bool(done), timeout=60_000)
    assert str(out) in done[0] and "signed by Rob Ellis" in done[0]
    result = workspace.verify_pdf(out)
    assert result["ok"] and [s["signer"] for s in result["signatures"]] == ["Rob Ellis"]


def test_ctrl_e_and_ctrl_i_work_in_the_statement_editor(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = open_write_up(window, qtbot, TECH)
    page.statements.setCurrentRow(0)
    calls: list[str] = []
    monkeypatch.setattr(window.files, "export_package_dialog", lambda: calls.append("export"))
    monkeypatch.setattr(window.files, "import_package_dialog", lambda: calls.append("import"))
    page.editor.setFocus()
    assert page.editor.hasFocus()
    qtbot.keyClick(page.editor, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.editor, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert calls == ["export", "import"]

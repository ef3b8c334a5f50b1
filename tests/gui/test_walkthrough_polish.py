"""Rough edges from a headteacher's two-laptop walkthrough, each through the real window:
Review day's joint observation shows the two columns its hint speaks of before anyone has
written; Write-up's Comments tab follows the writer's amendment of the chosen statement.
Screenshots (1280x720) go to $PEERWALK_SHOTS when it is set."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.services.demo import demo_id
from tests.gui.helpers import ANSWERED, modal_dialog, open_review, open_write_up, poll, pump, settle

TECH = demo_id("review", "tech")
TEACHING = "Quality of teaching, learning and assessment"


def shot(widget: QWidget, name: str) -> None:
    """A 1280x720 picture of ``widget``'s window, to look at (only when asked for)."""
    folder = os.environ.get("PEERWALK_SHOTS")
    if folder:
        window = widget.window()
        window.resize(1280, 720)
        pump(50)
        window.grab().save(str(Path(folder) / f"{name}.png"))


def _joint(workspace: Any, host_colleague: str | None) -> str:
    people = {p.name: p.id for p in workspace.people()}
    return str(
        workspace.plan_review(
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
                    "reviewer_id": people["Nadia Rahman"],
                    "host_colleague_id": people[host_colleague] if host_colleague else None,
                }
            ],
        ).id
    )


def _rows(lst: Any) -> list[str]:
    return [lst.item(i).text() for i in range(lst.count())]


def test_a_joint_observation_shows_both_columns_before_the_host_colleague_writes(
    window, qtbot, workspace
) -> None:  # type: ignore[no-untyped-def]
    cap = open_review(window, qtbot, _joint(workspace, "Bernadette Quinn"))
    cap.agenda.setCurrentRow(0)
    assert "side by side" in cap.hint.text()
    assert cap.partner_notes.isVisibleTo(window) and cap.partner_label.isVisibleTo(window)
    assert cap.partner_label.text() == "Notes by Bernadette Quinn (host colleague)"
    (waiting,) = _rows(cap.partner_notes)
    assert waiting.startswith("No notes by Bernadette Quinn yet.")
    assert not cap.partner_notes.item(0).flags() & Qt.ItemFlag.ItemIsSelectable
    shot(cap, "joint-observation-empty")
    # Her first note replaces the line; a visitor's note stays in the visitors' column.
    qtbot.keyClick(cap.entry, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert cap.author.currentText() == "Bernadette Quinn"
    cap.entry.setFocus()
    qtbot.keyClicks(cap.entry, "Two readers were not heard in the guided group")
    qtbot.keyClick(cap.entry, Qt.Key.Key_Return)
    settle(qtbot)
    (first,) = _rows(cap.partner_notes)
    assert "Two readers were not heard" in first
    assert not any("Two readers" in r for r in _rows(cap.notes))
    shot(cap, "joint-observation-first-note")


def test_a_joint_observation_without_a_host_colleague_says_where_to_name_one(
    window, qtbot, workspace
) -> None:  # type: ignore[no-untyped-def]
    cap = open_review(window, qtbot, _joint(workspace, None))
    cap.agenda.setCurrentRow(0)
    assert cap.partner_notes.isVisibleTo(window)
    assert cap.partner_label.text() == "The host colleague's notes"
    (waiting,) = _rows(cap.partner_notes)
    assert waiting.startswith("No host colleague is named for this observation: name one on Plan")
    cap.entry.setFocus()
    qtbot.keyClicks(cap.entry, "Book talk was lively")  # an authorless-colleague note: visitors'
    qtbot.keyClick(cap.entry, Qt.Key.Key_Return)
    settle(qtbot)
    assert any("Book talk was lively" in r for r in _rows(cap.notes))
    assert len(_rows(cap.partner_notes)) == 1


def test_the_comments_tab_shows_the_statement_as_just_amended(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = open_write_up(window, qtbot, TECH)
    index = next(i for i in range(page.focus.count()) if TEACHING in page.focus.itemText(i))
    page.focus.setCurrentIndex(index)
    pump(20)
    settle(qtbot)
    statement = page.findings()[0]
    row = next(
        i
        for i in range(page.statements.count())
        if page.statements.item(i).data(Qt.ItemDataRole.UserRole) == statement.id
    )
    page.statements.setCurrentRow(row)
    pump(20)
    settle(qtbot)
    side = page.side
    side.tabs.setCurrentWidget(side.comments)
    assert statement.text[:40] in side.comments.about.text()
    page.editor.setFocus()
    page.editor.selectAll()
    qtbot.keyClicks(page.editor, "Teachers, led since September by a reading lead, plan well.")
    page.save_statement()
    settle(qtbot)
    pump(20)
    about = side.comments.about.text()
    assert "led since September by a reading lead, plan well." in about
    assert statement.text[:40] not in about
    shot(page, "comments-follow-the-amendment")


def _school_laptop(root: Path, name: str, school: str) -> Any:
    """A laptop holding only its own school: the partner's school is not on it yet."""
    from app.models import School
    from tests.sync.laptops import Laptop

    return Laptop(
        root,
        name,
        school,
        demo=False,
        setup=lambda s: s.add(School(id=school, name="Ysgol Hiraeth")),
    )


def _trust_question(qtbot: Any, window: Any, package: Path) -> str:
    """Import ``package`` in the window and answer No to the trust question; its words."""
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []
    defaults: list[bool] = []  # was No the default button (what Enter presses)?

    others: list[str] = []  # any other message box: closed and noted, so the test says why
    done: list[bool] = []  # stops the polling when this call is over (never leaks into the next)

    def answer() -> bool:
        if done:
            return True
        box = modal_dialog()
        if not isinstance(box, QMessageBox) or box.property(ANSWERED):
            return False
        box.setProperty(ANSWERED, True)
        no = box.button(QMessageBox.StandardButton.No)
        if no is None:  # not the trust question
            others.append(box.text())
            box.accept()
            return False
        asked.append(box.text())
        defaults.append(box.defaultButton() is box.button(QMessageBox.StandardButton.No))
        folder = os.environ.get("PEERWALK_SHOTS")
        if folder:  # the question over the window, as the head sees it
            window.resize(1280, 720)
            picture = window.grab()
            painter = QPainter(picture)
            dialog = box.grab()
            painter.drawPixmap((1280 - dialog.width()) // 2, (720 - dialog.height()) // 3, dialog)
            painter.end()
            picture.save(str(Path(folder) / f"trust-{package.stem}.png"))
        no.click()
        return True

    poll(answer)
    window.files.import_package(package)
    try:
        qtbot.waitUntil(lambda: bool(asked) or bool(others), timeout=30_000)
        settle(qtbot)
    finally:
        done.append(True)
    assert others == [], f"another message instead of the trust question: {others}"
    assert defaults == [True]  # Enter does not trust a stranger
    return asked[0]


def test_the_trust_question_names_a_school_this_laptop_does_not_hold(
    qtbot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from app.services.workspace import Workspace
    from app.ui.main_window import MainWindow
    from tests.gui.conftest import TODAY
    from tests.sync.laptops import Laptop

    monkeypatch.setenv("PEERWALK_TODAY", TODAY.isoformat())
    claire = Laptop(tmp_path, "Claire Goodwin", "137451")
    trevor = _school_laptop(tmp_path, "Trevor Mayhew", "137452")
    package = claire.export_for(trevor)
    claire.close()
    trevor.close()
    old = tmp_path / "v1-rob-to-trevor.peerwalk"  # a package made before names travelled
    old.write_bytes((Path(__file__).parents[1] / "data" / "v1-rob-to-trevor.peerwalk").read_bytes())
    ws = Workspace(trevor.dir)
    w = MainWindow(ws, today=TODAY)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    settle(qtbot)
    before = ws.schools()
    said = _trust_question(qtbot, w, package)
    assert (
        "This package is from Claire Goodwin (Colne Valley High School, school 137451, not "
        "yet on this laptop), whom this laptop has not trusted before" in said
    ), said
    assert "(137451)" not in said
    said = _trust_question(qtbot, w, old)
    assert "This package is from Rob Ellis (school 137450, not yet on this laptop)" in said, said
    assert ws.schools() == before  # answered No: nothing was imported, nor trusted
    settle(qtbot)
    w.close()
    ws.close()


def _home_rows(window: Any) -> tuple[list[str], list[str]]:
    home = window.home
    home.refresh()
    settle(None)
    return _rows(home.to_check.list), _rows(home.drafts)


def test_home_on_the_hosts_laptop_lists_a_draft_to_check_not_one_being_written(
    window, qtbot, workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Rob (Blackwater, 137450) makes the Technology draft for Colne Valley (137451): on Colne
    Valley's laptop Home lists it to check and Enter opens Write-up at its Comments; on the
    writer's laptop it stays a draft being written (accuracy check)."""
    workspace.set_site("137450", "", demo_id("person", "rob"))
    workspace.produce_draft(TECH, tmp_path / "draft.pdf")
    title = workspace.review_detail(TECH).title
    to_check, drafts = _home_rows(window)
    assert to_check == [] and window.home.to_check.isHidden()
    assert any("Colne Valley High School" in r and "(accuracy check)" in r for r in drafts)

    workspace.set_site("137451", "", demo_id("person", "claire"))  # the host's laptop
    to_check, drafts = _home_rows(window)
    assert to_check == [
        f"Draft to check for factual accuracy: {title} — sent 24 Nov 2026\n"
        "Visit 12 Nov 2026 · Enter opens it with its Comments"
    ]
    assert window.home.to_check.isVisibleTo(window)
    assert not any("Colne Valley High School" in r for r in drafts)
    shot(window.home, "home-draft-to-check")
    lst = window.home.to_check.list
    lst.setFocus()
    lst.setCurrentRow(0)
    assert window.home.chosen_review() == TECH
    page = window.writeup
    with qtbot.waitSignal(page.loaded, timeout=10_000, check_params_cb=lambda rid: rid == TECH):
        qtbot.keyClick(lst, Qt.Key.Key_Return)
    settle(qtbot)
    assert window.stack.currentWidget() is page
    assert page.review is not None and page.review.id == TECH
    assert page.side.tabs.currentWidget() is page.side.comments
    # The first statement is chosen, so the head can comment on it at once.
    qtbot.waitUntil(lambda: page.statements.currentRow() == 0, timeout=10_000)
    assert "Choose a statement" not in page.side.comments.about.text()
    shot(page, "draft-to-check-opens-comments")

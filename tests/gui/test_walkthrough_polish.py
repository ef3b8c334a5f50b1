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
from tests.gui.helpers import open_review, open_write_up, pump, settle

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

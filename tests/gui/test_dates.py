"""Dates in the window: a date field stores exactly the day typed, or says in red why not and
stores nothing; every date is shown en-GB ("12 Nov 2026"); the visiting team never includes the
host's own staff. The real MainWindow on the demo network, today pinned to 24 Nov 2026
(tests/gui/conftest.py), so no test depends on the day it runs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.services.demo import demo_id
from tests.conftest import db_fingerprint
from tests.gui.helpers import open_write_up, settle

TECH = demo_id("review", "tech")  # Colne Valley High School, 12 Nov 2026
HOST = "105522"  # St Aidan's RC Primary School


def _plan_page(window: Any, qtbot: Any) -> Any:
    """Plan with everything but the date filled in: St Aidan's, one focus, two visitors."""
    window.nav.setCurrentRow(1)
    plan = window.plan
    settle(qtbot)
    plan.host.setCurrentIndex(plan.host.findData(HOST))
    plan.focus.item(0).setCheckState(Qt.CheckState.Checked)
    for i in range(plan.reviewers.count()):
        if plan.reviewers.item(i).text().split(" — ")[0] in ("Nadia Rahman", "Marcus Lowe"):
            plan.reviewers.item(i).setCheckState(Qt.CheckState.Checked)
    return plan


def _planned_at_host(workspace: Any) -> list[Any]:
    return [r for r in workspace.list_reviews() if r.host_school_id == HOST]


BAD_VISIT_DATES = [
    ("2027-02-30", "There is no 30 February 2027."),
    ("31/06/2027", "There is no 31 June 2027."),
    ("12 13 2026", "There is no month 13"),
    ("4/3/27", "Write the year of the visit date '4/3/27' in full"),
    ("March 4 2027", "is not a date; write it as 12 Nov 2026, 12/11/2026 or 2026-11-12"),
    ("next Tuesday", "is not a date"),
    ("", "Type the visit date"),
    # real days the services refuse: more than two years from today (24 Nov 2026)
    ("1999-03-04", "more than two years from today; choose a date from 24 Nov 2024 to 24 Nov 2028"),
    ("25 Nov 2028", "A visit on 25 Nov 2028 is more than two years from today"),
]


@pytest.mark.parametrize(("typed", "sentence"), BAD_VISIT_DATES)
def test_a_bad_visit_date_is_refused_in_red_and_nothing_is_stored(  # type: ignore[no-untyped-def]
    window, qtbot, workspace, data_dir, typed: str, sentence: str
) -> None:
    plan = _plan_page(window, qtbot)
    settle(qtbot)
    before = db_fingerprint(data_dir)
    qtbot.keyClicks(plan.date.edit, typed)
    qtbot.mouseClick(plan.plan, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert sentence in plan.date.error()
    assert plan.date.note.text() == plan.date.error()  # shown beside the field
    assert "color: #" in plan.date.note.styleSheet()  # in red
    assert plan.date.read_back() == ""
    assert db_fingerprint(data_dir) == before and _planned_at_host(workspace) == []
    assert window.stack.currentWidget() is plan  # still on Plan, the typing kept
    assert plan.date.edit.text() == typed


@pytest.mark.parametrize(
    ("typed", "stored", "read_back"),
    [
        ("2027-03-04", "2027-03-04", "Thursday 4 Mar 2027"),  # once stored as 2026-03-04
        ("4/3/2027", "2027-03-04", "Thursday 4 Mar 2027"),  # day first, as in the UK
        ("30 06 2027", "2027-06-30", "Wednesday 30 Jun 2027"),
        ("24 nov 2028", "2028-11-24", "Friday 24 Nov 2028"),  # the last day allowed
    ],
)
def test_a_visit_date_is_stored_exactly_as_typed(  # type: ignore[no-untyped-def]
    window, qtbot, workspace, typed: str, stored: str, read_back: str
) -> None:
    plan = _plan_page(window, qtbot)
    qtbot.keyClicks(plan.date.edit, typed)
    assert plan.date.read_back() == read_back  # said back before anything is saved
    with qtbot.waitSignal(window.capture.loaded, timeout=10_000):
        qtbot.mouseClick(plan.plan, Qt.MouseButton.LeftButton)
    settle(qtbot)
    [review] = _planned_at_host(workspace)
    assert (review.start_date, review.end_date) == (stored, stored)


def test_a_half_typed_date_is_not_yet_an_error(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    plan = _plan_page(window, qtbot)
    qtbot.keyClicks(plan.date.edit, "4 Ma")
    assert plan.date.error() == "" and plan.date.note.text() == ""
    qtbot.keyClicks(plan.date.edit, "r 2027")
    assert plan.date.read_back() == "Thursday 4 Mar 2027"
    plan.date.edit.setFocus()
    qtbot.keyClicks(plan.date.edit, "x")  # "4 Mar 2027x", then leaving the field
    plan.date.edit.editingFinished.emit()
    assert "is not a date" in plan.date.error()


BAD_DUE_DATES = [
    ("2027-06-31", "There is no 31 June 2027."),
    ("30/02/2027", "There is no 30 February 2027."),
    ("1/2/27", "Write the year of the due date '1/2/27' in full"),
    ("soon", "The due date 'soon' is not a date"),
    ("", "Type the due date"),
    # a real day the services refuse: before the visit (12 Nov 2026)
    ("11 Nov 2026", "cannot be due on 11 Nov 2026, before the visit on 12 Nov 2026"),
]


@pytest.mark.parametrize(("typed", "sentence"), BAD_DUE_DATES)
def test_a_bad_due_date_is_refused_in_red_and_nothing_is_stored(  # type: ignore[no-untyped-def]
    window, qtbot, workspace, data_dir, typed: str, sentence: str
) -> None:
    page = open_write_up(window, qtbot, TECH)
    actions = len(workspace.review_detail(TECH).actions)
    before = db_fingerprint(data_dir)
    qtbot.keyClicks(page.next_text, "Share the hinge lesson with the triad")
    qtbot.keyClicks(page.next_due.edit, typed)
    qtbot.mouseClick(page.add_next, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert sentence in page.next_due.error()
    assert page.next_due.note.text() == page.next_due.error()
    assert db_fingerprint(data_dir) == before
    assert len(workspace.review_detail(TECH).actions) == actions
    assert page.next_text.text() == "Share the hinge lesson with the triad"  # nothing lost


def test_a_due_date_is_stored_exactly_and_shown_en_gb(window, qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    page = open_write_up(window, qtbot, TECH)
    qtbot.keyClicks(page.next_text, "Share the hinge lesson with the triad")
    qtbot.keyClicks(page.next_due.edit, "30 06 2027")  # once stored as 1 June
    assert page.next_due.read_back() == "Wednesday 30 Jun 2027"
    qtbot.mouseClick(page.add_next, Qt.MouseButton.LeftButton)
    settle(qtbot)
    [action] = [
        a
        for a in workspace.review_detail(TECH).actions
        if a.text == "Share the hinge lesson with the triad"
    ]
    assert action.due == "2027-06-30"
    preview = page.preview.toPlainText()
    assert "30 Jun 2027" in preview and "2027-06-30" not in preview
    assert "15 Jan 2027" in preview  # the demo's own next steps too


def test_the_window_shows_dates_en_gb(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    home = window.home
    upcoming = [home.upcoming.item(i).text() for i in range(home.upcoming.count())]
    assert any(t.startswith("9 Dec 2026  Medlock Primary School") for t in upcoming), upcoming
    actions = [home.actions.item(i).text() for i in range(home.actions.count())]
    assert any(t.startswith("5 Feb 2027  Triad moderation afternoon") for t in actions), actions
    page = open_write_up(window, qtbot, TECH)
    assert page.review_box.currentText().startswith("12 Nov 2026  Colne Valley High School")
    window.nav.setCurrentRow(4)
    qtbot.keyClicks(window.search.box, "co-constructed")
    qtbot.waitUntil(lambda: window.search.results.count() > 0, timeout=10_000)
    assert "· 15 Oct 2026" in window.search.results.item(0).text()
    everything = "\n".join(
        [*upcoming, *actions, window.search.results.item(0).text(), page.preview.toPlainText()]
    )
    assert not any(f"{y}-" in everything for y in ("2026", "2027"))  # no ISO date reaches a person


def test_the_visiting_team_is_never_the_hosts_own_staff(  # type: ignore[no-untyped-def]
    window, qtbot, workspace, data_dir, monkeypatch
) -> None:
    plan = _plan_page(window, qtbot)
    offered = {plan.reviewers.item(i).text().split(" — ")[0] for i in range(plan.reviewers.count())}
    assert "Bernadette Quinn" not in offered and "Aoife Byrne" not in offered  # St Aidan's own
    assert "Nadia Rahman" in offered
    # a chooser read before a person's school was known (a list gone stale) still cannot
    # put the host's staff on the team: the service refuses it with one sentence
    quinn = next(p for p in plan._people if p.name == "Bernadette Quinn")
    plan._people = [replace(p, school_id="elsewhere") if p is quinn else p for p in plan._people]
    plan._on_host_changed()
    for i in range(plan.reviewers.count()):
        if plan.reviewers.item(i).text().startswith("Bernadette Quinn"):
            plan.reviewers.item(i).setCheckState(Qt.CheckState.Checked)
    said: list[str] = []
    monkeypatch.setattr(
        "app.ui.errors.QMessageBox.warning", lambda _parent, _title, text: said.append(text)
    )
    before = db_fingerprint(data_dir)
    qtbot.keyClicks(plan.date.edit, "8 Dec 2026")
    qtbot.mouseClick(plan.plan, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert len(said) == 1 and "\n" not in said[0]
    assert (
        "Bernadette Quinn works at St Aidan's RC Primary School, the school being reviewed"
        in (said[0])
    )
    assert db_fingerprint(data_dir) == before and _planned_at_host(workspace) == []
    assert date(2026, 12, 8).isoformat() not in str(workspace.list_reviews())

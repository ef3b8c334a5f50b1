"""Planning a visit opens it on Review day, even when another review was open there: the
plan's own broadcast used to reload Review day on the review it was showing, overtaking the
new visit's load (a headteacher saw last month's review after "Visit planned.")."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from app.services.demo import demo_id
from tests.gui.helpers import open_review, settle

TECH = demo_id("review", "tech")


def test_planning_opens_the_new_visit_on_review_day(qtbot: Any, window: Any) -> None:
    open_review(window, qtbot, TECH)  # a review already open on Review day
    page = window.plan
    window.nav.setCurrentRow(1)
    qtbot.waitUntil(lambda: page.host.count() > 0 and page.framework.count() > 0)
    page.host.setCurrentIndex(page.host.findData("137451"))
    page.set_visit_date(date(2026, 12, 15))
    page.framework.setCurrentIndex(page.framework.findData("developmental"))
    page.focus.item(0).setCheckState(Qt.CheckState.Checked)
    page.reviewers.item(0).setCheckState(Qt.CheckState.Checked)  # a team of one, who writes
    before = {r.id for r in window.workspace.list_reviews()}
    qtbot.mouseClick(page.plan, Qt.MouseButton.LeftButton)
    settle(qtbot)
    (new,) = {r.id for r in window.workspace.list_reviews()} - before
    settle(qtbot)
    assert window.nav.currentRow() == 2
    assert window.capture.review_box.currentData() == new
    assert window.capture.review is not None and window.capture.review.id == new

"""A follow-up's Write-up on a 1280x720 laptop: the right-hand column holds two boxes, not
three. "From our last visit" and the school's own view share the top box as two tabs, so each
has room to be read (stacked with the preview's tabs, the school's view was a heading and two
lines at 720 pixels); a review that follows none keeps the school's view alone, no tab bar."""

from __future__ import annotations

from typing import Any

from app.services.demo import demo_id
from tests.gui.helpers import open_write_up, settle

FOLLOW = demo_id("review", "tech-follow")  # follows the Technology review of 12 Nov 2026
RODNEY = demo_id("review", "mcr-rodney")  # follows no earlier review


def _lines(widget: Any) -> float:
    return float(widget.height()) / widget.fontMetrics().lineSpacing()


def test_a_follow_ups_last_visit_and_the_schools_view_each_have_room_at_720(
    window: Any, qtbot: Any
) -> None:
    window.resize(1280, 720)
    settle(qtbot)
    page = open_write_up(window, qtbot, FOLLOW)
    page.focus.setCurrentIndex(page.focus.findText("Impact of new initiatives"))
    settle(qtbot)
    side = page.side
    assert page.last_visit.isVisible()  # chosen first: "Our view now" is work to do
    assert _lines(page.last_visit) >= 12
    context = getattr(side, "context", None)  # (before: stacked below the last visit, no tab)
    if context is not None:
        context.setCurrentWidget(side.view)  # the other tab: the school's own view
    settle(qtbot)
    assert side.view.has_view
    assert side.view.text.isVisible() and _lines(side.view.text) >= 10
    assert side.tabs.isVisible() and _lines(side.tabs) >= 10  # the preview keeps its room


def test_a_review_that_follows_none_shows_the_schools_view_without_tabs(
    window: Any, qtbot: Any
) -> None:
    window.resize(1280, 720)
    page = open_write_up(window, qtbot, FOLLOW)
    page = open_write_up(window, qtbot, RODNEY)
    side = page.side
    assert not page.last_visit.isVisible()
    assert not side.context.tabBar().isVisible()
    assert side.view.isVisible() and side.view.title.isVisible()

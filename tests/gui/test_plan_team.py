"""Plan's visiting team with many people to choose from: the line above the list names the team
as it is ticked ("Team: … (lead), …"), ticking by keyboard moves no row, and when the list is
built again (another host chosen, a planned visit opened) the ticked people come first, the
lead on top, in sight without scrolling."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from app.services.demo import demo_id
from tests.gui.helpers import settle

BLACKWATER = "137450"
MCR = demo_id("review", "mcr-plan")  # Medlock Primary's visit, planned for 9 Dec 2026
SHOTS = os.environ.get("PEERWALK_SHOTS")  # a folder to save a 1280x720 screenshot in


def _plan(window: Any, qtbot: Any) -> Any:
    window.resize(1280, 720)
    window.nav.setCurrentRow(1)
    settle(qtbot)
    return window.plan


def _rows(page: Any) -> list[str]:
    lst = page.reviewers
    return [lst.item(i).data(Qt.ItemDataRole.UserRole) for i in range(lst.count())]


def _in_sight(lst: Any, row: int) -> bool:
    return lst.viewport().rect().contains(lst.visualItemRect(lst.item(row)))


def _name(lst: Any, row: int) -> str:
    return str(lst.item(row).text().split(" — ")[0])


def test_the_team_ticked_far_down_a_long_list_stays_in_sight(
    window: Any, workspace: Any, qtbot: Any
) -> None:
    for i in range(30):  # a large network: thirty more heads at Blackwater
        workspace.add_person(f"Visiting Head {i:02}", "headteacher", BLACKWATER)
    page = _plan(window, qtbot)
    hosts = [page.host.itemData(i) for i in range(page.host.count())]
    host = next(h for h in hosts if h != BLACKWATER)
    page.host.setCurrentIndex(page.host.findData(host))
    settle(qtbot)
    lst = page.reviewers
    assert lst.count() > 30
    assert page.team_line.text() == "Team: nobody ticked yet."
    lead_row, second_row = lst.count() - 3, lst.count() - 1
    lead, second = _name(lst, lead_row), _name(lst, second_row)
    before = _rows(page)
    lst.setFocus()
    for row in (second_row, lead_row):  # ticked by keyboard, bottom one first
        lst.setCurrentRow(row)
        qtbot.keyClick(lst, Qt.Key.Key_Space)
    assert _rows(page) == before and lst.currentRow() == lead_row  # ticking moves no row
    assert page.team_line.text() == f"Team: {lead} (lead), {second}"
    assert [page.writer.itemText(i) for i in range(page.writer.count())] == [lead, second]
    other = next(h for h in hosts if h not in (BLACKWATER, host))
    page.host.setCurrentIndex(page.host.findData(other))  # the list is built again
    settle(qtbot)
    assert [_name(lst, 0), _name(lst, 1)] == [lead, second]
    assert _in_sight(lst, 0) and _in_sight(lst, 1)
    assert page.team_line.text() == f"Team: {lead} (lead), {second}"
    if SHOTS:
        lst.scrollToTop()
        window.grab().save(str(Path(SHOTS) / "plan-team.png"))


def test_a_planned_visit_opens_with_its_team_on_top_and_named(
    window: Any, workspace: Any, qtbot: Any
) -> None:
    page = _plan(window, qtbot)
    page.existing.setCurrentIndex(page.existing.findData(MCR))
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert page.editing is not None and page.editing.id == MCR
    team = list(page.editing.visitors)  # the lead first
    names = {p.id: p.name for p in workspace.people()}
    assert len(team) >= 2
    assert _rows(page)[: len(team)] == team
    lead, *others = (names[p] for p in team)
    assert page.team_line.text() == "Team: " + ", ".join([f"{lead} (lead)", *others])


def test_a_new_visit_starts_at_this_laptops_own_school(
    window: Any, workspace: Any, qtbot: Any
) -> None:
    """The receiving school chooses its focus: on Stour Vale's laptop a new visit starts at
    Stour Vale, not at whichever school comes first in the list (a visiting lead planning the
    visit chooses the school instead)."""
    page = _plan(window, qtbot)
    first = page.host.itemData(0)
    assert first != "137452"  # the control: Stour Vale is not first in the list
    workspace.set_site("137452", "Trevor Mayhew")
    page.host.setCurrentIndex(-1)  # nothing chosen yet, as on a page not filled before
    page.refresh()
    settle(qtbot)
    assert page.host.currentData() == "137452"
    page.host.setCurrentIndex(page.host.findData(first))  # chosen by hand: kept on refresh
    page.refresh()
    settle(qtbot)
    assert page.host.currentData() == first

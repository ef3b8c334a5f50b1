"""Changing a planned visit: one edit of the whole plan, all or nothing, and the edit it returns
undoes it (the plan reads back as it was); what the host decides is refused on a visiting
laptop with one sentence and nothing changed."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from app.errors import HostStaffOnTeam, NotThisSchool
from app.services.demo import demo_id
from app.services.workspace import AgendaItem, PlanEdit, PlanForm, Workspace
from tests.conftest import db_fingerprint

MCR = demo_id("review", "mcr-plan")  # Medlock (105521), 9 Dec 2026


@pytest.fixture
def ws(data_dir: Path):  # type: ignore[no-untyped-def]
    workspace = Workspace(data_dir)
    workspace.load_demo()
    yield workspace
    workspace.close()


def _comparable(form: PlanForm) -> PlanForm:
    """The plan without the ids a re-added focus area gets anew."""
    return dataclasses.replace(form, focus=tuple(dataclasses.replace(f, id="") for f in form.focus))


def test_an_edit_and_the_edit_it_returns_leave_the_plan_as_it_was(ws: Workspace) -> None:
    people = {p.name: p.id for p in ws.people()}
    before = ws.plan_form(MCR)
    welcome = before.agenda[0]
    edit = PlanEdit(
        start=date(2026, 12, 11),
        add_focus=("Attendance",),
        remove_focus=("Early reading and phonics",),
        add_reviewers=(people["Frank Doyle"],),
        remove_reviewers=(people["Nadia Rahman"],),
        writer=people["Frank Doyle"],
        remove_host_staff=(people["Tom Ashworth"],),
        add_agenda=(AgendaItem("interview", "12:00", "Governors", people["Frank Doyle"]),),
        change_agenda=(dataclasses.replace(welcome, starts="08:30", title="Hello"),),
        delete_agenda=(before.agenda[-1].id or "",),
    )
    undo = ws.edit_plan(MCR, edit).value
    after = ws.plan_form(MCR)
    assert after.start == date(2026, 12, 11) and after.writer_id == people["Frank Doyle"]
    assert [f.title for f in after.focus] == [before.focus[0].title, "Attendance"]
    assert people["Nadia Rahman"] not in after.visitors
    assert people["Tom Ashworth"] not in after.host_staff
    assert {(a.starts, a.title) for a in after.agenda} >= {
        ("08:30", "Hello"),
        ("12:00", "Governors"),
    }
    assert len(after.agenda) == len(before.agenda)
    ws.edit_plan(MCR, undo)
    again = ws.plan_form(MCR)
    assert set(again.visitors) == set(before.visitors)
    assert _comparable(dataclasses.replace(again, visitors=before.visitors)) == _comparable(before)


def test_a_visiting_laptop_may_change_the_agenda_not_the_date(
    ws: Workspace, data_dir: Path
) -> None:
    ws.set_site("105522", "Aoife Byrne")  # St Aidan's: on the visiting team
    form = ws.plan_form(MCR)
    assert form.may_write and not form.may_plan and "Medlock Primary School" in form.why
    before = db_fingerprint(data_dir)
    with pytest.raises(NotThisSchool, match="Only the host school's laptops may"):
        ws.edit_plan(
            MCR,
            PlanEdit(
                start=date(2026, 12, 10),
                change_agenda=(dataclasses.replace(form.agenda[0], starts="08:00"),),
            ),
        )
    assert db_fingerprint(data_dir) == before  # the agenda change went back with it
    ws.edit_plan(
        MCR, PlanEdit(change_agenda=(dataclasses.replace(form.agenda[0], starts="08:00"),))
    )
    assert ws.plan_form(MCR).agenda[0].starts == "08:00"


def test_the_hosts_own_staff_cannot_join_the_visiting_team(ws: Workspace, data_dir: Path) -> None:
    owen = next(p.id for p in ws.people() if p.name == "Owen Kelly")  # Medlock's head
    before = db_fingerprint(data_dir)
    with pytest.raises(HostStaffOnTeam):
        ws.edit_plan(MCR, PlanEdit(add_reviewers=(owen,)))
    assert db_fingerprint(data_dir) == before

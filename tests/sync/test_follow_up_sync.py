"""The host school's own view and its next steps' progress travel to the visiting team by
package, and are the host's alone: a visiting school's laptop that writes them anyway (round
the service) has its whole package refused by the host, with one sentence and nothing changed.
Colne Valley (host) and Blackwater (Rob Ellis, the visiting lead), real laptops."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.errors import NotThisSchool
from app.models import Action, Review, ReviewFocus
from app.services import followup
from app.services.demo import demo_id
from app.services.reviews import review_detail
from tests.conftest import assert_one_line_error, db_fingerprint, run_peerwalk
from tests.sync.laptops import Laptop

COLNE, BLACKWATER = "137451", "137450"
TECH = demo_id("review", "tech")
FOLLOW = demo_id("review", "tech-follow")
ROTATION = demo_id("action", "tech", "2")
FOCUS = "Stretch and challenge in practical lessons, particularly in Year 10"


@pytest.fixture
def pair(tmp_path: Path):  # type: ignore[no-untyped-def]
    claire = Laptop(tmp_path, "Claire Goodwin", COLNE)
    rob = Laptop(tmp_path, "Rob Ellis", BLACKWATER)
    claire.import_(rob.export_for(claire))
    rob.import_(claire.export_for(rob))
    yield claire, rob
    claire.close()
    rob.close()


def test_own_view_and_impact_travel_to_the_visiting_team(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    claire, rob = pair
    claire.do(followup.set_context, FOLLOW, "Moderation is booked for after Easter.")
    claire.do(
        followup.set_self_evaluation,
        FOLLOW,
        FOCUS,
        text="Extension tasks are in most lessons now.",
        look_at="Quick finishers in Year 10.",
    )
    claire.do(
        followup.set_action_progress, ROTATION, "done", impact="Food in Year 7 from September."
    )
    result = rob.import_(claire.export_for(rob))
    assert result["updated"].get("actions") == 1, result
    with rob.db.read() as s:
        follow = review_detail(s, FOLLOW).to_json()
        tech = review_detail(s, TECH).to_json()
    assert follow["context"] == "Moderation is booked for after Easter."
    area = next(a for a in follow["focus_areas"] if a["title"] == FOCUS)
    assert area["self_evaluation"] == "Extension tasks are in most lessons now."
    assert area["look_at"] == "Quick finishers in Year 10."
    step = next(a for a in tech["actions"] if a["id"] == ROTATION)
    assert (step["status"], step["impact"]) == ("done", "Food in Year 7 from September.")
    # Rob's own pack, from his own laptop, carries the host's words
    out = tmp_path / "pack.pdf"
    assert run_peerwalk(rob.dir, "pack", FOLLOW, "-o", str(out)).code == 0
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(out).pages))
    assert "Extension tasks are in most lessons now." in text
    assert "Food in Year 7 from September." in text


def test_the_visiting_laptop_is_refused_when_typing(pair) -> None:  # type: ignore[no-untyped-def]
    _, rob = pair
    with pytest.raises(NotThisSchool):
        rob.do(followup.set_self_evaluation, FOLLOW, FOCUS, text="x")
    with pytest.raises(NotThisSchool):
        rob.do(followup.set_action_progress, ROTATION, "done")
    with pytest.raises(NotThisSchool):
        rob.do(followup.set_context, FOLLOW, "x")


def _sef(s, text: str) -> None:  # type: ignore[no-untyped-def]
    area = next(a for a in s.query(ReviewFocus).filter_by(review_id=FOLLOW) if a.title == FOCUS)
    area.self_evaluation = text


def _done(s) -> None:  # type: ignore[no-untyped-def]
    s.get(Action, ROTATION).status = "done"


def _context(s) -> None:  # type: ignore[no-untyped-def]
    s.get(Review, FOLLOW).context = "Written by a visitor"


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda s: _sef(s, "Written by a visitor"), "write the self-evaluation"),
        (_done, "mark the next steps done"),
        (_context, "context"),
    ],
)
def test_a_visiting_school_cannot_write_the_hosts_own_view(
    pair, tmp_path: Path, change, fragment: str
) -> None:  # type: ignore[no-untyped-def]
    claire, rob = pair
    rob.do(change)  # round the service, as a misbehaving laptop would
    package = rob.export_for(claire)
    claire.close()  # the real program imports on Claire's data folder
    before = db_fingerprint(claire.dir)
    result = run_peerwalk(claire.dir, "import", str(package))
    assert_one_line_error(result, "Rob Ellis", fragment, "host school")
    assert db_fingerprint(claire.dir) == before


def test_a_visitors_ordinary_write_up_still_travels(pair) -> None:  # type: ignore[no-untyped-def]
    """The control for the refusals above: the team's view now of an earlier EBI is theirs."""
    claire, rob = pair
    fid = rob.do(
        followup.record_view_now,
        FOLLOW,
        demo_id("finding", "tech", "3"),
        text="Quick finishers were moved on.",
    )
    claire.import_(rob.export_for(claire))
    with claire.db.read() as s:
        last = review_detail(s, FOLLOW).to_json()["since_last_visit"]
    stretch = next(e for e in last["ebis"] if e["id"] == demo_id("finding", "tech", "3"))
    assert stretch["view_now"] == [{"kind": "www", "text": "Quick finishers were moved on."}]
    assert fid


def test_demo_follow_up_links_and_progress(tmp_path: Path) -> None:
    lap = Laptop(tmp_path, "Claire Goodwin", COLNE, clock=lambda: datetime(2026, 11, 20, 9))
    with lap.db.read() as s:
        last = review_detail(s, FOLLOW).to_json()["since_last_visit"]
    lap.close()
    assert last["review_id"] == TECH
    steps = [a for e in last["ebis"] for a in e["actions"]] + last["other_actions"]
    assert sorted(a["status"] for a in steps) == ["done", "done", "in-progress", "open"]
    assert all(a["impact"] for a in steps if a["status"] == "done")


def test_a_visiting_lead_plans_a_follow_up_that_the_host_accepts(pair) -> None:  # type: ignore[no-untyped-def]
    """The link is part of the plan's first version: the host takes it with the plan."""
    from datetime import date

    from app.services.reviews import plan_review

    claire, rob = pair
    new = rob.do(
        plan_review,
        host=COLNE,
        start=date(2027, 6, 9),
        focus=["Impact of new initiatives"],
        reviewers=["Rob Ellis"],
        today=date(2026, 11, 20),
    )
    claire.import_(rob.export_for(claire))
    with claire.db.read() as s:
        detail = review_detail(s, new).to_json()
    assert detail["follows_id"] == FOLLOW
    assert detail["since_last_visit"]["review_id"] == FOLLOW

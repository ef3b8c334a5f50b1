"""Home's first paint (plain sqlite3, lists cut in SQL) shows what the full read shows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.services.demo import demo_id
from app.services.quick import first_screen
from app.services.workspace import Workspace


@pytest.mark.parametrize(
    "today", [date(2026, 11, 24), date(2025, 1, 1), date(2027, 2, 20), date(2030, 1, 1)]
)
def test_first_paint_matches_the_full_read(data_dir: Path, today: date) -> None:
    ws = Workspace(data_dir)
    ws.load_demo()
    full = ws.home(today)
    ws.close()
    quick = first_screen(data_dir / "peerwalk.db", today, limit=1)
    assert quick["upcoming"] == full["upcoming"][:2] and quick["drafts"] == full["drafts"][:2]
    assert quick["upcoming_count"] == len(full["upcoming"]) and quick["drafts_count"] == len(
        full["drafts"]
    )
    assert quick["recent"] == full["recent"] and quick["actions"] == full["actions"]
    assert quick["total"] == full["total"] and quick["networks"] == full["networks"]
    assert quick["due"] == full["due"] and quick["to_check"] == full["to_check"]


def test_due_lists_the_next_two_weeks_and_the_overdue(data_dir: Path) -> None:
    """20 Feb 2027: Bro Ŵyr's yard games (31 Jan) and Colne Valley's moderation (5 Feb, in
    progress) are overdue, 'Amser ymateb' (28 Feb) is due within 14 days; the March ones and
    those done are not listed."""
    ws = Workspace(data_dir)
    ws.load_demo()
    ws.close()
    due = first_screen(data_dir / "peerwalk.db", date(2027, 2, 20))["due"]
    assert [a["due"] for a in due] == ["2027-01-31", "2027-02-05", "2027-02-28"]
    assert due[1]["status"] == "in-progress" and due[1]["school"] == "Colne Valley High School"
    assert first_screen(data_dir / "peerwalk.db", date(2027, 2, 13))["due"][-1]["due"] == (
        "2027-02-05"
    )


def test_a_draft_sent_to_this_laptops_school_is_to_check_not_being_written(
    data_dir: Path,
) -> None:
    """The Technology draft made by its writer (Blackwater, 137450) for Colne Valley (137451):
    on the host's laptop it is a draft to check, with the day it was sent, and not a draft
    being written; on the writer's laptop it is still one being written. The first paint and
    the full read agree on both laptops."""
    tech = demo_id("review", "tech")
    ws = Workspace(data_dir)
    ws.load_demo()
    ws.set_site("137450", "", demo_id("person", "rob"))
    ws.produce_draft(tech, data_dir / "draft.pdf")
    today = date(2026, 11, 24)
    for school, checking in (("137450", False), ("137451", True)):
        ws.set_site(school)
        full = ws.home(today)
        quick = first_screen(data_dir / "peerwalk.db", today, limit=1)
        assert quick["to_check"] == full["to_check"]
        assert quick["drafts"] == full["drafts"][:2]
        assert quick["drafts_count"] == len(full["drafts"])
        drafts = [r["id"] for r in full["drafts"]]
        if checking:
            (row,) = full["to_check"]
            assert row["id"] == tech and row["status"] == "accuracy-check"
            assert date.fromisoformat(str(row["sent"])[:10])  # the day the draft was made
            assert tech not in drafts
        else:
            assert full["to_check"] == [] and tech in drafts
    ws.close()

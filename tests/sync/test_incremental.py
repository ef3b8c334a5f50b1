"""Incremental export: what a school's laptops have said they hold is left out, and nothing
that one of its laptops lacks."""

from __future__ import annotations

from pathlib import Path

from app.services.capture import add_note
from app.services.demo import demo_id
from tests.sync.laptops import Laptop

TECH = demo_id("review", "tech")


def _count(laptop: Laptop, text: str) -> int:
    return sum(text in str(r) for r in laptop.dump()["notes"])


def test_acknowledged_batches_are_left_out_and_lost_packages_resent(tmp_path: Path) -> None:
    rob = Laptop(tmp_path, "Rob Ellis", "137450")
    trevor = Laptop(tmp_path, "Trevor Mayhew", "137452")
    rob.do(
        add_note,
        TECH,
        focus="Quality",
        kind="strength",
        text="Seen on Monday",
        activity="learning-walk",
    )
    lost = rob.export_for(trevor)  # never arrives
    again = rob.export_for(trevor)  # nothing acknowledged yet: sent again, in full
    assert again.stat().st_size > 0.5 * lost.stat().st_size
    trevor.import_(again)
    rob.import_(trevor.export_for(rob))  # Trevor's package says what he holds
    small = rob.export_for(trevor)
    assert small.stat().st_size < 0.2 * again.stat().st_size
    assert trevor.import_(small)["new_changes"] == 0


def test_a_second_laptop_of_the_same_school_still_gets_what_it_lacks(tmp_path: Path) -> None:
    rob = Laptop(tmp_path, "Rob Ellis", "137450")
    trevor = Laptop(tmp_path, "Trevor Mayhew", "137452")
    tess = Laptop(tmp_path, "Tess Deputy", "137452")  # Trevor's deputy: same school, own laptop
    rob.do(
        add_note,
        TECH,
        focus="Quality",
        kind="strength",
        text="Seen on Tuesday",
        activity="learning-walk",
    )
    trevor.import_(rob.export_for(trevor))
    rob.import_(trevor.export_for(rob))
    rob.import_(tess.export_for(rob))  # Tess has not had Rob's package
    for_school = rob.export_for(tess)  # incremental, for school 137452
    tess.import_(for_school)
    assert _count(tess, "Seen on Tuesday") == 1

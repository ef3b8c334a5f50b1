"""Links made on two laptops merge into one; deletions travel and are not undone by a late
edit; a deleted record's late edit is kept (nothing typed is lost) but does not bring it back."""

from __future__ import annotations

from pathlib import Path

from app.services import exchange
from app.services.capture import add_note
from app.services.demo import demo_id
from app.services.writeup import delete_finding, edit_finding, link_evidence, unlink_evidence
from tests.sync.laptops import Laptop

TECH = demo_id("review", "tech")
FINDING = demo_id("finding", "tech", "0")


def _pair(tmp_path: Path) -> tuple[Laptop, Laptop]:
    rob = Laptop(tmp_path, "Rob Ellis", "137450")
    trevor = Laptop(tmp_path, "Trevor Mayhew", "137452")
    trevor.import_(rob.export_for(trevor))
    rob.import_(trevor.export_for(rob))
    return rob, trevor


def _swap(a: Laptop, b: Laptop) -> None:
    b.import_(a.export_for(b))
    a.import_(b.export_for(a))


def test_the_same_link_made_twice_then_unlinked_is_one_link_unlinked(tmp_path: Path) -> None:
    rob, trevor = _pair(tmp_path)
    note = rob.do(
        add_note,
        TECH,
        focus="Quality of teaching",
        kind="strength",
        text="Y10 prototypes tested with users",
        activity="learning-walk",
    )
    _swap(rob, trevor)
    rob.do(link_evidence, FINDING, note)
    trevor.do(link_evidence, FINDING, note)  # the same link, on the other laptop, before they meet
    rob.do(unlink_evidence, FINDING, note)  # Rob changes his mind before the packages cross
    _swap(rob, trevor)
    _swap(rob, trevor)
    dumps = [rob.dump(), trevor.dump()]
    assert dumps[0] == dumps[1]
    assert dumps[0]["conflicts"] == []
    (link,) = [r for r in dumps[0]["finding_evidence"] if note in r]
    assert "True" in link  # deleted


def test_a_late_edit_does_not_bring_a_deleted_finding_back(tmp_path: Path) -> None:
    rob, trevor = _pair(tmp_path)
    rob.do(delete_finding, FINDING)
    trevor.do(edit_finding, FINDING, text="Trevor's late rewording")
    _swap(rob, trevor)
    _swap(rob, trevor)
    for laptop in (rob, trevor):
        with laptop.db.read() as s:
            from app.models import Finding

            f = s.get(Finding, FINDING)
            assert f is not None and f.deleted  # still deleted ...
            assert f.text == "Trevor's late rewording"  # ... and his words are kept, not lost
            assert exchange.list_conflicts(s) == []

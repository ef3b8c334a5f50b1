"""Undo of a deletion travels: a note, a statement, a next step and a photo brought back on one
laptop (Edit > Undo in the window calls these restore services) come back on the others once
packages go round, whether a partner saw the deletion first or gets both in one package."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PIL import Image

from app.models import Action, Finding, Note, NoteAttachment, link_id
from app.services.capture import add_note, attach_photo, delete_note, remove_photo
from app.services.restore import restore_action, restore_finding, restore_note, restore_photo
from app.services.reviews import plan_review, review_detail
from app.services.writeup import add_action, add_finding, delete_action, delete_finding
from tests.sync.laptops import Laptop


def _round(laptops: list[Laptop], order: list[tuple[int, int]]) -> None:
    for a, b in order:
        laptops[b].import_(laptops[a].export_for(laptops[b]))


def _photo(path: Path) -> Path:
    Image.new("RGB", (64, 48), "#88aa44").save(path)
    return path


def test_restored_records_come_back_on_every_laptop(tmp_path: Path) -> None:
    rob = Laptop(tmp_path, "Rob Ellis", "137450")  # visiting reviewer, writer
    trevor = Laptop(tmp_path, "Trevor Mayhew", "137452")  # visiting reviewer
    claire = Laptop(tmp_path, "Claire Goodwin", "137451")  # the host school
    laptops = [rob, trevor, claire]
    try:
        review = rob.do(
            plan_review,
            host="137451",
            start=date(2026, 12, 10),
            focus=["Reading"],
            reviewers=["Rob Ellis", "Trevor Mayhew"],
            distribution="review-team",
        )
        note = rob.do(
            add_note,
            review,
            focus="Reading",
            kind="strength",
            text="Y5 guided reading: rich talk",
            activity="learning-walk",
        )
        sha = rob.do(attach_photo, note, _photo(tmp_path / "book.png"), rob.dir)
        finding = rob.do(
            add_finding, review, focus="Reading", kind="ebi", text="Phonics gaps", evidence=[note]
        )
        action = rob.do(
            add_action,
            review,
            text="Phonics catch-up",
            owner="Claire Goodwin",
            due=date(2027, 2, 1),
            finding=finding,
        )
        _round(laptops, [(0, 1), (0, 2)])

        rob.do(remove_photo, note, sha)
        for fn, ref in ((delete_note, note), (delete_finding, finding), (delete_action, action)):
            rob.do(fn, ref)
        _round(laptops, [(0, 1)])  # Trevor hears of the deletions; Claire does not yet
        with trevor.db.read() as s:
            detail = review_detail(s, review)
            assert detail.notes == detail.findings == detail.actions == ()

        rob.do(restore_photo, note, sha)
        for fn, ref in ((restore_note, note), (restore_finding, finding), (restore_action, action)):
            rob.do(fn, ref)
        _round(laptops, [(0, 1), (0, 2), (1, 2), (2, 0)])

        dumps = [x.dump() for x in laptops]
        assert dumps[0] == dumps[1] == dumps[2]
        assert dumps[0]["conflicts"] == []
        for laptop in laptops:
            with laptop.db.read() as s:
                for model, record in (
                    (Note, note),
                    (Finding, finding),
                    (Action, action),
                    (NoteAttachment, link_id(note, sha)),
                ):
                    row = s.get(model, record)
                    assert row is not None and not row.deleted, (laptop.name, model)
                detail = review_detail(s, review)
                (shown,) = detail.notes
                assert shown.photos == (sha,)
                (statement,) = detail.findings
                assert statement.evidence == (note,)  # its evidence came back with it
                assert [a.finding_id for a in detail.actions] == [finding]
    finally:
        for x in laptops:
            x.close()

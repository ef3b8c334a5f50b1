"""Deletions travel: what one laptop deletes is deleted on the others once packages go round,
in any order, and a late edit from a laptop that had not heard does not bring it back (its
words are kept in the record, not lost, but nothing shows it)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.models import Note
from app.services.capture import add_note, delete_note, edit_note
from app.services.changes import Changes
from app.services.overview import list_reviews
from app.services.reviews import edit_review, plan_review, review_detail
from app.services.search import search
from app.services.writeup import add_action, add_finding, delete_action
from tests.conftest import run_peerwalk, today_env
from tests.sync.laptops import Laptop


def _round(laptops: list[Laptop], order: list[tuple[int, int]]) -> None:
    for a, b in order:
        laptops[b].import_(laptops[a].export_for(laptops[b]))


def test_a_deleted_note_stays_deleted_on_three_laptops(tmp_path: Path) -> None:
    rob = Laptop(tmp_path, "Rob Ellis", "137450")  # visiting reviewer, writer
    trevor = Laptop(tmp_path, "Trevor Mayhew", "137452")  # visiting reviewer
    claire = Laptop(tmp_path, "Claire Goodwin", "137451")  # the host school
    laptops = [rob, trevor, claire]
    try:
        review = rob.do(
            plan_review,
            host="137451",
            start=date(2026, 12, 10),
            focus=["Reading", "Attendance"],
            reviewers=["Rob Ellis", "Trevor Mayhew"],
            distribution="review-team",
        )
        _round(laptops, [(0, 1), (0, 2)])
        note = trevor.do(
            add_note,
            review,
            focus="Reading",
            kind="area",
            text="Y3 phonics: gaps for two pupils",
            activity="learning-walk",
        )
        kept = trevor.do(
            add_note,
            review,
            focus="Reading",
            kind="strength",
            text="Y5 guided reading: rich talk",
            activity="learning-walk",
        )
        _round(laptops, [(1, 0), (1, 2)])
        rob.do(
            add_finding,
            review,
            focus="Reading",
            kind="www",
            text="Reading is taught well",
            evidence=[note, kept],
        )
        action = rob.do(  # next steps are the visiting team's words (docs/authority.md)
            add_action,
            review,
            text="Phonics catch-up for new arrivals",
            owner="Claire Goodwin",
            due=date(2027, 2, 1),
        )
        _round(laptops, [(0, 1), (0, 2), (2, 0), (2, 1)])

        # The evening: Rob deletes the note; Trevor, who has not heard, rewords it and deletes
        # the next step; the host takes the unused focus area off the plan.
        assert rob.do(delete_note, note) == Changes.of(notes=note)
        trevor.do(edit_note, note, text="Y3 phonics: gaps for two pupils new to English")
        assert trevor.do(delete_action, action) == Changes.of(actions=action)
        assert claire.do(edit_review, review, remove_focus=["Attendance"]) == Changes.of(
            reviews=review
        )
        _round(laptops, [(1, 2), (2, 0), (0, 1), (1, 0), (2, 1), (0, 2)])
        _round(laptops, [(2, 0), (1, 2), (0, 1)])

        dumps = [x.dump() for x in laptops]
        assert dumps[0] == dumps[1] == dumps[2]
        assert dumps[0]["conflicts"] == []
        for laptop in laptops:
            with laptop.db.read() as s:
                row = s.get(Note, note)
                assert row is not None and row.deleted  # deleted everywhere ...
                assert (
                    row.text == "Y3 phonics: gaps for two pupils new to English"
                )  # ... Trevor's words kept
                detail = review_detail(s, review)
                assert [n.id for n in detail.notes] == [kept]
                (finding,) = detail.findings
                assert finding.evidence == (kept,)
                assert detail.actions == ()
                assert [a.title for a in detail.focus_areas] == ["Reading"]
                assert search(s, "phonics") == []
                assert next(r for r in list_reviews(s) if r.id == review).notes == 1
        # The real program on the host's laptop agrees.
        shown = run_peerwalk(claire.dir, "--json", "reviews", "show", review, env=today_env())
        assert shown.code == 0, shown.err
        assert [n["id"] for n in shown.json()["notes"]] == [kept]
        assert run_peerwalk(claire.dir, "--json", "search", "phonics", env=today_env()).json() == []
    finally:
        for x in laptops:
            x.close()

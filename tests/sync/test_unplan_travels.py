"""A visit planned by mistake and taken back (Edit › Undo "plan review", ``reviews delete``) is
gone from every laptop once packages go round, whether the partner had it already or gets
its planning and its deletion in one package; the partner accepts the deletion because it
comes from the host school's laptop (docs/authority.md)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.services.overview import list_reviews
from app.services.reviews import plan_review
from app.services.unplan import delete_planned_review
from tests.sync.laptops import Laptop


def _plan(claire: Laptop, start: date) -> str:
    return str(
        claire.do(
            plan_review,
            host="137451",
            start=start,
            focus=["Reading"],
            reviewers=["Rob Ellis"],
            distribution="review-team",
        )
    )


def test_a_deleted_planned_visit_leaves_every_laptop(tmp_path: Path) -> None:
    claire = Laptop(tmp_path, "Claire Goodwin", "137451")  # the host school
    rob = Laptop(tmp_path, "Rob Ellis", "137450")  # the visiting reviewer
    try:
        seen = _plan(claire, date(2026, 12, 10))
        rob.import_(claire.export_for(rob))
        with rob.db.read() as s:
            assert seen in {r.id for r in list_reviews(s)}

        claire.do(delete_planned_review, seen)
        never_sent = _plan(claire, date(2026, 12, 11))
        claire.do(delete_planned_review, never_sent)
        rob.import_(claire.export_for(rob))  # a refusal would raise NotEntitled
        with rob.db.read() as s:
            listed = {r.id for r in list_reviews(s)}
        assert seen not in listed and never_sent not in listed
        assert rob.one("SELECT deleted FROM reviews WHERE id = ?", seen) == 1
        assert rob.one("SELECT deleted FROM reviews WHERE id = ?", never_sent) == 1
    finally:
        claire.close()
        rob.close()

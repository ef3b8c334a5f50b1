"""The checklist and the status read the facts: signatures recorded once each, a co-reviewer's
signature clearing its warning, statuses that only move forward by themselves, and a status
written without a change-log entry (so two laptops never conflict over it)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from app.db import Database
from app.models import Change, Review
from app.models.signoff import ReviewEvent
from app.services.demo import demo_id, load_demo
from app.services.signoff import record_signatures
from app.services.signoff_check import check_review
from app.services.status import follow, review_facts

TECH = demo_id("review", "tech")


def _db(data_dir: Path) -> Database:
    db = Database.open(data_dir, lambda: datetime(2026, 11, 20, 9, 0, 0))
    with db.transaction() as s:
        load_demo(s)
    return db


def test_a_co_reviewers_signature_clears_their_warning_once(data_dir: Path) -> None:
    db = _db(data_dir)
    with db.transaction() as s:
        before = [w.code for w in check_review(s, TECH).warnings]
        assert before == ["co-reviewer-not-signed"]
        assert record_signatures(s, TECH, ["co-reviewer-1", "writer"]) == ["co-signed", "signed"]
        assert record_signatures(s, TECH, ["co-reviewer-1", "writer"]) == []  # once each
        check = check_review(s, TECH)
        assert check.ready and check.warnings == () and check.status == "signed"
        assert s.scalar(select(func.count()).select_from(ReviewEvent)) == 2
    db.close()


def test_status_moves_on_by_itself_only_forward_and_is_not_a_change(data_dir: Path) -> None:
    db = _db(data_dir)
    with db.transaction() as s:
        status_ops = select(func.count()).where(
            Change.table_name == "reviews", Change.field == "status"
        )
        ops_before = s.scalar(status_ops)
        record_signatures(s, TECH, ["host-headteacher"])
        assert s.get(Review, TECH).status == "countersigned"  # type: ignore[union-attr]
        assert s.scalar(status_ops) == ops_before  # read from the facts, never sent
        facts = review_facts(s, TECH)
        assert facts.notes > 0 and facts.statements > 0 and facts.status == "countersigned"
        # A status ahead of the facts (as an older Peerwalk sent it) is not pulled back.
        s.get(Review, TECH).status = "shared"  # type: ignore[union-attr]
        s.flush()
        assert follow(s, TECH) == "shared"
    db.close()

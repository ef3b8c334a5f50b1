"""A review's status follows what happened, never what someone typed.

planned → in-progress (a note) → written-up (a statement) → accuracy-check (a draft made for
the host to check) → signed (the writer signed the report) → countersigned (the host
headteacher signed it) → shared (the report given to those the host chose).

The facts are records that travel: notes, statements, and :class:`ReviewEvent` rows (a draft,
a signature, the sharing). The status itself is this laptop's reading of them: it is written
without a change-log entry (a status moved on two laptops at once would otherwise show as a
conflict on the status), and each laptop moves it on as facts are added here or arrive in a
package (:func:`follow_reviews`, called by import). It only ever moves forward by itself;
``set_status`` refuses a status the facts do not support, with one sentence saying which fact
is missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.errors import StatusNotReached
from app.models import Finding, Note, Review
from app.models.signoff import ReviewEvent
from app.services.lookup import one_of
from app.vocabulary import STATUSES

# What a ReviewEvent records. "co-signed" carries the co-reviewer's person_id.
EVENT_KINDS = ("draft", "signed", "co-signed", "countersigned", "shared")
# The event each later status needs.
_EVENT_FOR = {
    "accuracy-check": "draft",
    "signed": "signed",
    "countersigned": "countersigned",
    "shared": "shared",
}
LABELS = {s: s.replace("-", " ") for s in STATUSES}
_MISSING = {
    "in-progress": "no note has been written for it",
    "written-up": "no statement has been written for it",
    "accuracy-check": "no draft has been made for the host school to check",
    "signed": "the writer has not signed its report",
    "countersigned": "no countersignature by the host headteacher has been recorded",
    "shared": "no countersignature by the host headteacher has been recorded",
}


@dataclass(frozen=True)
class ReviewFacts:
    """What has happened to one review, as this laptop knows it."""

    review_id: str
    notes: int
    statements: int
    events: frozenset[str]

    def holds(self, status: str) -> bool:
        """True when what ``status`` rests on has happened."""
        if status == "planned":
            return True
        if status == "in-progress":
            return self.notes > 0
        if status == "written-up":
            return self.statements > 0
        return _EVENT_FOR[status] in self.events

    @property
    def status(self) -> str:
        """The furthest status the facts support."""
        return next(s for s in reversed(STATUSES) if self.holds(s))


def review_facts(session: Session, review_id: str) -> ReviewFacts:
    notes = session.scalar(
        select(func.count()).where(Note.review_id == review_id, Note.deleted.is_(False))
    )
    statements = session.scalar(
        select(func.count()).where(Finding.review_id == review_id, Finding.deleted.is_(False))
    )
    events = session.scalars(
        select(ReviewEvent.kind)
        .where(ReviewEvent.review_id == review_id, ReviewEvent.deleted.is_(False))
        .distinct()
    )
    return ReviewFacts(review_id, notes or 0, statements or 0, frozenset(events))


def _rank(status: str) -> int:
    return STATUSES.index(status) if status in STATUSES else -1


def _write(session: Session, review_id: str, status: str) -> None:
    """The status as this laptop reads the facts: no change-log entry (see the module)."""
    from sqlalchemy.orm.attributes import set_committed_value

    table: Any = Review.__table__
    session.execute(update(table).where(table.c.id == review_id).values(status=status))
    loaded = session.identity_map.get(session.identity_key(Review, review_id))
    if loaded is not None:
        set_committed_value(loaded, "status", status)


def follow(session: Session, review_id: str) -> str:
    """Move the review's status on to what its facts support (never back). Returns it."""
    session.flush()
    stored = session.scalar(select(Review.status).where(Review.id == review_id))
    if stored is None:
        return ""
    derived = review_facts(session, review_id).status
    if _rank(derived) > _rank(stored):
        _write(session, review_id, derived)
        return derived
    return stored


def follow_reviews(session: Session, review_ids: Iterable[str]) -> None:
    """``follow`` for each review this laptop holds among ``review_ids`` (after an import)."""
    ids = set(review_ids)
    held: list[str] = (
        list(session.scalars(select(Review.id).where(Review.id.in_(ids)))) if ids else []
    )
    for rid in held:
        follow(session, rid)


def _now(session: Session) -> datetime:
    recorder = session.info.get("recorder")
    if recorder is not None:
        return recorder.clock()  # type: ignore[no-any-return]
    from app.db import utc_now

    return utc_now()


def record_event(
    session: Session, review_id: str, kind: str, person_id: str | None = None
) -> ReviewEvent:
    """Record that something happened to the review's report, and move its status on."""
    one_of(kind, EVENT_KINDS, "review event")
    event = ReviewEvent(review_id=review_id, kind=kind, person_id=person_id, at=_now(session))
    session.add(event)
    session.flush()
    follow(session, review_id)
    return event


def set_status(session: Session, ref: str, status: str) -> str:
    """Set a review's status by hand. Only "shared" is a fact a person records this way (the
    report was given out, once countersigned, by the host's or the writer's laptop); any other
    status must be the one the facts already show. Raises NotFound, InvalidInput (no such
    status), NotThisSchool or StatusNotReached."""
    from app.services.reviews import get_review

    review = get_review(session, ref)
    wanted = one_of(status.strip().lower().replace(" ", "-"), STATUSES, "review status")
    facts = review_facts(session, review.id)
    current = facts.status
    if wanted == "shared" and facts.holds("countersigned") and not facts.holds("shared"):
        from app.errors import NotThisSchool
        from app.services.signoff import claim_refused

        refused = claim_refused(session, review, "shared")
        if refused is not None:
            raise NotThisSchool(
                f"Only {refused.who} may record the report of '{review.title}' as shared.",
                school_id=review.host_school_id,
            )
        record_event(session, review.id, "shared")
        _write(session, review.id, "shared")
        return "shared"
    if not facts.holds(wanted):
        raise StatusNotReached(
            f"The review cannot be {LABELS[wanted]} yet: {_MISSING[wanted]}.",
            status=wanted,
            current=current,
            missing=_MISSING[wanted],
        )
    if _rank(wanted) < _rank(current):
        raise StatusNotReached(
            f"The review cannot go back to {LABELS[wanted]}: its status follows what happened, "
            f"and it is {LABELS[current]}.",
            status=wanted,
            current=current,
            missing="",
        )
    _write(session, review.id, wanted)
    return wanted

"""Has the report's content changed since its writer last signed it? A typo fixed in a signed
report is allowed (the writer signs again), but the signed PDF already given out no longer says
what Peerwalk shows, and the writer should be told so: Write-up's status line and
``reviews show`` say "changed since it was signed".

Judged by the order this laptop's change log received the changes, not by their clocks: each
laptop's clock is its own (set wrong, or forged, by a partner), so one a month slow would hide
a change and one set in 2190 would keep the report "changed" for good (the same rule as a
comment reworded since it was answered, app/services/comments.py). A change to a statement, its
evidence, a next step or the overall summary received after the newest "signed" event was."""

from __future__ import annotations

from sqlalchemy import Integer, and_, func, literal_column, or_, select
from sqlalchemy.orm import Session

from app.models import Action, Finding, FindingEvidence
from app.models.changes import CREATE, Change
from app.models.signoff import ReviewEvent

# What the signed report prints of the review's own record.
REPORT_FIELDS_OF_REVIEW = ("summary", "title")


def changed_since_signed(session: Session, review_id: str) -> bool:
    """True when the report's words changed after its newest "signed" event; False when they
    did not, or it was never signed."""
    events = select(ReviewEvent.id).where(
        ReviewEvent.review_id == review_id,
        ReviewEvent.kind == "signed",
        ReviewEvent.deleted.is_(False),
    )
    arrival = literal_column("changes.rowid", Integer)  # insertion order; the app never VACUUMs
    signed_at = session.scalar(
        select(func.max(arrival)).where(
            Change.table_name == ReviewEvent.__tablename__,
            Change.record_id.in_(events),
            Change.field == CREATE,
        )
    )
    if signed_at is None:
        return False
    findings = select(Finding.id).where(Finding.review_id == review_id)
    actions = select(Action.id).where(Action.review_id == review_id)
    evidence = (
        select(FindingEvidence.id)
        .join(Finding, Finding.id == FindingEvidence.finding_id)
        .where(Finding.review_id == review_id)
    )
    later = session.scalar(
        select(Change.id)
        .where(
            arrival > signed_at,
            or_(
                and_(Change.table_name == Finding.__tablename__, Change.record_id.in_(findings)),
                and_(Change.table_name == Action.__tablename__, Change.record_id.in_(actions)),
                and_(
                    Change.table_name == FindingEvidence.__tablename__,
                    Change.record_id.in_(evidence),
                ),
                and_(
                    Change.table_name == "reviews",
                    Change.record_id == review_id,
                    Change.field.in_(REPORT_FIELDS_OF_REVIEW),
                ),
            ),
        )
        .limit(1)
    )
    return later is not None

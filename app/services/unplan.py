"""Taking back a visit planned by mistake (Edit › Undo after "Plan this visit").

A planned review is deleted as a tombstone (``deleted = True``) written through the change log,
so it travels in packages like any edit and leaves every list on every laptop that holds it.
Only while nothing has been written in it: once it has notes, statements or next steps, its
dates and team are changed in Plan instead. No Qt here.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import InUse
from app.models import Action, Finding, Note
from app.services import entitled
from app.services.changes import Changes
from app.services.reviews import get_review

WRITTEN: dict[str, type[Note] | type[Finding] | type[Action]] = {
    "notes": Note,
    "statements": Finding,
    "next steps": Action,
}


def delete_planned_review(session: Session, review_ref: str) -> Changes:
    """Delete a planned review with nothing written in it yet. A review's deletion is the host
    school's (docs/authority.md), so another school's laptop is refused here rather than in
    every later package. Raises NotFound, NotThisSchool, InUse (notes, statements or next
    steps already written: ``counts`` says how many)."""
    review = get_review(session, review_ref)
    entitled.require_host(session, review, "delete this visit")
    counts = {
        what: session.scalar(
            select(func.count())
            .select_from(model)
            .where(model.review_id == review.id, model.deleted.is_(False))
        )
        or 0
        for what, model in WRITTEN.items()
    }
    if any(counts.values()):
        held = ", ".join(f"{n} {k if n != 1 else k[:-1]}" for k, n in counts.items() if n)
        raise InUse(
            f"'{review.title}' already has {held}, so it can no longer be deleted; change its "
            "dates or team in Plan instead.",
            record_id=review.id,
            counts=counts,
        )
    review.deleted = True
    return Changes.of(reviews=review.id)

"""The Workspace's calls for sign-off in the window: the checklist before signing, the draft
for factual accuracy, a countersigned copy recorded from a received PDF, and the review's
status with the date of the fact it rests on. A mixin, so that the window reaches these
services as every other: through the Workspace, one unit of work each.

The results are plain frozen values defined here (no SQLAlchemy at import: this module is on
the way to the window's first paint), so the window may import them.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.services.changes import Changes
    from app.services.signoff_check import CheckItem, SignOffCheck


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One thing the checklist found: ``code`` (app.services.signoff_check's codes), the
    sentence for people, and the record it is about (a statement, a focus area, a conflict's
    record, a person)."""

    code: str
    message: str
    record_id: str


@dataclass(frozen=True, slots=True)
class Checklist:
    """The checklist before signing one review, as the window shows it. ``sentence`` says in
    one line what blocks the report ("" when nothing does)."""

    review_id: str
    title: str
    status: str
    blocking: tuple[ChecklistItem, ...]
    warnings: tuple[ChecklistItem, ...]
    sentence: str

    @property
    def ready(self) -> bool:
        return not self.blocking


@dataclass(frozen=True, slots=True)
class StatusLine:
    """A review's status and the day of the fact it rests on (None for planned, in progress
    and written up, which rest on notes and statements rather than one event)."""

    review_id: str
    status: str
    since: date | None
    # The report's words changed after its writer signed it (app/services/signed_since.py).
    changed_since_signed: bool = False


# The event each status after "written-up" rests on (app/services/status.py).
_EVENT_OF_STATUS = {
    "accuracy-check": "draft",
    "signed": "signed",
    "countersigned": "countersigned",
    "shared": "shared",
}


def _items(items: tuple[CheckItem, ...]) -> tuple[ChecklistItem, ...]:
    return tuple(ChecklistItem(i.code, i.message, i.record_id) for i in items)


def checklist_of(check: SignOffCheck) -> Checklist:
    from app.services.signoff_check import blocking_sentence

    return Checklist(
        check.review_id,
        check.title,
        check.status,
        _items(check.blocking),
        _items(check.warnings),
        blocking_sentence(check) if check.blocking else "",
    )


def status_line(session: Session, review_id: str) -> StatusLine:
    """The review's status, with the day of the newest event it rests on. Raises NotFound."""
    from sqlalchemy import func, select

    from app.models.signoff import ReviewEvent
    from app.services.reviews import get_review

    review = get_review(session, review_id)
    kind = _EVENT_OF_STATUS.get(review.status)
    at = (
        session.scalar(
            select(func.max(ReviewEvent.at)).where(
                ReviewEvent.review_id == review.id,
                ReviewEvent.kind == kind,
                ReviewEvent.deleted.is_(False),
            )
        )
        if kind
        else None
    )
    from app.services.signed_since import changed_since_signed

    changed = review.status in {"signed", "countersigned", "shared"} and changed_since_signed(
        session, review.id
    )
    return StatusLine(review.id, review.status, at.date() if at is not None else None, changed)


class SignOffCalls:
    """Mixed into Workspace, which provides ``_reading``, ``_write``, ``db`` and ``data_dir``."""

    _reading: Callable[[], AbstractContextManager[Session]]
    _write: Callable[..., Any]
    data_dir: Path
    db: Any

    def signoff_check(self, review_id: str) -> Checklist:
        """What blocks the report and what deserves a second look. Raises NotFound."""
        from app.services.signoff_check import check_review

        with self._reading() as session:
            return checklist_of(check_review(session, review_id))

    def review_status(self, review_id: str) -> StatusLine:
        with self._reading() as session:
            return status_line(session, review_id)

    def produce_draft(self, review_id: str, out: Path) -> Any:
        """The unsigned draft for the host school to check (app.services.signoff.produce_draft):
        an Outcome of ``{"path", "pages", "status"}``; the draft is recorded and the review
        moves to accuracy check. Raises NotReadyToSign while anything blocks (no file is
        written, nothing recorded), AppError for a file that cannot be written. A cancel
        leaves no file behind."""
        from app.errors import Cancelled
        from app.services.interrupt import checkpoint, report
        from app.services.signoff import produce_draft
        from app.services.status import follow

        existed = out.exists()

        def run(session: Session) -> dict[str, Any]:
            report("Writing the draft")
            draft = produce_draft(session, self.data_dir, review_id, out)
            checkpoint()
            return {
                "path": str(draft.path),
                "pages": draft.pages,
                "status": follow(session, draft.review_id),
            }

        try:
            return _with_review(self._write(run), review_id)
        except Cancelled:
            if not existed:
                out.unlink(missing_ok=True)
            raise

    def record_countersigned(self, review_id: str, pdf: Path) -> Any:
        """Verify a received report of this review and record its signatures
        (app.services.signoff.record_countersigned): an Outcome of ``{"recorded", "status"}``.
        Refused with one sentence, nothing recorded: a PDF changed after signing, one of
        another review, one not yet countersigned, a signature not trusted here."""
        from app.services.interrupt import report
        from app.services.signoff import record_countersigned

        def run(session: Session) -> dict[str, Any]:
            report("Checking the signatures")
            done = record_countersigned(session, self.data_dir, review_id, pdf)
            return {"recorded": list(done.recorded), "status": done.status}

        return _with_review(self._write(run), review_id)


def _with_review(outcome: Any, review_id: str) -> Any:
    """The outcome, its changes naming the review: its status moved on, and the status is
    written without a change-log entry (app/services/status.py), so the log alone misses it."""
    from app.services.changes import Changes
    from app.services.workspace import Outcome

    changes: Changes = outcome.changes | Changes.of(reviews=review_id)
    return Outcome(outcome.value, changes)


__all__ = ["Checklist", "ChecklistItem", "SignOffCalls", "StatusLine"]

"""The Workspace's calls for safeguarding concerns on Review day, and the words and local
times a concern is shown in. A mixin, so the window reaches app/services/safeguarding.py the
way it reaches every service: through the Workspace, one unit of work each.

Pure at module level (no SQLAlchemy), so the window may import the words and time helpers:
what the command line prints and the window shows are the same sentences."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from app.dates import display_datetime

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.services.read_models import ConcernRow

RECIPIENTS = {
    "host-head": "the host headteacher",
    "dsl": "the designated safeguarding lead (DSL)",
    "lado": "the LADO",
}
HOW = {"in-person": "in person", "phone": "by phone"}
NOT_YET = "Not yet passed to the host headteacher"
# Where a concern is kept, said wherever one is shown or written.
KEPT_HERE = (
    "Kept on this laptop only. Never in a report, a pack, a package or the change log. "
    "Pass it to the host headteacher today."
)
TYPED_FORMAT = "%Y-%m-%d %H:%M"  # how a moment is typed (and prefilled) in local time


def to_local(moment: datetime) -> datetime:
    """A stored (UTC, naive) moment as this laptop's local wall-clock time (naive)."""
    return moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def local_text(moment: datetime | str) -> str:
    """'12 Nov 2026 10:40' in this laptop's local time."""
    value = moment if isinstance(moment, datetime) else datetime.fromisoformat(moment)
    return display_datetime(to_local(value))


class SafeguardingCalls:
    """Mixed into Workspace, which provides ``_reading``, ``_write`` and ``_clock``."""

    _reading: Callable[[], AbstractContextManager[Session]]
    _write: Callable[..., Any]
    _clock: Callable[[], datetime]

    def now_typed(self) -> str:
        """Now, as a moment is typed in this laptop's local time (a field's first value)."""
        return to_local(self._clock()).strftime(TYPED_FORMAT)

    def concerns(self, review_id: str) -> tuple[ConcernRow, ...]:
        """This laptop's concerns for a review. Raises NotFound."""
        from app.services.safeguarding import list_concerns

        with self._reading() as session:
            return list_concerns(session, review_id)

    def record_concern(
        self, review_id: str, text: str, place: str, seen_at: str, raised_by: str
    ) -> int:
        """Record a concern; ``seen_at`` as typed (local time; empty: now). Its number.
        Raises InvalidInput or NotFound with a sentence, having written nothing."""
        from app.services.safeguarding import now, parse_local_time, record_concern

        def run(session: Session) -> int:
            seen = parse_local_time(seen_at, "when it was seen", now(session)) if seen_at else None
            made = record_concern(
                session, review_id, text, place=place, seen_at=seen, raised_by=raised_by
            )
            return made.id

        return self._write(run).value  # type: ignore[no-any-return]

    def record_handover(self, concern_id: int, to: str, how: str, name: str, at: str) -> None:
        """Record one handover step; ``at`` as typed (local time; empty: now). Raises
        InvalidInput or NotFound with a sentence, having written nothing."""
        from app.services.safeguarding import now, parse_local_time, record_handover

        def run(session: Session) -> None:
            when = parse_local_time(at, "when it was passed on", now(session)) if at else None
            record_handover(session, concern_id, to=to, how=how, name=name, at=when)

        self._write(run)

    def edit_concern(self, concern_id: int, text: str | None, place: str | None) -> None:
        """Correct a concern's words or where it was seen (None: left as it is). Raises
        InvalidInput, NotFound."""
        from app.services.safeguarding import edit_concern

        self._write(lambda s: edit_concern(s, concern_id, text=text, place=place))


__all__ = ["HOW", "KEPT_HERE", "NOT_YET", "RECIPIENTS", "SafeguardingCalls", "local_text"]

"""Safeguarding concerns seen on the day, and their handover.

A concern is kept on the laptop it was written on, for the host headteacher: it is not a
synced record, so it is never in the change log, a package, a pack or a report. What it
records: what was seen, where, when and by whom; then who it was passed to (the host
headteacher, and where needed the designated safeguarding lead or the LADO), when, how (in
person or by phone) and the name or reference given.

Times are stored as the database clock keeps them (UTC, naive) and are typed and shown in the
laptop's local time (:func:`parse_local_time`, :func:`local_text`). Every function refuses bad
input with an :class:`~app.errors.AppError` whose one sentence a headteacher can act on, before
anything is written.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotFound
from app.models import SafeguardingConcern, SafeguardingHandover
from app.services.lookup import require_text
from app.services.read_models import ConcernRow, HandoverRow
from app.services.reviews import get_review
from app.services.workspace_safeguarding import (
    HOW,
    KEPT_HERE,
    NOT_YET,
    RECIPIENTS,
    local_text,
    to_local,
)

MAX_CHARS = 20_000
# A time typed as "now" may be a moment ahead of the clock that checks it.
GRACE = timedelta(minutes=1)


def now(session: Session) -> datetime:
    """The unit of work's injected clock (UTC, naive, to the second)."""
    recorder = session.info.get("recorder")
    if recorder is not None:
        return recorder.clock().replace(microsecond=0)  # type: ignore[no-any-return]
    from app.db import utc_now

    return utc_now().replace(microsecond=0)


def parse_local_time(text: str, what: str, today: datetime | None = None) -> datetime:
    """A typed moment, read as this laptop's local time, as UTC (naive): 'YYYY-MM-DD HH:MM'
    (or ISO with a 'T' or a zone), or 'HH:MM' for today (``today``: the clock's now, UTC).

    Raises InvalidInput naming ``what`` when it is not such a time."""
    typed = text.strip()
    try:
        if len(typed) <= len("HH:MM") and ":" in typed and today is not None:
            hour, minute = (int(p) for p in typed.split(":"))
            day = to_local(today).date()
            moment = datetime(day.year, day.month, day.day, hour, minute)
        else:
            moment = datetime.fromisoformat(typed)
    except ValueError:
        raise InvalidInput(
            f"'{typed}' is not a time for {what}; write it as YYYY-MM-DD HH:MM, e.g. "
            "2026-11-12 10:40."
        ) from None
    aware = moment if moment.tzinfo else moment.astimezone()  # naive: local time
    return aware.astimezone(UTC).replace(tzinfo=None, second=0, microsecond=0)


def _not_future(session: Session, moment: datetime, what: str) -> datetime:
    if moment > now(session) + GRACE:
        raise InvalidInput(
            f"The time {what} ({local_text(moment)}) is in the future; give the time it happened."
        )
    return moment


def _words(text: str) -> str:
    text = require_text(text, "concern")
    if len(text) > MAX_CHARS:
        raise InvalidInput("That concern is longer than 20,000 characters; shorten it.")
    return text


def get_concern(session: Session, concern_id: int | str) -> SafeguardingConcern:
    """Raises NotFound for a number not of a concern on this laptop."""
    try:
        found = session.get(SafeguardingConcern, int(str(concern_id).strip()))
    except ValueError:
        found = None
    if found is None:
        raise NotFound(f"There is no safeguarding concern {concern_id} on this laptop.")
    return found


def record_concern(
    session: Session,
    review_ref: str,
    text: str,
    *,
    place: str = "",
    seen_at: datetime | None = None,
    raised_by: str = "",
) -> SafeguardingConcern:
    """Record a concern on this laptop. ``seen_at`` (UTC) defaults to now.

    Raises NotFound for an unknown review, InvalidInput for empty words or a time to come."""
    review = get_review(session, review_ref)
    words = _words(text)
    written = now(session)
    seen = _not_future(session, seen_at or written, "it was seen")
    concern = SafeguardingConcern(
        review_id=review.id,
        text=words,
        place=place.strip()[:200],
        raised_by=raised_by.strip()[:200],
        raised_at=written,
        seen_at=seen,
        passed_to_host_head=False,
    )
    session.add(concern)
    session.flush()
    return concern


def record_handover(
    session: Session,
    concern_id: int | str,
    *,
    to: str,
    how: str,
    name: str = "",
    at: datetime | None = None,
) -> SafeguardingHandover:
    """Record that the concern was passed to ``to`` (host-head, dsl or lado), ``how``
    (in-person or phone), at ``at`` (UTC; now if None). Recording it again for the same
    recipient corrects the earlier record.

    Raises NotFound for an unknown concern; InvalidInput for an unknown recipient or way, or
    a time before the concern was seen or still to come."""
    concern = get_concern(session, concern_id)
    if to not in RECIPIENTS:
        raise InvalidInput(
            f"'{to}' is not someone a concern is passed to; choose the host headteacher "
            "(host-head), the designated safeguarding lead (dsl) or the LADO (lado)."
        )
    if how not in HOW:
        raise InvalidInput(
            f"'{how}' is not a way a concern is passed on; choose in person (in-person) or "
            "by phone (phone)."
        )
    written = now(session)
    handed = _not_future(session, at or written, "it was passed on")
    if handed < concern.seen_at:
        raise InvalidInput(
            f"The handover time ({local_text(handed)}) is before the concern was seen "
            f"({local_text(concern.seen_at)}); give the time it was passed on."
        )
    step = session.scalar(
        select(SafeguardingHandover).where(
            SafeguardingHandover.concern_id == concern.id, SafeguardingHandover.recipient == to
        )
    )
    if step is None:
        step = SafeguardingHandover(concern_id=concern.id, recipient=to)
        session.add(step)
    step.how, step.name, step.handed_at, step.recorded_at = how, name.strip()[:200], handed, written
    if to == "host-head":
        concern.passed_to_host_head = True
    session.flush()
    return step


def edit_concern(
    session: Session, concern_id: int | str, *, text: str | None = None, place: str | None = None
) -> SafeguardingConcern:
    """Correct a concern's words (a typo) or where it was seen.

    Raises NotFound for an unknown concern, InvalidInput for empty words."""
    concern = get_concern(session, concern_id)
    if text is not None:
        concern.text = _words(text)
    if place is not None:
        concern.place = place.strip()[:200]
    session.flush()
    return concern


def handover_state(passed_to_host_head: bool, steps: tuple[HandoverRow, ...]) -> str:
    """In words: who the concern has been passed to, or that it has not reached the host
    headteacher yet."""
    parts = [
        f"Passed to {RECIPIENTS[s.recipient]}"
        + (f" ({s.name})" if s.name else "")
        + f" {HOW[s.how]}, {local_text(s.handed_at)}"
        for s in sorted(steps, key=lambda s: list(RECIPIENTS).index(s.recipient))
    ]
    if not any(s.recipient == "host-head" for s in steps):
        parts.insert(
            0,
            "Passed to the host headteacher (no details recorded)"
            if passed_to_host_head
            else NOT_YET,
        )
    return "; ".join([parts[0], *(p[0].lower() + p[1:] for p in parts[1:])]) + "."


def concern_row(concern: SafeguardingConcern, steps: list[SafeguardingHandover]) -> ConcernRow:
    handovers = tuple(
        HandoverRow(
            recipient=s.recipient,
            how=s.how,
            name=s.name,
            handed_at=s.handed_at.isoformat(),
        )
        for s in sorted(steps, key=lambda s: list(RECIPIENTS).index(s.recipient))
    )
    return ConcernRow(
        id=concern.id,
        text=concern.text,
        raised_by=concern.raised_by,
        raised_at=concern.raised_at.isoformat(),
        place=concern.place,
        seen_at=concern.seen_at.isoformat(),
        handovers=handovers,
        state=handover_state(concern.passed_to_host_head, handovers),
    )


def list_concerns(session: Session, review_ref: str) -> tuple[ConcernRow, ...]:
    """This laptop's concerns for a review, in the order they were seen. Raises NotFound."""
    review = get_review(session, review_ref)
    concerns = session.scalars(
        select(SafeguardingConcern)
        .where(SafeguardingConcern.review_id == review.id)
        .order_by(SafeguardingConcern.seen_at, SafeguardingConcern.id)
    ).all()
    steps: dict[int, list[SafeguardingHandover]] = {c.id: [] for c in concerns}
    for s in session.scalars(
        select(SafeguardingHandover).where(SafeguardingHandover.concern_id.in_(list(steps)))
    ):
        steps[s.concern_id].append(s)
    return tuple(concern_row(c, steps[c.id]) for c in concerns)


__all__ = [
    "HOW",
    "KEPT_HERE",
    "NOT_YET",
    "RECIPIENTS",
    "edit_concern",
    "get_concern",
    "list_concerns",
    "local_text",
    "now",
    "parse_local_time",
    "record_concern",
    "record_handover",
]

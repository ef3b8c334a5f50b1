"""The ranges that make sense for a typed date, and "today" by the injected clock.

"Today" is never read from the machine here: it comes from the clock injected into the
database (``Database.clock``; the front ends' comes from ``app.config.clock``), so tests can
fix it. How dates are shown and read is ``app.dates`` (re-exported here for the services).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from app.dates import (
    DAYS,
    MONTHS,
    display_date,
    display_datetime,
    display_range,
    display_weekday,
    long_date,
    parse_iso_date,
    parse_typed_date,
)
from app.errors import ImplausibleDate

__all__ = [
    "DAYS",
    "MONTHS",
    "VISIT_YEARS",
    "add_years",
    "check_due_date",
    "check_visit_date",
    "display_date",
    "display_datetime",
    "display_range",
    "display_weekday",
    "long_date",
    "parse_iso_date",
    "parse_typed_date",
    "today",
]

# How far from today a visit may be planned, either side.
VISIT_YEARS = 2


def add_years(d: date, years: int) -> date:
    """The same day ``years`` later (or earlier); 29 February becomes 28 February."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def check_visit_date(start: date, today: date, what: str = "visit date") -> date:
    """A visit (its first day, or its last: ``what="end date"``) is within two years either
    side of today. Raises ImplausibleDate."""
    earliest, latest = add_years(today, -VISIT_YEARS), add_years(today, VISIT_YEARS)
    if not earliest <= start <= latest:
        raise ImplausibleDate(
            f"A visit on {long_date(start)} is more than two years from today; "
            f"choose a date from {long_date(earliest)} to {long_date(latest)}.",
            what=what,
            value=start,
            earliest=earliest,
            latest=latest,
        )
    return start


def check_due_date(due: date, review_start: date) -> date:
    """A next step is not due before the visit it came from. Raises ImplausibleDate."""
    if due < review_start:
        raise ImplausibleDate(
            f"A next step cannot be due on {long_date(due)}, "
            f"before the visit on {long_date(review_start)}.",
            what="due date",
            value=due,
            earliest=review_start,
        )
    return due


def today(session: Any) -> date:
    """Today by the clock injected into the unit of work (``Database.transaction`` installs
    a change recorder holding ``Database.clock``). Outside one, the machine's clock."""
    recorder = session.info.get("recorder")
    if recorder is not None:
        return recorder.clock().date()  # type: ignore[no-any-return]
    from app.db import utc_now

    return utc_now().date()

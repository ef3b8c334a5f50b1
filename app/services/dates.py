"""Dates a person types, and the ranges that make sense for them.

Typed dates are ISO only (YYYY-MM-DD): anything else, or a day that does not exist, is refused
with a sentence, never guessed at. "Today" is never read from the machine here: it comes from
the clock injected into the database (``Database.clock``; the command line's comes from
``app.config.clock``), so tests can fix it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from app.errors import BadDate, ImplausibleDate

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# How far from today a visit may be planned, either side.
VISIT_YEARS = 2


def parse_iso_date(text: str, what: str = "date") -> date:
    """``text`` as a date, only if written YYYY-MM-DD and the day exists.

    Raises BadDate: ``reason="format"`` for anything else (3/12/2026, 20261203, tomorrow),
    ``reason="no-such-day"`` for 2027-02-30 ("There is no 30 February 2027.").
    """
    typed = text.strip()
    m = _ISO.fullmatch(typed)
    if m is None:
        raise BadDate(
            f"The {what} '{text}' is not a date; write it as YYYY-MM-DD, for example 2026-12-03.",
            text=text,
            what=what,
            reason="format",
        )
    year, month, day = (int(x) for x in m.groups())
    if not 1 <= month <= len(MONTHS):
        raise BadDate(
            f"There is no month {month}; write the {what} as YYYY-MM-DD.",
            text=text,
            what=what,
            reason="no-such-day",
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise BadDate(
            f"There is no {day} {MONTHS[month - 1]} {year}.",
            text=text,
            what=what,
            reason="no-such-day",
        ) from None


def long_date(d: date) -> str:
    """'3 December 2026', the way a date is written in a sentence."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def add_years(d: date, years: int) -> date:
    """The same day ``years`` later (or earlier); 29 February becomes 28 February."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def check_visit_date(start: date, today: date) -> date:
    """A visit is planned within two years either side of today. Raises ImplausibleDate."""
    earliest, latest = add_years(today, -VISIT_YEARS), add_years(today, VISIT_YEARS)
    if not earliest <= start <= latest:
        raise ImplausibleDate(
            f"A visit on {long_date(start)} is more than two years from today; "
            f"choose a date from {long_date(earliest)} to {long_date(latest)}.",
            what="visit date",
            value=start,
            earliest=earliest,
            latest=latest,
        )
    return start


def check_due_date(due: date, review_start: date) -> date:
    """A next step is not due before the visit it came from. Raises ImplausibleDate."""
    if due < review_start:
        raise ImplausibleDate(
            f"A next step cannot be due on {long_date(due)}, before the visit on "
            f"{long_date(review_start)}.",
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

"""Dates as people read and type them: the one way a date is shown, and the reading of a
typed date. Pure (the standard library and app.errors), so every layer may use it: the command
line, the window, the report and its signature stamps (``app.services.dates`` adds the ranges
that make sense, which need "today" from the injected clock).

Shown: en-GB everywhere a person reads a date (the command line's human output, the window,
the report, verify's lines): "12 Nov 2026", a range "12–13 Nov 2026", a moment
"12 Nov 2026 14:03" (:func:`display_date`, :func:`display_range`, :func:`display_datetime`).
``--json`` and packages keep ISO 8601.

Typed: the command line takes ISO only (YYYY-MM-DD, :func:`parse_iso_date`). The window's
date fields also take the en-GB ways of writing a day, always day first ("12 Nov 2026",
"12/11/2026", "30 06 2027"; :func:`parse_typed_date`) and show back what they read. Anything
else, or a day that does not exist, is refused with a sentence, never guessed at.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from app.errors import BadDate

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
# What the window's fields read besides ISO: year first (2027-3-4, 2027/03/04), day first with
# numbers (12/11/2026, 12.11.2026, 30 06 2027) or with the month's name (12 Nov 2026,
# 12th November 2026, 12-Nov-2026). A two-digit year is refused, never widened to a century.
_YEAR_FIRST = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})\s*[-/. ]\s*(\d{1,2})\s*[-/. ]\s*(\d+)")
_NAMED = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]*([a-z]+)\.?[\s\-/.,]*(\d+)", re.IGNORECASE)
SHORT_MONTH = 3  # letters of a month's name that say which month it is ("Nov")
FULL_YEAR = 4  # digits of a year written in full
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def parse_iso_date(text: str, what: str = "date") -> date:
    """``text`` as a date, only if written YYYY-MM-DD and the day exists.

    Raises BadDate: ``reason="format"`` for anything else (3/12/2026, 20261203, tomorrow),
    ``reason="no-such-day"`` for 2027-02-30 ("There is no 30 February 2027.").
    """
    m = _ISO.fullmatch(text.strip())
    if m is None:
        raise BadDate(
            f"The {what} '{text}' is not a date; write it as YYYY-MM-DD, for example 2026-12-03.",
            text=text,
            what=what,
            reason="format",
        )
    year, month, day = (int(x) for x in m.groups())
    return _day(year, month, day, text, what, "write the {what} as YYYY-MM-DD")


def parse_typed_date(text: str, what: str = "date") -> date:
    """``text`` as the day a person meant, in the ways people in the UK write one: ISO year
    first (2027-03-04), or day first with numbers (12/11/2026, 30 06 2027) or the month's name
    (12 Nov 2026, 12th November 2026). The year is always written in full.

    Raises BadDate: ``reason="empty"`` for nothing typed, ``reason="format"`` for anything
    else (11/12, 12/11/26, Nov 12 2026, tomorrow), ``reason="no-such-day"`` for a day or month
    that does not exist ("There is no 30 February 2027.").
    """
    typed = text.strip()
    hint = "write it as 12 Nov 2026, 12/11/2026 or 2026-11-12"
    if not typed:
        raise BadDate(f"Type the {what}; {hint}.", text=text, what=what, reason="empty")
    if m := _YEAR_FIRST.fullmatch(typed):
        year, month, day = (int(x) for x in m.groups())
        return _day(year, month, day, text, what, hint)
    named = _NAMED.fullmatch(typed)
    numbers = _DAY_FIRST.fullmatch(typed)
    month_name = named.group(2).lower() if named else ""
    by_name = next(
        (
            i
            for i, name in enumerate(MONTHS, 1)
            if len(month_name) >= SHORT_MONTH and name.lower().startswith(month_name)
        ),
        None,
    )
    if named is not None and by_name is not None:
        day, month, year_text = int(named.group(1)), by_name, named.group(3)
    elif numbers is not None:
        day, month, year_text = int(numbers.group(1)), int(numbers.group(2)), numbers.group(3)
    else:
        raise BadDate(
            f"The {what} '{text}' is not a date; {hint}.", text=text, what=what, reason="format"
        )
    if len(year_text) != FULL_YEAR:
        raise BadDate(
            f"Write the year of the {what} '{text}' in full, for example 2027.",
            text=text,
            what=what,
            reason="format",
        )
    return _day(int(year_text), month, day, text, what, hint)


def _day(year: int, month: int, day: int, text: str, what: str, hint: str) -> date:
    if not 1 <= month <= len(MONTHS):
        raise BadDate(
            f"There is no month {month}; {hint.format(what=what)}.",
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


def _as_date(value: date | str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return datetime.fromisoformat(value).date() if "T" in value else date.fromisoformat(value)


def display_date(value: date | str | None) -> str:
    """How a date is shown to a person, everywhere: '12 Nov 2026' (en-GB, day first, the
    month's first three letters). Takes a date or an ISO string; None or '' gives ''."""
    if value is None or value == "":
        return ""
    d = _as_date(value)
    return f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}"


def display_weekday(value: date | str) -> str:
    """'Thursday 12 Nov 2026': a typed date read back, so a slip of a day shows."""
    d = _as_date(value)
    return f"{DAYS[d.weekday()]} {display_date(d)}"


def display_range(start: date | str | None, end: date | str | None) -> str:
    """A visit's days: '12 Nov 2026', '12–13 Nov 2026', '30 Nov – 2 Dec 2026',
    '30 Dec 2026 – 2 Jan 2027'. A missing end is the start day."""
    if start is None or start == "":
        return ""
    s = _as_date(start)
    e = _as_date(end) if end else s
    if e <= s:
        return display_date(s)
    if (s.year, s.month) == (e.year, e.month):
        return f"{s.day}–{display_date(e)}"
    if s.year == e.year:
        return f"{s.day} {MONTHS[s.month - 1][:3]} – {display_date(e)}"
    return f"{display_date(s)} – {display_date(e)}"


def display_datetime(value: datetime | str | None) -> str:
    """A moment, such as a signing time: '12 Nov 2026 14:03' (as given: no zone is added or
    converted). Takes a datetime or an ISO string; None or '' gives ''."""
    if value is None or value == "":
        return ""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return f"{display_date(moment.date())} {moment:%H:%M}"


def long_date(d: date) -> str:
    """A date in a sentence: the same en-GB form as everywhere else (:func:`display_date`)."""
    return display_date(d)

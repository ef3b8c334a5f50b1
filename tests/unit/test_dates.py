"""The one way a date is shown (en-GB) and the window's reading of a typed date: day first or
ISO, the year in full, never a guess (app.dates)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.dates import (
    display_date,
    display_datetime,
    display_range,
    display_weekday,
    parse_typed_date,
)
from app.errors import BadDate


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("2027-03-04", date(2027, 3, 4)),  # ISO: year first, never read as 2026
        (" 2027-3-4 ", date(2027, 3, 4)),
        ("2027/03/04", date(2027, 3, 4)),
        ("4/3/2027", date(2027, 3, 4)),  # numbers: day first, as in the UK
        ("04.03.2027", date(2027, 3, 4)),
        ("30 06 2027", date(2027, 6, 30)),  # once stored as 1 June
        ("30-06-2027", date(2027, 6, 30)),
        ("12 Nov 2026", date(2026, 11, 12)),
        ("12 november 2026", date(2026, 11, 12)),
        ("12th November, 2026", date(2026, 11, 12)),
        ("1st Sept 2027", date(2027, 9, 1)),
        ("12-Nov-2026", date(2026, 11, 12)),
        ("29 Feb 2028", date(2028, 2, 29)),
    ],
)
def test_a_typed_date_is_the_day_meant(typed: str, meant: date) -> None:
    assert parse_typed_date(typed, "visit date") == meant


@pytest.mark.parametrize(
    ("typed", "reason", "words"),
    [
        ("", "empty", "Type the visit date; write it as 12 Nov 2026"),
        ("   ", "empty", "Type the visit date"),
        ("2027-02-30", "no-such-day", "There is no 30 February 2027."),
        ("29/02/2027", "no-such-day", "There is no 29 February 2027."),
        ("31 Jun 2027", "no-such-day", "There is no 31 June 2027."),
        ("12/13/2026", "no-such-day", "There is no month 13"),  # month first is not read
        ("4/3/27", "format", "Write the year of the visit date '4/3/27' in full"),
        ("4 Mar 27", "format", "in full"),
        ("4/3", "format", "is not a date"),  # no year: never guessed
        ("Mar 4 2027", "format", "is not a date"),
        ("4 Ma 2027", "format", "is not a date"),  # March or May?
        ("4 Marchy 2027", "format", "is not a date"),
        ("20270304", "format", "is not a date"),
        ("tomorrow", "format", "is not a date"),
    ],
)
def test_a_typed_date_that_is_not_one_is_refused(typed: str, reason: str, words: str) -> None:
    with pytest.raises(BadDate) as caught:
        parse_typed_date(typed, "visit date")
    assert (caught.value.reason, caught.value.what, caught.value.text) == (
        reason,
        "visit date",
        typed,
    )
    assert words in caught.value.user_message
    assert "\n" not in caught.value.user_message


def test_dates_are_shown_en_gb() -> None:
    assert display_date(date(2026, 11, 12)) == "12 Nov 2026"
    assert display_date("2027-09-01") == "1 Sep 2027"
    assert display_date(datetime(2026, 11, 12, 23, 59)) == "12 Nov 2026"
    assert display_date(None) == display_date("") == ""
    assert display_weekday(date(2026, 11, 12)) == "Thursday 12 Nov 2026"


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        ("2026-11-12", "2026-11-12", "12 Nov 2026"),
        ("2026-11-12", None, "12 Nov 2026"),
        ("2026-11-12", "2026-11-13", "12–13 Nov 2026"),
        ("2026-11-30", "2026-12-02", "30 Nov – 2 Dec 2026"),
        ("2026-12-30", "2027-01-02", "30 Dec 2026 – 2 Jan 2027"),
        (None, None, ""),
    ],
)
def test_a_visit_s_days_are_shown_as_one_range(
    start: str | None, end: str | None, shown: str
) -> None:
    assert display_range(start, end) == shown


def test_a_moment_is_shown_with_its_time() -> None:
    assert display_datetime(datetime(2026, 11, 12, 14, 3, 59)) == "12 Nov 2026 14:03"
    assert display_datetime("2026-11-12T14:03+00:00") == "12 Nov 2026 14:03"
    assert display_datetime(datetime(2026, 1, 2, 9, 5, tzinfo=UTC)) == "2 Jan 2026 09:05"
    assert display_datetime("") == display_datetime(None) == ""

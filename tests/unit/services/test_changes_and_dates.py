"""The small values the editing services share: Changes, typed dates, placeholder statements."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from app.errors import BadDate, EmptyStatement, ImplausibleDate
from app.services.changes import NOTHING, Changes
from app.services.dates import add_years, check_due_date, check_visit_date, parse_iso_date
from app.services.writeup import statement_text


def test_changes_combine_and_say_what_kinds_changed() -> None:
    a = Changes.of(notes="n1", reviews=["r1"])
    b = Changes.of(notes=["n2"], findings="f1")
    both = a | b
    assert (
        both
        == a.union(b)
        == Changes(
            notes=frozenset({"n1", "n2"}), findings=frozenset({"f1"}), reviews=frozenset({"r1"})
        )
    )
    assert both.kinds() == {"notes", "findings", "reviews"}
    assert both and not NOTHING and NOTHING.kinds() == frozenset()
    assert a | NOTHING == a
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.notes = frozenset()  # type: ignore[misc]


@pytest.mark.parametrize(
    ("typed", "reason", "words"),
    [
        ("2027-02-30", "no-such-day", "There is no 30 February 2027."),
        ("2026-02-29", "no-such-day", "There is no 29 February 2026."),
        ("2027-00-10", "no-such-day", "There is no month 0"),
        ("2027-W05-1", "format", "YYYY-MM-DD"),  # ISO week dates: Python reads them, people do not
        ("20270304", "format", "YYYY-MM-DD"),
        ("2027-03-04T10:00", "format", "YYYY-MM-DD"),
        ("4 March 2027", "format", "YYYY-MM-DD"),
        ("", "format", "YYYY-MM-DD"),
    ],
)
def test_only_real_iso_dates_are_read(typed: str, reason: str, words: str) -> None:
    with pytest.raises(BadDate) as caught:
        parse_iso_date(typed, "visit date")
    assert (
        caught.value.reason == reason
        and caught.value.text == typed
        and caught.value.what == "visit date"
    )
    assert words in caught.value.user_message


def test_a_real_iso_date_is_read_exactly() -> None:
    assert parse_iso_date(" 2028-02-29 ") == date(2028, 2, 29)


def test_plausible_ranges() -> None:
    today = date(2028, 2, 29)
    assert add_years(today, 2) == date(2030, 2, 28) and add_years(today, -2) == date(2026, 2, 28)
    assert check_visit_date(date(2030, 2, 28), today) == date(2030, 2, 28)
    with pytest.raises(ImplausibleDate) as caught:
        check_visit_date(date(2026, 2, 27), today)
    assert (caught.value.earliest, caught.value.latest) == (date(2026, 2, 28), date(2030, 2, 28))
    assert check_due_date(date(2026, 12, 3), date(2026, 12, 3)) == date(2026, 12, 3)
    with pytest.raises(ImplausibleDate, match="before the visit on 3 Dec 2026"):
        check_due_date(date(2026, 12, 2), date(2026, 12, 3))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ",
        "What went well:",
        "What went well: ",
        "even better if",
        "Even better if -",
        "WWW:",
        "ebi …",
        "?!",
    ],
)
def test_placeholders_are_not_statements(text: str) -> None:
    with pytest.raises(EmptyStatement) as caught:
        statement_text(text, "f1")
    assert caught.value.finding_id == "f1"


def test_a_statement_keeps_its_words() -> None:
    assert (
        statement_text("  What went well: reading for pleasure ")
        == "What went well: reading for pleasure"
    )
    assert (
        statement_text("Even better if pupils chose their own texts")
        == "Even better if pupils chose their own texts"
    )

"""The report's plain-SQL reads give what the ORM's review_detail gives, on a SQLAlchemy
session and on a stdlib sqlite3 connection; and whose each box is follows the review."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from app.db import Database
from app.errors import NotFound
from app.services.capture import add_note
from app.services.demo import demo_id, load_demo
from app.services.report_source import find_review_id, report_detail, signoff_for_review
from app.services.reviews import review_detail
from app.services.writeup import add_finding

REVIEWS = ["tech", "mcr-plan", "mcr-rodney", "bro-wyr", "ty-coch"]


@pytest.fixture
def db(tmp_path: Path):  # type: ignore[no-untyped-def]
    database = Database.open(tmp_path)
    with database.transaction() as s:
        load_demo(s)
        tech = demo_id("review", "tech")
        note = add_note(
            s,
            tech,
            focus="Impact of new initiatives",
            kind="neutral",
            text="A note",
            activity="work-scrutiny",
            now=datetime(2026, 11, 12, 14, 0),
        )
        add_finding(
            s,
            tech,
            focus="Impact of new initiatives",
            kind="www",
            text="A finding",
            evidence=[note.id],
        )
    yield database
    database.close()


def test_report_detail_is_review_detail_without_safeguarding(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    con = sqlite3.connect(tmp_path / "peerwalk.db")
    try:
        with db.read() as s:
            for key in REVIEWS:
                rid = demo_id("review", key)
                expected = review_detail(s, rid)
                assert expected.safeguarding is None
                assert report_detail(s, rid) == expected, key
                assert report_detail(con, rid) == expected, key
    finally:
        con.close()


def test_finding_a_review_by_a_prefix(db) -> None:  # type: ignore[no-untyped-def]
    tech = demo_id("review", "tech")
    with db.read() as s:
        assert find_review_id(s, tech[:8]) == tech
        with pytest.raises(NotFound, match="There is no review with id 'nope'"):
            find_review_id(s, "nope")
        with pytest.raises(NotFound, match="no review with id '____'"):
            find_review_id(s, "____")  # LIKE wildcards are plain characters here


def test_whose_each_box_is(db) -> None:  # type: ignore[no-untyped-def]
    with db.read() as s:
        signoff = signoff_for_review(s, demo_id("review", "tech"))
        assert signoff is not None
        assert [(b.field, b.role, b.name, b.school_id) for b in signoff.boxes] == [
            ("writer", "writer", "Rob Ellis", "137450"),
            ("co-reviewer-1", "co-reviewer", "Trevor Mayhew", "137452"),
            ("host-headteacher", "host-headteacher", "Claire Goodwin", "137451"),
        ]
        assert signoff.boxes[0].person_id == demo_id("person", "rob")
        assert signoff_for_review(s, "not-a-review") is None

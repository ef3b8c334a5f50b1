"""`peerwalk rota`: the real program plans, lists, exports (.ics, parsed by icalendar) and
starts a review from a visit; each bad input is one sentence and changes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.conftest import assert_one_line_error, db_fingerprint, today_env

NET = "Manchester Primary and Special Group"  # the demo has planned the Welsh SIG's already


@pytest.fixture
def demo(peerwalk):  # type: ignore[no-untyped-def]
    assert peerwalk("demo").code == 0
    assert peerwalk("site", "set", "--school", "105520", "--name", "Nadia Rahman").code == 0
    return peerwalk


def _plan(run, *extra: str):  # type: ignore[no-untyped-def]
    return run(
        "--json",
        "rota",
        "plan",
        NET,
        "--from",
        "2027-01-04",
        "--to",
        "2027-03-26",
        "--blocked",
        "2027-02-15",
        *extra,
        env=today_env(),
    )


def test_a_rota_is_planned_listed_and_written_as_a_calendar(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    planned = _plan(demo)
    assert planned.code == 0, planned.err
    visits = planned.json()
    assert len(visits) == 4
    listed = demo("--json", "rota", "list", NET, env=today_env()).json()
    assert [v["day"] for v in listed] == sorted(v["day"] for v in visits)
    assert all(v["flag"] == "" for v in listed)  # nothing is overdue before the rota starts
    human = demo("rota", "list", NET, "--school", "Irwell Bank Primary School", env=today_env())
    assert human.code == 0, human.err
    assert "Jan 2027" in human.out or "January 2027" in human.out
    ics = tmp_path / "rota.ics"
    done = demo("rota", "ics", NET, "-o", str(ics), env=today_env())
    assert done.code == 0, done.err
    cal = Calendar.from_ical(ics.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == 4
    starts = sorted(e.decoded("dtstart") for e in events)
    assert starts == sorted(date.fromisoformat(v["day"]) for v in visits)
    assert all(str(e["uid"]).endswith("@peerwalk") for e in events)
    assert date(2027, 2, 15) not in starts


def test_a_visit_becomes_a_planned_review_in_one_step(demo) -> None:  # type: ignore[no-untyped-def]
    assert _plan(demo).code == 0
    visit = demo("--json", "rota", "list", NET, env=today_env()).json()[0]
    started = demo(
        "--json", "rota", "start", visit["id"][:8], "--focus", "Reading", env=today_env()
    )
    assert started.code == 0, started.err
    review = demo("--json", "reviews", "show", started.json()["id"], env=today_env()).json()
    assert review["start_date"] == visit["day"]
    again = demo("rota", "start", visit["id"][:8], "--focus", "Reading", env=today_env())
    assert_one_line_error(again, "already planned")
    # Once its day has passed without a signed report, the visit is flagged.
    late = demo("--json", "rota", "list", NET, env=today_env("2027-06-01")).json()
    flags = {v["id"]: v["flag"] for v in late}
    assert flags[visit["id"]] == "write-up overdue"
    assert set(flags.values()) == {"write-up overdue", "not planned yet"}


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["plan", NET, "--from", "2027-02-30", "--to", "2027-03-01"], "30 February 2027"),
        (["plan", NET, "--from", "2027-03-01", "--to", "2027-01-01"], "before its first"),
        (["plan", NET, "--from", "2027-01-04", "--to", "2027-01-05"], "do not fit"),
        (["plan", "No Such Network", "--from", "2027-01-04", "--to", "2027-03-01"], "no network"),
        (["plan", "Essex Secondary Triad", "--from", "2027-01-04", "--to", "2027-03-01"], "only"),
        (["start", "zzzzzzzz", "--focus", "Reading"], "rota visit"),
        (["ics", NET, "-o", "/proc/nope/rota.ics"], "no rota visits"),
    ],
)
def test_bad_input_is_one_sentence_and_changes_nothing(demo, data_dir: Path, args, says) -> None:  # type: ignore[no-untyped-def]
    before = db_fingerprint(data_dir)
    assert_one_line_error(demo("rota", *args, env=today_env()), says)
    assert db_fingerprint(data_dir) == before


def test_planning_again_needs_replace_and_keeps_planned_reviews(demo, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    assert _plan(demo).code == 0
    before = db_fingerprint(data_dir)
    assert_one_line_error(_plan(demo), "already has a rota", "--replace")
    assert db_fingerprint(data_dir) == before
    visit = demo("--json", "rota", "list", NET, env=today_env()).json()[0]
    assert demo("rota", "start", visit["id"], "--focus", "Reading", env=today_env()).code == 0
    assert _plan(demo, "--replace").code == 0
    after = demo("--json", "rota", "list", NET, env=today_env()).json()
    assert len(after) == 4
    kept = [v for v in after if v["review_id"]]
    assert [v["id"] for v in kept] == [visit["id"]]  # the planned visit stays, the rest re-planned

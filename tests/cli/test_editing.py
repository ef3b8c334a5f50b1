"""Everything can be edited and deleted from the command line, as the real program.

A deletion is a tombstone: the record stays (so a late edit from another laptop cannot bring
it back) and every read leaves it out. The program's date is pinned (tests.conftest.TODAY,
2026-11-20); the visit is on 2026-12-03.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Result, assert_one_line_error, db_fingerprint, run_peerwalk, today_env

HOST, HARLOW, YSGOL, OUTSIDE = "115002", "115001", "6702345", "115009"


def _build(d: Path, csv: Path) -> dict[str, str]:
    """Four schools (three in a triad), five people, a visit with notes, statements and a next
    step, made through the command line."""

    def pw(*args: str) -> Any:
        r = run_peerwalk(d, "--json", *args, env=today_env())
        assert r.code == 0, (args, r.err)
        return r.json()

    csv.write_text(
        "urn,name,phase,local_authority\n"
        f"{YSGOL},Ysgol Gymraeg Bro Ŵyr,Primary,Swansea\n"
        f"{HARLOW},Harlow Fields Academy,Secondary,Essex\n"
        f"{HOST},Chelmer Valley High School,Secondary,Essex\n"
        f"{OUTSIDE},Tendring Technology College,Secondary,Essex\n",
        encoding="utf-8",
    )
    pw("schools", "import", str(csv))
    ids = {}
    for name, role, school in [
        ("Siân Ŵen Hughes", "headteacher", YSGOL),
        ("Tom Baker", "headteacher", HARLOW),
        ("Priya Shah", "headteacher", HOST),
        ("Dave Cole", "subject-leader", HOST),
        ("Nia Evans", "deputy-headteacher", OUTSIDE),
    ]:
        ids[name] = pw("people", "add", "--name", name, "--role", role, "--school", school)["id"]
    ids["network"] = pw(
        "networks",
        "create",
        "Essex Triad",
        "--school",
        HARLOW,
        "--school",
        HOST,
        "--school",
        YSGOL,
        "--kind",
        "triad",
    )["id"]
    review = ids["review"] = pw(
        "reviews",
        "plan",
        "--host",
        HOST,
        "--date",
        "2026-12-03",
        "--focus",
        "Challenge in Technology",
        "--focus",
        "Impact of new initiatives",
        "--focus",
        "Attendance",
        "--reviewer",
        "Tom Baker",
        "--reviewer",
        "Siân Ŵen Hughes",
        "--writer",
        "Siân Ŵen Hughes",
        "--host-staff",
        "Dave Cole",
    )["id"]
    ids["note"] = pw(
        "notes",
        "add",
        review,
        "--activity",
        "learning-walk",
        "--focus",
        "Challenge",
        "--kind",
        "strength",
        "--text",
        "Y9 pupils explained CAD design choices",
    )["id"]
    ids["note2"] = pw(
        "notes",
        "add",
        review,
        "--activity",
        "work-scrutiny",
        "--focus",
        "Impact",
        "--kind",
        "area",
        "--text",
        "Feedback policy not yet seen in books",
    )["id"]
    ids["www"] = pw(
        "findings",
        "add",
        review,
        "--focus",
        "Challenge",
        "--www",
        "Pupils articulate design thinking",
        "--evidence",
        ids["note"],
        ids["note2"],
    )["id"]
    ids["ebi"] = pw(
        "findings", "add", review, "--focus", "Impact", "--ebi", "Embed the feedback policy"
    )["id"]
    ids["action"] = pw(
        "actions",
        "add",
        review,
        "--text",
        "Book look in March",
        "--owner",
        "Dave Cole",
        "--due",
        "2027-03-01",
        "--finding",
        ids["ebi"],
    )["id"]
    return ids


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("template")
    d = root / "data"
    return d, _build(d, root / "schools.csv")


@pytest.fixture
def world(template: tuple[Path, dict[str, str]], data_dir: Path) -> dict[str, str]:
    """A copy of the template's data folder for this test (the program is not running)."""
    shutil.rmtree(data_dir)
    shutil.copytree(template[0], data_dir)
    return template[1]


@pytest.fixture
def pw(data_dir: Path):  # type: ignore[no-untyped-def]
    def run(*args: str, today: str | None = None) -> Result:
        return run_peerwalk(data_dir, *args, env=today_env(today) if today else today_env())

    return run


def show(pw, review: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    r = pw("--json", "reviews", "show", review)
    assert r.code == 0, r.err
    return r.json()  # type: ignore[no-any-return]


def row(data_dir: Path, table: str, record_id: str) -> dict[str, Any]:
    con = sqlite3.connect(data_dir / "peerwalk.db")
    con.row_factory = sqlite3.Row
    try:
        return dict(con.execute(f"SELECT * FROM {table} WHERE id = ?", (record_id,)).fetchone())
    finally:
        con.close()


# --- notes ------------------------------------------------------------------------------


def test_a_note_is_edited_after_enter(pw, world) -> None:  # type: ignore[no-untyped-def]
    r = pw(
        "--json",
        "notes",
        "edit",
        world["note"][:8],
        "--text",
        "Y9 pupils justified CAD choices to users",
        "--kind",
        "neutral",
        "--focus",
        "impact",
    )
    assert r.code == 0, r.err
    assert r.json() == {"id": world["note"], "changes": {"notes": [world["note"]]}}
    detail = show(pw, world["review"])
    note = next(n for n in detail["notes"] if n["id"] == world["note"])
    impact = next(
        a["id"] for a in detail["focus_areas"] if a["title"] == "Impact of new initiatives"
    )
    assert (note["text"], note["kind"], note["focus_id"]) == (
        "Y9 pupils justified CAD choices to users",
        "neutral",
        impact,
    )
    assert [h["id"] for h in pw("--json", "search", "justified").json()] == [world["note"]]
    assert pw("--json", "search", "explained").json() == []


def test_a_deleted_note_is_gone_from_every_read_but_kept_as_a_tombstone(
    pw, world, data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    r = pw("--json", "notes", "delete", world["note"])
    assert r.code == 0, r.err
    assert r.json()["changes"] == {"notes": [world["note"]]}
    detail = show(pw, world["review"])
    assert world["note"] not in {n["id"] for n in detail["notes"]}
    www = next(f for f in detail["findings"] if f["id"] == world["www"])
    assert www["evidence"] == [world["note2"]]  # the statement no longer cites it
    assert pw("--json", "search", "CAD").json() == []
    assert (
        next(x for x in pw("--json", "reviews", "list").json() if x["id"] == world["review"])[
            "notes"
        ]
        == 1
    )
    assert row(data_dir, "notes", world["note"])["deleted"] == 1  # a tombstone, not a hole
    before = db_fingerprint(data_dir)
    assert_one_line_error(pw("notes", "delete", world["note"]), "no note")  # gone is gone
    assert_one_line_error(pw("notes", "edit", world["note"], "--text", "back?"), "no note")
    assert db_fingerprint(data_dir) == before


# --- statements ---------------------------------------------------------------------------


def test_a_statement_is_deleted_and_its_next_step_stays(pw, world, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    r = pw("--json", "findings", "delete", world["ebi"][:6])
    assert r.code == 0, r.err
    assert r.json()["changes"] == {"findings": [world["ebi"]]}
    detail = show(pw, world["review"])
    assert world["ebi"] not in {f["id"] for f in detail["findings"]}
    (action,) = detail["actions"]
    assert action["id"] == world["action"] and action["finding_id"] is None
    assert pw("--json", "search", "feedback policy").json()[0]["kind"] == "note (area to consider)"
    assert "Embed the feedback policy" not in pw("reviews", "show", world["review"]).out
    assert row(data_dir, "findings", world["ebi"])["deleted"] == 1


def test_the_report_leaves_out_deleted_records(pw, world, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    for args in (
        ("notes", "delete", world["note"]),
        ("findings", "delete", world["ebi"]),
        ("actions", "delete", world["action"]),
    ):
        assert pw(*args).code == 0
    from app.db import Database
    from app.services.reporting import report_data

    db = Database.open(data_dir)
    try:
        with db.read() as s:
            data = report_data(s, world["review"])
    finally:
        db.close()
    printed = json.dumps(
        [data.sections, data.actions, data.good_practice], default=lambda o: o.__dict__
    )
    assert (
        "Pupils articulate design thinking" in printed and "Feedback policy not yet seen" in printed
    )
    for gone in ("CAD design choices", "Embed the feedback policy", "Book look in March"):
        assert gone not in printed


@pytest.mark.parametrize(
    "text",
    [
        "What went well:",
        "what went well",
        "Even better if: ",
        "EVEN BETTER IF …",
        "EBI.",
        "   ",
        ":",
    ],
)
def test_a_placeholder_statement_is_never_stored(pw, world, data_dir: Path, text: str) -> None:  # type: ignore[no-untyped-def]
    before = db_fingerprint(data_dir)
    assert_one_line_error(
        pw("findings", "add", world["review"], "--focus", "Challenge", "--www", text),
        "needs words of its own",
    )
    assert_one_line_error(
        pw("findings", "edit", world["www"], "--text", text),
        "cannot be left empty",
        f"findings delete {world['www'][:8]}",
    )
    assert db_fingerprint(data_dir) == before


# --- next steps ---------------------------------------------------------------------------


def test_a_next_step_is_edited_and_deleted(pw, world, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    r = pw(
        "--json",
        "actions",
        "edit",
        world["action"][:8],
        "--text",
        "Book look after Easter",
        "--owner",
        "Priya Shah",
        "--due",
        "2027-04-19",
    )
    assert r.code == 0, r.err
    assert r.json()["changes"] == {"actions": [world["action"]]}
    (action,) = show(pw, world["review"])["actions"]
    assert (action["text"], action["owner"], action["due"]) == (
        "Book look after Easter",
        "Priya Shah",
        "2027-04-19",
    )
    assert pw("actions", "delete", world["action"]).code == 0
    assert show(pw, world["review"])["actions"] == []
    assert row(data_dir, "actions", world["action"])["deleted"] == 1


# --- plans ----------------------------------------------------------------------------------


def test_a_plan_is_changed_dates_focus_team_writer_and_host_staff(pw, world) -> None:  # type: ignore[no-untyped-def]
    r = pw(
        "--json",
        "reviews",
        "edit",
        world["review"],
        "--date",
        "2026-12-10",
        "--add-focus",
        "Reading for pleasure",
        "--remove-focus",
        "attendance",
        "--add-reviewer",
        "Nia Evans",
        "--remove-reviewer",
        "Tom Baker",
        "--writer",
        "Nia Evans",
        "--add-host-staff",
        "Priya Shah",
        "--remove-host-staff",
        "Dave Cole",
    )
    assert r.code == 0, r.err
    assert r.json()["changes"] == {"reviews": [world["review"]]}
    d = show(pw, world["review"])
    assert (d["start_date"], d["end_date"]) == ("2026-12-10", "2026-12-10")
    assert [a["title"] for a in d["focus_areas"]] == [
        "Challenge in Technology",
        "Impact of new initiatives",
        "Reading for pleasure",
    ]
    assert {(t["name"], t["role"]) for t in d["team"]} == {
        ("Siân Ŵen Hughes", "lead"),
        ("Nia Evans", "reviewer"),
        ("Priya Shah", "host-staff"),
    }
    assert d["writer"] == "Nia Evans"
    assert pw("reviews", "edit", world["review"], "--end-date", "2026-12-11").code == 0
    assert (
        pw("reviews", "edit", world["review"], "--date", "2026-12-14").code == 0
    )  # keeps its two days
    d = show(pw, world["review"])
    assert (d["start_date"], d["end_date"]) == ("2026-12-14", "2026-12-15")
    assert (
        pw("reviews", "edit", world["review"], "--add-reviewer", "Tom Baker").code == 0
    )  # back again
    assert ("Tom Baker", "reviewer") in {
        (t["name"], t["role"]) for t in show(pw, world["review"])["team"]
    }


def test_a_person_is_corrected(pw, world) -> None:  # type: ignore[no-untyped-def]
    r = pw(
        "--json",
        "people",
        "edit",
        "tom baker",
        "--name",
        "Thomas Baker",
        "--role",
        "deputy-headteacher",
        "--email",
        "t.baker@harlow.example",
    )
    assert r.code == 0, r.err
    assert r.json() == {"id": world["Tom Baker"], "changes": {"people": [world["Tom Baker"]]}}
    person = next(p for p in pw("--json", "people", "list").json() if p["id"] == world["Tom Baker"])
    assert (person["name"], person["role"], person["email"]) == (
        "Thomas Baker",
        "deputy-headteacher",
        "t.baker@harlow.example",
    )
    assert any(t["name"] == "Thomas Baker" for t in show(pw, world["review"])["team"])


def test_a_network_changes_its_schools_and_rules(pw, world, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    r = pw(
        "--json",
        "networks",
        "edit",
        "essex triad",
        "--remove-school",
        YSGOL,
        "--add-school",
        OUTSIDE,
        "--rules",
        "What is said in the room stays in the room.",
    )
    assert r.code == 0, r.err
    assert r.json()["changes"] == {"networks": [world["network"]]}
    (net,) = pw("--json", "networks", "list").json()
    assert {s["id"] for s in net["schools"]} == {HARLOW, HOST, OUTSIDE}
    assert net["ground_rules"] == "What is said in the room stays in the room."
    assert (
        pw(
            "networks",
            "edit",
            world["network"][:8],
            "--add-school",
            "Ysgol Gymraeg Bro Ŵyr",
            "--name",
            "Essex and Swansea",
        ).code
        == 0
    )
    (net,) = pw("--json", "networks", "list").json()
    assert net["name"] == "Essex and Swansea" and len(net["schools"]) == 4
    con = sqlite3.connect(data_dir / "peerwalk.db")
    try:  # rejoining revives the one membership (its id is derived from the pair), no twin
        assert con.execute(
            "SELECT count(*), sum(deleted) FROM network_members WHERE school_id = ?", (YSGOL,)
        ).fetchone() == (1, 0)
    finally:
        con.close()


def test_a_school_is_corrected(pw, world) -> None:  # type: ignore[no-untyped-def]
    r = pw(
        "--json",
        "schools",
        "edit",
        HOST,
        "--name",
        "Chelmer Valley High",
        "--phase",
        "All-through",
        "--local-authority",
        "Essex County",
        "--welsh-medium",
    )
    assert r.code == 0, r.err
    assert r.json() == {"id": HOST, "changes": {"schools": [HOST]}}
    school = next(s for s in pw("--json", "schools", "list").json() if s["id"] == HOST)
    assert (school["name"], school["phase"], school["local_authority"], school["welsh_medium"]) == (
        "Chelmer Valley High",
        "All-through",
        "Essex County",
        True,
    )
    assert show(pw, world["review"])["host_school"]["name"] == "Chelmer Valley High"


# --- dates ----------------------------------------------------------------------------------


def test_today_comes_from_the_injected_clock(pw, world, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    plan = (
        "reviews",
        "plan",
        "--host",
        HARLOW,
        "--focus",
        "Reading",
        "--reviewer",
        "Priya Shah",
        "--date",
    )
    assert pw(*plan, "2028-11-20").code == 0  # two years from 2026-11-20: the last day allowed
    before = db_fingerprint(data_dir)
    assert_one_line_error(
        pw(*plan, "2028-11-21"),
        "more than two years from today",
        "20 Nov 2024 to 20 Nov 2028",
    )
    assert_one_line_error(
        pw(*plan, "2026-12-03", today="2030-01-01"),
        "more than two years",
        "1 Jan 2028 to 1 Jan 2032",
    )
    assert db_fingerprint(data_dir) == before


PLAN = ("reviews", "plan", "--host", HOST, "--focus", "Reading", "--reviewer", "Tom Baker")
BAD_DATES = [
    ((*PLAN, "--date", "2027-02-30"), "There is no 30 February 2027."),
    ((*PLAN, "--date", "2026-02-29"), "There is no 29 February 2026."),
    ((*PLAN, "--date", "2027-13-01"), "There is no month 13"),
    ((*PLAN, "--date", "20270304"), "YYYY-MM-DD"),
    ((*PLAN, "--date", "1999-03-04"), "more than two years from today"),
    (
        ("actions", "add", "REVIEW", "--text", "t", "--owner", "Dave Cole", "--due", "2020-06-30"),
        "cannot be due on 30 Jun 2020, before the visit on 3 Dec 2026",
    ),
    (("actions", "edit", "ACTION", "--due", "2026-12-02"), "before the visit"),
    (("actions", "edit", "ACTION", "--due", "2027-06-31"), "There is no 31 June 2027."),
    (("reviews", "edit", "REVIEW", "--date", "2031-01-01"), "more than two years"),
    (("reviews", "edit", "REVIEW", "--date", "2027-02-30"), "There is no 30 February 2027."),
    (("reviews", "edit", "REVIEW", "--end-date", "2026-12-02"), "cannot end before it starts"),
    (
        ("reviews", "edit", "REVIEW", "--date", "2027-03-02"),
        "'Book look in March' is due on 1 Mar 2027, before the visit would start",
    ),
]


def _fill(args: tuple[str, ...], ids: dict[str, str]) -> tuple[str, ...]:
    names = {
        "REVIEW": "review",
        "ACTION": "action",
        "NOTE": "note",
        "WWW": "www",
        "NETWORK": "network",
    }
    return tuple(ids[names[a]] if a in names else a for a in args)


@pytest.mark.parametrize(
    ("args", "message"),
    BAD_DATES,
    ids=[f"{i}-{a[0]}-{a[-1]}" for i, (a, _) in enumerate(BAD_DATES)],
)
def test_a_date_that_cannot_be_right_is_refused(pw, world, data_dir: Path, args, message) -> None:  # type: ignore[no-untyped-def]
    before = db_fingerprint(data_dir)
    assert_one_line_error(pw(*_fill(args, world)), message)
    assert db_fingerprint(data_dir) == before


# --- bad input: one sentence, nothing changed ------------------------------------------------

BAD = [
    # the visiting team never includes the host's own staff
    (
        (*PLAN[:-2], "--reviewer", "Priya Shah", "--date", "2026-12-03"),
        "Priya Shah works at Chelmer Valley High School, the school being reviewed",
    ),
    (
        (*PLAN, "--reviewer", "Dave Cole", "--writer", "Dave Cole", "--date", "2026-12-03"),
        "Dave Cole works at Chelmer Valley High School",
    ),
    (
        (*PLAN, "--date", "2026-12-03", "--host-staff", "Tom Baker"),
        "on the visiting team, so cannot also be host staff",
    ),
    (
        (*PLAN, "--date", "2026-12-03", "--host-staff", "Nia Evans"),
        "works at Tendring Technology College, so cannot be host staff",
    ),
    (("reviews", "edit", "REVIEW", "--add-reviewer", "Priya Shah"), "the school being reviewed"),
    (
        ("reviews", "edit", "REVIEW", "--add-reviewer", "Dave Cole"),
        "is host staff, so cannot also be on the visiting team",
    ),
    (
        ("reviews", "edit", "REVIEW", "--add-host-staff", "Tom Baker"),
        "on the visiting team, so cannot also be host staff",
    ),
    (("reviews", "edit", "REVIEW", "--add-reviewer", "Tom Baker"), "already on the visiting team"),
    (("reviews", "edit", "REVIEW", "--remove-reviewer", "Nia Evans"), "not on the visiting team"),
    (
        ("reviews", "edit", "REVIEW", "--remove-host-staff", "Priya Shah"),
        "not among the host staff",
    ),
    (
        ("reviews", "edit", "REVIEW", "--remove-reviewer", "Siân Ŵen Hughes"),
        "writes the report; choose another writer",
    ),
    (
        (
            "reviews",
            "edit",
            "REVIEW",
            "--remove-reviewer",
            "Tom Baker",
            "--remove-reviewer",
            "Siân Ŵen Hughes",
        ),
        "at least one visiting reviewer",
    ),
    (
        ("reviews", "edit", "REVIEW", "--writer", "Nia Evans"),
        "must be one of the visiting reviewers",
    ),
    (
        ("reviews", "edit", "REVIEW", "--remove-focus", "Challenge in Technology"),
        "has 1 note and 1 statement; move or delete them",
    ),
    (
        ("reviews", "edit", "REVIEW", "--remove-focus", "Maths"),
        "not one of this review's focus areas",
    ),
    (
        ("reviews", "edit", "REVIEW", "--add-focus", "attendance"),
        "already has the focus area 'attendance'",
    ),
    (("reviews", "edit", "REVIEW", "--add-focus", "  "), "empty"),
    (("reviews", "edit", "REVIEW"), "Say what to change: --date"),
    (("reviews", "edit", "nonexistent", "--date", "2026-12-04"), "no review"),
    # notes, statements, next steps
    (("notes", "edit", "NOTE", "--text", " "), "empty"),
    (("notes", "edit", "NOTE", "--kind", "great"), "not a kind of note"),
    (("notes", "edit", "NOTE", "--focus", "Maths"), "not one of this review's focus areas"),
    (("notes", "edit", "NOTE"), "Say what to change: --text"),
    (("notes", "edit", "deadbeef", "--text", "t"), "no note"),
    (("notes", "delete", "deadbeef"), "no note"),
    (("notes", "delete", "dea"), "no note"),
    (("findings", "delete", "deadbeef"), "no finding"),
    (("findings", "edit", "WWW", "--text", ""), "cannot be left empty"),
    (("actions", "edit", "ACTION", "--owner", "Nobody"), "nobody called"),
    (("actions", "edit", "ACTION", "--text", "  "), "empty"),
    (("actions", "edit", "ACTION"), "Say what to change: --text, --owner or --due"),
    (("actions", "edit", "deadbeef", "--text", "t"), "no next step"),
    (("actions", "delete", "deadbeef"), "no next step"),
    # people, networks, schools
    (("people", "edit", "Tom Baker", "--role", "wizard"), "not a role"),
    (("people", "edit", "Tom Baker", "--email", "tom at harlow"), "not an email address"),
    (("people", "edit", "Tom Baker", "--name", " "), "empty"),
    (("people", "edit", "Tom Bakr", "--name", "X"), "did you mean 'tom baker'"),
    (("people", "edit", "Tom Baker"), "Say what to change: --name"),
    (
        ("networks", "edit", "NETWORK", "--remove-school", HARLOW, "--remove-school", HOST),
        "at least two",
    ),
    (("networks", "edit", "NETWORK", "--remove-school", OUTSIDE), "not in the network"),
    (("networks", "edit", "NETWORK", "--add-school", HOST), "already in the network"),
    (("networks", "edit", "NETWORK", "--add-school", "999"), "no school"),
    (("networks", "edit", "NETWORK", "--name", ""), "empty"),
    (("networks", "edit", "Essex Triangle", "--rules", "x"), "no network"),
    (("networks", "edit", "NETWORK"), "Say what to change: --add-school"),
    (("schools", "edit", "999999", "--name", "X"), "no school"),
    (("schools", "edit", HOST, "--name", "  "), "empty"),
    (("schools", "edit", HOST), "Say what to change: --name"),
]


@pytest.mark.parametrize(
    ("args", "message"), BAD, ids=[f"{i}-{' '.join(a[:2])}" for i, (a, _) in enumerate(BAD)]
)
def test_bad_edits_are_one_sentence_and_change_nothing(
    pw, world, data_dir: Path, args, message
) -> None:  # type: ignore[no-untyped-def]
    before = db_fingerprint(data_dir)
    assert_one_line_error(pw(*_fill(args, world)), message)
    assert db_fingerprint(data_dir) == before


# --- who may change what: refused when typed, not when a partner imports it -------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("reviews", "edit", "REVIEW", "--date", "2026-12-04"),
            "Only the host school's laptops may change the dates, team or writer",
        ),
        (
            ("schools", "edit", HOST, "--name", "X"),
            "Only Chelmer Valley High School's laptops may change",
        ),
        (
            ("people", "edit", "Dave Cole", "--role", "teacher"),
            "Only Chelmer Valley High School's laptops may change Dave Cole's role",
        ),
        (("notes", "delete", "NOTE"), "Only the host school and the visiting team may"),
        (("findings", "delete", "WWW"), "Only the visiting team's laptops may"),
        (
            ("networks", "edit", "NETWORK", "--rules", "Ours now"),
            "Only its member schools' laptops may",
        ),
    ],
)
def test_an_edit_partners_would_refuse_is_refused_here(
    pw, world, data_dir: Path, args, message
) -> None:  # type: ignore[no-untyped-def]
    assert (
        pw("site", "set", "--school", OUTSIDE, "--name", "Nia Evans").code == 0
    )  # a laptop of a school outside it all
    before = db_fingerprint(data_dir)
    assert_one_line_error(
        pw(*_fill(args, world)), message, "this laptop belongs to Tendring Technology College"
    )
    assert db_fingerprint(data_dir) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("findings", "add", "REVIEW", "--focus", "Challenge", "--www", "All outstanding"),
            "write the statements of this review",
        ),
        (("findings", "edit", "WWW", "--text", "Reworded by the host"), "change this statement"),
        (("findings", "delete", "WWW"), "delete this statement"),
        (("findings", "restore", "WWW"), "bring this statement back"),
        (
            (
                "actions",
                "add",
                "REVIEW",
                "--text",
                "t",
                "--owner",
                "Dave Cole",
                "--due",
                "2027-03-01",
            ),
            "write the next steps of this review",
        ),
        (("actions", "edit", "ACTION", "--text", "Reworded by the host"), "change this next step"),
        (("actions", "delete", "ACTION"), "delete this next step"),
    ],
)
def test_the_host_school_does_not_write_the_teams_statements(
    pw, world, data_dir: Path, args, message
) -> None:  # type: ignore[no-untyped-def]
    """Statements and next steps are the visiting team's words (docs/authority.md): the host
    school comments on them instead (``comments add``)."""
    assert pw("site", "set", "--school", HOST, "--name", "Dave Cole").code == 0
    before = db_fingerprint(data_dir)
    assert_one_line_error(
        pw(*_fill(args, world)),
        "Only the visiting team's laptops may",
        message,
        "this laptop belongs to Chelmer Valley High School",
    )
    assert db_fingerprint(data_dir) == before


def test_the_visiting_team_writes_the_statements(pw, world) -> None:  # type: ignore[no-untyped-def]
    assert pw("site", "set", "--school", HARLOW, "--name", "Tom Baker").code == 0
    assert pw("findings", "edit", world["www"], "--text", "Pupils explain their designs").code == 0
    assert pw("actions", "edit", world["action"], "--text", "Book look in April").code == 0


def test_a_visiting_school_writes_in_the_review_but_does_not_move_it(pw, world) -> None:  # type: ignore[no-untyped-def]
    assert pw("site", "set", "--school", HARLOW, "--name", "Tom Baker").code == 0
    assert pw("notes", "delete", world["note2"]).code == 0
    assert pw("reviews", "edit", world["review"], "--add-focus", "Reading").code == 0
    assert_one_line_error(
        pw("reviews", "edit", world["review"], "--date", "2026-12-04"),
        "only the host school's laptops",
    )
    assert pw("networks", "edit", "Essex Triad", "--add-school", OUTSIDE).code == 0  # a member may


def test_a_school_may_add_itself_to_a_network(pw, world) -> None:  # type: ignore[no-untyped-def]
    assert pw("site", "set", "--school", OUTSIDE, "--name", "Nia Evans").code == 0
    r = pw("networks", "edit", "Essex Triad", "--add-school", OUTSIDE)
    assert r.code == 0, r.err
    (net,) = pw("--json", "networks", "list").json()
    assert OUTSIDE in {s["id"] for s in net["schools"]}

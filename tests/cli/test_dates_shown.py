"""Dates a person reads from the real program are en-GB ("12 Nov 2026", a signing time
"1 Dec 2026 14:03"); --json keeps ISO 8601. The command line, the signed report's text
(pypdf) and verify's lines. The program's date is pinned (tests.conftest.TODAY, 20 Nov 2026);
verify's time is checked against the ISO time its --json gives, so no day is assumed."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from app.services.demo import demo_id
from tests.conftest import Result, assert_one_line_error, db_fingerprint, run_peerwalk, today_env

TECH = demo_id("review", "tech")  # Colne Valley High School, 12 Nov 2026
ENV = today_env(PEERWALK_PASSPHRASE="a long and unusual passphrase")
ISO = re.compile(r"\b20\d\d-\d\d-\d\d\b")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("dates") / "data"
    assert run_peerwalk(data, "demo", env=ENV).code == 0
    return data


def _ok(data: Path, *args: str) -> Result:
    r = run_peerwalk(data, *args, env=ENV)
    assert r.code == 0, r.err
    return r


def test_the_command_line_shows_dates_en_gb_and_json_keeps_iso(demo: Path) -> None:
    listed = _ok(demo, "reviews", "list").out
    assert re.search(r"12 Nov 2026\s+Colne Valley High School", listed), listed
    assert re.search(r"9 Dec 2026\s+Medlock Primary School", listed), listed
    shown = _ok(demo, "reviews", "show", TECH).out
    assert "Date: 12 Nov 2026 " in shown
    assert "(owner Jess Lucas, due 5 Feb 2027; in-progress)" in shown
    found = _ok(demo, "search", "co-constructed").out
    assert "15 Oct 2026" in found
    for out in (listed, shown, found):
        assert not ISO.search(out), out
    as_json = _ok(demo, "--json", "reviews", "show", TECH).json()
    assert as_json["start_date"] == "2026-11-12"
    assert "2027-02-05" in {a["due"] for a in as_json["actions"]}
    assert {"2026-11-12", "2026-12-09"} <= {
        r["start_date"] for r in _ok(demo, "--json", "reviews", "list").json()
    }


def test_the_report_and_verify_show_dates_en_gb(demo: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    _ok(
        demo,
        "identity",
        "create",
        "--name",
        "Rob Ellis",
        "--email",
        "rob@blackwater.example",
        "--school",
        "137450",
    )
    pdf = tmp_path / "tech.pdf"
    _ok(demo, "report", TECH, "-o", str(pdf))
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    flat = " ".join(text.split())
    assert "12 Nov 2026" in flat  # the cover
    for due in ("15 Jan 2027", "20 Jan 2027", "5 Feb 2027"):  # the next steps
        assert due in flat, due
    assert not ISO.search(text) and "November 2026" not in text
    as_json = run_peerwalk(demo, "--json", "verify", str(pdf), env=ENV).json()
    signed_at = as_json["signatures"][0]["signed_at"]  # ISO, as the signer's laptop said
    at = datetime.fromisoformat(signed_at)
    r = run_peerwalk(demo, "verify", str(pdf), env=ENV)
    assert r.code in (0, 3), r.err  # 3: intact, signed by an identity not vouched for here
    assert f"signed by Rob Ellis, {at.day} {at:%b %Y %H:%M};" in r.out, r.out
    assert signed_at not in r.out and not ISO.search(r.out)


# --- every command that takes a date: ISO only, a real day, a plausible one ---------------
PLAN = ("reviews", "plan", "--host", "105522", "--focus", "Reading", "--reviewer", "Nadia Rahman")
ADD = ("actions", "add", TECH, "--text", "Share the hinge lesson", "--owner", "Jess Lucas")
BAD_DATES = [
    ((*PLAN, "--date", "03/12/2026"), "'03/12/2026' is not a date; write it as YYYY-MM-DD"),
    ((*PLAN, "--date", "3 Dec 2026"), "write it as YYYY-MM-DD"),
    ((*PLAN, "--date", "2027-02-30"), "There is no 30 February 2027."),
    ((*PLAN, "--date", "2029-01-01"), "more than two years from today"),
    ((*PLAN, "--date", "2026-12-03", "--end-date", "2026-12-32"), "There is no 32 December 2026."),
    ((*PLAN, "--date", "2026-12-03", "--end-date", "2026-12-02"), "cannot end before it starts"),
    ((*PLAN, "--date", "2026-12-03", "--end-date", "2029-01-01"), "more than two years from today"),
    (("reviews", "edit", TECH, "--date", "12/11/2026"), "write it as YYYY-MM-DD"),
    (("reviews", "edit", TECH, "--date", "2026-02-29"), "There is no 29 February 2026."),
    (("reviews", "edit", TECH, "--date", "2024-11-19"), "more than two years from today"),
    (("reviews", "edit", TECH, "--end-date", "2027-04-31"), "There is no 31 April 2027."),
    (("reviews", "edit", TECH, "--end-date", "2028-11-21"), "more than two years from today"),
    ((*ADD, "--due", "15/01/2027"), "write it as YYYY-MM-DD"),
    ((*ADD, "--due", "2027-02-29"), "There is no 29 February 2027."),
    (
        (*ADD, "--due", "2026-11-11"),
        "cannot be due on 11 Nov 2026, before the visit on 12 Nov 2026",
    ),
    (("actions", "edit", "ACTION", "--due", "tomorrow"), "write it as YYYY-MM-DD"),
    (("actions", "edit", "ACTION", "--due", "2027-13-01"), "There is no month 13"),
    (("actions", "edit", "ACTION", "--due", "2025-01-01"), "before the visit on 12 Nov 2026"),
]


@pytest.mark.parametrize(
    ("args", "sentence"), BAD_DATES, ids=[f"{a[0]}-{a[1]}-{a[-1]}" for a, _ in BAD_DATES]
)
def test_a_bad_date_on_any_command_is_one_sentence_and_changes_nothing(
    demo: Path, args: tuple[str, ...], sentence: str
) -> None:
    action = _ok(demo, "--json", "reviews", "show", TECH).json()["actions"][0]["id"]
    before = db_fingerprint(demo)
    r = run_peerwalk(demo, *(action if a == "ACTION" else a for a in args), env=ENV)
    assert_one_line_error(r, sentence)
    assert db_fingerprint(demo) == before

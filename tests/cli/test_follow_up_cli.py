"""Before and after the day, through the real program (issue 11): the host school's context
and self-evaluation, next steps done with their impact, a new visit linked to the school's
previous review, the team's view now of each earlier EBI, photos chosen for the report, and
the pre-visit pack. Every bad input is one sentence and leaves the database as it was."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.services.demo import demo_id
from tests.conftest import Result, assert_one_line_error, db_fingerprint, run_peerwalk, today_env

TECH = demo_id("review", "tech")  # Colne Valley, 12 November 2026
FOLLOW = demo_id("review", "tech-follow")  # the follow-up visit, 10 March 2027
RODNEY = demo_id("review", "mcr-rodney")  # another school's review
CPD = demo_id("action", "tech", "1")  # done in the demo
MODERATION = demo_id("action", "tech", "0")  # in progress, due 5 February 2027
ROTATION = demo_id("action", "tech", "2")  # open, due 31 March 2027
STRETCH_EBI = demo_id("finding", "tech", "3")
WWW = demo_id("finding", "tech", "0")
FOCUS = "Impact of new initiatives"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("follow-up") / "data"
    assert run_peerwalk(data, "demo", env=today_env()).code == 0
    return data


@pytest.fixture
def data(base: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(base, copy)
    return copy


def run(data: Path, *args: str, today: str = "2026-11-20") -> Result:
    return run_peerwalk(data, *args, env=today_env(today))


def ok(data: Path, *args: str, today: str = "2026-11-20") -> Result:
    r = run(data, *args, today=today)
    assert r.code == 0, r.err
    return r


def refused(data: Path, args: tuple[str, ...], *fragments: str) -> None:
    before = db_fingerprint(data)
    assert_one_line_error(run(data, *args), *fragments)
    assert db_fingerprint(data) == before


def show(data: Path, review: str) -> dict:  # type: ignore[type-arg]
    return ok(data, "--json", "reviews", "show", review).json()  # type: ignore[no-any-return]


def pdf_text(pdf: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(pdf).pages))


def test_context_and_self_evaluation_are_recorded_and_shown(data: Path) -> None:
    ok(data, "reviews", "context", FOLLOW, "--text", "Two CPD sessions since November.")
    ok(
        data,
        "reviews",
        "sef",
        FOLLOW,
        "--focus",
        "impact",
        "--text",
        "Routine in Years 7 to 9.",
        "--look-at",
        "Year 10 folders",
    )
    d = show(data, FOLLOW)
    assert d["context"] == "Two CPD sessions since November."
    area = next(a for a in d["focus_areas"] if a["title"] == FOCUS)
    assert (area["self_evaluation"], area["look_at"]) == (
        "Routine in Years 7 to 9.",
        "Year 10 folders",
    )
    text = ok(data, "reviews", "show", FOLLOW).out
    assert "The school's own view:" in text and "Please look at: Year 10 folders" in text


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("reviews", "sef", FOLLOW, "--focus", "Maths", "--text", "x"), ("not one of",)),
        (("reviews", "sef", FOLLOW, "--focus", FOCUS, "--text", "  "), ("empty",)),
        (("reviews", "context", "nope-0000", "--text", "x"), ("no review",)),
        (("reviews", "context", FOLLOW, "--text", "x" * 10_001), ("10,000",)),
        (("reviews", "summary", FOLLOW, "--text", ""), ("empty",)),
    ],
)
def test_bad_own_view_is_one_sentence(
    data: Path, args: tuple[str, ...], fragments: tuple[str, ...]
) -> None:
    refused(data, args, *fragments)


def test_only_the_host_school_writes_its_own_view(data: Path) -> None:
    ok(data, "site", "set", "--school", "137450", "--name", "Rob Ellis")  # Blackwater: visiting
    refused(
        data,
        ("reviews", "sef", FOLLOW, "--focus", FOCUS, "--text", "x"),
        "Only the host school's laptops may write the school's self-evaluation",
    )
    refused(data, ("reviews", "context", FOLLOW, "--text", "x"), "host school")
    refused(data, ("actions", "done", ROTATION), "Only the host school's laptops")
    # the writer's summary is the visiting team's to write
    ok(data, "reviews", "summary", TECH, "--text", "A strong start on both initiatives.")
    assert show(data, TECH)["summary"] == "A strong start on both initiatives."


def test_next_steps_move_on_with_their_impact(data: Path) -> None:
    ok(data, "actions", "progress", ROTATION[:8])
    ok(data, "actions", "done", ROTATION, "--impact", "Food in Year 7 from September.")
    step = next(a for a in show(data, TECH)["actions"] if a["id"] == ROTATION)
    assert (step["status"], step["impact"]) == ("done", "Food in Year 7 from September.")
    listed = ok(data, "--json", "actions", "list", "--school", "Colne Valley High School").json()
    assert {a["review_id"] for a in listed} == {TECH} and len(listed) == 4
    open_ids = {a["id"] for a in ok(data, "--json", "actions", "list", "--open").json()}
    assert ROTATION not in open_ids and CPD not in open_ids and MODERATION in open_ids


def test_overdue_follows_the_injected_clock(data: Path) -> None:
    assert ok(data, "--json", "actions", "list", "--overdue").json() == []
    late = ok(data, "--json", "actions", "list", "--overdue", today="2027-02-10").json()
    ids = {a["id"] for a in late}
    assert MODERATION in ids  # due 5 February, in progress
    assert CPD not in ids  # done
    assert ROTATION not in ids  # not due until 31 March
    assert all(a["overdue"] for a in late)


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("actions", "done", "zzzz9999"), ("no next step",)),
        (("actions", "done", ROTATION, "--impact", " "), ("empty",)),
        (("actions", "list", "--school", "Nowhere High"), ("Nowhere High",)),
    ],
)
def test_bad_next_step_input_is_one_sentence(
    data: Path, args: tuple[str, ...], fragments: tuple[str, ...]
) -> None:
    refused(data, args, *fragments)


def test_a_new_visit_follows_the_schools_previous_review(data: Path) -> None:
    new = ok(
        data,
        "--json",
        "reviews",
        "plan",
        "--host",
        "137451",
        "--date",
        "2027-06-09",
        "--focus",
        FOCUS,
        "--reviewer",
        "Rob Ellis",
    ).json()["id"]
    d = show(data, new)
    assert d["follows_id"] == FOLLOW  # the latest earlier review of Colne Valley
    named = ok(
        data,
        "--json",
        "reviews",
        "plan",
        "--host",
        "137451",
        "--date",
        "2027-06-10",
        "--focus",
        FOCUS,
        "--reviewer",
        "Rob Ellis",
        "--follows",
        TECH[:8],
    ).json()["id"]
    last = show(data, named)["since_last_visit"]
    assert last["review_id"] == TECH
    stretch = next(e for e in last["ebis"] if e["id"] == STRETCH_EBI)
    assert [(a["status"], bool(a["impact"])) for a in stretch["actions"]] == [("done", True)]
    text = ok(data, "reviews", "show", named).out
    assert "Since our last visit" in text and "Impact: Two after-school sessions" in text


@pytest.mark.parametrize(
    ("follows", "fragment"),
    [(RODNEY, "same school"), (FOLLOW, "held before it")],
)
def test_a_visit_cannot_follow_another_schools_or_a_later_review(
    data: Path, follows: str, fragment: str
) -> None:
    refused(
        data,
        (
            "reviews",
            "plan",
            "--host",
            "137451",
            "--date",
            "2027-01-13",
            "--focus",
            FOCUS,
            "--reviewer",
            "Rob Ellis",
            "--follows",
            follows,
        ),
        fragment,
    )


def test_the_teams_view_now_of_an_earlier_ebi(data: Path) -> None:
    fid = ok(
        data,
        "--json",
        "reviews",
        "view-now",
        FOLLOW,
        "--earlier",
        STRETCH_EBI,
        "--text",
        "Quick finishers were moved on.",
    ).json()["id"]
    last = show(data, FOLLOW)["since_last_visit"]
    stretch = next(e for e in last["ebis"] if e["id"] == STRETCH_EBI)
    assert stretch["view_now"] == [{"kind": "www", "text": "Quick finishers were moved on."}]
    assert next(f for f in show(data, FOLLOW)["findings"] if f["id"] == fid)["follows_finding_id"]
    refused(
        data,
        ("reviews", "view-now", FOLLOW, "--earlier", WWW, "--text", "x"),
        "only on an EBI",
    )


def test_photos_chosen_for_the_report(data: Path, tmp_path: Path) -> None:
    from PIL import Image

    photo = tmp_path / "work.jpg"
    Image.new("RGB", (400, 300), "teal").save(photo, "JPEG")
    note = ok(
        data,
        "--json",
        "notes",
        "add",
        TECH,
        "--activity",
        "work-scrutiny",
        "--focus",
        FOCUS,
        "--kind",
        "strength",
        "--text",
        "Hinge designs",
        "--photo",
        str(photo),
    ).json()["id"]

    def in_report() -> list[str]:
        return next(n for n in show(data, TECH)["notes"] if n["id"] == note)["report_photos"]

    assert in_report() == []
    ok(data, "photos", "include", note)
    assert len(in_report()) == 1
    (listed,) = [
        p for p in ok(data, "--json", "photos", "list", TECH).json() if p["note_id"] == note
    ]
    assert listed["in_report"] is True
    ok(data, "photos", "exclude", listed["id"])
    assert in_report() == []
    plain = next(n["id"] for n in show(data, TECH)["notes"] if not n["photos"])
    refused(data, ("photos", "include", plain), "no photo")
    refused(data, ("photos", "include", "qqqq0000"), "no photo or note")


def test_the_pre_visit_pack(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "pack.pdf"
    r = ok(data, "--json", "pack", FOLLOW[:8], "-o", str(out))
    assert r.json()["pages"] == len(PdfReader(out).pages) >= 4
    text = pdf_text(out)
    for words in (
        "Pre-visit pack",
        "Colne Valley High School",
        "Stretch and challenge in practical lessons",  # the focus
        "A half-day return visit",  # the context
        "The school's own view",
        "coursework deadlines crowd it out",  # a self-evaluation
        "Year 10 engineering folders",  # what to look at
        "who pairs with whom",
        "Lauren Pike",  # a host colleague on the agenda
        "not for each other",  # the network's ground rules
        "Since our last visit",
        "Two after-school sessions",  # an impact note
        "In progress",
        "What a joint observation is",
        "What it is not",
    ):
        assert words in text, words
    assert "Fire door" not in text  # safeguarding never reaches a pack
    # the briefing for host staff is one page, the last
    last = re.sub(r"\s+", " ", PdfReader(out).pages[-1].extract_text())
    assert "What a joint observation is" in last and "What it is not" in last


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("pack", FOLLOW, "-o", "pack.txt"), (".pdf",)),
        (("pack", "nope-0000", "-o", "x.pdf"), ("no review",)),
    ],
)
def test_bad_pack_input_is_one_sentence(
    data: Path, args: tuple[str, ...], fragments: tuple[str, ...]
) -> None:
    refused(data, args, *fragments)

"""The network's commands through the real program: goodpractice, strengths, directory,
status and networks status; each bad input is one sentence and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services.demo import demo_id
from tests.conftest import assert_one_line_error, db_fingerprint

TECH, BRO_WYR_REVIEW = demo_id("review", "tech"), demo_id("review", "bro-wyr")
SIG = "Partneriaeth Bae a Glannau SIG"


@pytest.fixture
def demo(peerwalk):  # type: ignore[no-untyped-def]
    assert peerwalk("demo").code == 0
    return peerwalk


def _findings(run, review: str) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    return run("--json", "reviews", "show", review).json()["findings"]  # type: ignore[no-any-return]


def _release_stretch(run) -> str:  # type: ignore[no-untyped-def]
    focus = run("--json", "reviews", "show", BRO_WYR_REVIEW).json()["focus_areas"][0]["title"]
    added = run(
        "--json",
        "findings",
        "add",
        BRO_WYR_REVIEW,
        "--focus",
        focus,
        "--www",
        "Stretch and challenge for the most able comes from open-ended problems in every class.",
    )
    assert added.code == 0, added.err
    released = run(
        "--json",
        "goodpractice",
        "release",
        added.json()["id"],
        "--contact",
        "Siân Llywelyn",
        "--summary",
        "Problem-solving lessons in Years 5 and 6.",
    )
    assert released.code == 0, released.err
    return str(released.json()["id"])


def test_released_practice_is_found_by_a_word_and_suggested_for_a_matching_ebi(demo) -> None:  # type: ignore[no-untyped-def]
    item = _release_stretch(demo)
    found = demo("--json", "directory", "search", "open-ended problems").json()
    assert [(f["id"], f["school_id"], f["contact"]) for f in found] == [
        (item, "6702345", "Siân Llywelyn")
    ]
    assert found[0]["evidence"].startswith("Peer review, ")
    assert demo("--json", "directory", "search", "problems", "--phase", "Secondary").json() == []
    assert demo("--json", "directory", "search", "problems", "--network", SIG).json() != []
    shown = demo("directory", "search", "problems")
    assert "Siân Llywelyn" in shown.out and "Ysgol Gymraeg Bro Ŵyr" in shown.out
    ebi = next(f for f in _findings(demo, TECH) if f["kind"] == "ebi")
    assert "stretch and challenge" in ebi["text"]
    suggested = demo("--json", "directory", "suggest", ebi["id"][:8]).json()
    assert [s["id"] for s in suggested] == [item]
    www = next(f for f in _findings(demo, TECH) if f["kind"] == "www")
    assert demo("--json", "directory", "suggest", www["id"]).json() == []
    listed = demo("--json", "goodpractice", "list").json()
    assert item in [r["id"] for r in listed]
    assert demo("goodpractice", "withdraw", item[:8]).code == 0
    assert demo("--json", "directory", "search", "open-ended problems").json() == []


def test_strengths_and_published_stages_make_the_network_grid(demo) -> None:  # type: ignore[no-untyped-def]
    added = demo(
        "strengths",
        "add",
        "--school",
        "6612210",
        "--area",
        "Forest school and outdoor learning",
        "--contact",
        "Gwenllian Ŵyn Roberts",
    )
    assert added.code == 0, added.err
    found = demo("--json", "directory", "search", "forest").json()
    assert [(f["kind"], f["evidence"]) for f in found] == [("strength", "Declared by the school")]
    for school, area, stage in (("6612210", "Attendance", "2"), ("6702345", "Oracy", "4")):
        r = demo("status", "publish", "--school", school, "--area", area, "--stage", stage)
        assert r.code == 0, r.err
    again = demo("status", "publish", "--school", "6612210", "--area", "Attendance", "--stage", "3")
    assert "3 embedding (yellow)" in again.out
    assert demo("status", "priorities", "--school", "6612210", "--text", "Attendance").code == 0
    grid = demo("--json", "networks", "status", SIG).json()
    assert {"Attendance", "Oracy"} <= set(grid["areas"])
    cells = {(c["school_id"], c["area"]): c["stage"] for c in grid["cells"]}
    assert cells[("6612210", "Attendance")] == 3 and cells[("6702345", "Oracy")] == 4
    assert grid["priorities"]["6612210"] == "Attendance"
    human = demo("networks", "status", SIG)
    assert "3 embedding (yellow)" in human.out and "4 secure (green)" in human.out


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["goodpractice", "release", "nonexistent", "--contact", "Rob Ellis"], "no statement"),
        (["goodpractice", "withdraw", "nonexistent"], "released item"),
        (["directory", "search", "a"], "say what you are looking for"),
        (["directory", "search", "phonics", "--network", "Nowhere"], "no network"),
        (
            [
                "strengths",
                "add",
                "--school",
                "137450",
                "--area",
                "X",
                "--contact",
                "Claire Goodwin",
            ],
            "must be someone at blackwater",
        ),
        (
            ["strengths", "add", "--school", "999999", "--area", "X", "--contact", "Rob Ellis"],
            "999999",
        ),
        (["status", "publish", "--school", "137450", "--area", "X", "--stage", "7"], "stage"),
        (["status", "publish", "--school", "137450", "--area", " ", "--stage", "2"], "area"),
        (["networks", "status", "Nowhere"], "no network"),
    ],
)
def test_bad_input_is_one_sentence_and_changes_nothing(demo, data_dir: Path, args, says) -> None:  # type: ignore[no-untyped-def]
    before = db_fingerprint(data_dir)
    assert_one_line_error(demo(*args), says)
    assert db_fingerprint(data_dir) == before


def test_what_a_school_shares_is_refused_on_another_schools_laptop(demo, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    assert demo("site", "set", "--school", "137450", "--name", "Rob Ellis").code == 0
    ebi, www = (next(f for f in _findings(demo, TECH) if f["kind"] == k) for k in ("ebi", "www"))
    before = db_fingerprint(data_dir)
    for args, says in (
        (
            ["goodpractice", "release", www["id"], "--contact", "Claire Goodwin"],
            "only colne valley",
        ),
        (["status", "publish", "--school", "137451", "--area", "X", "--stage", "2"], "only colne"),
        (
            [
                "strengths",
                "add",
                "--school",
                "137451",
                "--area",
                "X",
                "--contact",
                "Claire Goodwin",
            ],
            "blackwater academy",
        ),
    ):
        assert_one_line_error(demo(*args), says)
    assert db_fingerprint(data_dir) == before
    assert demo("site", "set", "--school", "137451", "--name", "Claire Goodwin").code == 0
    before = db_fingerprint(data_dir)
    assert_one_line_error(
        demo("goodpractice", "release", ebi["id"], "--contact", "Claire Goodwin"), "only a strength"
    )
    assert_one_line_error(
        demo("goodpractice", "release", www["id"], "--contact", "Rob Ellis"), "someone at colne"
    )
    assert db_fingerprint(data_dir) == before
    assert demo("goodpractice", "release", www["id"], "--contact", "Claire Goodwin").code == 0
    assert_one_line_error(
        demo("goodpractice", "release", www["id"], "--contact", "Claire Goodwin"), "already"
    )

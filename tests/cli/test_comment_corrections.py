"""Correcting the factual-accuracy round as the real program: the host school rewords,
withdraws and brings back its comment; the visiting team re-opens one marked answered. Every
bad input (unknown id, the wrong school's laptop, empty or too long words): one sentence, the
database unchanged. The demo's Technology review: Colne Valley High School (137451) hosts,
Blackwater Academy (137450) is the writer's school."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.services.demo import demo_id
from tests.conftest import Result, assert_one_line_error, db_fingerprint, run_peerwalk, today_env

TECH = demo_id("review", "tech")
HOST, TEAM = "137451", "137450"


def ok(data: Path, *args: str) -> Result:
    result = run_peerwalk(data, *args, env=today_env())
    assert result.code == 0, result.err
    return result


def refused(data: Path, *args: str, fragments: tuple[str, ...]) -> None:
    before = db_fingerprint(data)
    assert_one_line_error(run_peerwalk(data, *args, env=today_env()), *fragments)
    assert db_fingerprint(data) == before


def listed(data: Path) -> list[dict[str, Any]]:
    return ok(data, "--json", "comments", "list", TECH).json()  # type: ignore[no-any-return]


def laptop_of(data: Path, school: str, name: str) -> None:
    ok(data, "site", "set", "--school", school, "--name", name)


def a_comment(data: Path) -> str:
    ok(data, "demo")
    laptop_of(data, HOST, "Claire Goodwin")
    statement = ok(data, "--json", "reviews", "show", TECH).json()["findings"][0]["id"]
    made = ok(data, "--json", "comments", "add", statement, "--text", "Readng lead since Sept.")
    return str(made.json()["id"])


def test_the_host_rewords_withdraws_and_brings_back_its_comment(data_dir: Path) -> None:
    cid = a_comment(data_dir)
    said = ok(data_dir, "comments", "edit", cid[:8], "--text", "Reading lead since September.")
    assert said.out.strip() == f"Comment {cid[:8]} reworded."
    assert [c["text"] for c in listed(data_dir)] == ["Reading lead since September."]
    out = ok(data_dir, "--json", "comments", "edit", cid, "--text", "Reading lead since Sept 2025.")
    assert out.json() == {"id": cid, "changes": {"comments": [cid]}}

    assert ok(data_dir, "comments", "delete", cid).out.strip() == f"Comment {cid[:8]} withdrawn."
    assert listed(data_dir) == []
    refused(data_dir, "comments", "delete", cid, fragments=("withdrawn already",))
    refused(data_dir, "comments", "edit", cid, "--text", "x", fragments=("There is no comment",))
    back = ok(data_dir, "--json", "comments", "restore", cid[:8]).json()
    assert back == {"id": cid, "changes": {"comments": [cid]}}
    assert [(c["id"], c["text"]) for c in listed(data_dir)] == [
        (cid, "Reading lead since Sept 2025.")
    ]


def test_bad_corrections_change_nothing(data_dir: Path) -> None:
    cid = a_comment(data_dir)
    for action in ("delete", "restore", "reopen"):
        refused(data_dir, "comments", action, "zzzzzz", fragments=("There is no comment",))
    refused(data_dir, "comments", "edit", "zzzzzz", "--text", "x", fragments=("no comment",))
    refused(data_dir, "comments", "edit", cid, "--text", "  ", fragments=("comment is empty",))
    refused(
        data_dir,
        "comments",
        "edit",
        cid,
        "--text",
        "x" * 4001,
        fragments=("more than the 4,000 a comment may have",),
    )
    refused(
        data_dir,
        "comments",
        "reopen",
        cid,
        fragments=("Only the visiting team's laptops may re-open a comment",),
    )


def test_the_team_reopens_and_may_not_reword_or_withdraw(data_dir: Path) -> None:
    cid = a_comment(data_dir)
    laptop_of(data_dir, TEAM, "Rob Ellis")
    ok(data_dir, "comments", "answer", cid)
    assert [c["answered"] for c in listed(data_dir)] == [True]
    said = ok(data_dir, "--json", "comments", "reopen", cid[:8])
    assert said.json() == {"id": cid, "changes": {"comments": [cid]}}
    assert [c["answered"] for c in listed(data_dir)] == [False]
    assert ok(data_dir, "comments", "reopen", cid).out.strip() == f"Comment {cid[:8]} re-opened."
    for args, what in (
        (("edit", cid, "--text", "Reworded by the team."), "reword a comment"),
        (("delete", cid), "withdraw a comment"),
        (("restore", cid), "bring back a withdrawn comment"),
    ):
        refused(
            data_dir,
            "comments",
            *args,
            fragments=(f"Only the host school's laptops may {what}", "Blackwater Academy"),
        )


def warnings(data: Path) -> list[tuple[str, str]]:
    result = ok(data, "--json", "reviews", "check", TECH).json()
    return [(w["code"], w["record_id"]) for w in result["warnings"] if "comment" in w["code"]]


def test_an_answered_comment_reworded_by_the_host_stays_answered(data_dir: Path) -> None:
    """The mark is the team's: the host's laptop cannot take it back by rewording. The
    checklist before signing tells the writer to read it again."""
    cid = a_comment(data_dir)
    assert warnings(data_dir) == [("comment-not-answered", cid)]
    laptop_of(data_dir, TEAM, "Rob Ellis")
    ok(data_dir, "comments", "answer", cid)
    assert warnings(data_dir) == []
    laptop_of(data_dir, HOST, "Claire Goodwin")
    ok(data_dir, "comments", "edit", cid, "--text", "Reading lead since September 2025.")
    assert [(c["text"], c["answered"], c["reworded_since_answered"]) for c in listed(data_dir)] == [
        ("Reading lead since September 2025.", True, True)
    ]
    assert warnings(data_dir) == [("comment-reworded", cid)]
    laptop_of(data_dir, TEAM, "Rob Ellis")
    ok(data_dir, "comments", "answer", cid)  # already answered: marking again changes nothing
    assert warnings(data_dir) == [("comment-reworded", cid)]
    ok(data_dir, "comments", "reopen", cid)
    ok(data_dir, "comments", "answer", cid)  # read again, answered again
    assert warnings(data_dir) == []

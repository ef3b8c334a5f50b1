"""peerwalk safeguarding add / handover / edit / list as the real program: where and when a
concern was seen, its handover to the host headteacher, the DSL or the LADO, and every bad
input refused with one sentence and the database untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services.demo import demo_id
from tests.conftest import assert_one_line_error, cli_env, db_fingerprint, run_peerwalk

TECH = demo_id("review", "tech")
LUNCH = "Y8 pupil said an older boy takes her lunch money"
ENV = cli_env(PEERWALK_TODAY="2026-11-20")
KEPT_HERE = (
    "Kept on this laptop only. Never in a report, a pack, a package or the change log. "
    "Pass it to the host headteacher today."
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("safeguarding")
    assert run_peerwalk(data, "demo", env=ENV).code == 0
    return data


def _ok(data: Path, *args: str) -> str:
    r = run_peerwalk(data, *args, env=ENV)
    assert r.code == 0, r.err
    return r.out


def test_a_concern_where_and_when_seen_and_its_handover(demo: Path) -> None:
    import json

    out = _ok(
        demo,
        "--json",
        "safeguarding",
        "add",
        TECH,
        "--text",
        "Y8 pupil said an older boy takes her dinner money",
        "--where",
        "Food room, Y8 food",
        "--seen-at",
        "2026-11-12 11:15",
        "--raised-by",
        "Trevor Mayhew",
    )
    cid = str(json.loads(out)["id"])
    listed = _ok(demo, "safeguarding", "list", TECH)
    assert listed.startswith(KEPT_HERE)
    block = listed[listed.index(f"Concern {cid} ") :]
    assert "Food room, Y8 food" in block and "raised by Trevor Mayhew" in block
    assert "12 Nov 2026 11:15" in block and "Not yet passed to the host headteacher." in block

    said = _ok(
        demo,
        "safeguarding",
        "handover",
        cid,
        "--to",
        "host-head",
        "--how",
        "phone",
        "--name",
        "Claire Goodwin",
        "--at",
        "2026-11-12 11:40",
    )
    assert "Passed to the host headteacher (Claire Goodwin) by phone, 12 Nov 2026 11:40." in said
    # recorded again: corrected (she was told in person), not a second step
    _ok(demo, "safeguarding", "handover", cid, "--to", "host-head", "--how", "in-person",
        "--name", "Claire Goodwin", "--at", "2026-11-12 11:35")  # fmt: skip
    _ok(demo, "safeguarding", "handover", cid, "--to", "lado", "--how", "phone", "--name",
        "LADO ref 2026/114", "--at", "2026-11-12 14:00")  # fmt: skip
    _ok(demo, "safeguarding", "edit", cid, "--text", LUNCH)
    rows = json.loads(_ok(demo, "--json", "safeguarding", "list", TECH))
    row = next(r for r in rows if str(r["id"]) == cid)
    assert row["text"] == LUNCH
    assert row["place"] == "Food room, Y8 food" and row["raised_by"] == "Trevor Mayhew"
    assert [(h["recipient"], h["how"], h["name"]) for h in row["handovers"]] == [
        ("host-head", "in-person", "Claire Goodwin"),
        ("lado", "phone", "LADO ref 2026/114"),
    ]
    assert row["state"] == (
        "Passed to the host headteacher (Claire Goodwin) in person, 12 Nov 2026 11:35; "
        "passed to the LADO (LADO ref 2026/114) by phone, 12 Nov 2026 14:00."
    )
    # the demo's concern has not been passed on
    assert (
        next(r for r in rows if r["id"] == 1)["state"] == "Not yet passed to the host headteacher."
    )


BAD = [
    (("add", TECH, "--text", "   "), "concern is empty"),
    (("add", "nope-0000", "--text", "A concern"), "no review"),
    (("add", TECH, "--text", "A concern", "--seen-at", "after lunch"), "not a time"),
    (("add", TECH, "--text", "A concern", "--seen-at", "2027-06-01 10:00"), "in the future"),
    (("handover", "99", "--to", "host-head", "--how", "phone"), "no safeguarding concern 99"),
    (("handover", "x1", "--to", "host-head", "--how", "phone"), "no safeguarding concern"),
    (("handover", "1", "--to", "governors", "--how", "phone"), "not someone a concern"),
    (("handover", "1", "--to", "dsl", "--how", "email"), "in person"),
    (("handover", "1", "--to", "dsl", "--how", "phone", "--at", "2026-11-11 09:00"), "before"),
    (("handover", "1", "--to", "dsl", "--how", "phone", "--at", "2027-06-01 10:00"), "future"),
    (("handover", "1", "--to", "dsl", "--how", "phone", "--at", "teatime"), "not a time"),
    (("edit", "1", "--text", ""), "concern is empty"),
    (("edit", "42", "--text", "typo fixed"), "no safeguarding concern 42"),
    (("list", "nope-0000"), "no review"),
]


@pytest.mark.parametrize(("args", "message"), BAD, ids=[" ".join(a[:2]) + m for a, m in BAD])
def test_bad_input_is_one_sentence_and_changes_nothing(
    demo: Path, args: tuple[str, ...], message: str
) -> None:
    before = db_fingerprint(demo)
    assert_one_line_error(run_peerwalk(demo, "safeguarding", *args, env=ENV), message)
    assert db_fingerprint(demo) == before

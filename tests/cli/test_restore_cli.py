"""A deletion can be taken back from the command line too (the window's Edit > Undo calls the
same services): ``notes restore``, ``findings restore`` and ``actions restore``, as the real
program. Bad input is one sentence and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_editing import OUTSIDE, pw, row, show, template, world
from tests.conftest import assert_one_line_error, db_fingerprint

__all__ = ["pw", "template", "world"]  # the world the editing tests build, reused

KINDS = [  # command, the world's record, table, what the error calls it
    ("notes", "note", "notes", "no note"),
    ("findings", "www", "findings", "no statement"),
    ("actions", "action", "actions", "no next step"),
]


@pytest.mark.parametrize("kind", KINDS, ids=[k[0] for k in KINDS])
def test_a_deleted_record_is_brought_back(pw, world, data_dir: Path, kind) -> None:  # type: ignore[no-untyped-def]
    command, record, table, missing = kind
    record_id = world[record]
    assert pw(command, "delete", record_id).code == 0
    assert row(data_dir, table, record_id)["deleted"] == 1

    r = pw("--json", command, "restore", record_id[:8])  # the first characters will do
    assert r.code == 0, r.err
    assert r.json()["id"] == record_id
    assert row(data_dir, table, record_id)["deleted"] == 0
    detail = show(pw, world["review"])
    assert record_id in {x["id"] for x in detail[command]}
    if command == "notes":  # the statements it supported cite it again
        www = next(f for f in detail["findings"] if f["id"] == world["www"])
        assert record_id in www["evidence"]

    before = db_fingerprint(data_dir)
    assert_one_line_error(pw(command, "restore", "ffffffff-0000"), missing)
    assert db_fingerprint(data_dir) == before


def test_a_restore_partners_would_refuse_is_refused_here(pw, world, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    assert pw("notes", "delete", world["note"]).code == 0
    assert pw("site", "set", "--school", OUTSIDE, "--name", "Nia Evans").code == 0
    before = db_fingerprint(data_dir)
    assert_one_line_error(
        pw("notes", "restore", world["note"]),
        "Only the host school and the visiting team may bring this note back",
    )
    assert db_fingerprint(data_dir) == before

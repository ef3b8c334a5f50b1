"""A visit planned by mistake can be deleted (``reviews delete``, the service the window's
"Undo plan review" calls), as the real program: only while nothing is written in it, and only
on the host school's laptops (its deletion is theirs, docs/authority.md). A refusal is one
sentence and changes nothing."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_editing import HOST, OUTSIDE, pw, row, template, world
from tests.conftest import assert_one_line_error, db_fingerprint

__all__ = ["pw", "template", "world"]  # the world the editing tests build, reused


def _plan(pw) -> str:  # type: ignore[no-untyped-def]
    r = pw(
        "--json",
        "reviews",
        "plan",
        "--host",
        HOST,
        "--date",
        "2026-12-10",
        "--focus",
        "Reading",
        "--reviewer",
        "Tom Baker",
    )
    assert r.code == 0, r.err
    return str(r.json()["id"])


def test_a_visit_planned_by_mistake_is_deleted(pw, world, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    review = _plan(pw)
    r = pw("--json", "reviews", "delete", review[:8])  # the first characters will do
    assert r.code == 0, r.err
    assert r.json() == {"id": review, "changes": {"reviews": [review]}}
    assert row(data_dir, "reviews", review)["deleted"] == 1  # a tombstone that travels
    listed = pw("--json", "reviews", "list")
    assert review not in {x["id"] for x in listed.json()}
    assert world["review"] in {x["id"] for x in listed.json()}
    assert_one_line_error(pw("reviews", "show", review), "no review")


def test_a_visit_with_notes_or_statements_is_not_deleted(pw, world, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    before = db_fingerprint(data_dir)
    assert_one_line_error(
        pw("reviews", "delete", world["review"]),
        "already has 2 notes, 2 statements, 1 next step, so it can no longer be deleted",
    )
    assert db_fingerprint(data_dir) == before


def test_only_the_host_schools_laptops_delete_a_visit(pw, world, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    review = _plan(pw)
    assert pw("site", "set", "--school", OUTSIDE, "--name", "Nia Evans").code == 0
    before = db_fingerprint(data_dir)
    assert_one_line_error(
        pw("reviews", "delete", review), "Only the host school's laptops may delete this visit"
    )
    assert db_fingerprint(data_dir) == before
    assert_one_line_error(pw("reviews", "delete", "ffffffff-0000"), "no review")

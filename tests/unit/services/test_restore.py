"""Taking a photo off a note and bringing deleted records back, through the window's gateway:
each is one recorded change (so it travels), says what it changed, and refuses what cannot be
done with one sentence, changing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from app.errors import NotFound
from app.services.changes import Changes
from app.services.demo import demo_id
from app.services.workspace import Workspace
from tests.conftest import db_fingerprint

TECH = demo_id("review", "tech")


@pytest.fixture
def ws(data_dir: Path):  # type: ignore[no-untyped-def]
    workspace = Workspace(data_dir)
    workspace.load_demo()
    yield workspace
    workspace.close()


def _changes_logged(data_dir: Path) -> int:
    import sqlite3

    con = sqlite3.connect(data_dir / "peerwalk.db")
    try:
        return int(con.execute("SELECT count(*) FROM changes").fetchone()[0])
    finally:
        con.close()


def test_restores_are_recorded_changes_that_say_what_they_changed(
    ws: Workspace, data_dir: Path
) -> None:
    detail = ws.review_detail(TECH)
    note, finding, action = detail.notes[0].id, detail.findings[0], detail.actions[0]
    for delete, restore, kind, record in (
        (ws.delete_note, ws.restore_note, "notes", note),
        (ws.delete_finding, ws.restore_finding, "findings", finding.id),
        (ws.delete_action, ws.restore_action, "actions", action.id),
    ):
        delete(record)
        logged = _changes_logged(data_dir)
        assert restore(record) == Changes.of(**{kind: [record]}, reviews=[TECH])
        assert _changes_logged(data_dir) == logged + 1  # one op: deleted -> False
        assert restore(record) == Changes()  # already back: nothing more to do
    after = ws.review_detail(TECH)
    assert note in {n.id for n in after.notes}
    assert after.finding(finding.id) == finding


def test_a_photo_comes_off_its_note_and_back(ws: Workspace, tmp_path: Path) -> None:
    note = ws.review_detail(TECH).notes[0].id
    Image.new("RGB", (80, 60), "#336699").save(tmp_path / "work.png")
    sha = ws.attach_photo(note, tmp_path / "work.png").value
    assert ws.remove_photo(note, sha) == Changes.of(notes=[note], reviews=[TECH])
    assert ws.review_detail(TECH).note(note).photos == ()  # type: ignore[union-attr]
    assert ws.photo_path(sha).exists()  # the file stays for the undo
    ws.restore_photo(note, sha)
    assert ws.review_detail(TECH).note(note).photos == (sha,)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda ws, note: ws.remove_photo(note, "0" * 64), "That photo is not on this note."),
        (lambda ws, note: ws.restore_photo(note, "0" * 64), "That photo was never on this note."),
        (lambda ws, _note: ws.restore_note("no-such-note"), "There is no note with id"),
        (lambda ws, _note: ws.restore_finding("no-such"), "There is no statement with id"),
        (lambda ws, _note: ws.restore_action("no-such"), "There is no next step with id"),
    ],
)
def test_what_cannot_be_done_is_one_sentence_and_changes_nothing(
    ws: Workspace, data_dir: Path, call, message
) -> None:  # type: ignore[no-untyped-def]
    note = ws.review_detail(TECH).notes[0].id
    before = db_fingerprint(data_dir)
    with pytest.raises(NotFound, match=message):
        call(ws, note)
    assert db_fingerprint(data_dir) == before

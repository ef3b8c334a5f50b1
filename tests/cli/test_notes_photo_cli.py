"""`peerwalk notes photo NOTE --in-report yes|no` (issue 11): a note's photos chosen for the
report, or left out, through the same service as `photos include|exclude`; a bad value, an
unknown note and a note with no photo are each one sentence, with the database unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.services.demo import demo_id
from tests.conftest import assert_one_line_error, db_fingerprint, run_peerwalk

TECH = demo_id("review", "tech")
NOTE = ["--activity", "learning-walk", "--focus", "Impact of new initiatives", "--kind"]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """The demo, a note with a photo of pupils' work and a note with none."""
    from PIL import Image

    root = tmp_path_factory.mktemp("notes-photo")
    data = root / "data"
    assert run_peerwalk(data, "demo").code == 0
    photo = root / "work.jpg"
    Image.radial_gradient("L").resize((400, 300)).convert("RGB").save(photo, "JPEG")
    with_photo = run_peerwalk(
        data, "notes", "add", TECH, *NOTE, "strength", "--text", "Y9 books", "--photo", str(photo)
    )
    without = run_peerwalk(data, "notes", "add", TECH, *NOTE, "neutral", "--text", "No photo")
    assert with_photo.code == 0 and without.code == 0, with_photo.err + without.err
    return data, with_photo.out.strip(), without.out.strip()


@pytest.fixture
def data(base: tuple[Path, str, str], tmp_path: Path) -> tuple[Path, str, str]:
    copy = tmp_path / "data"
    shutil.copytree(base[0], copy)
    return copy, base[1], base[2]


def _in_report(data: Path, note: str) -> list[bool]:
    listed = run_peerwalk(data, "--json", "photos", "list", TECH)
    assert listed.code == 0, listed.err
    return [p["in_report"] for p in listed.json() if p["note_id"] == note]


def test_a_notes_photos_go_in_the_report_and_come_out(data: tuple[Path, str, str]) -> None:
    folder, note, _ = data
    assert _in_report(folder, note) == [False]
    yes = run_peerwalk(folder, "notes", "photo", note[:8], "--in-report", "yes")
    assert yes.code == 0, yes.err
    assert yes.out.strip() == f"The photos of note {note[:8]} go in the report."
    assert _in_report(folder, note) == [True]
    no = run_peerwalk(folder, "--json", "notes", "photo", note, "--in-report", "no")
    assert no.code == 0, no.err
    assert no.json()["id"] == note
    assert _in_report(folder, note) == [False]
    # The older spelling still works, on the same service.
    assert run_peerwalk(folder, "photos", "include", note).code == 0
    assert _in_report(folder, note) == [True]


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["--in-report", "maybe"], ("invalid choice: 'maybe'", "yes", "no")),
        (["--in-report", "Yes"], ("invalid choice: 'Yes'",)),
        ([], ("--in-report",)),
    ],
)
def test_a_bad_value_is_one_sentence_and_changes_nothing(
    data: tuple[Path, str, str], args: list[str], fragments: tuple[str, ...]
) -> None:
    folder, note, _ = data
    before = db_fingerprint(folder)
    assert_one_line_error(run_peerwalk(folder, "notes", "photo", note, *args), *fragments)
    assert db_fingerprint(folder) == before


def test_an_unknown_note_or_one_without_a_photo_is_one_sentence(
    data: tuple[Path, str, str],
) -> None:
    folder, note, bare = data
    before = db_fingerprint(folder)
    assert_one_line_error(
        run_peerwalk(folder, "notes", "photo", "feedbeef", "--in-report", "yes"),
        "There is no note with id 'feedbeef'",
    )
    assert_one_line_error(
        run_peerwalk(folder, "notes", "photo", bare, "--in-report", "yes"),
        f"Note {bare[:8]} has no photo to put in the report",
    )
    photo_id = run_peerwalk(folder, "--json", "photos", "list", TECH).json()[0]["id"]
    assert photo_id != note
    assert_one_line_error(  # a photo's id is not a note's
        run_peerwalk(folder, "notes", "photo", photo_id, "--in-report", "yes"),
        "There is no note with id",
    )
    assert db_fingerprint(folder) == before

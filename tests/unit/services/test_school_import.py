"""A school list through the command line's quick path (a bare sqlite3 connection) writes the
same rows as through the full path (a session), never loads SQLAlchemy, and leaves a list that
changes a school that travels to the full path, which records it in the change log."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from app.db import Database
from app.models import School
from app.services.school_list import (
    NEW_SCHOOL,
    import_reference_schools,
    import_schools,
    read_school_csv,
)
from app.services.sql import writing
from app.services.workspace import Workspace
from tests.conftest import db_fingerprint, run_peerwalk
from tests.unit.services.loaded import heavy_modules_loaded

NOW = datetime(2026, 11, 24, 9, 30, 5)
LIST = (
    "urn,name,phase,local_authority,welsh_medium\n"
    "6709991,Ysgol Gymraeg Bro Ŵyr,Primary,Swansea,yes\n"
    "115001,Harlow School,Secondary,,\n"
    "115002,Harlow Fields,,Essex,no\n"
)
CHANGED = (
    "urn,name,phase,local_authority\n"
    "6709991,Ysgol Gymraeg Bro Ŵyr Abertawe,Primary,Swansea\n"  # renamed, never travelled
    "115003,Harlow Park,Primary,Essex\n"  # new
)


def test_a_new_school_is_filled_in_as_the_model_fills_it_in() -> None:
    columns = {c.key: c for c in School.__table__.columns}
    stamps = {"created_at", "created_by", "updated_at", "updated_by"}
    assert set(columns) == {"id", "name", *NEW_SCHOOL, *stamps}
    for key, value in NEW_SCHOOL.items():
        default = columns[key].default
        assert default is not None and default.is_scalar and default.arg == value, key


def _schools(data_dir: Path) -> list[tuple[object, ...]]:
    con = sqlite3.connect(data_dir / "peerwalk.db")
    try:
        return con.execute("SELECT * FROM schools ORDER BY id").fetchall()
    finally:
        con.close()


@pytest.fixture
def two_laptops(tmp_path: Path) -> tuple[Path, Path]:
    first = tmp_path / "first"
    ws = Workspace(first, lambda: NOW)
    ws.load_demo()
    ws.set_site("137451", "Claire Goodwin")
    ws.close()
    second = tmp_path / "second"
    shutil.copytree(first, second)
    return first, second


def test_the_quick_path_writes_what_the_full_path_writes(
    two_laptops: tuple[Path, Path], tmp_path: Path
) -> None:
    quick, full = two_laptops
    for text in (LIST, LIST, CHANGED):
        csv = tmp_path / "list.csv"
        csv.write_text(text, encoding="utf-8")
        rows = read_school_csv(csv)
        with writing(quick / "peerwalk.db") as con:
            by_quick = import_reference_schools(con, rows, NOW)
        db = Database.open(full, lambda: NOW)
        with db.transaction() as session:
            by_full = import_schools(session, rows)
        db.close()
        assert by_quick is not None and by_quick.rows == by_full.rows
        assert (by_quick.added, by_quick.updated, by_quick.unchanged) == (
            by_full.added,
            by_full.updated,
            by_full.unchanged,
        )
    assert _schools(quick) == _schools(full)
    welsh = next(s for s in _schools(quick) if s[0] == "6709991")
    assert welsh[1] == "Ysgol Gymraeg Bro Ŵyr Abertawe" and "Claire Goodwin" in welsh


def test_a_school_that_travels_is_left_to_the_full_path(
    two_laptops: tuple[Path, Path], tmp_path: Path
) -> None:
    laptop, _ = two_laptops
    csv = tmp_path / "renamed.csv"
    # 137451 is a demo school: it travels, so a new name is a change the log must record.
    csv.write_text("urn,name\n137451,Colne Valley High\n115009,Harlow Mill\n", encoding="utf-8")
    before = db_fingerprint(laptop)
    with writing(laptop / "peerwalk.db") as con:
        assert import_reference_schools(con, read_school_csv(csv), NOW) is None
    assert db_fingerprint(laptop) == before
    assert run_peerwalk(laptop, "--json", "schools", "import", str(csv)).json() == {
        "added": 1,
        "updated": 1,
        "unchanged": 0,
    }
    con = sqlite3.connect(laptop / "peerwalk.db")
    try:
        logged = con.execute(
            "SELECT count(*) FROM changes WHERE table_name = 'schools' AND record_id = ?",
            ("137451",),
        ).fetchone()[0]
        quiet = con.execute("SELECT count(*) FROM changes WHERE record_id = '115009'").fetchone()[0]
    finally:
        con.close()
    assert logged >= 2 and quiet == 0  # its creation, and now the new name; the new one: none


def test_importing_a_list_on_the_command_line_never_loads_sqlalchemy(
    two_laptops: tuple[Path, Path], tmp_path: Path
) -> None:
    laptop, _ = two_laptops
    csv = tmp_path / "list.csv"
    csv.write_text(LIST, encoding="utf-8")
    code, out, loaded = heavy_modules_loaded(
        "--data-dir", str(laptop), "--json", "schools", "import", str(csv)
    )
    assert (code, loaded) == (0, []) and '"added": 3' in out


def test_a_failed_quick_import_writes_nothing(two_laptops: tuple[Path, Path]) -> None:
    laptop, _ = two_laptops
    before = db_fingerprint(laptop)
    rows = [{"id": "115020", "name": "Harlow Hill"}, {"id": "115021", "name": None}]
    with pytest.raises(sqlite3.IntegrityError), writing(laptop / "peerwalk.db") as con:
        import_reference_schools(con, rows, NOW)  # a NULL name breaks NOT NULL mid-insert
    assert db_fingerprint(laptop) == before

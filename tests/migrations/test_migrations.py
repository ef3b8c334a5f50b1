"""Alembic owns the schema: one head, models match migrations, up/down/up, newer refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.config import migrations_dir
from app.db import HEAD_REVISION, KNOWN_REVISIONS, Database, make_engine
from app.errors import DatabaseTooNew
from app.models import Base
from tests.conftest import assert_one_line_error, db_fingerprint


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


def test_known_revisions_are_the_scripts_in_order() -> None:
    script = ScriptDirectory.from_config(_config())
    assert script.get_heads() == [HEAD_REVISION]
    chain = [rev.revision for rev in script.walk_revisions()][::-1]
    assert tuple(chain) == KNOWN_REVISIONS


def test_models_match_migrations(tmp_path: Path) -> None:
    db = Database.open(tmp_path)
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "render_as_batch": True})
        diffs = [
            d
            for d in compare_metadata(ctx, Base.metadata)
            if not ((d[0] == "remove_table" and d[1].name.endswith("_fts")) or "_fts_" in str(d))
        ]
    db.close()
    assert diffs == []


def test_up_down_up(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "peerwalk.db")
    cfg = _config()
    for target in ("head", "base", "head"):
        with engine.connect() as conn:
            cfg.attributes["connection"] = conn
            (command.upgrade if target == "head" else command.downgrade)(cfg, target)
    con = sqlite3.connect(tmp_path / "peerwalk.db")
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert {"reviews", "notes", "notes_fts", "changes"} <= tables


def test_pragmas_on_every_connection(tmp_path: Path) -> None:
    db = Database.open(tmp_path)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    db.close()


def _make_newer(data_dir: Path) -> None:
    Database.open(data_dir).close()
    con = sqlite3.connect(data_dir / "peerwalk.db")
    con.execute("UPDATE alembic_version SET version_num = '29991231_01'")
    con.commit()
    con.close()


def test_newer_database_is_refused_untouched(tmp_path: Path) -> None:
    _make_newer(tmp_path)
    before = db_fingerprint(tmp_path)
    with pytest.raises(DatabaseTooNew, match="newer version of Peerwalk"):
        Database.open(tmp_path)
    assert db_fingerprint(tmp_path) == before


def test_newer_database_refused_on_the_command_line(peerwalk, data_dir: Path) -> None:
    _make_newer(data_dir)
    before = db_fingerprint(data_dir)
    assert_one_line_error(peerwalk("reviews", "list"), "newer version of peerwalk")
    assert db_fingerprint(data_dir) == before


def test_backup_copies_a_live_database_with_its_wal(tmp_path: Path) -> None:
    """The pre-upgrade backup uses SQLite's backup API: committed rows still in the -wal
    file are in the copy (copying the .db file alone would lose them)."""
    from app.db import backup

    db = Database.open(tmp_path)
    with db.transaction() as session:
        from app.models import School

        session.add(School(id="100", name="Ysgol Gymraeg Bro Ŵyr"))
    assert (tmp_path / "peerwalk.db-wal").stat().st_size > 0
    copy = backup(tmp_path / "peerwalk.db", tmp_path / "copy.db")
    db.close()
    con = sqlite3.connect(copy)
    assert con.execute("SELECT name FROM schools").fetchall() == [("Ysgol Gymraeg Bro Ŵyr",)]
    con.close()

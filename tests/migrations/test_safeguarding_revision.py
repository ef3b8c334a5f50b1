"""Revision 20261201_S1: a concern written before it gains where (empty) and when it was seen
(when it was written down), and the handover table; down and up again keeps the concern."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config

from app.config import migrations_dir
from app.db import Database, make_engine
from app.services.demo import load_demo


def _migrate(path: Path, target: str, up: bool) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    with make_engine(path).connect() as conn:
        cfg.attributes["connection"] = conn
        (command.upgrade if up else command.downgrade)(cfg, target)


def _columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in con.execute(f"PRAGMA table_info({table})")]


def test_concerns_written_before_are_seen_when_written(tmp_path: Path) -> None:
    db = Database.open(tmp_path)
    with db.transaction() as s:
        load_demo(s)
    db.close()
    path = tmp_path / "peerwalk.db"
    _migrate(path, "20261201_H1", up=False)
    con = sqlite3.connect(path)
    assert "seen_at" not in _columns(con, "safeguarding_concerns")
    con.execute("UPDATE safeguarding_concerns SET raised_at = '2026-11-12 10:31:00.000000'")
    con.commit()
    con.close()
    _migrate(path, "head", up=True)
    con = sqlite3.connect(path)
    try:
        rows = con.execute(
            "SELECT text, place, seen_at, raised_at FROM safeguarding_concerns"
        ).fetchall()
        assert len(rows) == 1 and rows[0][0].startswith("Fire door")
        assert rows[0][1] == "" and rows[0][2] == rows[0][3] == "2026-11-12 10:31:00.000000"
        assert _columns(con, "safeguarding_handovers") == [
            "id", "concern_id", "recipient", "how", "name", "handed_at", "recorded_at",
        ]  # fmt: skip
    finally:
        con.close()

"""What this build knows of the database schema, readable without SQLAlchemy (so the window
can paint its first screen before the database layer has loaded)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.errors import AppError

# Every revision this build knows, oldest first. The last one is the head; a test checks
# this list against migrations/versions.
KNOWN_REVISIONS = ("20261124_01", "20261124_02", "20261124_03", "20261124_04", "20261201_01", "20261201_E1")
HEAD_REVISION = KNOWN_REVISIONS[-1]


def stored_revision(path: Path) -> str | None:
    """The schema revision in the file, or None for an empty/new database.

    Raises AppError if the file is not a Peerwalk database at all.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "alembic_version" not in tables:
                if tables:
                    raise AppError(f"{path} is not a Peerwalk database; choose another data folder.")
                return None
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise AppError(f"{path} is not a readable Peerwalk database ({exc}).") from None

"""What this build knows of the database schema, readable without SQLAlchemy (so the window
can paint its first screen before the database layer has loaded)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from app.errors import AppError, storage_problem

# Every revision this build knows, oldest first. The last one is the head; a test checks
# this list against migrations/versions.
KNOWN_REVISIONS = (
    "20261124_01",
    "20261124_02",
    "20261124_03",
    "20261124_04",
    "20261201_01",
    "20261201_F1",
    "20261201_V1",
    "20261201_E1",
    "20261201_R1",
    "20261201_N1",
    "20261201_G1",
    "20261201_H1",
    "20261201_S1",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]


def stored_revision(path: Path) -> str | None:
    """The schema revision in the file, or None for an empty/new database.

    Raises AppError if the file is not a Peerwalk database at all.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "alembic_version" not in tables:
                if tables:
                    raise AppError(
                        f"{path} is not a Peerwalk database; choose another data folder."
                    )
                return None
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        # A folder or disk that will not serve (read-only, full, not ours) is said as such: it
        # is not a damaged database, and saying so would frighten someone about their data.
        raise storage_problem(exc, path.parent) or AppError(
            f"{path} is not a readable Peerwalk database ({exc})."
        ) from None


def read_only_uri(path: Path) -> str:
    """A SQLite URI that reads the database without writing anything beside it.

    A WAL database needs its -shm file even to read, which a read-only folder cannot hold.
    When the folder is not writable and there is no -wal content (the last writer finished
    cleanly, so the main file holds everything, and nobody can write there now), SQLite's
    ``immutable`` mode reads the file alone. Otherwise ``mode=ro`` (SQLite uses the existing
    -wal/-shm, or creates them in a writable folder).
    """
    wal = path.with_name(path.name + "-wal")
    uri = path.absolute().as_uri()
    if not os.access(path.parent, os.W_OK) and (not wal.exists() or wal.stat().st_size == 0):
        return f"{uri}?immutable=1"
    return f"{uri}?mode=ro"


def connect_for_reading(path: Path, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """A stdlib connection that reads the database and cannot write to it.

    Where the folder and file may be written, an ordinary connection with ``query_only`` on:
    closing it, as the last connection, folds the -wal file back and removes it and the -shm
    file, as app.db's connections do, so a command that only read leaves the folder as a
    cleanly closed database (a ``mode=ro`` connection would leave both behind). Elsewhere,
    ``read_only_uri``'s."""
    if os.access(path.parent, os.W_OK) and os.access(path, os.W_OK):
        con = sqlite3.connect(path, check_same_thread=check_same_thread)
        con.execute("PRAGMA query_only=ON")
        return con
    return sqlite3.connect(read_only_uri(path), uri=True, check_same_thread=check_same_thread)

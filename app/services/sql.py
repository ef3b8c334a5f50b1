"""Plain-SQL reads that give the same rows through a SQLAlchemy session or a bare sqlite3
connection.

The hot read paths (listing reviews, search) are written as SQL over the tables. A service
that takes a ``Reader`` serves both the window, which holds a session, and the command line's
fast paths, which open the file with the standard library's ``sqlite3`` and so never import
SQLAlchemy (importing it costs more than the whole command otherwise takes). The rows are the
driver's own values either way: the session is only a way to reach its sqlite3 connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from app.services.interrupt import checkpoint

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Reader: TypeAlias = "sqlite3.Connection | Session"
Row: TypeAlias = dict[str, Any]


def connection_of(db: Reader) -> sqlite3.Connection:
    """The sqlite3 connection behind ``db``, inside the session's transaction for a session.

    What the session has added but not yet written is flushed first, as ``session.execute``
    would do, so a service reads its own unit of work's changes either way."""
    if isinstance(db, sqlite3.Connection):
        return db
    db.flush()
    driver = db.connection().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)  # Peerwalk's engines are pysqlite
    return driver


def fetch(db: Reader, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
    """Every row of ``sql`` as a dict of column name to value.

    Raises Cancelled first if the work on this thread was cancelled (as the workspace's engine
    does before each statement)."""
    checkpoint()
    cursor = connection_of(db).execute(sql, params or {})
    try:
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]
    finally:
        cursor.close()


@contextmanager
def writing(path: Path) -> Iterator[sqlite3.Connection]:
    """One write transaction on the database file through a bare sqlite3 connection, set up
    as app.db sets up its own (WAL, durable commits, foreign keys, waiting up to 5 s for
    another writer) and taking the write lock up front as app.db's writers do: committed on
    success, rolled back on any error. For writes that need neither the models nor the change
    log (a school list is reference data); the caller has checked that the file is at this
    build's schema and may be written."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
            con.execute(f"PRAGMA {pragma}")
        con.execute("PRAGMA busy_timeout=5000")
        con.execute("BEGIN IMMEDIATE")
        try:
            yield con
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
    finally:
        con.close()

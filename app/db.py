"""The database: one SQLite file, WAL, foreign keys on, durable commits, upgraded on start.

``Database.open`` checks the stored schema revision against the one this build knows; only
when they differ does it import Alembic (costly) to upgrade, after a backup copy made with
SQLite's backup API. A database written by a newer Peerwalk is refused, untouched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.config import DB_FILENAME
from app.errors import AppError, DatabaseTooNew
from app.schema import HEAD_REVISION, KNOWN_REVISIONS, stored_revision  # noqa: F401 (re-exported)


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def _set_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # pysqlite's own transaction handling is off; SQLAlchemy's begin event emits BEGIN.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def _begin(conn: Any) -> None:
    # Writers take the write lock up front, so two writers (the window and a command in a
    # terminal) queue on busy_timeout instead of failing mid-transaction. Readers don't.
    read_only = conn.get_execution_options().get("peerwalk_read_only", False)
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


def backup(path: Path, target: Path) -> Path:
    """Copy a live database safely (the -wal file included) with SQLite's backup API."""
    src = sqlite3.connect(path)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def upgrade(engine: Engine, path: Path) -> None:
    """Bring the schema to head with Alembic (imported only here: it is slow to import)."""
    from alembic import command
    from alembic.config import Config

    from app.config import migrations_dir

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


class Database:
    def __init__(self, path: Path, engine: Engine, clock: Callable[[], datetime] = utc_now) -> None:
        self.path = path
        self.engine = engine
        self.clock = clock
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._readers = sessionmaker(engine.execution_options(peerwalk_read_only=True), expire_on_commit=False)

    @classmethod
    def open(
        cls, data_dir: Path, clock: Callable[[], datetime] = utc_now, *, create: bool = True
    ) -> Database:
        """Open (creating or upgrading if needed) the database in ``data_dir``.

        Raises DatabaseTooNew for a database from a newer Peerwalk, AppError for a file that
        is not a Peerwalk database or a folder that cannot be written.
        """
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise AppError(f"Cannot use the data folder {data_dir}: {exc.strerror}.") from None
        path = data_dir / DB_FILENAME
        revision = stored_revision(path)
        if revision is not None and revision not in KNOWN_REVISIONS:
            raise DatabaseTooNew(
                f"This database was written by a newer version of Peerwalk (schema {revision}); "
                "please update Peerwalk to open it."
            )
        engine = make_engine(path)
        db = cls(path, engine, clock)
        if revision != HEAD_REVISION:
            if revision is not None:
                stamp = clock().strftime("%Y%m%d-%H%M%S")
                backup(path, data_dir / f"peerwalk-before-upgrade-{revision}-{stamp}.db")
            upgrade(engine, path)
            from app.config import resources_dir
            from app.models.frameworks import install_frameworks

            with db.transaction() as session:
                install_frameworks(session, resources_dir() / "frameworks")
        return db

    @contextmanager
    def transaction(self, author: str = "") -> Iterator[Session]:
        """One unit of work: committed (durably) on success, rolled back on any exception."""
        from app.models.changelog import ChangeRecorder, install

        session = self._sessions()
        install(session, ChangeRecorder(self.clock, author))
        try:
            with session.begin():
                yield session
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work: no change log, no write lock; objects stay readable after.

        Hot read paths (lists, search) use it with SQL text, so they never load the models.
        """
        session = self._readers()
        try:
            with session.begin():
                yield session
                if session.new or session.dirty or session.deleted:
                    raise RuntimeError("a read-only unit of work tried to change data")
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()

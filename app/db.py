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
from sqlalchemy.pool import NullPool

from app.config import DB_FILENAME, create_private_file, prepare_data_dir
from app.errors import DatabaseTooNew, ReadOnlyFolder, storage_problem
from app.schema import HEAD_REVISION, KNOWN_REVISIONS, read_only_uri, stored_revision


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


def _set_read_only_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    dbapi_conn.isolation_level = None
    dbapi_conn.execute("PRAGMA foreign_keys=ON")


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine on the database file. ``read_only`` opens it through SQLite's read-only URI
    (see schema.read_only_uri), for a folder Peerwalk may not write in."""
    if read_only:
        uri = read_only_uri(path)
        engine = create_engine(
            "sqlite://",
            creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
            poolclass=NullPool,
        )
        event.listen(engine, "connect", _set_read_only_pragmas)
    else:
        engine = create_engine(f"sqlite:///{path}", future=True)
        event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


def backup(path: Path, target: Path) -> Path:
    """Copy a live database safely (the -wal file included) with SQLite's backup API, into a
    file readable by its owner only. A copy that fails half way (a full disk) is removed."""
    create_private_file(target)
    src = sqlite3.connect(path)
    dst = sqlite3.connect(target)
    done = False
    try:
        src.backup(dst)
        done = True
    finally:
        dst.close()
        src.close()
        if not done:
            for leftover in (target, target.with_name(target.name + "-journal")):
                leftover.unlink(missing_ok=True)
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


def _batch_new_changes(session: Session, recorder: Any) -> None:
    """Put the changes this transaction wrote into this laptop's open batches before it
    commits, so that exporting never has to (app.sync.sealing; no key is needed here)."""
    session.flush()
    if recorder.written and recorder.site_id:
        from app.sync.sealing import stage

        stage(session, recorder.site_id)


class Database:
    def __init__(
        self,
        path: Path,
        engine: Engine,
        clock: Callable[[], datetime] = utc_now,
        *,
        read_only: bool = False,
    ) -> None:
        self.path = path
        self.engine = engine
        self.clock = clock
        self.read_only = read_only
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._readers = sessionmaker(
            engine.execution_options(peerwalk_read_only=True), expire_on_commit=False
        )

    @classmethod
    def open(
        cls, data_dir: Path, clock: Callable[[], datetime] = utc_now, *, parents: bool = True
    ) -> Database:
        """Open (creating or upgrading if needed) the database in ``data_dir``.

        The folder is made private first (config.prepare_data_dir). A folder Peerwalk may not
        write in (read-only, or a read-only database file) is opened read-only when the
        database is already at this build's schema: reading works, and any change raises
        ReadOnlyFolder. Raises DatabaseTooNew for a database from a newer Peerwalk, AppError
        for a file that is not a Peerwalk database, a StorageProblem (FolderMissing,
        ReadOnlyFolder, PermissionDenied, DiskFull) for a folder or disk that will not serve.
        """
        prepare_data_dir(data_dir, parents=parents)
        path = data_dir / DB_FILENAME
        revision = stored_revision(path)
        if revision is not None and revision not in KNOWN_REVISIONS:
            raise DatabaseTooNew(
                f"This database was written by a newer version of Peerwalk (schema {revision}); "
                "please update Peerwalk to open it."
            )
        if not _writable(data_dir, path):
            if revision != HEAD_REVISION:  # it would have to be created or upgraded
                raise ReadOnlyFolder(data_dir)
            return cls(path, make_engine(path, read_only=True), clock, read_only=True)
        try:
            create_private_file(path)
        except OSError as exc:
            raise storage_problem(exc, data_dir) or exc from None
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
        """One unit of work: committed (durably) on success, rolled back on any exception.
        Raises ReadOnlyFolder at once on a database opened read-only."""
        from app.models.changelog import ChangeRecorder, install

        if self.read_only:
            raise ReadOnlyFolder(self.path.parent)
        session = self._sessions()
        recorder = ChangeRecorder(self.clock, author)
        install(session, recorder)
        try:
            with session.begin():
                yield session
                _batch_new_changes(session, recorder)
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


def _writable(data_dir: Path, path: Path) -> bool:
    """Whether SQLite can write here: the folder (for -wal/-shm and new files) and the file."""
    import os

    return os.access(data_dir, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))

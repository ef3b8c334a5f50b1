"""Alembic environment: runs on the connection the app hands over (see app.db.upgrade)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from app.db import make_engine
from app.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # `alembic` from a terminal: use the URL given with -x db=PATH
        from pathlib import Path

        path = Path(context.get_x_argument(as_dictionary=True).get("db", "peerwalk.db"))
        with make_engine(path).connect() as conn:
            _run(conn)
            conn.commit()
        return
    _run(connection)
    connection.commit()


def _include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    """FTS5 tables and their shadow tables are made by hand in migrations, not by models."""
    return not (type_ == "table" and name and "_fts" in name)


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    # Foreign keys off while tables are rebuilt (batch mode), checked before commit.
    connection.exec_driver_sql(
        "PRAGMA foreign_keys=OFF"
    ) if not connection.in_transaction() else None
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=_include_object,
    )
    with context.begin_transaction():
        context.run_migrations()
        problems = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
        if problems:
            raise RuntimeError(f"migration left broken foreign keys: {problems[:5]}")


run_migrations_online()

"""The declarative base, and what every record that travels between schools carries."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Boolean, DateTime, MetaData, String, Table
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints: SQLite cannot alter unnamed ones later (Alembic batch mode needs names).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# A fixed namespace so that the same link (a school in a network, a note behind a finding)
# made on two laptops gets the same id and merges instead of duplicating.
LINK_NAMESPACE = uuid.UUID("6f1d2b8e-5a0c-4c59-9d0e-4a7b3c2f9e11")


def table_of(model: type[Any]) -> Table:
    """A mapped class's Table, for Core statements (SQLAlchemy types ``__table__`` as a
    FromClause, which insert() and update() do not take)."""
    return cast(Table, model.__table__)


def new_id() -> str:
    return str(uuid.uuid4())


def link_id(*parts: str) -> str:
    return str(uuid.uuid5(LINK_NAMESPACE, ":".join(parts)))


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Synced:
    """Columns of a record that travels between installations and merges field by field.

    ``id`` never changes. ``deleted`` is a tombstone: a deleted record stays so that a
    late edit from another laptop cannot silently bring it back.
    """

    __synced__ = True

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(200), default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


# Fields that are bookkeeping, not content: never recorded as changes of their own.
META_FIELDS = frozenset({"created_at", "created_by", "updated_at", "updated_by"})

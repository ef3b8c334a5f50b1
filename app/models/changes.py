"""The change log: every edit of a synced record, as a small op that can travel and merge.

A record's creation is one op (``field == "*"``, the whole record as the value); each later
edit is one op per field. An op lists the ops it replaces (``seen``): the heads of that field
when it was made. Two ops for the same field that do not see each other are concurrent, and
the field is in conflict until a person resolves it (a new op that sees both). Package
exchange (app/sync) moves these ops between installations.
"""

from __future__ import annotations

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base

CREATE = "*"


class Change(Base):
    __tablename__ = "changes"
    __table_args__ = (
        Index("ix_changes_record_field", "table_name", "record_id", "field"),
        Index("ix_changes_site_seq", "site_id", "seq", unique=True),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    site_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(Integer)
    hlc: Mapped[str] = mapped_column(String(60), index=True)
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(40))
    value: Mapped[object] = mapped_column(JSON)
    author: Mapped[str] = mapped_column(String(200), default="")
    seen: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Its batch (app.models.sync.Batch), which keeps the op's travelling line; None until
    # the transaction that wrote it ends.
    batch_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)


class FieldHead(Base):
    """The current head op(s) of one field; more than one means a conflict to resolve."""

    __tablename__ = "field_heads"

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    field: Mapped[str] = mapped_column(String(40), primary_key=True)
    change_id: Mapped[str] = mapped_column(ForeignKey("changes.id"), primary_key=True)


class Setting(Base):
    """Per-installation settings: this site's id, its clock, who uses this laptop."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)

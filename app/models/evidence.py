"""Evidence notes captured during the day, and photos of pupils' work."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Synced
from app.vocabulary import NOTE_KINDS  # noqa: F401


class Note(Synced, Base):
    __tablename__ = "notes"
    # Lists count live notes per review from this index alone (deleted notes are tombstones).
    __table_args__ = (Index("ix_notes_review_live", "review_id", "deleted"),)

    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id"), index=True)
    activity_id: Mapped[str | None] = mapped_column(ForeignKey("activities.id"), nullable=True)
    focus_id: Mapped[str] = mapped_column(ForeignKey("review_focus_areas.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="neutral")
    text: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), nullable=True)
    captured_at: Mapped[datetime] = mapped_column(DateTime)


class Attachment(Base):
    """A photo stored as a file named by its SHA-256 in the data folder's attachments/."""

    __tablename__ = "attachments"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(50), default="image/jpeg")
    width: Mapped[int] = mapped_column(Integer, default=0)
    height: Mapped[int] = mapped_column(Integer, default=0)
    size: Mapped[int] = mapped_column(Integer, default=0)


class NoteAttachment(Synced, Base):
    __tablename__ = "note_attachments"

    note_id: Mapped[str] = mapped_column(ForeignKey("notes.id"), index=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("attachments.sha256"))
    caption: Mapped[str] = mapped_column(String(300), default="")
    in_report: Mapped[bool] = mapped_column(default=False)

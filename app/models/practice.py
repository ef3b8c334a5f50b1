"""What a school shares with its networks of its own accord (docs/authority.md):

- good practice it releases from one of its own reviews: the statement and a summary, with a
  named contact, and nothing else of the review (no notes, no other statement);
- strengths it declares about itself ("come to us for phonics");
- where it is, area by area, on a four-step scale, with its priorities.

Each travels to partners like the network set-up does; only laptops of the record's school
may make or change it. The id of a published stage is derived from (school, area), so
publishing again replaces the last one on every laptop.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Synced


class ReleasedPractice(Synced, Base):
    __tablename__ = "released_practice"

    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"), index=True)
    # The host's own statement it was released from; on other laptops only an opaque id.
    finding_id: Mapped[str] = mapped_column(String(36), default="")
    focus: Mapped[str] = mapped_column(String(500), default="")
    statement: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text, default="")
    contact_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), nullable=True)
    # The day of the review it rests on: the evidence behind it, shown in the directory.
    review_date: Mapped[date | None] = mapped_column(Date, nullable=True)


class SchoolStrength(Synced, Base):
    __tablename__ = "school_strengths"

    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"), index=True)
    area: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text, default="")
    contact_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), nullable=True)


class PublishedStatus(Synced, Base):
    """A school's own view of one area (stage 1 starting … 4 secure), or, with area "", its
    current priorities in ``text``. Next steps done/total are counted when it publishes."""

    __tablename__ = "published_status"

    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"), index=True)
    area: Mapped[str] = mapped_column(String(300), default="")
    stage: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")
    steps_done: Mapped[int] = mapped_column(Integer, default=0)
    steps_total: Mapped[int] = mapped_column(Integer, default=0)

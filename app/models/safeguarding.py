"""Safeguarding concerns: local to this laptop and for the host headteacher only.

Deliberately not :class:`Synced`: neither table is ever in a change log, a package, a pack or
a report. A concern records what was seen, where, when and by whom; its handovers record who
it was passed to (the host headteacher, and where needed the designated safeguarding lead or
the LADO), when, how (in person or by phone) and the name or reference given.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class SafeguardingConcern(Base):
    __tablename__ = "safeguarding_concerns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    raised_by: Mapped[str] = mapped_column(String(200), default="")
    # When it was written down on this laptop (the database clock, UTC).
    raised_at: Mapped[datetime] = mapped_column(DateTime)
    # Kept in step with a handover to the host headteacher (older databases set only this).
    passed_to_host_head: Mapped[bool] = mapped_column(default=False)
    place: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # When it was seen (UTC), which may be a little before it was written down.
    seen_at: Mapped[datetime] = mapped_column(DateTime)


class SafeguardingHandover(Base):
    """One step of a concern's handover; one per recipient (recording it again corrects it)."""

    __tablename__ = "safeguarding_handovers"
    __table_args__ = (UniqueConstraint("concern_id", "recipient"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    concern_id: Mapped[int] = mapped_column(ForeignKey("safeguarding_concerns.id"), index=True)
    recipient: Mapped[str] = mapped_column(String(20))  # host-head | dsl | lado
    how: Mapped[str] = mapped_column(String(20))  # in-person | phone
    name: Mapped[str] = mapped_column(String(200), default="")  # a name or a reference
    handed_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    recorded_at: Mapped[datetime] = mapped_column(DateTime)  # UTC

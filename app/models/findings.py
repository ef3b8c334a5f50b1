"""Write-up: WWW/EBI statements per focus area, the evidence behind them, and next steps."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Synced
from app.vocabulary import ACTION_STATUSES, FINDING_KINDS  # noqa: F401


class Finding(Synced, Base):
    __tablename__ = "findings"

    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id"), index=True)
    focus_id: Mapped[str] = mapped_column(ForeignKey("review_focus_areas.id"), index=True)
    kind: Mapped[str] = mapped_column(String(5))
    text: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    good_practice: Mapped[bool] = mapped_column(Boolean, default=False)
    # The earlier visit's EBI this statement gives the team's view on now (a plain id).
    follows_finding_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class FindingEvidence(Synced, Base):
    """A note that supports a finding (id derived from the pair)."""

    __tablename__ = "finding_evidence"

    finding_id: Mapped[str] = mapped_column(ForeignKey("findings.id"), index=True)
    note_id: Mapped[str] = mapped_column(ForeignKey("notes.id"), index=True)


class Action(Synced, Base):
    """An agreed next step with an owner and a date; checked for impact at the next visit."""

    __tablename__ = "actions"

    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id"), index=True)
    finding_id: Mapped[str | None] = mapped_column(ForeignKey("findings.id"), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), nullable=True)
    due: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="open")
    impact: Mapped[str] = mapped_column(Text, default="")

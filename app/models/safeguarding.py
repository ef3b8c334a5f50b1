"""Safeguarding concerns: local to this laptop and for the host headteacher only.

Deliberately not :class:`Synced`: it is never in a change log, a package or a report.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class SafeguardingConcern(Base):
    __tablename__ = "safeguarding_concerns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    raised_by: Mapped[str] = mapped_column(String(200), default="")
    raised_at: Mapped[datetime] = mapped_column(DateTime)
    passed_to_host_head: Mapped[bool] = mapped_column(default=False)

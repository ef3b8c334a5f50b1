"""Sign-off: the host's comments on a draft's statements, and the facts a review's status
follows (a draft made, the writer's signature, the countersignature, the report shared)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Synced


class FindingComment(Synced, Base):
    """The host school's comment on one statement of the draft (the factual-accuracy round).
    Made and worded only by the host school; marked answered only by the visiting team."""

    __tablename__ = "finding_comments"

    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id"), index=True)
    finding_id: Mapped[str] = mapped_column(ForeignKey("findings.id"), index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), nullable=True)
    answered: Mapped[bool] = mapped_column(Boolean, default=False)


class ReviewEvent(Synced, Base):
    """Something that happened to a review's report, which its status follows: ``kind`` is one
    of app.services.status.EVENT_KINDS. Only ever added: a fact does not un-happen."""

    __tablename__ = "review_events"

    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), nullable=True)
    at: Mapped[datetime] = mapped_column(DateTime)

"""Reviews (visits), the focus the receiving school chose, the team, and the day's activities."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Synced
from app.vocabulary import ACTIVITY_KINDS, DISTRIBUTIONS, STATUSES, TEAM_ROLES  # noqa: F401


class Review(Synced, Base):
    __tablename__ = "reviews"

    host_school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"), index=True)
    network_id: Mapped[str | None] = mapped_column(ForeignKey("networks.id"), nullable=True)
    framework_key: Mapped[str] = mapped_column(String(40), default="developmental")
    title: Mapped[str] = mapped_column(String(300), default="")
    start_date: Mapped[date] = mapped_column(Date, index=True)
    end_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="planned")
    distribution: Mapped[str] = mapped_column(String(20), default="host-only")
    context: Mapped[str] = mapped_column(Text, default="")
    writer_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), nullable=True)
    estimates_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    # The writer's overall summary, printed before the findings.
    summary: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The school's previous review this visit follows up (a plain id: that review may not be
    # on every laptop that holds this one).
    follows_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class ReviewFocus(Synced, Base):
    """A focus area the receiving school chose, in its own words."""

    __tablename__ = "review_focus_areas"

    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(500))
    framework_code: Mapped[str] = mapped_column(String(20), default="")
    prompts: Mapped[str] = mapped_column(Text, default="")  # one prompt per line
    estimate: Mapped[str] = mapped_column(String(40), default="")
    # The host school's own view (its self-evaluation) and what it asks the team to look at.
    self_evaluation: Mapped[str] = mapped_column(Text, default="", server_default="")
    look_at: Mapped[str] = mapped_column(Text, default="", server_default="")


class TeamMember(Synced, Base):
    """A person's part in a review: lead, reviewer, or host staff taking part."""

    __tablename__ = "review_team"

    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))


class Activity(Synced, Base):
    """One item on the day's agenda. A joint activity pairs a reviewer with a host colleague."""

    __tablename__ = "activities"

    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(300), default="")
    day: Mapped[date | None] = mapped_column(Date, nullable=True)
    starts: Mapped[str] = mapped_column(String(5), default="")  # HH:MM
    ends: Mapped[str] = mapped_column(String(5), default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    subject: Mapped[str] = mapped_column(String(200), default="")
    year_group: Mapped[str] = mapped_column(String(50), default="")
    reviewer_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), nullable=True)
    host_colleague_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), nullable=True)

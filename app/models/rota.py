"""The year's visits of a network (app/services/rota.py plans them).

A rota visit travels to the network's schools like the network itself; any member school may
plan or change its network's rota (the coordinator is one of the heads), as for the network's
own record (docs/authority.md). ``review_id`` is set when a visit is turned into a planned
review.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Synced


class RotaVisit(Synced, Base):
    __tablename__ = "rota_visits"

    network_id: Mapped[str] = mapped_column(ForeignKey("networks.id"), index=True)
    day: Mapped[date] = mapped_column(Date)
    host_school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"))
    # The visiting schools' ids, separated by spaces, in the rota's order.
    visitor_ids: Mapped[str] = mapped_column(Text, default="")
    review_id: Mapped[str | None] = mapped_column(String(36), nullable=True)

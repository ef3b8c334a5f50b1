"""Schools, the people in them, and the networks they form."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Synced
from app.vocabulary import NETWORK_KINDS, ROLES  # noqa: F401  (re-exported)


class School(Synced, Base):
    """A school. ``id`` is its stable public number (URN in England, school number in Wales)."""

    __tablename__ = "schools"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    phase: Mapped[str] = mapped_column(String(100), default="")
    type: Mapped[str] = mapped_column(String(200), default="")
    local_authority: Mapped[str] = mapped_column(String(200), default="")
    welsh_medium: Mapped[bool] = mapped_column(Boolean, default=False)


class Person(Synced, Base):
    __tablename__ = "people"

    name: Mapped[str] = mapped_column(String(200), index=True)
    role: Mapped[str] = mapped_column(String(40))
    school_id: Mapped[str | None] = mapped_column(ForeignKey("schools.id"), nullable=True)
    email: Mapped[str] = mapped_column(String(300), default="")


class Network(Synced, Base):
    __tablename__ = "networks"

    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), default="group")
    ground_rules: Mapped[str] = mapped_column(Text, default="")


class NetworkMember(Synced, Base):
    """A school's membership of a network (id derived from the pair: see ``link_id``)."""

    __tablename__ = "network_members"

    network_id: Mapped[str] = mapped_column(ForeignKey("networks.id"), index=True)
    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"), index=True)

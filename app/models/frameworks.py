"""Review frameworks: versioned sets of focus areas with prompts (shipped, read-only)."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base


class Framework(Base):
    __tablename__ = "frameworks"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)
    language: Mapped[str] = mapped_column(String(10), default="en")
    description: Mapped[str] = mapped_column(Text, default="")
    estimates: Mapped[bool] = mapped_column(Boolean, default=False)
    estimate_scale: Mapped[list[str]] = mapped_column(JSON, default=list)

    focus_areas: Mapped[list[FrameworkFocusArea]] = relationship(
        order_by="FrameworkFocusArea.position", cascade="all, delete-orphan"
    )


class FrameworkFocusArea(Base):
    __tablename__ = "framework_focus_areas"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    framework_key: Mapped[str] = mapped_column(ForeignKey("frameworks.key"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    prompts: Mapped[list[str]] = mapped_column(JSON, default=list)

"""Review frameworks: versioned sets of focus areas with prompts (shipped, read-only)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

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


def install_frameworks(session: Session, folder: Path) -> int:
    """Install or update the frameworks in ``folder/*.json`` (by key and version), as the
    database does when it is created or upgraded. Returns how many changed."""
    changed = 0
    for path in sorted(folder.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        existing = session.get(Framework, spec["key"])
        if existing is not None and existing.version >= spec["version"]:
            continue
        if existing is not None:
            session.delete(existing)
            session.flush()
        fw = Framework(
            key=spec["key"],
            name=spec["name"],
            version=spec["version"],
            language=spec.get("language", "en"),
            description=spec.get("description", ""),
            estimates=bool(spec.get("estimates", False)),
            estimate_scale=list(spec.get("estimate_scale", [])),
        )
        fw.focus_areas = [
            FrameworkFocusArea(
                position=i, code=fa["code"], title=fa["title"], prompts=fa["prompts"]
            )
            for i, fa in enumerate(spec["focus_areas"])
        ]
        session.add(fw)
        changed += 1
    return changed

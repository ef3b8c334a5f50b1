"""Review frameworks shipped in resources/frameworks/*.json."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import resources_dir
from app.errors import NotFound
from app.models import Framework, FrameworkFocusArea
from app.services.read_models import FrameworkArea, FrameworkRow


def install_frameworks(session: Session) -> int:
    """Install or update the shipped frameworks (by key and version). Returns how many changed.
    (The database does this itself when it is created or upgraded: app.models.frameworks.)"""
    from app.models.frameworks import install_frameworks as install

    return install(session, resources_dir() / "frameworks")


def list_frameworks(session: Session) -> list[FrameworkRow]:
    return [framework_row(fw) for fw in session.scalars(select(Framework).order_by(Framework.name))]


def get_framework(session: Session, key: str) -> Framework:
    fw = session.get(Framework, key)
    if fw is None:
        keys = session.scalars(select(Framework.key)).all()
        raise NotFound(f"There is no framework '{key}'; choose one of: {', '.join(sorted(keys))}.")
    return fw


def match_area(fw: Framework | None, wording: str) -> FrameworkFocusArea | None:
    """The framework area a school's wording names: its code ("IA3"), its title, or wording
    that begins with the title ("Quality of teaching, learning and assessment, including the
    level of challenge, in Technology" takes the prompts of "Quality of teaching, learning
    and assessment"). None when nothing fits: the school's own words need no framework."""
    if fw is None:
        return None
    text = wording.strip().casefold()
    for fa in fw.focus_areas:
        if text in (fa.code.casefold(), fa.title.casefold()):
            return fa
    starts = [
        fa
        for fa in fw.focus_areas
        if text.startswith(fa.title.casefold())
        or re.match(re.escape(fa.code.casefold()) + r"\b", text)
    ]
    return max(starts, key=lambda fa: len(fa.title)) if starts else None


def framework_row(fw: Framework) -> FrameworkRow:
    return FrameworkRow(
        key=fw.key,
        name=fw.name,
        version=fw.version,
        description=fw.description,
        estimates=fw.estimates,
        estimate_scale=tuple(fw.estimate_scale),
        focus_areas=tuple(
            FrameworkArea(code=fa.code, title=fa.title, prompts=tuple(fa.prompts))
            for fa in fw.focus_areas
        ),
    )

"""Finding records from what a person types: ids, id prefixes, names; and parsing input."""

from __future__ import annotations

import difflib
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotFound
from app.vocabulary import ID_PREFIX_MIN

T = TypeVar("T")


def by_id(session: Session, model: type[T], ref: str, what: str) -> T:
    """The record whose id is ``ref`` or starts with it (at least 4 characters, unique).

    Raises NotFound (no match, or an ambiguous prefix) with a sentence naming ``what``.
    """
    ref = ref.strip()
    obj = session.get(model, ref)
    if obj is not None and not getattr(obj, "deleted", False):
        return obj
    col: Any = model.id  # type: ignore[attr-defined]
    if len(ref) >= ID_PREFIX_MIN:
        rows = session.scalars(select(model).where(col.startswith(ref)).limit(2)).all()
        rows = [r for r in rows if not getattr(r, "deleted", False)]
        if len(rows) == 1:
            return rows[0]
        if len(rows) > 1:
            raise NotFound(f"More than one {what} has an id starting '{ref}'; type more of it.")
    raise NotFound(f"There is no {what} with id '{ref}'.")


def closest(word: str, choices: list[str], n: int = 3) -> str:
    """'Did you mean …' text, or '' when nothing is close."""
    folded = {c.casefold(): c for c in choices}
    near = difflib.get_close_matches(word.casefold(), list(folded), n=n, cutoff=0.5)
    near += [k for k in folded if word.casefold() in k and k not in near]
    names = [folded[k] for k in near[:n]]
    return f" Did you mean {', '.join(repr(x) for x in names)}?" if names else ""


def by_name(session: Session, model: type[T], ref: str) -> list[T]:
    """Live records whose ``name`` equals ``ref`` ignoring case, Welsh letters included
    (SQLite's lower() folds ASCII only, so the comparison is done here)."""
    wanted = ref.strip().casefold()
    rows = session.execute(
        select(model.id, model.name).where(model.deleted.is_(False))  # type: ignore[attr-defined]
    ).all()
    ids = [row_id for row_id, name in rows if name.casefold() == wanted]
    return [session.get(model, i) for i in ids]  # type: ignore[misc]


def parse_date(text: str, what: str = "date") -> date:
    """A typed date, YYYY-MM-DD only (see app.services.dates.parse_iso_date). Raises BadDate."""
    from app.services.dates import parse_iso_date

    return parse_iso_date(text, what)


def require_text(text: str | None, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise InvalidInput(f"The {what} is empty; type something to save.")
    return text


def one_of(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise InvalidInput(f"'{value}' is not a {what}; choose one of: {', '.join(allowed)}.")
    return value

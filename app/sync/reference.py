"""Schools are reference data: they travel only when something that travels refers to them.

A laptop may hold England's whole school list (about 50,000 schools, imported from GIAS);
its partners have no use for the 49,990 that no review, person or network of theirs names,
and each can import the list itself. So at export, this laptop's changes to a school go into
a package only once something refers to the school: a person working there, a network it is
a member of, a review it hosts, or a laptop that belongs to it. Until then they stay
unsealed (not in any batch) and are sealed by a later export, once a reference appears.

A listed school was written without a creation op (app/services/school_list.py); when a
reference appears, :func:`log_referred_schools` writes one with what this laptop knows of
it, leaving out empty fields so that it never blanks what a partner knows. When a partner's
changes to such a school arrive first, :func:`log_listed_schools` writes this laptop's
creation just before they merge: two creations of one URN are both heads, so the same value
twice is no conflict, a field only one list had is kept on both laptops, and two lists that
disagree show as a conflict instead of one silently replacing the other.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Boolean, inspect, text
from sqlalchemy.orm import Session

from app.models import School
from app.models.base import META_FIELDS
from app.models.changes import CREATE

# Everything that names a school, whoever made it (a tombstoned person still names it: its
# ops travel, and the receiver needs the school for the foreign key).
_REFERRED = """
    SELECT school_id FROM people WHERE school_id IS NOT NULL
    UNION SELECT school_id FROM network_members
    UNION SELECT host_school_id FROM reviews
    UNION SELECT value FROM settings WHERE key = 'school_id'
    UNION SELECT school_id FROM sites WHERE school_id != ''
"""


def referred_schools(session: Session) -> set[str]:
    """Ids of the schools that something here refers to."""
    return set(session.scalars(text(_REFERRED)))


def travelling(session: Session, ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The ops (in package form) that may be sealed now: all but the changes of schools that
    nothing refers to yet."""
    if not any(o["table"] == "schools" for o in ops):
        return ops
    referred = referred_schools(session)
    return [o for o in ops if o["table"] != "schools" or o["record"] in referred]


def log_referred_schools(session: Session, clock: Callable[[], datetime] | None = None) -> int:
    """Write a creation op for every school that something refers to and that has none yet
    (a school imported from a list), so that it travels with what refers to it. Returns how
    many were written. Runs inside the caller's transaction (at export, before sealing)."""
    return _log_creations(session, f"id IN ({_REFERRED})", {}, clock)


def log_listed_schools(
    session: Session, school_ids: set[str], clock: Callable[[], datetime] | None = None
) -> int:
    """Before a partner's changes to these schools are merged: write this laptop's own
    creation op for each of them that it knows only from a school list, so that both
    laptops' knowledge is merged field by field (the same value twice is no conflict; a type
    only one list had is kept) instead of the partner's silently replacing ours, or ours
    never reaching the partner. Returns how many were written."""
    ids = sorted(school_ids)
    written = 0
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ", ".join(f":s{n}" for n in range(len(chunk)))
        written += _log_creations(
            session, f"id IN ({marks})", {f"s{n}": v for n, v in enumerate(chunk)}, clock
        )
    return written


def _log_creations(
    session: Session, where: str, params: dict[str, Any], clock: Callable[[], datetime] | None
) -> int:
    """A creation op, with the fields this laptop knows (empty and default ones left out),
    for each school matching ``where`` that has no creation op from anyone."""
    mapper = inspect(School)
    columns = [a.key for a in mapper.column_attrs if a.key not in META_FIELDS]
    flags = {a.key for a in mapper.column_attrs if isinstance(a.columns[0].type, Boolean)}
    defaults = {
        a.key: a.columns[0].default.arg
        for a in mapper.column_attrs
        if a.columns[0].default is not None and a.columns[0].default.is_scalar
    }
    rows = session.execute(
        text(
            f"SELECT {', '.join(columns)} FROM schools WHERE {where} AND NOT EXISTS "
            "(SELECT 1 FROM changes c WHERE c.table_name = 'schools' AND c.record_id = schools.id "
            "AND c.field = :create)"
        ),
        {**params, "create": CREATE},
    ).all()
    if not rows:
        return 0
    recorder = _recorder(session, clock)
    for row in rows:
        value: dict[str, Any] = {}
        for key, cell in zip(columns, row, strict=True):
            v = bool(cell) if key in flags else cell
            if key == "id" or (v not in (None, "") and v != defaults.get(key)):
                value[key] = v
        recorder.create_op(session, "schools", row[0], value)
    recorder.save(session)
    session.flush()
    return len(rows)


def _recorder(session: Session, clock: Callable[[], datetime] | None) -> Any:
    from app.models.changelog import ChangeRecorder

    recorder = session.info.get("recorder")
    if recorder is None:
        recorder = ChangeRecorder(
            clock or (lambda: datetime.now(UTC).replace(tzinfo=None, microsecond=0))
        )
    return recorder

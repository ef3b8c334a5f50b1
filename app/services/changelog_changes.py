"""What a transaction changed, read back from the change log it wrote, as a ``Changes``.

Every saved edit of a synced record writes change-log ops (app/models/changelog.py), so reading
the ops a transaction added tells the window exactly which records of which kind changed,
whatever use case ran, and each record's review (a note, a statement, a next step). No Qt here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.services.changes import Changes

# The change log's tables, and where each record's review (or parent) is found.
_KIND_OF_TABLE = {
    "schools": "schools",
    "people": "people",
    "networks": "networks",
    "reviews": "reviews",
    "activities": "activities",
    "notes": "notes",
    "findings": "findings",
    "actions": "actions",
}
_PARENT_OF_TABLE = {  # a link row stands for the record it hangs off
    "network_members": ("network_id", "networks"),
    "rota_visits": ("network_id", "networks"),
    "released_practice": ("school_id", "schools"),
    "school_strengths": ("school_id", "schools"),
    "published_status": ("school_id", "schools"),
    "note_attachments": ("note_id", "notes"),
    "finding_evidence": ("finding_id", "findings"),
    "review_focus_areas": ("review_id", "reviews"),
    "review_team": ("review_id", "reviews"),
    "finding_comments": ("review_id", "reviews"),  # the host's comments on the draft
}
_IN_A_REVIEW = ("activities", "notes", "findings", "actions")


def changes_since(session: Session, rowid: int) -> Changes:
    """What the change log says this transaction changed, by kind, with each record's review."""
    from sqlalchemy import text

    from app.services.changes import NOTHING, Changes

    rows = session.execute(
        text("SELECT DISTINCT table_name, record_id FROM changes WHERE rowid > :r"), {"r": rowid}
    ).all()
    if not rows:
        return NOTHING
    ids: dict[str, set[str]] = {}
    by_table: dict[str, set[str]] = {}
    for table, record in rows:
        by_table.setdefault(table, set()).add(record)
    for table, records in by_table.items():
        if table in _PARENT_OF_TABLE:
            column, kind = _PARENT_OF_TABLE[table]
            found = set(_column(session, table, column, records))
        else:
            kind, found = _KIND_OF_TABLE.get(table, ""), records
        if kind:
            ids.setdefault(kind, set()).update(found)
    for kind in _IN_A_REVIEW:
        if ids.get(kind):
            ids.setdefault("reviews", set()).update(_column(session, kind, "review_id", ids[kind]))
    return Changes.of(**ids)


def _column(session: Session, table: str, column: str, ids: set[str]) -> list[str]:
    """``column`` of the rows of ``table`` with these ids (tables and columns are ours)."""
    from sqlalchemy import bindparam, text

    statement = text(f'SELECT DISTINCT "{column}" FROM "{table}" WHERE id IN :ids').bindparams(
        bindparam("ids", expanding=True)
    )
    found: list[str] = []
    listed = list(ids)
    for start in range(0, len(listed), 900):  # SQLite's limit on bound values
        found += [
            v for (v,) in session.execute(statement, {"ids": listed[start : start + 900]}) if v
        ]
    return found

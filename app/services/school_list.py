"""Importing a school list (a GIAS export, or a plain urn,name,... CSV): reference data.

A school list is facts every laptop can read for itself, not news for partners, so an import
writes the schools straight into the table and not into the change log: nothing goes into a
package because a list was imported. A school enters the change log (and so travels) only
when something that travels refers to it (app/sync/reference.py does that at export), or
when it already travels and the list changes it (then the edit is an ordinary change).

A list never writes a field its file does not carry, and an empty cell never blanks a value
already known: on a partner's laptop that would be a different claim about the school, seen
as a conflict and able to blank what the partner knew.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import InvalidInput
from app.services.sql import connection_of

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Column names: the England "Get Information About Schools" export, and a plain CSV.
GIAS_COLUMNS = {
    "id": "URN",
    "name": "EstablishmentName",
    "type": "TypeOfEstablishment (name)",
    "phase": "PhaseOfEducation (name)",
    "local_authority": "LA (name)",
}
PLAIN_COLUMNS = {
    "id": "urn",
    "name": "name",
    "phase": "phase",
    "local_authority": "local_authority",
    "type": "type",
}
WELSH_COLUMN = "welsh_medium"
YES, NO = {"1", "true", "yes", "y"}, {"0", "false", "no", "n"}
MAX_CSV_BYTES = 100 * 1024 * 1024
FIELDS = ("name", "type", "phase", "local_authority", "welsh_medium")
MAX_URN, MAX_NAME = 36, 300  # the schools table's widths
# A listed school's row as the School model fills it in, but for its id and name and the
# stamps (tests/unit/services/test_school_import.py holds this to app.models.School).
NEW_SCHOOL: dict[str, Any] = {
    "phase": "",
    "type": "",
    "local_authority": "",
    "welsh_medium": False,
    "deleted": False,
}


@dataclass
class SchoolImport:
    added: int
    updated: int
    unchanged: int
    rows: list[dict[str, Any]]
    # The URNs added or updated. A list writes no change-log entries for most of them
    # (reference data), so a caller that tells views what changed needs them from here.
    changed_ids: list[str] = field(default_factory=list)


def _open(path: Path) -> tuple[Any, list[str]]:
    """A CSV reader over the file's text, and its header row (stripped)."""
    from app.services.files import decode_text, read_small_file

    raw = read_small_file(path, "school list", MAX_CSV_BYTES)
    if b"\x00" in raw:
        raise InvalidInput(f"{path.name} is not a CSV text file.")
    reader = csv.reader(io.StringIO(decode_text(raw, path.name), newline=""))
    try:
        return reader, [h.strip() for h in next(reader, [])]
    except csv.Error as exc:
        raise InvalidInput(f"{path.name} is not a readable CSV file ({exc}).") from None


def _columns(headers: list[str], name: str) -> tuple[list[str], list[int], int | None]:
    """The fields a list's header row carries and where: (keys, their columns, the
    welsh_medium column or None). Raises InvalidInput for a header that is not a school list."""
    if GIAS_COLUMNS["id"] in headers and GIAS_COLUMNS["name"] in headers:
        columns = GIAS_COLUMNS
    elif {"urn", "name"} <= {h.lower() for h in headers}:
        columns = PLAIN_COLUMNS
        headers = [h.lower() for h in headers]
    else:
        raise InvalidInput(
            f"{name} does not look like a school list: it needs the columns URN and "
            "EstablishmentName (a Get Information About Schools export) or "
            "urn,name,phase,local_authority."
        )
    where = [(key, headers.index(col)) for key, col in columns.items() if col in headers]
    welsh = headers.index(WELSH_COLUMN) if WELSH_COLUMN in headers else None
    return [key for key, _ in where], [i for _, i in where], welsh


def _yes_or_no(cell: str, line: int, name: str) -> bool:
    answer = cell.lower()
    if answer not in YES | NO:
        raise InvalidInput(f"Line {line} of {name} has '{cell}' for welsh_medium; use yes or no.")
    return answer in YES


def read_school_csv(
    path: Path,
) -> list[dict[str, Any]]:
    """Parse a school list without touching the database (so a window can preview it).

    Each row holds ``id`` and ``name``, and only those other fields (type, phase,
    local_authority, welsh_medium) that the file has a column for and a value in.
    Raises InvalidInput for a missing, unreadable, mixed-encoding or wrong-shaped file,
    naming the line.
    """
    reader, headers = _open(path)
    keys, places, welsh = _columns(headers, path.name)
    width = max([*places, welsh or 0]) + 1
    pick = itemgetter(*places)  # places holds the URN and name columns at least: a tuple
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    try:
        for cells in reader:
            line = reader.line_num
            padded = cells if len(cells) >= width else cells + [""] * (width - len(cells))
            # Only the columns the file has, and only cells with something in them: a field it
            # does not carry is never written, and an empty cell says nothing.
            values = tuple(map(str.strip, pick(padded)))
            row: dict[str, Any]
            if "" in values:
                row = {k: v for k, v in zip(keys, values, strict=True) if v}
                if not row:
                    continue
            else:
                row = dict(zip(keys, values, strict=True))
            urn, name = row.get("id", ""), row.get("name", "")
            if not urn:
                raise InvalidInput(f"Line {line} of {path.name} has no URN.")
            if not name:
                raise InvalidInput(f"Line {line} of {path.name} has a URN but no school name.")
            if len(urn) > MAX_URN or len(name) > MAX_NAME:
                raise InvalidInput(
                    f"Line {line} of {path.name} has a URN or name that is far too long."
                )
            if urn in seen:
                raise InvalidInput(f"URN {urn} appears twice in {path.name} (line {line}).")
            seen.add(urn)
            if welsh is not None and padded[welsh].strip():
                row["welsh_medium"] = _yes_or_no(padded[welsh].strip(), line, path.name)
            rows.append(row)
    except csv.Error as exc:
        raise InvalidInput(f"{path.name} is not a readable CSV file ({exc}).") from None
    if not rows:
        raise InvalidInput(f"{path.name} has the right columns but no schools in it.")
    return rows


@dataclass
class _Plan:
    """What a list does to the schools table, worked out before anything is written."""

    inserts: list[dict[str, Any]] = field(default_factory=list)
    # changed fields -> rows of schools that have never travelled (written without the log)
    quiet: dict[tuple[str, ...], list[dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    logged: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # schools that travel
    unchanged: int = 0

    def result(self, rows: list[dict[str, Any]]) -> SchoolImport:
        updated = len(self.logged) + sum(map(len, self.quiet.values()))
        changed_ids = [row["id"] for row in self.inserts] + [sid for sid, _ in self.logged]
        changed_ids += [row["school"] for batch in self.quiet.values() for row in batch]
        return SchoolImport(len(self.inserts), updated, self.unchanged, rows, changed_ids)


def _plan(con: sqlite3.Connection, rows: list[dict[str, Any]]) -> _Plan:
    # Plain driver rows: SQLAlchemy's per-row processing was most of a 50,000-school import.
    existing = {r[0]: r[1:] for r in con.execute(f"SELECT id, {', '.join(FIELDS)} FROM schools")}
    position = {k: i for i, k in enumerate(FIELDS)}
    plan = _Plan()
    travelling: set[str] | None = None
    for row in rows:
        old = existing.get(row["id"])
        if old is None:
            plan.inserts.append(row)
            continue
        if tuple(map(row.get, FIELDS, old)) == old:  # every field the row carries is as stored
            plan.unchanged += 1
            continue
        changed = {k: v for k, v in row.items() if k != "id" and old[position[k]] != v}
        if travelling is None:
            sql = "SELECT DISTINCT record_id FROM changes WHERE table_name = 'schools'"
            travelling = {r[0] for r in con.execute(sql)}
        if row["id"] in travelling:
            plan.logged.append((row["id"], changed))
        else:
            plan.quiet[tuple(sorted(changed))].append(
                {"school": row["id"], **{f"new_{k}": v for k, v in changed.items()}}
            )
    return plan


def _write_quietly(con: sqlite3.Connection, plan: _Plan, now: datetime, author: str) -> None:
    """The new schools, and the changes to schools that never travelled: no change log."""
    stored = now.isoformat(sep=" ", timespec="microseconds")  # as SQLAlchemy's DateTime does
    if plan.inserts:
        stamps = {"created_at": stored, "created_by": author}
        stamps |= {"updated_at": stored, "updated_by": author}
        base = {"id": None, "name": None, **NEW_SCHOOL, **stamps}
        names, fallback = list(base), list(base.values())
        sql = f"INSERT INTO schools ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        con.executemany(sql, [tuple(map(row.get, names, fallback)) for row in plan.inserts])
    for keys, batch in plan.quiet.items():
        sets = ", ".join(f"{k} = :new_{k}" for k in keys)
        con.executemany(
            f"UPDATE schools SET {sets}, updated_at = :now, updated_by = :by WHERE id = :school",
            [{**row, "now": stored, "by": author} for row in batch],
        )


def import_schools(session: Session, rows: list[dict[str, Any]]) -> SchoolImport:
    """Add or update schools by their URN, from rows as :func:`read_school_csv` gives them.

    Re-importing the same file changes nothing. New schools, and schools that have never
    travelled, are written in bulk without change-log entries (reference data); a school
    that already travels is changed through the ORM, so the change log records the edit.
    """
    from app.models import School

    con = connection_of(session)
    plan = _plan(con, rows)
    _write_quietly(con, plan, *_stamp(session))
    for school_id, changed in plan.logged:
        school = session.get(School, school_id)
        for key, value in changed.items():
            setattr(school, key, value)
    session.flush()
    return plan.result(rows)


def import_reference_schools(
    con: sqlite3.Connection, rows: list[dict[str, Any]], now: datetime
) -> SchoolImport | None:
    """:func:`import_schools` through a bare sqlite3 connection in a write transaction (see
    sql.writing), for the command line: it never loads SQLAlchemy or the models, which cost
    more than the rest of a 50,000-school import. Returns None, having written nothing, when
    the list changes a school that travels: only :func:`import_schools` can record that in
    the change log. ``now`` is the transaction's clock; the author is this laptop's user, as
    the change log would have it."""
    plan = _plan(con, rows)
    if plan.logged:
        return None
    author = con.execute("SELECT value FROM settings WHERE key = 'site_name'").fetchone()
    _write_quietly(con, plan, now, author[0] if author else "")
    return plan.result(rows)


def _stamp(session: Session) -> tuple[datetime, str]:
    """When, and by whom, for rows written without the change log (the transaction's clock
    and author, as the change log would have used)."""
    recorder = session.info.get("recorder")
    if recorder is None:
        return datetime.now(UTC).replace(tzinfo=None, microsecond=0), ""
    return recorder.stamp(session)  # type: ignore[no-any-return]

"""Merging ops into the database, field by field, without ever dropping anyone's words.

A field's value is decided by its *heads*: the ops for that field that no other op has seen.
One head: that is the value. Several heads with different values: a conflict; every candidate
is kept (they are ops) and the newest (by hybrid logical clock) is shown until a person
resolves it with an op that sees them all. Heads depend only on the set of ops, so any order
of packages, and the same package twice, give the same database.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, delete, select, update
from sqlalchemy.orm import Session, class_mapper
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from app.models import SYNCED_TABLES, Change, FieldHead
from app.models.base import META_FIELDS, table_of
from app.models.changes import CREATE
from app.sync.canonical import is_redacted
from app.sync.reference import log_listed_schools

CHUNK = 500


@dataclass
class MergeSummary:
    new_ops: int = 0
    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    updated: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    conflicts: int = 0


def _hlc_time(hlc: str) -> datetime:
    ms = int(hlc.split("-", 1)[0])
    return datetime.fromtimestamp(ms // 1000, UTC).replace(tzinfo=None)


class _Converter:
    """JSON values back into column values (dates, datetimes, booleans) for one table."""

    def __init__(self, model: type) -> None:
        self.columns = [c for c in class_mapper(model).column_attrs if c.key not in META_FIELDS]
        self.kinds = {c.key: type(c.columns[0].type) for c in self.columns}
        self.erased_values = {c.key: _erased(c.columns[0]) for c in self.columns}

    def erased(self, key: str, op: dict[str, Any]) -> Any:
        """What a field shows once its value was erased (only a redaction marker is left)."""
        value = self.erased_values.get(key)
        if value is _WHEN:
            when = _hlc_time(op["hlc"])
            return when.date().isoformat() if self.kinds[key] is Date else when.isoformat()
        return value

    def __call__(self, key: str, value: Any) -> Any:
        kind = self.kinds.get(key)
        if value is None:
            return None
        try:
            if kind is Date:
                return date.fromisoformat(value)
            if kind is DateTime:
                return datetime.fromisoformat(value)
            if kind is Boolean:
                return bool(value)
        except (TypeError, ValueError):
            return None
        return value


_WHEN = object()  # a date that cannot be empty: the erased change's own date


def _erased(column: Any) -> Any:
    if column.nullable:
        return None
    if column.default is not None and column.default.is_scalar:
        return column.default.arg
    kind = type(column.type)
    if kind in (Date, DateTime):
        return _WHEN
    return False if kind is Boolean else 0 if kind is Integer else ""


def _as_dict(c: Change) -> dict[str, Any]:
    return {
        "id": c.id,
        "site_id": c.site_id,
        "seq": c.seq,
        "hlc": c.hlc,
        "table": c.table_name,
        "record": c.record_id,
        "field": c.field,
        "value": c.value,
        "author": c.author,
        "seen": c.seen,
    }


def heads_of(candidates: list[dict[str, Any]], key: str | None = None) -> list[dict[str, Any]]:
    """The candidates no other candidate has seen.

    A link (a note behind a finding, a school in a network) made on two laptops has one id
    and two creations. An edit made after one of them has also replaced its twin when the
    twin gave the field the same value: otherwise unlinking on one laptop would show as a
    conflict with the other laptop's identical linking.
    """
    seen = {s for c in candidates for s in c["seen"]}
    if key is not None:
        creates = [c for c in candidates if c["field"] == CREATE]
        if len(creates) > 1:
            superseded = {repr(c["value"].get(key)) for c in creates if c["id"] in seen}
            seen |= {c["id"] for c in creates if repr(c["value"].get(key)) in superseded}
    return [c for c in candidates if c["id"] not in seen]


def _field_value(op: dict[str, Any], key: str) -> Any:
    return op["value"][key] if op["field"] == CREATE else op["value"]


def resolve_record(
    ops: list[dict[str, Any]], keys: list[str]
) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]] | None:
    """(values, heads per field) for one record from all its ops; None before its creation."""
    creates = [o for o in ops if o["field"] == CREATE and not is_redacted(o["value"])]
    if not creates:
        return None
    values: dict[str, Any] = {}
    heads: dict[str, list[dict[str, Any]]] = {}
    for key in keys:
        candidates = [o for o in ops if o["field"] == key] + [
            o for o in creates if key in o["value"]
        ]
        if not candidates:
            continue
        h = heads_of(candidates, key)
        winner = max(h, key=lambda o: o["hlc"])
        values[key] = _field_value(winner, key)
        heads[key] = h
    return values, heads


def apply_ops(session: Session, incoming: list[dict[str, Any]]) -> MergeSummary:
    """Insert the ops this database does not have, then recompute the records they touch.
    Must run inside the caller's transaction; raises nothing of its own for valid ops."""
    session.info["record_changes"] = False
    session.flush()
    summary = MergeSummary()
    known: set[str] = set()
    ids = [op["id"] for op in incoming]
    for i in range(0, len(ids), CHUNK):
        known.update(session.scalars(select(Change.id).where(Change.id.in_(ids[i : i + CHUNK]))))
    new = [op for op in incoming if op["id"] not in known]
    if not new:
        return summary
    # Schools this laptop knows only from a school list: its own view is logged first, so it
    # merges with the partner's field by field (app/sync/reference.py).
    log_listed_schools(session, {op["record"] for op in new if op["table"] == "schools"})
    by_record: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for op in new:
        by_record[(op["table"], op["record"])].append(op)
    # Records that already have ops here: fetch those ops too (they take part in the heads).
    for table in {t for t, _ in by_record}:
        records = [r for t, r in by_record if t == table]
        for i in range(0, len(records), CHUNK):
            rows = session.scalars(
                select(Change).where(
                    Change.table_name == table, Change.record_id.in_(records[i : i + CHUNK])
                )
            )
            for c in rows:
                by_record[(table, c.record_id)].append(_as_dict(c))
    # Driver-level executemany with tuples: SQLAlchemy's per-row parameter processing was a
    # third of a 130,000-change import. JSON is written as the JSON column type writes it.
    dumps = json.dumps
    _driver_insert(
        session,
        "changes",
        (
            "id",
            "site_id",
            "seq",
            "hlc",
            "table_name",
            "record_id",
            "field",
            "value",
            "author",
            "seen",
            "batch_id",
        ),
        [
            (
                o["id"],
                o["site_id"],
                o["seq"],
                o["hlc"],
                o["table"],
                o["record"],
                o["field"],
                dumps(o["value"]),
                o["author"],
                dumps(o["seen"]),
                o.get("batch"),
            )
            for o in new
        ],
    )
    summary.new_ops = len(new)
    order = list(SYNCED_TABLES)
    for table in sorted({t for t, _ in by_record}, key=order.index):
        _materialize_table(
            session, table, {r: ops for (t, r), ops in by_record.items() if t == table}, summary
        )
    return summary


def _driver_insert(
    session: Session, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    if rows:
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        session.connection().exec_driver_sql(sql, rows)


def _sql_value(v: Any) -> Any:
    """A Python value as the sqlite3 driver stores it the way SQLAlchemy's types would."""
    if isinstance(v, datetime):
        return v.isoformat(sep=" ", timespec="microseconds")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, bool):
        return int(v)
    return v


def _materialize_table(  # noqa: PLR0912, PLR0915 (one pass per table: speed measured)
    session: Session, table: str, records: dict[str, list[dict[str, Any]]], summary: MergeSummary
) -> None:
    model = SYNCED_TABLES[table]
    convert = _Converter(model)
    keys = [c.key for c in convert.columns]
    special = {k for k, kind in convert.kinds.items() if kind in (Date, DateTime, Boolean)}
    tbl = table_of(model)
    defaults = {
        c.key: (c.default.arg if isinstance(c.default, ScalarElementColumnDefault) else None)
        for c in tbl.columns
    }
    existing: dict[str, dict[str, Any]] = {}
    ids = list(records)
    cols = [tbl.c[k] for k in keys]
    for i in range(0, len(ids), CHUNK):
        for found in session.execute(
            select(*cols).where(tbl.c.id.in_(ids[i : i + CHUNK]))
        ).mappings():
            existing[found["id"]] = dict(found)
    inserts: list[dict[str, Any]] = []
    head_rows: list[tuple[str, str, str, str]] = []
    touched: list[str] = []
    for record_id, ops in records.items():
        if len(ops) == 1 and ops[0]["field"] == CREATE and not is_redacted(ops[0]["value"]):
            # The common case on a first import: a record created and never edited.
            values = {k: v for k, v in ops[0]["value"].items() if k in convert.kinds}
            heads: dict[str, list[dict[str, Any]]] = {}
            first = last = ops[0]
        else:
            resolved = resolve_record(ops, keys)
            if resolved is None:
                continue  # its creation has not arrived yet; its ops wait in the log
            values, heads = resolved
            first = min(
                (o for o in ops if o["field"] == CREATE and not is_redacted(o["value"])),
                key=lambda o: o["hlc"],
            )
            last = max(ops, key=lambda o: o["hlc"])
            for key, v in values.items():
                if is_redacted(v):
                    values[key] = convert.erased(key, max(heads[key], key=lambda o: o["hlc"]))
        row = {k: (convert(k, v) if k in special else v) for k, v in values.items()}
        meta = {"updated_at": _hlc_time(last["hlc"]), "updated_by": last["author"]}
        for key, h in heads.items():
            if len(h) > 1 or h[0]["field"] != CREATE:
                head_rows += [(table, record_id, key, o["id"]) for o in h]
            if len(h) > 1 and len({repr(_field_value(o, key)) for o in h}) > 1:
                summary.conflicts += 1
        if record_id in existing:
            touched.append(record_id)
            changed = {k: v for k, v in row.items() if existing[record_id].get(k) != v}
            if changed:
                session.execute(update(tbl).where(tbl.c.id == record_id).values(**changed, **meta))
                summary.updated[table] += 1
        else:
            full = {
                **defaults,
                **{k: v for k, v in row.items() if v is not None or defaults.get(k) is None},
            }
            inserts.append(
                {
                    **full,
                    **meta,
                    "created_at": _hlc_time(first["hlc"]),
                    "created_by": first["author"],
                }
            )
            summary.created[table] += 1
    if inserts:
        names = tuple(c.key for c in tbl.columns)
        typed = [
            i for i, n in enumerate(names) if n in special or n in ("created_at", "updated_at")
        ]
        rows = []
        for r in inserts:
            t = [r.get(n) for n in names]
            for i in typed:
                t[i] = _sql_value(t[i])
            rows.append(tuple(t))
        _driver_insert(session, table, names, rows)
    # Only records that were already here can have heads to replace.
    for i in range(0, len(touched), CHUNK):
        session.execute(
            delete(FieldHead).where(
                FieldHead.table_name == table, FieldHead.record_id.in_(touched[i : i + CHUNK])
            )
        )
    _driver_insert(
        session, "field_heads", ("table_name", "record_id", "field", "change_id"), head_rows
    )


def conflicts(session: Session) -> list[dict[str, Any]]:
    """Every field with concurrent, different versions: who wrote each, when, and what."""
    from sqlalchemy import func

    groups = session.execute(
        select(FieldHead.table_name, FieldHead.record_id, FieldHead.field)
        .group_by(FieldHead.table_name, FieldHead.record_id, FieldHead.field)
        .having(func.count() > 1)
    ).all()
    out = []
    laptops = laptop_names(session) if groups else {}
    for table, record, key in groups:
        ops = session.scalars(
            select(Change)
            .join(FieldHead, FieldHead.change_id == Change.id)
            .where(
                FieldHead.table_name == table, FieldHead.record_id == record, FieldHead.field == key
            )
        ).all()
        versions = [
            {
                "version_id": c.id,
                "author": c.author or laptops.get(c.site_id) or "an unnamed laptop",
                "at": _hlc_time(c.hlc).isoformat(timespec="minutes"),
                "value": _field_value(_as_dict(c), key),
            }
            for c in sorted(ops, key=lambda c: c.hlc)
        ]
        if len({repr(v["value"]) for v in versions}) > 1:
            out.append(
                {
                    "id": f"{table}:{record}:{key}",
                    "table": table,
                    "record_id": record,
                    "field": key,
                    "versions": versions,
                }
            )
    return out


def laptop_names(session: Session) -> dict[str, str]:
    """Who each laptop is, for changes written before it was given a name (a school list
    imported on a new laptop): its name, or else the school it belongs to."""
    from app.models import School, Setting, Site

    out = {}
    rows = session.execute(
        select(Site.site_id, Site.name, School.name).outerjoin(School, School.id == Site.school_id)
    )
    for site, name, school in rows:
        out[site] = name or (f"a laptop at {school}" if school else "")
    mine = dict(
        session.execute(
            select(Setting.key, Setting.value).where(
                Setting.key.in_(("site_id", "site_name", "school_id"))
            )
        ).all()
    )
    if mine.get("site_id"):
        own = session.get(School, mine.get("school_id", ""))
        out[mine["site_id"]] = mine.get("site_name") or (
            f"this laptop ({own.name})" if own else "this laptop"
        )
    return {k: v for k, v in out.items() if v}

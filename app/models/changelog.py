"""Turns every flush of synced records into change-log ops, so no service has to.

Installed on a session by :class:`app.db.Database`; sync's apply path switches it off with
``session.info["record_changes"] = False`` because it writes ops it received, not new ones.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from app.models.base import META_FIELDS, Synced, new_id, table_of
from app.models.changes import CREATE, Change, FieldHead, Setting


def to_json(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def content_columns(obj: Synced) -> list[str]:
    return [c.key for c in inspect(type(obj)).column_attrs if c.key not in META_FIELDS]


class ChangeRecorder:
    """Per-transaction state: who is writing, this site's id, sequence and clock."""

    def __init__(self, clock: Callable[[], datetime], author: str = "") -> None:
        self.clock = clock
        self.author = author
        self._site_id: str | None = None
        self._seq = 0
        self._hlc_ms = 0
        self._hlc_n = 0
        self.written = 0  # changes made in this transaction (app.db batches them at its end)

    def _load(self, session: Session) -> None:
        if self._site_id is not None:
            return
        settings = dict(session.execute(select(Setting.key, Setting.value)).all())
        self._site_id = settings.get("site_id") or str(uuid.uuid4())
        self.author = self.author or settings.get("site_name", "")
        self._seq = int(settings.get("seq", "0"))
        ms, _, n = settings.get("hlc", "0-0").partition("-")
        self._hlc_ms, self._hlc_n = int(ms), int(n or 0)

    def _next_hlc(self) -> str:
        now_ms = int(self.clock().timestamp() * 1000)
        if now_ms > self._hlc_ms:
            self._hlc_ms, self._hlc_n = now_ms, 0
        else:
            self._hlc_n += 1
        return f"{self._hlc_ms:013d}-{self._hlc_n:05d}"

    def _op(self, session: Session, obj: Synced, field: str, value: Any, seen: list[str]) -> Change:
        return self._write(session, type(obj).__tablename__, obj.id, field, value, seen)  # type: ignore[attr-defined]

    def _write(
        self, session: Session, table: str, record_id: str, field: str, value: Any, seen: list[str]
    ) -> Change:
        self._seq += 1
        op = Change(
            id=new_id(),
            site_id=self._site_id,
            seq=self._seq,
            hlc=f"{self._next_hlc()}-{self._site_id}",
            table_name=table,
            record_id=record_id,
            field=field,
            value=value,
            author=self.author,
            seen=seen,
        )
        session.add(op)
        self.written += 1
        return op

    def created(self, session: Session, obj: Synced) -> None:
        """One op with the record's content. Fields nobody set (left empty, or to their
        column's default) are left out: a creation claims only what its author knew, so two
        laptops that make the same record (a school by its URN) do not conflict over a
        field one of them never had, and the one who knew is not blanked."""
        now = self.clock()
        mapper = inspect(type(obj))
        unset: set[str] = set()
        for attr in mapper.column_attrs:
            if getattr(obj, attr.key) is None:
                default = attr.columns[0].default
                if default is not None and default.is_callable and attr.key == "id":
                    obj.id = new_id()
                elif default is not None and default.is_callable:
                    setattr(obj, attr.key, default.arg(None))
                else:
                    unset.add(attr.key)
                    if default is not None and default.is_scalar:
                        setattr(obj, attr.key, default.arg)
        obj.created_at = obj.updated_at = now
        obj.created_by = obj.updated_by = self.author
        value = {
            key: to_json(getattr(obj, key)) for key in content_columns(obj) if key not in unset
        }
        self._op(session, obj, CREATE, value, [])

    def stamp(self, session: Session) -> tuple[datetime, str]:
        """The time and author this transaction writes with, for rows written in bulk
        without ops (a school list: reference data)."""
        self._load(session)
        return self.clock(), self.author

    def create_op(
        self, session: Session, table: str, record_id: str, value: dict[str, Any]
    ) -> Change:
        """A creation op for a record already in its table (a listed school that something
        now refers to, so it starts to travel). Call :meth:`save` afterwards."""
        self._load(session)
        return self._write(session, table, record_id, CREATE, value, [])

    def updated(self, session: Session, obj: Synced) -> None:
        state = inspect(obj)
        changed = [
            key
            for key in content_columns(obj)
            if key != "id" and state.attrs[key].history.has_changes()
        ]
        if not changed:
            return
        table = type(obj).__tablename__  # type: ignore[attr-defined]
        for key in changed:
            heads = session.scalars(
                select(FieldHead.change_id).where(
                    FieldHead.table_name == table,
                    FieldHead.record_id == obj.id,
                    FieldHead.field == key,
                )
            ).all()
            seen = list(heads)
            if not seen:
                create = session.scalar(
                    select(Change.id).where(
                        Change.table_name == table,
                        Change.record_id == obj.id,
                        Change.field == CREATE,
                    )
                )
                seen = [create] if create else []
            op = self._op(session, obj, key, to_json(getattr(obj, key)), seen)
            for head in heads:
                session.execute(
                    table_of(FieldHead)
                    .delete()
                    .where(
                        FieldHead.table_name == table,
                        FieldHead.record_id == obj.id,
                        FieldHead.field == key,
                        FieldHead.change_id == head,
                    )
                )
            session.add(FieldHead(table_name=table, record_id=obj.id, field=key, change_id=op.id))
        obj.updated_at = self.clock()
        obj.updated_by = self.author

    def force(self, session: Session, obj: Synced, key: str, value: Any) -> Change:
        """Write ``key = value`` as an op that sees every current head of the field (how a
        person resolves a conflict), even if the value shown does not change."""
        from sqlalchemy.orm.attributes import set_committed_value

        self._load(session)
        table = type(obj).__tablename__  # type: ignore[attr-defined]
        heads = list(
            session.scalars(
                select(FieldHead.change_id).where(
                    FieldHead.table_name == table,
                    FieldHead.record_id == obj.id,
                    FieldHead.field == key,
                )
            )
        )
        op = self._op(session, obj, key, to_json(value), heads)
        session.execute(
            table_of(FieldHead)
            .delete()
            .where(
                FieldHead.table_name == table, FieldHead.record_id == obj.id, FieldHead.field == key
            )
        )
        session.add(FieldHead(table_name=table, record_id=obj.id, field=key, change_id=op.id))
        session.execute(
            table_of(type(obj))
            .update()
            .where(table_of(type(obj)).c.id == obj.id)
            .values({key: value, "updated_at": self.clock(), "updated_by": self.author})
        )
        set_committed_value(obj, key, value)
        self.save(session)
        return op

    @property
    def site_id(self) -> str | None:
        return self._site_id

    def save(self, session: Session) -> None:
        if self._site_id is None:
            return
        for key, value in (
            ("site_id", self._site_id),
            ("seq", str(self._seq)),
            ("hlc", f"{self._hlc_ms}-{self._hlc_n}"),
        ):
            session.merge(Setting(key=key, value=value))


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    recorder: ChangeRecorder | None = session.info.get("recorder")
    if recorder is None or not session.info.get("record_changes", True):
        return
    with session.no_autoflush:
        synced_new = [o for o in session.new if isinstance(o, Synced)]
        synced_dirty = [o for o in session.dirty if isinstance(o, Synced)]
        for obj in session.deleted:
            if isinstance(obj, Synced):
                raise RuntimeError("synced records are tombstoned (deleted=True), never deleted")
        if not synced_new and not synced_dirty:
            return
        recorder._load(session)
        for obj in synced_new:
            recorder.created(session, obj)
        for obj in synced_dirty:
            recorder.updated(session, obj)
        recorder.save(session)


def install(session: Session, recorder: ChangeRecorder) -> None:
    session.info["recorder"] = recorder
    if not event.contains(session, "before_flush", _before_flush):
        event.listen(session, "before_flush", _before_flush)

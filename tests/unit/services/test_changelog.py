"""Every saved edit of a synced record becomes an op in the change log, automatically."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db import Database
from app.models import Change, FieldHead, Person, School, Setting
from app.models.changes import CREATE


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 24, 9, 0, 0)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database.open(tmp_path, clock=Clock())
    yield database
    database.close()


def test_creation_is_one_op_with_the_whole_record(db: Database) -> None:
    with db.transaction(author="Siân") as s:
        s.add(School(id="6702345", name="Ysgol Gymraeg Bro Ŵyr", welsh_medium=True))
    with db.read() as s:
        (op,) = s.scalars(select(Change)).all()
        school = s.get(School, "6702345")
    assert op.field == CREATE and op.table_name == "schools" and op.record_id == "6702345"
    assert op.value["name"] == "Ysgol Gymraeg Bro Ŵyr" and op.value["welsh_medium"] is True
    assert op.author == "Siân" and op.seen == []
    assert school.created_by == "Siân" and school.created_at == school.updated_at


def test_each_edit_is_an_op_per_field_that_sees_the_one_before(db: Database) -> None:
    with db.transaction() as s:
        s.add(School(id="1", name="A"))
        s.flush()
        person = Person(name="Tom", role="teacher", school_id="1")
        s.add(person)
    for new_name in ("Tom Baker", "Tom B. Baker"):
        with db.transaction(author="editor") as s:
            s.get(Person, person.id).name = new_name
    with db.transaction() as s:  # unchanged value: no op
        s.get(Person, person.id).name = "Tom B. Baker"
    with db.read() as s:
        ops = s.scalars(
            select(Change).where(Change.record_id == person.id).order_by(Change.seq)
        ).all()
        heads = s.scalars(select(FieldHead).where(FieldHead.record_id == person.id)).all()
        settings = dict(s.execute(select(Setting.key, Setting.value)).all())
    assert [o.field for o in ops] == [CREATE, "name", "name"]
    assert ops[1].seen == [ops[0].id] and ops[2].seen == [ops[1].id]
    assert [h.change_id for h in heads] == [ops[2].id]
    assert [o.hlc for o in ops] == sorted(o.hlc for o in ops)
    assert len({o.site_id for o in ops}) == 1 and ops[0].site_id == settings["site_id"]
    assert int(settings["seq"]) >= 4


def test_a_failed_transaction_leaves_no_op(db: Database) -> None:
    with pytest.raises(RuntimeError), db.transaction() as s:
        s.add(School(id="2", name="B"))
        s.flush()
        raise RuntimeError("boom")
    with db.read() as s:
        assert s.scalars(select(Change)).all() == []
        assert s.get(School, "2") is None


def test_synced_records_cannot_be_hard_deleted(db: Database) -> None:
    with db.transaction() as s:
        s.add(School(id="3", name="C"))
    with pytest.raises(RuntimeError, match="tombstoned"), db.transaction() as s:
        s.delete(s.get(School, "3"))

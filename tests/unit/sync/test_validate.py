"""What a change must look like to be applied."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from app.errors import IntegrityFailure
from app.sync.validate import Column, check_op_shapes, schema, value_ok

SITE = str(uuid.uuid4())


def op(**kw: Any) -> dict[str, Any]:
    base = {
        "id": str(uuid.uuid4()),
        "site_id": SITE,
        "seq": 1,
        "hlc": f"{1796000000000:013d}-00000-{SITE}",
        "table": "findings",
        "record": str(uuid.uuid4()),
        "field": "text",
        "value": "Reading is strong",
        "author": "Rob",
        "seen": [],
        "batch": str(uuid.uuid4()),
    }
    return {**base, **kw}


@pytest.mark.parametrize(
    ("kind", "nullable", "value", "ok"),
    [
        ("str", False, "Ysgol Gymraeg Bro Ŵyr", True),
        ("str", False, None, False),
        ("str", True, None, True),
        ("str", False, 3, False),
        ("str", False, "x" * 100_001, False),
        ("int", False, 3, True),
        ("int", False, True, False),
        ("int", False, 2**63, False),
        ("int", False, 1.0, False),
        ("bool", False, False, True),
        ("bool", False, 0, False),
        ("date", True, "2026-12-10", True),
        ("date", True, "10/12/2026", False),
        ("datetime", False, "2026-12-10T09:30:00", True),
        ("datetime", False, "soon", False),
    ],
)
def test_value_ok(kind: str, nullable: bool, value: Any, ok: bool) -> None:
    assert value_ok(Column(kind, nullable, False), value) is ok


def test_every_synced_table_is_described() -> None:
    s = schema()
    assert (
        s["findings"]["good_practice"].kind == "bool"
        and s["notes"]["captured_at"].kind == "datetime"
    )
    assert s["notes"]["review_id"].required and not s["notes"]["text"].required
    assert "safeguarding_concerns" not in s  # never travels, so never accepted either


def test_well_formed_changes_pass() -> None:
    check_op_shapes([op(), op(seq=2, field="good_practice", value=True)])


@pytest.mark.parametrize(
    "bad",
    [
        {"table": "safeguarding_concerns"},
        {"field": "created_by"},
        {"field": "review_id", "value": str(uuid.uuid4())},
        {"hlc": "1796000000000-00000"},
        {"hlc": f"{10**11:013d}-00000-{SITE}"},
        {"seq": 0},
        {"seq": True},
        {"seen": ["not-an-id"]},
        {"seen": [str(uuid.uuid4())] * 65},
        {"author": "x" * 201},
        {"value": {"nested": 1}},
        {"field": "*", "value": {"id": "someone else"}},
        {"extra": 1},
    ],
)
def test_malformed_changes_are_refused(bad: dict[str, Any]) -> None:
    with pytest.raises(IntegrityFailure, match="malformed change"):
        check_op_shapes([op(**bad)])


def test_a_creation_gives_every_required_field() -> None:
    rid = str(uuid.uuid4())
    full = {
        "id": rid,
        "review_id": str(uuid.uuid4()),
        "focus_id": str(uuid.uuid4()),
        "kind": "www",
        "text": "t",
    }
    check_op_shapes([op(record=rid, field="*", value=full)])
    with pytest.raises(IntegrityFailure):
        check_op_shapes(
            [op(record=rid, field="*", value={k: v for k, v in full.items() if k != "focus_id"})]
        )


def test_the_same_change_twice_is_refused() -> None:
    one = op()
    with pytest.raises(IntegrityFailure, match="same change twice"):
        check_op_shapes([one, dict(one)])
    with pytest.raises(IntegrityFailure, match="same change twice"):
        check_op_shapes([op(seq=4), op(seq=4)])

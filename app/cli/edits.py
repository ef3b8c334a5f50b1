"""What the edit and delete commands print: the record's id, and with ``--json`` what changed."""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING

from app.cli import Output

if TYPE_CHECKING:
    from app.services.changes import Changes


def changed(record_id: str, changes: Changes, sentence: str) -> Output:
    """``{"id": ..., "changes": {"notes": [...], ...}}`` for scripts; ``sentence`` for people."""
    kinds = {
        f.name: sorted(getattr(changes, f.name))
        for f in fields(changes)
        if getattr(changes, f.name)
    }
    return Output({"id": record_id, "changes": kinds}, sentence)


def one_id(changes: Changes, kind: str) -> str:
    """The one id of ``kind`` a single-record edit reports."""
    (record_id,) = getattr(changes, kind)
    return str(record_id)

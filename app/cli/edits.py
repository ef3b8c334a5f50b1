"""The edit and delete commands' one shape: refuse an edit that names nothing to change, change
one record in one transaction, and print its id (with ``--json``, what changed)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from app.cli import Output

if TYPE_CHECKING:
    import argparse

    from sqlalchemy.orm import Session

    from app.cli import Context
    from app.services.changes import Changes


def require_some(args: argparse.Namespace, *options: str) -> None:
    """Refuse an edit that gives none of ``options`` (argparse names: ``add_focus`` is
    --add-focus; an empty list counts as not given). Raises InvalidInput naming them."""
    from app.errors import InvalidInput

    if any(_given(getattr(args, option)) for option in options):
        return
    flags = [f"--{option.replace('_', '-')}" for option in options]
    listed = f"{', '.join(flags[:-1])} or {flags[-1]}" if len(flags) > 1 else flags[0]
    raise InvalidInput(f"Say what to change: {listed}.")


def _given(value: Any) -> bool:
    return value is not None and value != []


def run_edit(ctx: Context, kind: str, say: str, change: Callable[[Session], Changes]) -> Output:
    """Edit or delete one record of ``kind`` (a Changes field: "notes", "people"...) in one
    transaction. ``say`` is the sentence for people, with ``{short}`` (the id's first eight
    characters) or ``{id}``. Whatever ``change`` raises propagates, and nothing is saved."""
    with ctx.transaction() as session:
        changes = change(session)
    record_id = one_id(changes, kind)
    return changed(record_id, changes, say.format(short=record_id[:8], id=record_id))


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

"""Bringing a deleted record back: what Undo in the window (and any front end) calls.

A deletion is a tombstone (``deleted = True``), never a removed row, so a restore is an edit
like any other: it sets ``deleted`` back to False, the change log records it as an op that has
seen the deletion, and it travels in packages to every laptop that received the deletion. A
laptop that imports both ends up with the record back, whatever order they arrive in (the
restore's op supersedes the deletion's).

Each restore takes the record's id (or, from the command line, its first characters), is
refused with one sentence when this laptop's school may not change the review, and does
nothing more when the record is already there. No Qt here.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.models import Action, Finding, Note, NoteAttachment, link_id
from app.services import entitled
from app.services.changes import Changes
from app.services.reviews import get_review

R = TypeVar("R", Note, Finding, Action, NoteAttachment)
MIN_PREFIX = 4


def _tombstone(session: Session, model: type[R], ref: str, what: str) -> R:
    """The record whose id is ``ref`` or starts with it (at least 4 characters, as typed on
    the command line), deleted or not. Raises NotFound when there is none, or more than one."""
    ref = ref.strip()
    record = session.get(model, ref)
    if record is not None:
        return record
    if len(ref) >= MIN_PREFIX:
        rows = session.scalars(select(model).where(model.id.startswith(ref)).limit(2)).all()
        if len(rows) == 1:
            return rows[0]
        if len(rows) > 1:
            raise NotFound(f"More than one {what} has an id starting '{ref}'; type more of it.")
    raise NotFound(f"There is no {what} with id '{ref}' on this laptop.")


def _in_live_review(session: Session, review_id: str, what: str, *, team: bool = False) -> None:
    """NotFound when the review itself was deleted; NotThisSchool when this laptop may not
    change the record (``team``: a statement or next step, the visiting team's words)."""
    get_review(session, review_id)
    (entitled.require_team if team else entitled.require_in_review)(session, review_id, what)


def restore_note(session: Session, note_id: str) -> Changes:
    """Undelete a note; the statements it supported show it as their evidence again.
    Raises NotFound / NotThisSchool."""
    note = _tombstone(session, Note, note_id, "note")
    _in_live_review(session, note.review_id, "bring this note back")
    note.deleted = False
    return Changes.of(notes=note.id)


def restore_finding(session: Session, finding_id: str) -> Changes:
    """Undelete a statement, with its evidence and the next steps agreed from it.
    Raises NotFound / NotThisSchool."""
    finding = _tombstone(session, Finding, finding_id, "statement")
    _in_live_review(session, finding.review_id, "bring this statement back", team=True)
    finding.deleted = False
    return Changes.of(findings=finding.id)


def restore_action(session: Session, action_id: str) -> Changes:
    """Undelete a next step. Raises NotFound / NotThisSchool."""
    action = _tombstone(session, Action, action_id, "next step")
    _in_live_review(session, action.review_id, "bring this next step back", team=True)
    action.deleted = False
    return Changes.of(actions=action.id)


def restore_photo(session: Session, note_id: str, sha256: str) -> Changes:
    """Put a removed photo back on its note (the file was kept: photos are stored by hash and
    a removal only tombstones the link). Raises NotFound / NotThisSchool."""
    note = _tombstone(session, Note, note_id, "note")
    link = session.get(NoteAttachment, link_id(note.id, sha256))
    if link is None:
        raise NotFound("That photo was never on this note.")
    _in_live_review(session, note.review_id, "put this photo back")
    link.deleted = False
    return Changes.of(notes=note.id)

"""Capturing evidence on the day: a note in a couple of keystrokes, saved at once."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotFound
from app.models import (
    Activity,
    Note,
    NoteAttachment,
    Person,
    Review,
    SafeguardingConcern,
    TeamMember,
    link_id,
)
from app.services import entitled
from app.services.attachments import add_photo
from app.services.changes import Changes
from app.services.lookup import by_id, one_of, require_text
from app.services.reviews import get_activity, get_focus, get_review
from app.services.schools import get_person
from app.vocabulary import NOTE_KINDS

MAX_NOTE_CHARS = 20_000


def _note_text(text: str) -> str:
    text = require_text(text, "note")
    if len(text) > MAX_NOTE_CHARS:
        raise InvalidInput(
            "That note is longer than 20,000 characters; split it into several notes."
        )
    return text


def default_author(session: Session, review: Review) -> Person | None:
    """Who a note is by when nobody is named: the review's writer, else its lead."""
    if review.writer_id:
        return session.get(Person, review.writer_id)
    lead = session.scalar(
        select(TeamMember.person_id).where(
            TeamMember.review_id == review.id, TeamMember.role == "lead"
        )
    )
    return session.get(Person, lead) if lead else None


def add_note(  # noqa: PLR0913 (a use case's plain arguments, keyword-only)
    session: Session,
    review_ref: str,
    *,
    focus: str,
    kind: str,
    text: str,
    activity: str | None = None,
    activity_id: str | None = None,
    author: str | None = None,
    photos: list[Path] | None = None,
    data_dir: Path | None = None,
    now: datetime | None = None,
) -> Note:
    """Capture one evidence note. ``activity`` is a kind (the first such activity of the day is
    used, or one is added); ``activity_id`` names one exactly.

    Raises NotFound / InvalidInput; nothing is saved unless everything is valid.
    """
    review = get_review(session, review_ref)
    area = get_focus(session, review, focus)
    one_of(kind, NOTE_KINDS, "kind of note (strength, area or neutral)")
    text = _note_text(text)
    person = get_person(session, author) if author else default_author(session, review)
    if activity_id:
        act = by_id(session, Activity, activity_id, "activity")
    elif activity:
        act = get_activity(session, review, activity)
    else:
        act = None
    attachments = [add_photo(session, data_dir or Path("."), p) for p in photos or []]
    note = Note(
        review_id=review.id,
        activity_id=act.id if act else None,
        focus_id=area.id,
        kind=kind,
        text=text,
        author_id=person.id if person else None,
        captured_at=now or datetime.now().replace(microsecond=0),
    )
    session.add(note)
    session.flush()
    for att in attachments:
        session.add(
            NoteAttachment(id=link_id(note.id, att.sha256), note_id=note.id, sha256=att.sha256)
        )
    from app.services.status import follow

    follow(session, review.id)  # the first note: in progress
    return note


def edit_note(
    session: Session,
    note_id: str,
    *,
    text: str | None = None,
    kind: str | None = None,
    focus: str | None = None,
) -> Changes:
    """Change a note, after Enter too (the window calls it once per saved edit). A note is
    never emptied: to remove one, delete it. Raises NotFound / InvalidInput."""
    note = by_id(session, Note, note_id, "note")
    entitled.require_in_review(session, note.review_id, "change this note")
    if text is not None:
        note.text = _note_text(text)
    if kind is not None:
        note.kind = one_of(kind, NOTE_KINDS, "kind of note (strength, area or neutral)")
    if focus is not None:
        review = get_review(session, note.review_id)
        note.focus_id = get_focus(session, review, focus).id
    return Changes.of(notes=note.id)


def attach_photo(session: Session, note_id: str, path: Path, data_dir: Path) -> str:
    """Add a photo of pupils' work to a note already captured (the window's "photo of work"
    and a picture dropped onto Review day). Returns the photo's hash; the same picture twice
    on one note is one attachment. Raises NotFound / InvalidInput (not a photo)."""
    note = by_id(session, Note, note_id, "note")
    att = add_photo(session, data_dir, path)
    link = session.get(NoteAttachment, link_id(note.id, att.sha256))
    if link is None:
        session.add(
            NoteAttachment(id=link_id(note.id, att.sha256), note_id=note.id, sha256=att.sha256)
        )
    elif link.deleted:
        link.deleted = False
    return att.sha256


def remove_photo(session: Session, note_id: str, sha256: str) -> Changes:
    """Take a photo off a note: a tombstone on the link that travels like any deletion. The
    file stays (another note, or an undo, may use it). Raises NotFound (also for a photo not
    on the note, or already removed) / NotThisSchool."""
    note = by_id(session, Note, note_id, "note")
    entitled.require_in_review(session, note.review_id, "take a photo off this note")
    link = session.get(NoteAttachment, link_id(note.id, sha256))
    if link is None or link.deleted:
        raise NotFound("That photo is not on this note.")
    link.deleted = True
    return Changes.of(notes=note.id)


def delete_note(session: Session, note_id: str) -> Changes:
    """Delete a note: a tombstone that travels in packages, so it goes on every laptop and a
    late edit from another laptop does not bring it back. Statements it supported lose it as
    evidence (reads leave deleted notes out). Raises NotFound (also for a note already deleted)."""
    note = by_id(session, Note, note_id, "note")
    entitled.require_in_review(session, note.review_id, "delete this note")
    note.deleted = True
    return Changes.of(notes=note.id)


def raise_safeguarding(
    session: Session, review_ref: str, text: str, raised_by: str, now: datetime | None = None
) -> SafeguardingConcern:
    """Record a safeguarding concern: kept on this laptop for the host headteacher only
    (app/services/safeguarding.py records where and when it was seen, and its handover)."""
    from app.services.safeguarding import record_concern

    return record_concern(session, review_ref, text, raised_by=raised_by, seen_at=now)

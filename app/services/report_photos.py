"""Choosing which photos of pupils' work the report prints (``NoteAttachment.in_report``).

A photo is taken on the day for the evidence; only the ones the writer chooses go into the
report. Choosing is part of the write-up: the host school and the visiting team may do it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotFound
from app.models import Note, NoteAttachment
from app.services import entitled
from app.services.changes import Changes
from app.services.lookup import by_id
from app.services.reviews import get_review


def _photos_of(session: Session, ref: str) -> list[NoteAttachment]:
    """The photos ``ref`` names: one photo (its id) or every photo of a note (the note's id).
    Raises NotFound, InvalidInput (a note with no photo)."""
    try:
        return [by_id(session, NoteAttachment, ref, "photo")]
    except NotFound:
        note = by_id(session, Note, ref, "photo or note")
    photos = list(
        session.scalars(
            select(NoteAttachment).where(
                NoteAttachment.note_id == note.id, NoteAttachment.deleted.is_(False)
            )
        )
    )
    if not photos:
        raise InvalidInput(f"Note {note.id[:8]} has no photo to put in the report.")
    return photos


def choose_for_report(session: Session, ref: str, *, include: bool) -> Changes:
    """Put a photo (or every photo of a note) in the report, or take it out. Raises NotFound,
    InvalidInput, NotThisSchool."""
    photos = _photos_of(session, ref)
    note = session.get(Note, photos[0].note_id)
    assert note is not None  # a photo's note is never removed, only marked deleted
    entitled.require_in_review(session, note.review_id, "choose the report's photos")
    for photo in photos:
        photo.in_report = include
    return Changes.of(notes=note.id)


def choose_note_for_report(session: Session, note_ref: str, *, include: bool) -> Changes:
    """Put every photo of one note in the report, or take them out (``notes photo``). Raises
    NotFound (no such note), InvalidInput (a note with no photo), NotThisSchool."""
    note = by_id(session, Note, note_ref, "note")
    return choose_for_report(session, note.id, include=include)


@dataclass(frozen=True)
class Photo:
    id: str
    note_id: str
    note: str
    in_report: bool
    sha256: str = ""  # the stored file's name (the window shows it small)


def list_photos(session: Session, review_ref: str) -> list[Photo]:
    """Every photo of a review's notes, in the order the notes were taken. Raises NotFound."""
    review = get_review(session, review_ref)
    rows = session.execute(
        select(NoteAttachment, Note.text)
        .join(Note, Note.id == NoteAttachment.note_id)
        .where(
            Note.review_id == review.id,
            Note.deleted.is_(False),
            NoteAttachment.deleted.is_(False),
        )
        .order_by(Note.captured_at, NoteAttachment.created_at)
    )
    return [Photo(a.id, a.note_id, text, a.in_report, a.sha256) for a, text in rows]

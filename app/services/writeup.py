"""Write-up: WWW/EBI per focus area, each resting on evidence, and agreed next steps."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import EmptyStatement, InvalidInput
from app.models import Action, Finding, FindingEvidence, Note, link_id
from app.services import entitled
from app.services.changes import Changes
from app.services.dates import check_due_date
from app.services.lookup import by_id, one_of, require_text
from app.services.reviews import get_focus, get_review
from app.services.schools import get_person
from app.vocabulary import ACTION_STATUSES, FINDING_KINDS

# About three printed pages: a statement is a judgement with its reasons, not the evidence itself
# (notes hold that). The report splits a statement across pages; this bounds how far.
MAX_STATEMENT_CHARS = 10_000
# What a window starts a new statement with; on its own it says nothing.
PLACEHOLDERS = frozenset({"what went well", "even better if", "www", "ebi"})
_TRAILING = " \t\r\n:;,.!?…-–—"


def add_finding(
    session: Session,
    review_ref: str,
    *,
    focus: str,
    kind: str,
    text: str,
    evidence: list[str] | None = None,
    good_practice: bool = False,
) -> Finding:
    """Add a WWW or EBI statement to a focus area, linked to the notes behind it.

    Raises InvalidInput if a note is not from this review, or the text is empty or too long.
    """
    review = get_review(session, review_ref)
    entitled.require_team(session, review.id, "write the statements of this review")
    area = get_focus(session, review, focus)
    one_of(kind, FINDING_KINDS, "kind of finding (www or ebi)")
    position = session.scalar(
        select(func.coalesce(func.max(Finding.position), -1) + 1).where(Finding.focus_id == area.id)
    )
    finding = Finding(
        review_id=review.id,
        focus_id=area.id,
        kind=kind,
        text=statement_text(text),
        position=position,
        good_practice=good_practice,
    )
    session.add(finding)
    session.flush()
    for note_ref in evidence or []:
        link_evidence(session, finding.id, note_ref)
    from app.services.status import follow

    follow(session, review.id)  # the first statement: written up
    return finding


def edit_finding(
    session: Session, finding_id: str, *, text: str | None = None, good_practice: bool | None = None
) -> Changes:
    """Reword a statement or mark it good practice. A statement is never emptied (nor left as
    its placeholder): that raises EmptyStatement carrying the finding's id, so a front end can
    offer to delete it instead. Raises NotFound / EmptyStatement."""
    finding = by_id(session, Finding, finding_id, "finding")
    entitled.require_team(session, finding.review_id, "change this statement")
    if text is not None:
        finding.text = statement_text(text, finding.id)
    if good_practice is not None:
        finding.good_practice = good_practice
    return Changes.of(findings=finding.id)


def delete_finding(session: Session, finding_id: str) -> Changes:
    """Delete a statement (a tombstone that travels). Next steps agreed from it stay: they
    were agreed with the school; they lose the link. Raises NotFound."""
    finding = by_id(session, Finding, finding_id, "finding")
    entitled.require_team(session, finding.review_id, "delete this statement")
    finding.deleted = True
    return Changes.of(findings=finding.id)


def statement_text(text: str | None, finding_id: str | None = None) -> str:
    """The statement's words, refused (EmptyStatement) when there are none: empty, only
    punctuation, or only the placeholder a window starts it with ("What went well:",
    "Even better if:", any case, with or without trailing spaces or punctuation); and
    refused (InvalidInput) beyond MAX_STATEMENT_CHARS."""
    words = (text or "").strip()
    core = words.casefold().rstrip(_TRAILING)
    if not core or core in PLACEHOLDERS:
        raise EmptyStatement(
            "A statement needs words of its own, not only 'What went well:' or 'Even better if:'.",
            finding_id=finding_id,
        )
    if len(words) > MAX_STATEMENT_CHARS:
        raise InvalidInput(
            f"That statement is {len(words):,} characters long, more than the "
            f"{MAX_STATEMENT_CHARS:,} a statement may have; "
            "shorten it, or split it into two statements."
        )
    return words


def link_evidence(session: Session, finding_id: str, note_ref: str) -> FindingEvidence:
    """Link a note to a finding (idempotent). Raises InvalidInput across reviews."""
    finding = by_id(session, Finding, finding_id, "finding")
    entitled.require_team(session, finding.review_id, "link evidence to this statement")
    note = by_id(session, Note, note_ref, "note")
    if note.review_id != finding.review_id:
        raise InvalidInput(
            f"Note {note.id[:8]} belongs to another review; link evidence from this review only."
        )
    link = session.get(FindingEvidence, link_id(finding.id, note.id))
    if link is None:
        link = FindingEvidence(
            id=link_id(finding.id, note.id), finding_id=finding.id, note_id=note.id
        )
        session.add(link)
    elif link.deleted:
        link.deleted = False
    return link


def unlink_evidence(session: Session, finding_id: str, note_id: str) -> None:
    """Take a note off a statement's evidence. Raises NotFound, NotThisSchool."""
    finding = by_id(session, Finding, finding_id, "finding")
    entitled.require_team(session, finding.review_id, "unlink evidence from this statement")
    link = session.get(FindingEvidence, link_id(finding.id, note_id))
    if link is not None:
        link.deleted = True


def add_action(
    session: Session,
    review_ref: str,
    *,
    text: str,
    owner: str,
    due: date,
    finding: str | None = None,
) -> Action:
    """An agreed next step, due no earlier than the visit. Raises NotFound for an unknown
    owner or finding, ImplausibleDate for a due date before the visit."""
    review = get_review(session, review_ref)
    entitled.require_team(session, review.id, "write the next steps of this review")
    person = get_person(session, owner)
    linked = by_id(session, Finding, finding, "finding") if finding else None
    if linked is not None and linked.review_id != review.id:
        raise InvalidInput("That finding belongs to another review.")
    action = Action(
        review_id=review.id,
        finding_id=linked.id if linked else None,
        text=require_text(text, "next step"),
        owner_id=person.id,
        due=check_due_date(due, review.start_date),
    )
    session.add(action)
    session.flush()
    return action


def edit_action(
    session: Session,
    action_id: str,
    *,
    text: str | None = None,
    owner: str | None = None,
    due: date | None = None,
) -> Changes:
    """Change a next step's words, owner or date (None leaves a field as it is).
    Raises NotFound, InvalidInput (empty text), ImplausibleDate (due before the visit)."""
    action = by_id(session, Action, action_id, "next step")
    entitled.require_team(session, action.review_id, "change this next step")
    if text is not None:
        action.text = require_text(text, "next step")
    if owner is not None:
        action.owner_id = get_person(session, owner).id
    if due is not None:
        action.due = check_due_date(due, get_review(session, action.review_id).start_date)
    return Changes.of(actions=action.id)


def delete_action(session: Session, action_id: str) -> Changes:
    """Delete a next step (a tombstone that travels). Raises NotFound."""
    action = by_id(session, Action, action_id, "next step")
    entitled.require_team(session, action.review_id, "delete this next step")
    action.deleted = True
    return Changes.of(actions=action.id)


def set_action_status(
    session: Session, action_id: str, status: str, impact: str | None = None
) -> Action:
    action = by_id(session, Action, action_id, "action")
    action.status = one_of(status, ACTION_STATUSES, "action status")
    if impact is not None:
        action.impact = impact
    return action

"""The checklist before a report is signed: what blocks it, and what deserves a second look.

Blocking: a statement that is empty or only its placeholder ("What went well:"), and a conflict
still open on the review (two laptops' versions of the same words: the report would print one
of them silently). Warnings: a statement with no evidence, a focus area with no statement, an
EBI with no next step, a co-reviewer who has not signed, a comment from the host not yet
answered, or reworded by the host after it was answered. ``check_review`` gives a
:class:`SignOffCheck`, read by the command line and the window alike; ``require_ready`` refuses
the report while anything blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import EmptyStatement, NotReadyToSign
from app.models import (
    Action,
    Finding,
    FindingEvidence,
    Note,
    Person,
    Review,
    ReviewFocus,
    TeamMember,
)
from app.models.signoff import FindingComment, ReviewEvent

BLOCKING_CODES = ("empty-statement", "open-conflict")
WARNING_CODES = (
    "no-evidence",
    "empty-focus",
    "ebi-without-next-step",
    "co-reviewer-not-signed",
    "comment-not-answered",
    "comment-reworded",
)
# What a record in conflict is, in words (the table it is in).
_RECORD_WORDS = {
    "reviews": "the review",
    "review_focus_areas": "a focus area",
    "activities": "an activity",
    "notes": "a note",
    "findings": "a statement",
    "actions": "a next step",
    "finding_comments": "a comment",
}


@dataclass(frozen=True)
class CheckItem:
    """One thing the checklist found: ``code`` (one of BLOCKING_CODES or WARNING_CODES), a
    sentence for people, and the record it is about."""

    code: str
    message: str
    record_id: str


@dataclass(frozen=True)
class SignOffCheck:
    review_id: str
    title: str
    status: str
    blocking: tuple[CheckItem, ...]
    warnings: tuple[CheckItem, ...]

    @property
    def ready(self) -> bool:
        """Nothing blocks the report (warnings do not)."""
        return not self.blocking

    def as_json(self) -> dict[str, Any]:
        def items(xs: tuple[CheckItem, ...]) -> list[dict[str, str]]:
            return [{"code": i.code, "message": i.message, "record_id": i.record_id} for i in xs]

        return {
            "review_id": self.review_id,
            "title": self.title,
            "status": self.status,
            "ready": self.ready,
            "blocking": items(self.blocking),
            "warnings": items(self.warnings),
        }


def _short(text: str, n: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _is_empty(text: str) -> bool:
    from app.services.writeup import statement_text

    try:
        statement_text(text)
    except EmptyStatement:
        return True
    except Exception:  # too long is not empty: the report carries it over pages
        return False
    return False


def _conflicts(session: Session, review_id: str) -> list[CheckItem]:
    from app.sync.merge import conflicts
    from app.sync.scope import scopes_of

    found = conflicts(session)
    if not found:
        return []
    scopes = scopes_of(session, [(c["table"], c["record_id"], None) for c in found])
    out = []
    for c in found:
        if scopes.get((c["table"], c["record_id"])) != review_id:
            continue
        what = _RECORD_WORDS.get(c["table"], "a record")
        field = c["field"].replace("_", " ")
        out.append(
            CheckItem(
                "open-conflict",
                f"The {field} of {what} has different versions from two laptops "
                f"(conflict {c['record_id'][:8]}); keep one.",
                c["record_id"],
            )
        )
    return out


def _live(model: Any, review_id: str) -> Any:
    return select(model).where(model.review_id == review_id, model.deleted.is_(False))


def check_review(session: Session, ref: str) -> SignOffCheck:
    """The checklist for one review. Raises NotFound."""
    from app.services.reviews import get_review

    review = get_review(session, ref)
    rid = review.id
    areas = list(session.scalars(_live(ReviewFocus, rid).order_by(ReviewFocus.position)))
    area_title = {a.id: a.title for a in areas}
    findings = list(session.scalars(_live(Finding, rid).order_by(Finding.position)))
    evidenced = set(
        session.scalars(
            select(FindingEvidence.finding_id)
            .join(Note, Note.id == FindingEvidence.note_id)
            .join(Finding, Finding.id == FindingEvidence.finding_id)
            .where(
                Finding.review_id == rid,
                FindingEvidence.deleted.is_(False),
                Note.deleted.is_(False),
            )
        )
    )
    with_steps = set(
        session.scalars(
            select(Action.finding_id).where(Action.review_id == rid, Action.deleted.is_(False))
        )
    )
    blocking: list[CheckItem] = []
    warnings: list[CheckItem] = []
    for f in findings:
        kind, where = f.kind.upper(), area_title.get(f.focus_id, "?")
        if _is_empty(f.text):
            blocking.append(
                CheckItem(
                    "empty-statement",
                    f"A {kind} statement in '{where}' is empty or only its placeholder "
                    f"(statement {f.id[:8]}).",
                    f.id,
                )
            )
            continue
        if f.id not in evidenced:
            warnings.append(
                CheckItem(
                    "no-evidence",
                    f"The {kind} '{_short(f.text)}' in '{where}' has no evidence linked.",
                    f.id,
                )
            )
        if f.kind == "ebi" and f.id not in with_steps:
            warnings.append(
                CheckItem(
                    "ebi-without-next-step",
                    f"The EBI '{_short(f.text)}' has no next step agreed.",
                    f.id,
                )
            )
    blocking += _conflicts(session, rid)
    used = {f.focus_id for f in findings}
    warnings += [
        CheckItem(
            "empty-focus",
            f"The focus area '{a.title}' has no statement; the report will say so.",
            a.id,
        )
        for a in areas
        if a.id not in used
    ]
    warnings += _unsigned_co_reviewers(session, review)
    warnings += _unanswered(session, rid, {f.id: f for f in findings})
    return SignOffCheck(rid, review.title, review.status, tuple(blocking), tuple(warnings))


def _unsigned_co_reviewers(session: Session, review: Review) -> list[CheckItem]:
    signed = set(
        session.scalars(
            select(ReviewEvent.person_id).where(
                ReviewEvent.review_id == review.id,
                ReviewEvent.kind == "co-signed",
                ReviewEvent.deleted.is_(False),
            )
        )
    )
    rows = session.execute(
        select(Person.id, Person.name)
        .join(TeamMember, TeamMember.person_id == Person.id)
        .where(
            TeamMember.review_id == review.id,
            TeamMember.role.in_(("lead", "reviewer")),
            TeamMember.deleted.is_(False),
        )
        .order_by(Person.name)
    )
    return [
        CheckItem(
            "co-reviewer-not-signed",
            f"{name}, a co-reviewer, has not signed yet (they can add their signature to "
            "the signed PDF on their own laptop).",
            pid,
        )
        for pid, name in rows
        if pid != review.writer_id and pid not in signed
    ]


def _unanswered(session: Session, rid: str, findings: dict[str, Finding]) -> list[CheckItem]:
    """The host's comments not marked answered, and those the host reworded after they were
    (rewording re-opens nothing, app/services/comments.py: the writer should read it again)."""
    from app.services.comments import reworded_since_answered

    rows = [c for c in session.scalars(_live(FindingComment, rid)) if c.finding_id in findings]
    since = reworded_since_answered(session, [c.id for c in rows if c.answered])
    items = []
    for c in rows:
        on = _short(findings[c.finding_id].text)
        if not c.answered:
            items.append(
                CheckItem(
                    "comment-not-answered",
                    f"The host's comment on '{on}' is not marked answered.",
                    c.id,
                )
            )
        elif c.id in since:
            items.append(
                CheckItem(
                    "comment-reworded",
                    f"The host reworded its comment on '{on}' after it was marked answered; "
                    "read it again.",
                    c.id,
                )
            )
    return items


_BLOCK_WORDS = {
    "empty-statement": (
        "statement is empty or only its placeholder",
        "statements are empty or only their placeholder",
    ),
    "open-conflict": ("conflict is open on it", "conflicts are open on it"),
}


def blocking_sentence(check: SignOffCheck) -> str:
    """ "The report cannot be made while 1 statement is empty … and 2 conflicts are open." """
    parts = []
    for code in BLOCKING_CODES:
        n = sum(1 for i in check.blocking if i.code == code)
        if n:
            one, many = _BLOCK_WORDS[code]
            parts.append(f"{n} {one if n == 1 else many}")
    return "The report cannot be made while " + " and ".join(parts) + "."


def require_ready(session: Session, ref: str) -> SignOffCheck:
    """The checklist, when nothing blocks the report; otherwise raises NotReadyToSign with one
    sentence saying what blocks it. Raises NotFound."""
    check = check_review(session, ref)
    if not check.ready:
        raise NotReadyToSign(
            blocking_sentence(check),
            review_id=check.review_id,
            blocking=tuple(i.message for i in check.blocking),
        )
    return check

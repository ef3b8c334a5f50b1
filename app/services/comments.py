"""The factual-accuracy round: the host school's comments on the draft's statements.

The host headteacher reads the draft and comments on a statement ("We have had a reading lead
since September"); the comment travels back by package; the writer amends the statement and
marks the comment answered, then signs. Who may do what is the same rule here as on import
(docs/authority.md): comments are the host school's, the answered mark the visiting team's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Finding, Person, Review, ReviewFocus
from app.models.signoff import FindingComment
from app.services import entitled
from app.services.lookup import by_id, require_text

MAX_COMMENT_CHARS = 4_000


@dataclass(frozen=True)
class CommentView:
    """A comment beside its statement, as the command line and the window show it."""

    id: str
    finding_id: str
    finding_kind: str
    finding_text: str
    focus: str
    text: str
    author: str
    made_by: str
    made_at: datetime
    answered: bool
    # The host changed its words after the writer marked it answered (rewording re-opens
    # nothing, see edit_comment): the writer is shown it, to re-open it if need be.
    reworded_since_answered: bool = False

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "finding_id": self.finding_id,
            "finding_kind": self.finding_kind,
            "finding_text": self.finding_text,
            "focus": self.focus,
            "text": self.text,
            "author": self.author,
            "made_by": self.made_by,
            "made_at": self.made_at.isoformat(timespec="seconds"),
            "answered": self.answered,
            "reworded_since_answered": self.reworded_since_answered,
        }


def require_may_comment(
    session: Session, review: Review, what: str = "comment on the statements of its draft"
) -> None:
    """Only the host school's laptops comment (and reword, withdraw or bring back a comment).
    Raises NotThisSchool (the window asks first, to disable what this laptop may not do and
    say why)."""
    entitled.require_host(session, review, what)


def require_may_answer(
    session: Session, review_id: str, what: str = "mark a comment answered"
) -> None:
    """Only the visiting team's laptops mark a comment answered (or re-open it). Raises
    NotThisSchool."""
    entitled.require(
        session,
        entitled.team_schools(session, review_id),
        what=what,
        who="the visiting team's laptops",
    )


def add_comment(
    session: Session, finding_ref: str, text: str, author: str | None = None
) -> FindingComment:
    """The host school comments on one statement, in the name of one of its own people or
    of nobody (partners refuse any other name, docs/authority.md). Raises NotFound (no such
    statement or person), InvalidInput (empty or too long; an author of another school),
    NotThisSchool (a laptop of another school)."""
    from app.errors import InvalidInput
    from app.services.reviews import get_review
    from app.services.schools import get_person

    finding = by_id(session, Finding, finding_ref, "statement")
    review = get_review(session, finding.review_id)
    require_may_comment(session, review)
    words = _words(text)
    person = get_person(session, author) if author else None
    if person is not None and person.school_id != review.host_school_id:
        raise InvalidInput(
            f"{person.name} is not of the host school: a comment on the draft is made in the "
            "name of one of the host school's own people, or of nobody."
        )
    comment = FindingComment(
        review_id=review.id,
        finding_id=finding.id,
        text=words,
        author_id=person.id if person else None,
    )
    session.add(comment)
    session.flush()
    return comment


def answer_comment(session: Session, comment_ref: str) -> FindingComment:
    """The writer marks a comment answered (having amended the statement, or not). Marking it
    again changes nothing. Raises NotFound, NotThisSchool (not a visiting team's laptop)."""
    comment = by_id(session, FindingComment, comment_ref, "comment")
    require_may_answer(session, comment.review_id)
    if not comment.answered:
        comment.answered = True
        session.flush()
    return comment


def edit_comment(session: Session, comment_ref: str, text: str) -> FindingComment:
    """The host school rewords its comment (a typo, a clearer sentence). The same words again
    change nothing.

    A comment the writer already marked answered may still be reworded, and stays answered:
    the answered mark is the visiting team's alone (docs/authority.md: the host's laptop may
    not set it, and a partner refuses a package where it does), so rewording cannot re-open
    it; the writer sees the new words beside the statement and re-opens it if they need
    another look. Refusing the rewording instead would leave the host's typo in front of the
    writer for good. Raises NotFound (no such comment, or withdrawn), InvalidInput (empty or
    too long), NotThisSchool (a laptop of another school)."""
    from app.services.reviews import get_review

    comment = by_id(session, FindingComment, comment_ref, "comment")
    require_may_comment(session, get_review(session, comment.review_id), "reword a comment")
    words = _words(text)
    if words != comment.text:
        comment.text = words
        session.flush()
    return comment


def delete_comment(session: Session, comment_ref: str) -> FindingComment:
    """The host school withdraws its comment (on the wrong statement, or no longer needed). A
    tombstone that travels like any edit, so restore_comment (Edit > Undo) brings it back with
    its words and its answered mark. Raises NotFound (no such comment, or withdrawn already),
    NotThisSchool (a laptop of another school)."""
    from app.errors import NotFound
    from app.services.reviews import get_review

    comment = _any_comment(session, comment_ref)
    if comment.deleted:
        raise NotFound("That comment is withdrawn already.")
    require_may_comment(session, get_review(session, comment.review_id), "withdraw a comment")
    comment.deleted = True
    session.flush()
    return comment


def restore_comment(session: Session, comment_ref: str) -> FindingComment:
    """Bring back a withdrawn comment (the host school's laptops). A comment that is there
    already is left as it is. Raises NotFound (no such comment, or its review deleted),
    NotThisSchool (a laptop of another school)."""
    from app.services.reviews import get_review

    comment = _any_comment(session, comment_ref)
    require_may_comment(
        session, get_review(session, comment.review_id), "bring back a withdrawn comment"
    )
    if comment.deleted:
        comment.deleted = False
        session.flush()
    return comment


def reopen_comment(session: Session, comment_ref: str) -> FindingComment:
    """The writer takes back "answered" (marked on the wrong comment, or the statement needs
    another look). A comment not answered is left as it is. Raises NotFound, NotThisSchool
    (not a visiting team's laptop)."""
    comment = by_id(session, FindingComment, comment_ref, "comment")
    require_may_answer(session, comment.review_id, "re-open a comment")
    if comment.answered:
        comment.answered = False
        session.flush()
    return comment


def _words(text: str | None) -> str:
    """A comment's words: not empty, not beyond MAX_COMMENT_CHARS. Raises InvalidInput."""
    from app.errors import InvalidInput

    words = require_text(text, "comment")
    if len(words) > MAX_COMMENT_CHARS:
        raise InvalidInput(
            f"That comment is {len(words):,} characters long, more than the "
            f"{MAX_COMMENT_CHARS:,} a comment may have; shorten it."
        )
    return words


def _any_comment(session: Session, ref: str) -> FindingComment:
    """The comment whose id is ``ref`` or starts with it, withdrawn or not. Raises NotFound."""
    from app.errors import NotFound
    from app.vocabulary import ID_PREFIX_MIN

    ref = ref.strip()
    comment = session.get(FindingComment, ref)
    if comment is not None:
        return comment
    if len(ref) >= ID_PREFIX_MIN:
        rows = session.scalars(
            select(FindingComment).where(FindingComment.id.startswith(ref)).limit(2)
        ).all()
        if len(rows) == 1:
            return rows[0]
        if len(rows) > 1:
            raise NotFound(f"More than one comment has an id starting '{ref}'; type more of it.")
    raise NotFound(f"There is no comment with id '{ref}'.")


def list_comments(session: Session, review_ref: str) -> tuple[CommentView, ...]:
    """The review's comments in the order of its statements. Raises NotFound."""
    from app.services.reviews import get_review

    review = get_review(session, review_ref)
    rows = session.execute(
        select(FindingComment, Finding, ReviewFocus.title, Person.name)
        .join(Finding, Finding.id == FindingComment.finding_id)
        .join(ReviewFocus, ReviewFocus.id == Finding.focus_id)
        .outerjoin(Person, Person.id == FindingComment.author_id)
        .where(FindingComment.review_id == review.id, FindingComment.deleted.is_(False))
        .order_by(ReviewFocus.position, Finding.position, FindingComment.created_at)
    ).all()
    since = reworded_since_answered(session, [c.id for c, *_ in rows])
    return tuple(
        CommentView(
            c.id,
            f.id,
            f.kind,
            "" if f.deleted else f.text,
            focus,
            c.text,
            author or "",
            c.created_by,
            c.created_at,
            c.answered,
            c.answered and c.id in since,
        )
        for c, f, focus, author in rows
    )


def reworded_since_answered(session: Session, ids: list[str]) -> set[str]:
    """The comments whose latest rewording reached this laptop (or was made here) after their
    latest answered mark did.

    Judged by the order the change log received them, not by the changes' clocks: each
    laptop's clock is its own (set wrong, or forged, by a partner), so a host laptop a month
    slow would hide a rewording and one set in 2190 would flag its comment for good; and a
    rewording made before its laptop had the answer, but received after it, was never read by
    the writer who answered, whatever the clocks say. On the answering laptop this order is
    exactly what the writer had read; elsewhere it is what this laptop had when the mark
    arrived (docs/authority.md, residual risks)."""
    from sqlalchemy import Integer, func, literal_column

    from app.models import Change

    arrival = literal_column("changes.rowid", Integer)  # insertion order; the app never VACUUMs
    latest: dict[tuple[str, str], int] = {}
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        rows = session.execute(
            select(Change.record_id, Change.field, func.max(arrival))
            .where(
                Change.table_name == FindingComment.__tablename__,
                Change.record_id.in_(chunk),
                Change.field.in_(("text", "answered")),
            )
            .group_by(Change.record_id, Change.field)
        ).all()
        latest.update({(record, field): int(n) for record, field, n in rows})
    return {
        cid
        for cid in ids
        if (cid, "text") in latest and latest[(cid, "text")] > latest.get((cid, "answered"), 0)
    }

"""Before and after the day: the host school's own view, the writer's summary, and follow-up.

The host school writes its context and, per focus area, its self-evaluation and what it asks
the team to look at; only the host school's laptops may (docs/authority.md). After the visit
its next steps move from open to in progress to done, with a note of their impact: also the
host school's, whose next steps they are. A later visit to the same school follows up the
earlier one: its report opens with what became of each earlier EBI.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from app.errors import InvalidInput
from app.models import Action, Finding, Person, Review, School
from app.services import entitled
from app.services.changes import Changes
from app.services.lookup import by_id, one_of, require_text
from app.services.reviews import get_focus, get_review
from app.vocabulary import FINDING_KINDS

# What a self-evaluation or context may hold: a page or two, not the whole SEF document.
MAX_OWN_VIEW_CHARS = 10_000


def _own_words(text: str, what: str, *, may_clear: bool = False) -> str:
    """The words trimmed; refused when empty (InvalidInput) unless ``may_clear``: a field the
    window saves as it is typed may be emptied, as a person deletes what they wrote."""
    if may_clear and not text.strip():
        return ""
    words = require_text(text, what)
    if len(words) > MAX_OWN_VIEW_CHARS:
        raise InvalidInput(
            f"The {what} is {len(words):,} characters long, more than the "
            f"{MAX_OWN_VIEW_CHARS:,} it may have; keep to the points the team needs."
        )
    return words


def set_context(
    session: Session, review_ref: str, text: str, *, may_clear: bool = False
) -> Changes:
    """The school's context, in the host's words. Raises NotFound, InvalidInput (empty unless
    ``may_clear``, too long), NotThisSchool (a laptop not of the host school)."""
    review = get_review(session, review_ref)
    entitled.require_host(session, review, "write the school's context")
    review.context = _own_words(text, "context", may_clear=may_clear)
    return Changes.of(reviews=review.id)


def set_self_evaluation(
    session: Session,
    review_ref: str,
    focus: str,
    *,
    text: str | None,
    look_at: str | None = None,
    may_clear: bool = False,
) -> Changes:
    """The host school's own view of one focus area, and what it wants the team to look at
    (None leaves either as it is; ``may_clear`` lets the window empty a field). Raises
    NotFound, InvalidInput, NotThisSchool."""
    review = get_review(session, review_ref)
    area = get_focus(session, review, focus)
    entitled.require_host(session, review, "write the school's self-evaluation")
    if text is not None:
        area.self_evaluation = _own_words(text, "self-evaluation", may_clear=may_clear)
    if look_at is not None:
        area.look_at = _own_words(look_at, "what the team should look at", may_clear=may_clear)
    return Changes.of(reviews=review.id)


def set_summary(session: Session, review_ref: str, text: str) -> Changes:
    """The writer's overall summary, printed before the findings. Written by the host school
    or the visiting team, like the rest of the write-up. Raises NotFound, InvalidInput,
    NotThisSchool."""
    review = get_review(session, review_ref)
    entitled.require_in_review(session, review.id, "write the summary of this review")
    review.summary = _own_words(text, "summary")
    return Changes.of(reviews=review.id)


def set_action_progress(
    session: Session, action_ref: str, status: str, *, impact: str | None = None
) -> Changes:
    """Move a next step on (open, in-progress, done), with a note of its impact. Only the
    host school, whose next step it is, says it is done. Raises NotFound, InvalidInput,
    NotThisSchool."""
    action = by_id(session, Action, action_ref, "next step")
    one_of(status, ("open", "in-progress", "done"), "next step status")
    review = get_review(session, action.review_id)
    entitled.require(
        session,
        {review.host_school_id},
        what="say how its next steps are going",
        who="the host school's laptops",
    )
    action.status = status
    if impact is not None:
        action.impact = _own_words(impact, "impact note")
    return Changes.of(actions=action.id)


@dataclass(frozen=True)
class NextStep:
    """A next step as lists and Home show it."""

    id: str
    review_id: str
    school: str
    text: str
    owner: str
    due: date | None
    status: str
    impact: str
    overdue: bool


def list_actions(
    session: Session,
    today: date,
    *,
    open_only: bool = False,
    overdue_only: bool = False,
    school: str | None = None,
) -> list[NextStep]:
    """Next steps of every review held here, soonest due first. ``open_only`` leaves out the
    done ones; ``overdue_only`` keeps those not done whose date is before ``today``; ``school``
    (an id or exact name) keeps one school's. Raises NotFound for an unknown school."""
    owner = aliased(Person)
    query = (
        select(Action, owner.name, School.name)
        .join(Review, Review.id == Action.review_id)
        .join(School, School.id == Review.host_school_id)
        .outerjoin(owner, owner.id == Action.owner_id)
        .where(Action.deleted.is_(False), Review.deleted.is_(False))
        .where(Action.status != "dropped")
        .order_by(Action.due, Action.created_at)
    )
    if school is not None:
        from app.services.schools import get_school

        query = query.where(Review.host_school_id == get_school(session, school).id)
    out = []
    for a, owner_name, school_name in session.execute(query):
        late = a.status != "done" and a.due is not None and a.due < today
        if (open_only and a.status == "done") or (overdue_only and not late):
            continue
        out.append(
            NextStep(
                a.id,
                a.review_id,
                school_name,
                a.text,
                owner_name or "",
                a.due,
                a.status,
                a.impact,
                late,
            )
        )
    return out


def previous_review(
    session: Session, host_school_id: str, start: date, follows: str | None = None
) -> str | None:
    """The review a visit to ``host_school_id`` starting ``start`` follows up: the one named
    (``follows``), or else the school's latest earlier review (None: nothing to follow up).
    Raises NotFound, InvalidInput (another school's review, or one not before this visit)."""
    if follows is not None:
        earlier = get_review(session, follows)
        if earlier.host_school_id != host_school_id:
            raise InvalidInput("A visit can follow up only an earlier review of the same school.")
        if earlier.start_date >= start:
            raise InvalidInput("A visit can follow up only a review held before it.")
        return earlier.id
    return session.scalar(
        select(Review.id)
        .where(
            Review.host_school_id == host_school_id,
            Review.deleted.is_(False),
            Review.start_date < start,
        )
        .order_by(Review.start_date.desc())
        .limit(1)
    )


def record_view_now(
    session: Session, review_ref: str, ebi_ref: str, *, text: str, kind: str = "www"
) -> Finding:
    """The visiting team's view now of an earlier visit's EBI: a statement of this review
    (a WWW when it is met, an EBI when there is still work to do), filed under the focus area
    of the same title (else the first). Raises NotFound, InvalidInput (not an EBI of the
    review this one follows), NotThisSchool."""
    from app.services.writeup import add_finding

    review = get_review(session, review_ref)
    one_of(kind, FINDING_KINDS, "kind of statement (www or ebi)")
    earlier = by_id(session, Finding, ebi_ref, "statement")
    if earlier.kind != "ebi" or review.follows_id is None or earlier.review_id != review.follows_id:
        raise InvalidInput(
            "Give the team's view only on an EBI of the visit this review follows up."
        )
    entitled.require_team(session, review.id, "give the team's view now")
    from app.models import ReviewFocus

    old_focus = session.get(ReviewFocus, earlier.focus_id)
    title = old_focus.title if old_focus else ""
    try:
        area = get_focus(session, review, title)
    except InvalidInput:
        from app.services.reviews import focus_areas

        area = focus_areas(session, review.id)[0]
    finding = add_finding(session, review.id, focus=area.title, kind=kind, text=text)
    finding.follows_finding_id = earlier.id
    return finding

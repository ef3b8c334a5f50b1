"""Refusing, on this laptop, an edit its partners would refuse when it arrives in a package.

Import checks every change against who may make it (docs/authority.md, app/sync/authority.py)
and refuses the *whole* package for one change its author's school may not make. So an edit
this laptop's school may not make is refused here, when it is typed, with one sentence, instead
of poisoning every later package to that partner. A laptop not yet told its school (no
``site set``) is not checked: it has no partners yet.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotThisSchool
from app.models import Person, Review, School, Setting, TeamMember


def this_school(session: Session) -> str | None:
    """The school this laptop belongs to, or None if it has not been said."""
    return session.scalar(select(Setting.value).where(Setting.key == "school_id")) or None


def require(session: Session, allowed: Iterable[str | None], *, what: str, who: str) -> None:
    """Raise NotThisSchool unless this laptop's school is among ``allowed`` (or unknown)."""
    mine = this_school(session)
    if mine is None or mine in set(allowed):
        return
    name = session.scalar(select(School.name).where(School.id == mine)) or mine
    raise NotThisSchool(f"Only {who} may {what}; this laptop belongs to {name}.", school_id=mine)


def team_schools(session: Session, review_id: str) -> set[str]:
    """The schools of a review's visiting team (lead and reviewers, not host staff)."""
    rows = session.scalars(
        select(Person.school_id)
        .join(TeamMember, TeamMember.person_id == Person.id)
        .where(
            TeamMember.review_id == review_id,
            TeamMember.role != "host-staff",
            TeamMember.deleted.is_(False),
        )
    )
    return {s for s in rows if s}


def require_host(session: Session, review: Review, what: str) -> None:
    """The host school decides a review's dates, team, writer and host staff."""
    require(session, {review.host_school_id}, what=what, who="the host school's laptops")


def require_in_review(session: Session, review_id: str, what: str) -> None:
    """A review's content is written by the host school and the visiting team's schools."""
    review = session.get(Review, review_id)
    host = review.host_school_id if review else None
    require(
        session,
        {host} | team_schools(session, review_id),
        what=what,
        who="the host school and the visiting team",
    )


def require_team(session: Session, review_id: str, what: str) -> None:
    """A review's statements, the evidence they rest on and the next steps agreed at the
    feedback meeting are the visiting team's words: the host school comments on them (the
    factual-accuracy round) but never writes them. Raises NotThisSchool on any other laptop."""
    require(session, team_schools(session, review_id), what=what, who="the visiting team's laptops")

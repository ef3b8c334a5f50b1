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
from app.models import Change, Person, Review, School, Setting, TeamMember
from app.models.changes import CREATE


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


def require_person_editor(session: Session, person: Person, what: str) -> None:
    """A person's name and email are corrected by their own school's laptops or by the laptop
    that alone added them (a person with no school: that laptop only), as partners check on
    import (app/sync/authority.py). The demo's people were added alike by every laptop that
    loaded the demo, so by none alone. Raises NotThisSchool on any other laptop."""
    mine = this_school(session)
    if mine is None or mine == person.school_id:
        return
    from app.services.demo import demo_people

    demo = person.id in demo_people()
    site = session.scalar(select(Setting.value).where(Setting.key == "site_id"))
    creators = set(
        session.scalars(
            select(Change.site_id).where(
                Change.table_name == "people",
                Change.record_id == person.id,
                Change.field == CREATE,
            )
        )
    )
    if not demo and (creators == {site} or (not creators and person.school_id is None)):
        return
    if person.school_id is None and demo:
        raise NotThisSchool(
            f"{person.name} came with the demo, alike on every laptop, so no laptop may {what}.",
            school_id=mine,
        )
    if person.school_id is None:
        raise NotThisSchool(
            f"Only the laptop where {person.name} was added may {what}.", school_id=mine
        )
    school = session.scalar(select(School.name).where(School.id == person.school_id))
    who = f"{school or person.school_id}'s laptops"
    if not demo:
        who += f" or the laptop that added {person.name}"
    here = session.scalar(select(School.name).where(School.id == mine)) or mine
    raise NotThisSchool(f"Only {who} may {what}; this laptop belongs to {here}.", school_id=mine)

"""Deleting people, networks and schools from Set-up, and bringing them back (Edit > Undo).

A deletion is a tombstone (``deleted = True``) written through the change log, so it travels in
packages like any edit and a partner's late edit does not bring the record back. Past reviews
keep naming a deleted person (their notes and signatures stay theirs); a deleted school or
network simply leaves the lists. Who may do each follows docs/authority.md, checked here so a
partner never has to refuse the package. No Qt here.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import InUse, InvalidInput, NotFound, NotThisSchool
from app.models import (
    Change,
    Network,
    NetworkMember,
    Person,
    Review,
    School,
    Setting,
)
from app.models.changes import CREATE
from app.services import entitled
from app.services.changes import Changes
from app.services.schools import get_network, get_school


def delete_person(session: Session, person_id: str) -> Changes:
    """Take a person off the lists. Their own school's laptops decide (a person with no school
    is this laptop's to delete). Raises NotFound, NotThisSchool, InvalidInput (this laptop's
    own person: sign in as someone else first)."""
    person = _person(session, person_id, deleted=False)
    _require_school_of(session, person, f"delete {person.name}")
    mine = session.scalar(select(Setting.value).where(Setting.key == "person_id"))
    if mine == person.id:
        raise InvalidInput(
            f"{person.name} is the person this laptop signs for; choose another person in "
            "File > This laptop and your signature first."
        )
    person.deleted = True
    return Changes.of(people=person.id)


def restore_person(session: Session, person_id: str) -> Changes:
    """Bring back a deleted person. Raises NotFound, NotThisSchool."""
    person = _person(session, person_id, deleted=True)
    _require_school_of(session, person, f"bring back {person.name}")
    person.deleted = False
    return Changes.of(people=person.id)


def delete_network(session: Session, network_id: str) -> Changes:
    """Delete a network (its reviews keep their history). Only its member schools' laptops
    may. Raises NotFound, NotThisSchool."""
    network = get_network(session, network_id)
    entitled.require(
        session,
        _members(session, network.id),
        what=f"delete the network '{network.name}'",
        who="its member schools' laptops",
    )
    network.deleted = True
    return Changes.of(networks=network.id)


def restore_network(session: Session, network_id: str) -> Changes:
    """Bring back a deleted network. Raises NotFound, NotThisSchool."""
    network = session.get(Network, network_id)
    if network is None or not network.deleted:
        raise NotFound("That network is not among the deleted ones.")
    entitled.require(
        session,
        _members(session, network.id),
        what=f"bring back the network '{network.name}'",
        who="its member schools' laptops",
    )
    network.deleted = False
    return Changes.of(networks=network.id)


def delete_school(session: Session, school_id: str) -> Changes:
    """Delete a school record typed in by mistake. A school that anything rests on (its
    people, the visits it hosts, its networks, this laptop) cannot be deleted (InUse). The
    school's own laptops may, and the laptop that typed it in (docs/authority.md). Raises
    NotFound, InUse, NotThisSchool."""
    school = get_school(session, school_id)
    _require_typist_or_school(session, school, f"delete {school.name}")
    counts = {
        "people": _count(session, Person, Person.school_id == school.id),
        "reviews": _count(session, Review, Review.host_school_id == school.id),
        "networks": session.scalar(
            select(func.count())
            .select_from(NetworkMember)
            .join(Network, Network.id == NetworkMember.network_id)
            .where(
                NetworkMember.school_id == school.id,
                NetworkMember.deleted.is_(False),
                Network.deleted.is_(False),
            )
        )
        or 0,
    }
    if entitled.this_school(session) == school.id:
        raise InvalidInput(f"{school.name} is this laptop's own school, so it cannot be deleted.")
    if any(counts.values()):
        held = ", ".join(f"{n} {k if n != 1 else k[:-1]}" for k, n in counts.items() if n)
        raise InUse(
            f"{school.name} still has {held} here; move or delete them before deleting it.",
            record_id=school.id,
            counts=counts,
        )
    school.deleted = True
    return Changes.of(schools=school.id)


def restore_school(session: Session, school_id: str) -> Changes:
    """Bring back a deleted school. Raises NotFound, NotThisSchool."""
    school = session.get(School, school_id)
    if school is None or not school.deleted:
        raise NotFound("That school is not among the deleted ones.")
    _require_typist_or_school(session, school, f"bring back {school.name}")
    school.deleted = False
    return Changes.of(schools=school.id)


def _person(session: Session, person_id: str, *, deleted: bool) -> Person:
    person = session.get(Person, person_id)
    if person is None or person.deleted != deleted:
        raise NotFound(
            "That person is not among the deleted ones."
            if deleted
            else "That person is not known on this laptop."
        )
    return person


def _require_school_of(session: Session, person: Person, what: str) -> None:
    """Their school's laptops; a person with no school (a facilitator), only the laptop where
    they were added (partners refuse any other's change to them)."""
    school = session.get(School, person.school_id) if person.school_id else None
    if school is not None:
        entitled.require(session, {school.id}, what=what, who=f"{school.name}'s laptops")
    elif _creators(session, "people", person.id) - {_site(session)}:
        mine = entitled.this_school(session) or ""
        raise NotThisSchool(
            f"Only the laptop where {person.name} was added may {what}.",
            school_id=mine,
        )


def _creators(session: Session, table: str, record_id: str) -> set[str]:
    """The laptops (site ids) that wrote a creation of this record."""
    return set(
        session.scalars(
            select(Change.site_id).where(
                Change.table_name == table,
                Change.record_id == record_id,
                Change.field == CREATE,
            )
        )
    )


def _site(session: Session) -> str | None:
    return session.scalar(select(Setting.value).where(Setting.key == "site_id"))


def _require_typist_or_school(session: Session, school: School, what: str) -> None:
    """The school's own laptops, or the laptop that created its record (or nobody else did:
    a school known here only from a school list)."""
    creators = _creators(session, "schools", school.id)
    if not creators or creators == {_site(session)}:
        return
    entitled.require(session, {school.id}, what=what, who=f"{school.name}'s laptops")


def _members(session: Session, network_id: str) -> set[str]:
    return set(
        session.scalars(
            select(NetworkMember.school_id).where(
                NetworkMember.network_id == network_id, NetworkMember.deleted.is_(False)
            )
        )
    )


def _count(session: Session, model: type[Person] | type[Review], *where: object) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(model).where(model.deleted.is_(False), *where)  # type: ignore[arg-type]
        )
        or 0
    )

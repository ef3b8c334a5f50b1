"""Schools, people and networks: the set-up a network coordinator does once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotFound
from app.models import Network, NetworkMember, Person, School, link_id
from app.services import entitled
from app.services.changes import Changes
from app.services.lookup import by_id, by_name, closest, one_of, require_text
from app.services.read_models import NetworkRow, PersonRow, SchoolRef, SchoolRow
from app.vocabulary import MIN_NETWORK_SCHOOLS, NETWORK_KINDS, ROLES, SCHOOL_NAME_MAX


def add_school(session: Session, id: str, name: str, **fields: Any) -> School:
    id = require_text(id, "school id")
    if session.get(School, id) is not None:
        raise InvalidInput(f"A school with id {id} already exists.")
    school = School(id=id, name=require_text(name, "school name"), **fields)
    session.add(school)
    return school


def get_school(session: Session, ref: str) -> School:
    """A school by its id (URN) or its exact name (any case)."""
    school = session.get(School, ref.strip())
    if school is not None and not school.deleted:
        return school
    named = by_name(session, School, ref)
    if len(named) == 1:
        return named[0]
    names = list(session.scalars(select(School.name).where(School.deleted.is_(False))))
    raise NotFound(f"There is no school '{ref}'.{closest(ref, names)}")


def school_row(s: School) -> SchoolRow:
    return SchoolRow(
        id=s.id,
        name=s.name,
        phase=s.phase,
        type=s.type,
        local_authority=s.local_authority,
        welsh_medium=s.welsh_medium,
    )


def list_schools(session: Session) -> list[SchoolRow]:
    rows = session.scalars(select(School).where(School.deleted.is_(False)).order_by(School.name))
    return [school_row(s) for s in rows]


def add_person(
    session: Session, name: str, role: str, school_ref: str | None, email: str = ""
) -> Person:
    name = require_text(name, "person's name")
    one_of(role, ROLES, "role")
    school = get_school(session, school_ref) if school_ref else None
    if school is not None and role == "headteacher":
        _require_first_headteacher(session, school)
    person = Person(
        name=name, role=role, school_id=school.id if school else None, email=_email(email)
    )
    session.add(person)
    session.flush()
    return person


def _require_first_headteacher(session: Session, school: School) -> None:
    """A second headteacher of a school that has one is that school's to name: its partners
    refuse it from anyone else (docs/authority.md), so it is refused here as it is typed.
    Raises NotThisSchool."""
    head = session.scalar(
        select(Person.name).where(
            Person.school_id == school.id,
            Person.role == "headteacher",
            Person.deleted.is_(False),
        )
    )
    if head is not None:
        entitled.require(
            session,
            {school.id},
            what=f"name another headteacher of {school.name} (it has {head})",
            who=f"{school.name}'s laptops",
        )


def get_person(session: Session, name: str) -> Person:
    """A person by name (any case) or id. Unknown names suggest the closest known ones."""
    name = name.strip()
    found = by_name(session, Person, name)
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise NotFound(f"More than one person is called '{name}'; use their id instead.")
    person = session.get(Person, name)
    if person is not None and not person.deleted:
        return person
    names = list(session.scalars(select(Person.name).where(Person.deleted.is_(False))))
    raise NotFound(f"Nobody called '{name}' is known.{closest(name, names)}")


def person_row(p: Person, school_name: str | None = None) -> PersonRow:
    return PersonRow(
        id=p.id,
        name=p.name,
        role=p.role,
        school_id=p.school_id,
        school=school_name,
        email=p.email,
    )


def list_people(session: Session) -> list[PersonRow]:
    rows = session.execute(
        select(Person, School.name)
        .outerjoin(School, School.id == Person.school_id)
        .where(Person.deleted.is_(False))
        .order_by(Person.name)
    ).all()
    return [person_row(p, school_name) for p, school_name in rows]


def create_network(
    session: Session, name: str, school_refs: list[str], kind: str = "group", ground_rules: str = ""
) -> Network:
    name = require_text(name, "network name")
    one_of(kind, NETWORK_KINDS, "kind of network")
    schools = [get_school(session, ref) for ref in school_refs]
    if len({s.id for s in schools}) < MIN_NETWORK_SCHOOLS:
        raise InvalidInput("A network needs at least two different schools.")
    if by_name(session, Network, name):
        raise InvalidInput(f"A network called '{name}' already exists.")
    network = Network(name=name, kind=kind, ground_rules=ground_rules)
    session.add(network)
    session.flush()
    for school in {s.id: s for s in schools}.values():
        session.add(
            NetworkMember(
                id=link_id(network.id, school.id), network_id=network.id, school_id=school.id
            )
        )
    return network


def get_network(session: Session, ref: str) -> Network:
    found = by_name(session, Network, ref)
    if found:
        return found[0]
    try:
        return by_id(session, Network, ref, "network")  # its id, or a unique start of it
    except NotFound:
        pass
    names = list(session.scalars(select(Network.name).where(Network.deleted.is_(False))))
    raise NotFound(f"There is no network '{ref}'.{closest(ref, names)}")


def list_networks(session: Session) -> list[NetworkRow]:
    out = []
    for net in session.scalars(
        select(Network).where(Network.deleted.is_(False)).order_by(Network.name)
    ):
        schools = session.execute(
            select(School.id, School.name)
            .join(NetworkMember, NetworkMember.school_id == School.id)
            .where(NetworkMember.network_id == net.id, NetworkMember.deleted.is_(False))
            .order_by(School.name)
        ).all()
        out.append(
            NetworkRow(
                id=net.id,
                name=net.name,
                kind=net.kind,
                ground_rules=net.ground_rules,
                schools=tuple(SchoolRef(sid, sname) for sid, sname in schools),
            )
        )
    return out


def edit_school(
    session: Session,
    ref: str,
    *,
    name: str | None = None,
    phase: str | None = None,
    local_authority: str | None = None,
    type: str | None = None,
    welsh_medium: bool | None = None,
) -> Changes:
    """Correct a school's record (its URN never changes). Only the school's own laptops may
    (docs/authority.md). Raises NotFound, InvalidInput, NotThisSchool."""
    school = get_school(session, ref)
    entitled.require(
        session,
        {school.id},
        what=f"change {school.name}'s own record",
        who=f"{school.name}'s laptops",
    )
    values: dict[str, Any] = {
        "phase": phase,
        "local_authority": local_authority,
        "type": type,
        "welsh_medium": welsh_medium,
    }
    if name is not None:
        values["name"] = require_text(name, "school name")
        if len(values["name"]) > SCHOOL_NAME_MAX:
            raise InvalidInput(f"That school name is longer than {SCHOOL_NAME_MAX} characters.")
    for key, value in values.items():
        if value is not None and getattr(school, key) != (
            value.strip() if isinstance(value, str) else value
        ):
            setattr(school, key, value.strip() if isinstance(value, str) else value)
    return Changes.of(schools=school.id)


def edit_person(
    session: Session,
    ref: str,
    *,
    name: str | None = None,
    role: str | None = None,
    email: str | None = None,
) -> Changes:
    """Correct a person's name, role or email (``ref``: their name or id). A role is their own
    school's to change; a name or email their school's or the laptop's that alone added them
    (docs/authority.md). Raises NotFound, InvalidInput, NotThisSchool."""
    person = get_person(session, ref)
    if name is not None:
        new_name = require_text(name, "person's name")
        if new_name != person.name:
            entitled.require_person_editor(session, person, f"change {person.name}'s name")
            person.name = new_name
    if role is not None and role != person.role:
        one_of(role, ROLES, "role")
        school = session.get(School, person.school_id) if person.school_id else None
        if school is not None:
            entitled.require(
                session,
                {school.id},
                what=f"change {person.name}'s role",
                who=f"{school.name}'s laptops",
            )
        person.role = role
    if email is not None and email.strip() != person.email:
        entitled.require_person_editor(session, person, f"change {person.name}'s email")
        person.email = _email(email)
    return Changes.of(people=person.id)


def person_edit_refusals(session: Session, ref: str) -> dict[str, str]:
    """What this laptop may not change of a person: field ("name", "email", "role") -> the
    sentence ``edit_person`` would refuse it with, so Set-up can lock those boxes and say why
    before anything is typed. Raises NotFound."""
    from app.errors import NotThisSchool

    person = get_person(session, ref)
    refused: dict[str, str] = {}
    try:
        entitled.require_person_editor(session, person, f"change {person.name}'s name or email")
    except NotThisSchool as exc:
        refused["name"] = refused["email"] = exc.user_message
    school = session.get(School, person.school_id) if person.school_id else None
    if school is not None:
        what = f"change {person.name}'s {'name, email or ' if refused else ''}role"
        try:
            entitled.require(session, {school.id}, what=what, who=f"{school.name}'s laptops")
        except NotThisSchool as exc:  # all three locked: one sentence says so
            fields = ("name", "email", "role") if refused else ("role",)
            refused = dict.fromkeys(fields, exc.user_message)
    return refused


def _email(email: str) -> str:
    email = email.strip()
    if email and ("@" not in email or " " in email):
        raise InvalidInput(f"'{email}' is not an email address.")
    return email


def edit_network(
    session: Session,
    ref: str,
    *,
    add_schools: list[str] | tuple[str, ...] = (),
    remove_schools: list[str] | tuple[str, ...] = (),
    ground_rules: str | None = None,
    name: str | None = None,
) -> Changes:
    """Change a network's members, ground rules or name. Only its member schools' laptops may
    (a school may add itself); it keeps at least two schools. A school removed and added again
    is the same membership revived. Raises NotFound, InvalidInput, NotThisSchool."""
    network = get_network(session, ref)
    links = {
        m.school_id: m
        for m in session.scalars(
            select(NetworkMember).where(NetworkMember.network_id == network.id)
        )
    }
    members = {sid for sid, m in links.items() if not m.deleted}
    added = [get_school(session, r) for r in add_schools]
    removed = [get_school(session, r) for r in remove_schools]
    # A school may add itself (a new membership); reviving a membership it left is the members'.
    joining_alone = (
        not removed
        and ground_rules is None
        and name is None
        and {s.id for s in added} == {entitled.this_school(session)}
        and not any(s.id in links for s in added)
    )
    if not joining_alone:
        entitled.require(
            session,
            members,
            what=f"change the network '{network.name}'",
            who="its member schools' laptops",
        )
    for school in removed:
        if school.id not in members:
            raise InvalidInput(f"{school.name} is not in the network '{network.name}'.")
        members.discard(school.id)
        links[school.id].deleted = True
    for school in added:
        if school.id in members:
            raise InvalidInput(f"{school.name} is already in the network '{network.name}'.")
        members.add(school.id)
        if school.id in links:
            links[school.id].deleted = False
        else:
            links[school.id] = NetworkMember(
                id=link_id(network.id, school.id), network_id=network.id, school_id=school.id
            )
            session.add(links[school.id])
    if len(members) < MIN_NETWORK_SCHOOLS:
        raise InvalidInput("A network needs at least two different schools.")
    if ground_rules is not None and ground_rules.strip() != network.ground_rules:
        network.ground_rules = ground_rules.strip()
    if name is not None:
        new_name = require_text(name, "network name")
        if new_name != network.name:
            if any(n.id != network.id for n in by_name(session, Network, new_name)):
                raise InvalidInput(f"A network called '{new_name}' already exists.")
            network.name = new_name
    return Changes.of(networks=network.id)

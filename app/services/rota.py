"""The year's visits of a network: a reciprocal rota, planned once by its coordinator.

Every school hosts once and visits at least once (a trio's shape: each host is visited by the
next schools round the circle). The offsets round the circle are chosen so that no two
schools meet twice when the network is big enough for that (seven or more with two
visitors); in a trio they meet as often as a trio must. Visits fall on school days (Monday to
Friday) between the dates given, never on a blocked date (INSET days, trips, mocks), and no
school is booked twice on one day. Visits are spread evenly across the days available.

``plan_rota`` is pure (no database, no clock) so it can be tested against its constraints
over random networks. ``save_rota``/``list_rota`` keep the plan as synced records
(``RotaVisit``) that travel to the network's schools like the network itself.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from app.errors import InvalidInput, RotaExists

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

MIN_SCHOOLS = 2
# With this many schools or more, a host has two visiting schools (a trio's visit).
TWO_VISITORS_FROM = 3
SATURDAY = 5


@dataclass(frozen=True)
class PlannedVisit:
    day: date
    host: str
    visitors: tuple[str, ...]

    def schools(self) -> tuple[str, ...]:
        return (self.host, *self.visitors)


def school_days(start: date, end: date, blocked: Iterable[date] = ()) -> list[date]:
    """Monday to Friday from ``start`` to ``end`` inclusive, less the blocked dates."""
    off = set(blocked)
    days = (start + timedelta(days=n) for n in range((end - start).days + 1))
    return [d for d in days if d.weekday() < SATURDAY and d not in off]


def _meetings(n: int, offsets: Sequence[int]) -> list[frozenset[int]]:
    """Each pair of positions that meets, once per meeting, for hosts 0..n-1."""
    out = []
    for host in range(n):
        group = [host, *((host + k) % n for k in offsets)]
        out += [frozenset(p) for p in itertools.combinations(group, 2)]
    return out


def best_offsets(n: int) -> tuple[int, ...]:
    """Visitor offsets round the circle with the fewest repeated meetings (then the smallest)."""
    if n < TWO_VISITORS_FROM:
        return (1,)

    def repeats(offsets: tuple[int, int]) -> int:
        pairs = _meetings(n, offsets)
        return len(pairs) - len(set(pairs))

    return min(itertools.combinations(range(1, n), 2), key=lambda o: (repeats(o), o))


def plan_rota(
    schools: Sequence[str], start: date, end: date, blocked: Iterable[date] = ()
) -> list[PlannedVisit]:
    """One visit hosted by each school, dated; raises InvalidInput when it cannot fit.

    ``schools`` is taken in the order given (callers shuffle or sort as they wish); the same
    input always gives the same rota.
    """
    order = list(dict.fromkeys(schools))
    if len(order) < MIN_SCHOOLS:
        raise InvalidInput("A rota needs a network of at least two schools.")
    if end < start:
        raise InvalidInput("The rota's last date is before its first; swap them.")
    days = school_days(start, end, blocked)
    if not days:
        raise InvalidInput(
            "There is no school day between those dates once the blocked dates are left out."
        )
    n = len(order)
    offsets = best_offsets(n)
    groups = [(h, tuple(order[(h + k) % n] for k in offsets)) for h in range(n)]
    # Spread: the k-th visit aims at the k-th of n evenly spaced days; it takes the first day
    # from there on where none of its schools is already booked (then any earlier day).
    booked: dict[date, set[str]] = {d: set() for d in days}
    out: list[PlannedVisit] = []
    for k, (h, visitors) in enumerate(groups):
        host = order[h]
        party = {host, *visitors}
        aim = (k * len(days)) // n
        for day in days[aim:] + days[:aim][::-1]:
            if not booked[day] & party:
                booked[day] |= party
                out.append(PlannedVisit(day, host, visitors))
                break
        else:
            raise InvalidInput(
                f"{n} visits do not fit in the {len(days)} school days between those dates "
                "without booking a school twice on one day; give a longer period."
            )
    return sorted(out, key=lambda v: (v.day, order.index(v.host)))


def check_rota(
    schools: Sequence[str], visits: Sequence[PlannedVisit], blocked: Iterable[date]
) -> list[str]:
    """What is wrong with a rota, in words (empty when it keeps every rule). Used by tests and
    by ``rota list`` to say when a rota received from a partner was edited into a bad state."""
    problems = []
    off = set(blocked)
    hosts = [v.host for v in visits]
    for school in schools:
        if hosts.count(school) != 1:
            problems.append(f"{school} hosts {hosts.count(school)} times")
        if not any(school in v.visitors for v in visits):
            problems.append(f"{school} never visits")
    by_day: dict[date, list[str]] = {}
    for v in visits:
        if v.day in off:
            problems.append(f"a visit on blocked date {v.day}")
        if v.day.weekday() >= SATURDAY:
            problems.append(f"a visit on a weekend, {v.day}")
        by_day.setdefault(v.day, []).extend(v.schools())
    for day, booked in by_day.items():
        if len(booked) != len(set(booked)):
            problems.append(f"a school booked twice on {day}")
    return problems


@dataclass(frozen=True)
class RotaRow:
    """A rota visit as the CLI and the window show it."""

    id: str
    day: date
    host_id: str
    host: str
    visitor_ids: tuple[str, ...]
    visitors: tuple[str, ...]
    review_id: str | None
    flag: str  # "" | "write-up overdue" | "not planned yet"


def save_rota(
    session: Session,
    network_ref: str,
    start: date,
    end: date,
    blocked: Iterable[date] = (),
    *,
    replace: bool = False,
) -> list[PlannedVisit]:
    """Plan the network's rota and keep it (one transaction, travelling to its schools).

    Raises NotFound for an unknown network, InvalidInput when a rota exists (unless
    ``replace``: the visits not yet turned into reviews are withdrawn) or it cannot fit.
    """
    from sqlalchemy import select

    from app.models import NetworkMember, RotaVisit, School
    from app.services.schools import get_network

    network = get_network(session, network_ref)
    _check_member(session, network.id, network.name)
    existing = list(
        session.scalars(
            select(RotaVisit).where(
                RotaVisit.network_id == network.id, RotaVisit.deleted.is_(False)
            )
        )
    )
    if existing and not replace:
        raise RotaExists(f"{network.name} already has a rota of {len(existing)} visits.")
    schools = list(
        session.execute(
            select(School.id)
            .join(NetworkMember, NetworkMember.school_id == School.id)
            .where(NetworkMember.network_id == network.id, NetworkMember.deleted.is_(False))
            .order_by(School.name)
        ).scalars()
    )
    visits = plan_rota(schools, start, end, blocked)
    kept = {v.host_school_id for v in existing if v.review_id}
    for old in existing:
        if not old.review_id:
            old.deleted = True
    for v in visits:
        if v.host not in kept:
            session.add(
                RotaVisit(
                    network_id=network.id,
                    day=v.day,
                    host_school_id=v.host,
                    visitor_ids=" ".join(v.visitors),
                )
            )
    session.flush()
    return visits


def _check_member(session: Session, network_id: str, name: str) -> None:
    """A laptop plans only the rota of a network its school is in (partners would refuse it
    anyway: docs/authority.md). A laptop with no school yet keeps its plan to itself."""
    from sqlalchemy import select

    from app.models import NetworkMember
    from app.services import entitled

    members = session.scalars(
        select(NetworkMember.school_id).where(
            NetworkMember.network_id == network_id, NetworkMember.deleted.is_(False)
        )
    )
    entitled.require(session, members, what="plan its visits", who=f"the schools of {name}")


def list_rota(
    session: Session, network_ref: str, today: date, school: str | None = None
) -> list[RotaRow]:
    """The network's visits by date (those of ``school`` only, when given), each flagged
    "write-up overdue" when its day has passed and its review is not signed yet, or
    "not planned yet" when the day has passed with no review planned from it."""
    from sqlalchemy import select

    from app.models import Review, RotaVisit, School
    from app.services.schools import get_network, get_school

    network = get_network(session, network_ref)
    only = get_school(session, school).id if school else None
    names = dict(session.execute(select(School.id, School.name)).all())
    status = dict(session.execute(select(Review.id, Review.status)).all())
    rows = []
    for v in session.scalars(
        select(RotaVisit)
        .where(RotaVisit.network_id == network.id, RotaVisit.deleted.is_(False))
        .order_by(RotaVisit.day)
    ):
        visitor_ids = tuple(v.visitor_ids.split())
        if only and only != v.host_school_id and only not in visitor_ids:
            continue
        flag = ""
        if v.day < today:
            if not v.review_id:
                flag = "not planned yet"
            elif status.get(v.review_id) in ("planned", "in-progress", "written-up"):
                flag = "write-up overdue"
        rows.append(
            RotaRow(
                id=v.id,
                day=v.day,
                host_id=v.host_school_id,
                host=names.get(v.host_school_id, v.host_school_id),
                visitor_ids=visitor_ids,
                visitors=tuple(names.get(s, s) for s in visitor_ids),
                review_id=v.review_id,
                flag=flag,
            )
        )
    return rows


def rota_calendar(network_name: str, rows: Sequence[RotaRow], stamp: datetime) -> bytes:
    """An iCalendar file (RFC 5545) of the visits, one all-day event each, that Outlook and
    Google Calendar import. UIDs are the visits' ids, so importing it again updates them."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Peerwalk//Peer review rota//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{network_name}: peer review visits")
    for r in rows:
        event = Event()
        event.add("uid", f"{r.id}@peerwalk")
        event.add("dtstamp", stamp)
        event.add("dtstart", r.day)
        event.add("dtend", r.day + timedelta(days=1))
        event.add("summary", f"Peer review visit to {r.host}")
        event.add(
            "description",
            f"Hosted by {r.host}; visiting: {', '.join(r.visitors)}. Network: {network_name}.",
        )
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return bytes(cal.to_ical())


def plan_review_from_visit(
    session: Session, visit_ref: str, focus: list[str], *, today: date | None = None
) -> str:
    """Turn a rota visit into a planned review in one step: the host on the visit's day, the
    head of each visiting school on the team (the first school's leads), host-only. Returns
    the review's id. Raises NotFound / InvalidInput as ``plan_review`` does, and when a
    visiting school has nobody recorded yet or the visit is already planned."""
    from sqlalchemy import select

    from app.models import Person, RotaVisit, School
    from app.services.lookup import by_id
    from app.services.reviews import plan_review

    visit = by_id(session, RotaVisit, visit_ref, "rota visit")
    if visit.review_id:
        raise InvalidInput("That rota visit is already planned as a review.")
    reviewers = []
    for school_id in visit.visitor_ids.split():
        people = list(
            session.scalars(
                select(Person)
                .where(Person.school_id == school_id, Person.deleted.is_(False))
                .order_by(Person.role != "headteacher", Person.name)
            )
        )
        if not people:
            name = session.scalar(select(School.name).where(School.id == school_id))
            raise InvalidInput(
                f"Nobody from {name or school_id} is recorded yet; add their head first."
            )
        reviewers.append(people[0].id)
    review = plan_review(
        session,
        host=visit.host_school_id,
        start=visit.day,
        focus=focus,
        reviewers=reviewers,
        today=today,
    )
    visit.review_id = review.id
    session.flush()
    return review.id

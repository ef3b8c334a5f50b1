"""The network's knowledge of itself: good practice a host releases, strengths a school
declares, where each school says it is, and "who can I go to for X?".

Everything here is something a school shares of its own accord, so each record names its
school and only that school's laptops may make or change it (here with one sentence, and on
import by app/sync/authority.py). A released item copies the statement, the focus area's words,
a summary and a contact; nothing else of the review goes with it (no note, no other
statement, not even the review's id), so it can travel where the review itself never does.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotFound, NotThisSchool
from app.models import (
    Action,
    Finding,
    NetworkMember,
    Person,
    PublishedStatus,
    ReleasedPractice,
    Review,
    ReviewFocus,
    School,
    SchoolStrength,
    link_id,
)
from app.services import entitled
from app.services.changes import Changes
from app.services.directory import Found, directory, words_of
from app.services.lookup import by_id, require_text
from app.services.schools import get_network, get_person, get_school

STAGES = {1: "starting", 2: "developing", 3: "embedding", 4: "secure"}
# Shown beside the words, never instead of them (colour alone says nothing to some readers).
STAGE_COLOURS = {1: "red", 2: "amber", 3: "yellow", 4: "green"}
MAX_SUMMARY_CHARS = 2_000


def _own(session: Session, school_id: str, what: str) -> None:
    name = session.scalar(select(School.name).where(School.id == school_id)) or school_id
    entitled.require(session, {school_id}, what=what, who=f"{name}'s laptops")


def _contact(session: Session, ref: str, school_id: str) -> Person:
    person = get_person(session, ref)
    if person.school_id != school_id:
        school = session.scalar(select(School.name).where(School.id == school_id))
        raise InvalidInput(f"The contact must be someone at {school}; {person.name} is not.")
    return person


def release(
    session: Session, finding_ref: str, *, contact: str, summary: str = ""
) -> ReleasedPractice:
    """Release a strength (WWW) of a review this laptop's school hosted to its networks.

    Raises NotFound, InvalidInput (an EBI, a contact from another school, released already),
    NotThisSchool (this laptop is not the host school's)."""
    finding = by_id(session, Finding, finding_ref, "statement")
    review = session.get(Review, finding.review_id)
    if review is None or review.deleted or finding.deleted:
        raise NotFound("That statement has been deleted.")
    _own(session, review.host_school_id, "release good practice from this review")
    if finding.kind != "www":
        raise InvalidInput("Only a strength (WWW) can be released as good practice.")
    if not finding.text.strip():
        raise InvalidInput("That statement is empty, so there is nothing to release.")
    if len(summary) > MAX_SUMMARY_CHARS:
        raise InvalidInput(f"A summary is at most {MAX_SUMMARY_CHARS:,} characters.")
    existing = session.scalar(
        select(ReleasedPractice).where(
            ReleasedPractice.finding_id == finding.id, ReleasedPractice.deleted.is_(False)
        )
    )
    if existing is not None:
        raise InvalidInput("That statement is released already; withdraw it first to change it.")
    person = _contact(session, contact, review.host_school_id)
    focus = session.get(ReviewFocus, finding.focus_id)
    item = ReleasedPractice(
        school_id=review.host_school_id,
        finding_id=finding.id,
        focus=focus.title if focus else "",
        statement=finding.text,
        summary=summary.strip(),
        contact_id=person.id,
        review_date=review.start_date,
    )
    # The good-practice flag is the visiting team's, as all a statement's words are
    # (docs/authority.md): the host's laptop leaves it to them; the release says it is shared.
    with suppress(NotThisSchool):
        entitled.require_team(session, review.id, "mark this statement good practice")
        finding.good_practice = True
    session.add(item)
    session.flush()
    return item


def withdraw(session: Session, item_ref: str) -> Changes:
    """Withdraw a released item (on every laptop, as packages go round). Raises NotFound,
    NotThisSchool."""
    item = by_id(session, ReleasedPractice, item_ref, "released item")
    _own(session, item.school_id, "withdraw this good practice")
    item.deleted = True
    return Changes.of(schools=item.school_id)


def add_strength(
    session: Session, school_ref: str, *, area: str, contact: str, text: str = ""
) -> SchoolStrength:
    """A strength a school declares about itself. Raises NotFound, InvalidInput,
    NotThisSchool."""
    school = get_school(session, school_ref)
    _own(session, school.id, f"declare {school.name}'s strengths")
    person = _contact(session, contact, school.id)
    item = SchoolStrength(
        school_id=school.id,
        area=require_text(area, "area"),
        text=text.strip(),
        contact_id=person.id,
    )
    session.add(item)
    session.flush()
    return item


def publish_status(
    session: Session, school_ref: str, *, area: str, stage: int, text: str = ""
) -> PublishedStatus:
    """Publish where a school is in one area (stage 1 starting … 4 secure), replacing what it
    published for that area before; next steps done/total are counted now from the reviews it
    hosted. Raises NotFound, InvalidInput, NotThisSchool."""
    school = get_school(session, school_ref)
    _own(session, school.id, f"publish {school.name}'s stages")
    area = require_text(area, "area")
    if stage not in STAGES:
        raise InvalidInput("A stage is 1 (starting), 2 (developing), 3 (embedding) or 4 (secure).")
    return _publish(session, school.id, area, stage, text.strip())


def publish_priorities(session: Session, school_ref: str, text: str) -> PublishedStatus:
    """A school's current priorities, published to its networks (an empty text clears them)."""
    school = get_school(session, school_ref)
    _own(session, school.id, f"publish {school.name}'s priorities")
    return _publish(session, school.id, "", 0, text.strip())


def _publish(session: Session, school_id: str, area: str, stage: int, text: str) -> PublishedStatus:
    done, total = next_steps_done(session, school_id)
    rid = link_id("published-status", school_id, area.casefold())
    row = session.get(PublishedStatus, rid)
    if row is None:
        row = PublishedStatus(id=rid, school_id=school_id, area=area)
        session.add(row)
    row.deleted = False
    row.area, row.stage, row.text = area, stage, text
    row.steps_done, row.steps_total = done, total
    session.flush()
    return row


def next_steps_done(session: Session, school_id: str) -> tuple[int, int]:
    """(done, all) of the next steps agreed at reviews the school hosted."""
    rows = session.execute(
        select(Action.status, func.count())
        .join(Review, Review.id == Action.review_id)
        .where(
            Review.host_school_id == school_id,
            Review.deleted.is_(False),
            Action.deleted.is_(False),
        )
        .group_by(Action.status)
    ).all()
    counts = {status: n for status, n in rows}
    return counts.get("done", 0), sum(counts.values())


def suggestions_for(session: Session, finding_ref: str, limit: int = 3) -> list[Found]:
    """Schools whose released practice matches an EBI, so its next step can name where to go
    (the review's own host school left out). Raises NotFound."""
    finding = by_id(session, Finding, finding_ref, "statement")
    review = session.get(Review, finding.review_id)
    if finding.kind != "ebi" or review is None:
        return []
    focus = session.get(ReviewFocus, finding.focus_id)
    text = f"{focus.title if focus else ''} {finding.text}"
    if not words_of(text):
        return []
    found = directory(session, text, exclude_school=review.host_school_id, limit=50)
    # One shared word is chance; a suggestion shares at least two (or all, if fewer).
    enough = min(2, len(words_of(text)))
    return [f for f in found if f.kind == "released practice" and f.score >= enough][:limit]


@dataclass(frozen=True)
class Cell:
    stage: int
    words: str  # "2 developing (amber)"
    text: str


@dataclass(frozen=True)
class NetworkStatus:
    """The coordinator's grid: schools × areas, from what schools published, nothing else."""

    network: str
    areas: tuple[str, ...]
    schools: tuple[tuple[str, str], ...]  # (id, name)
    cells: dict[tuple[str, str], Cell]  # (school id, area) -> cell
    priorities: dict[str, str]  # school id -> its published priorities
    steps: dict[str, tuple[int, int]]  # school id -> (done, total) when it last published


def stage_words(stage: int) -> str:
    return f"{stage} {STAGES[stage]} ({STAGE_COLOURS[stage]})"


def network_status(session: Session, network_ref: str) -> NetworkStatus:
    net = get_network(session, network_ref)
    members = session.execute(
        select(School.id, School.name)
        .join(NetworkMember, NetworkMember.school_id == School.id)
        .where(NetworkMember.network_id == net.id, NetworkMember.deleted.is_(False))
        .order_by(School.name)
    ).all()
    ids = [m[0] for m in members]
    cells: dict[tuple[str, str], Cell] = {}
    priorities: dict[str, str] = {}
    steps: dict[str, tuple[int, int]] = {}
    areas: dict[str, str] = {}
    for row in session.scalars(
        select(PublishedStatus).where(
            PublishedStatus.school_id.in_(ids), PublishedStatus.deleted.is_(False)
        )
    ):
        steps[row.school_id] = (row.steps_done, row.steps_total)
        if not row.area:
            priorities[row.school_id] = row.text
            continue
        area = areas.setdefault(row.area.casefold(), row.area)
        if row.stage in STAGES:
            cells[(row.school_id, area)] = Cell(row.stage, stage_words(row.stage), row.text)
    return NetworkStatus(
        network=net.name,
        areas=tuple(sorted(areas.values(), key=str.casefold)),
        schools=tuple((m[0], m[1]) for m in members),
        cells=cells,
        priorities=priorities,
        steps=steps,
    )


def released_items(session: Session) -> list[dict[str, object]]:
    """Released good practice held here, newest review first (for lists and the CLI's --json)."""
    schools = dict(session.execute(select(School.id, School.name)).all())
    people = dict(session.execute(select(Person.id, Person.name)).all())
    rows = session.scalars(
        select(ReleasedPractice)
        .where(ReleasedPractice.deleted.is_(False))
        .order_by(ReleasedPractice.review_date.desc())
    )
    return [
        {
            "id": r.id,
            "school_id": r.school_id,
            "school": schools.get(r.school_id, r.school_id),
            "focus": r.focus,
            "statement": r.statement,
            "summary": r.summary,
            "contact": people.get(r.contact_id or "", ""),
            "review_date": r.review_date.isoformat() if r.review_date else None,
        }
        for r in rows
    ]

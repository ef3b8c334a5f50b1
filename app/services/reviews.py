"""Planning a visit and reading it back."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from app.errors import InvalidInput
from app.models import (
    Action,
    Activity,
    Finding,
    FindingEvidence,
    Network,
    NetworkMember,
    Note,
    NoteAttachment,
    Person,
    Review,
    ReviewFocus,
    SafeguardingConcern,
    School,
    TeamMember,
)
from app.services.frameworks import get_framework, match_area
from app.services.lookup import by_id, one_of, require_text
from app.services.schools import get_network, get_person, get_school
from app.vocabulary import ACTIVITY_KINDS, DISTRIBUTIONS, STATUSES


def plan_review(
    session: Session,
    *,
    host: str,
    start: date,
    focus: list[str],
    reviewers: list[str],
    writer: str | None = None,
    framework: str = "developmental",
    end: date | None = None,
    network: str | None = None,
    distribution: str = "host-only",
    title: str = "",
    context: str = "",
    host_staff: list[str] | None = None,
) -> Review:
    """Plan a visit. The receiving (host) school's chosen focus areas are kept in its words;
    a focus that names a framework area (by code or title) takes that area's prompts.

    Raises NotFound for unknown schools/people/frameworks, InvalidInput for bad values.
    """
    school = get_school(session, host)
    fw = get_framework(session, framework)
    one_of(distribution, DISTRIBUTIONS, "distribution (who may receive the report)")
    end = end or start
    if end < start:
        raise InvalidInput("The visit cannot end before it starts.")
    focus = [require_text(f, "focus area") for f in focus]
    if not focus:
        raise InvalidInput("Choose at least one focus area with the receiving school.")
    if len({f.casefold() for f in focus}) != len(focus):
        raise InvalidInput("The same focus area is given twice.")
    if not reviewers:
        raise InvalidInput("A visit needs at least one visiting reviewer.")
    team = [get_person(session, name) for name in reviewers]
    if len({p.id for p in team}) != len(team):
        raise InvalidInput("The same reviewer is named twice.")
    writer_person = get_person(session, writer) if writer else team[0]
    if writer_person.id not in {p.id for p in team}:
        raise InvalidInput(f"The writer, {writer_person.name}, must be one of the visiting reviewers.")
    staff = [get_person(session, name) for name in host_staff or []]
    net = get_network(session, network) if network else _network_of(session, school.id, team)

    review = Review(
        host_school_id=school.id,
        network_id=net.id if net else None,
        framework_key=fw.key,
        title=title or f"Peer review: {school.name}",
        start_date=start,
        end_date=end,
        status="planned",
        distribution=distribution,
        context=context,
        writer_id=writer_person.id,
    )
    session.add(review)
    session.flush()
    for i, text in enumerate(focus):
        area = match_area(fw, text)
        session.add(
            ReviewFocus(
                review_id=review.id,
                position=i,
                title=area.title if area and text.casefold() == area.code.casefold() else text,
                framework_code=area.code if area else "",
                prompts="\n".join(area.prompts) if area else "",
            )
        )
    for i, person in enumerate(team):
        session.add(TeamMember(review_id=review.id, person_id=person.id, role="lead" if i == 0 else "reviewer"))
    for person in staff:
        session.add(TeamMember(review_id=review.id, person_id=person.id, role="host-staff"))
    session.flush()
    return review


def _network_of(session: Session, host_id: str, team: list[Person]) -> Network | None:
    """The one network holding the host school and the reviewers' schools, if exactly one."""
    wanted = {host_id} | {p.school_id for p in team if p.school_id}
    candidates = []
    for net in session.scalars(select(Network).where(Network.deleted.is_(False))):
        members = set(
            session.scalars(
                select(NetworkMember.school_id).where(
                    NetworkMember.network_id == net.id, NetworkMember.deleted.is_(False)
                )
            )
        )
        if wanted <= members:
            candidates.append(net)
    return candidates[0] if len(candidates) == 1 else None


def get_review(session: Session, ref: str) -> Review:
    return by_id(session, Review, ref, "review")


def set_status(session: Session, ref: str, status: str) -> Review:
    review = get_review(session, ref)
    review.status = one_of(status, STATUSES, "review status")
    return review


def get_focus(session: Session, review: Review, text: str) -> ReviewFocus:
    """The review's focus area whose title (or framework code) matches ``text``, any case.

    A unique case-insensitive prefix of the title is accepted too. Raises InvalidInput
    listing the valid focus areas.
    """
    areas = focus_areas(session, review.id)
    wanted = text.strip().casefold()
    exact = [a for a in areas if a.title.casefold() == wanted or (a.framework_code and a.framework_code.casefold() == wanted)]
    if len(exact) == 1:
        return exact[0]
    prefix = [a for a in areas if wanted and a.title.casefold().startswith(wanted)]
    if len(prefix) == 1:
        return prefix[0]
    listing = "; ".join(f"'{a.title}'" for a in areas)
    raise InvalidInput(f"'{text}' is not one of this review's focus areas: {listing}.")


def focus_areas(session: Session, review_id: str) -> list[ReviewFocus]:
    return list(
        session.scalars(
            select(ReviewFocus)
            .where(ReviewFocus.review_id == review_id, ReviewFocus.deleted.is_(False))
            .order_by(ReviewFocus.position)
        )
    )


def get_activity(session: Session, review: Review, kind: str, *, create: bool = True) -> Activity:
    """The review's first activity of this kind (by time), or a new unplanned one."""
    one_of(kind, ACTIVITY_KINDS, "kind of activity")
    found = session.scalars(
        select(Activity)
        .where(Activity.review_id == review.id, Activity.kind == kind, Activity.deleted.is_(False))
        .order_by(Activity.starts)
    ).first()
    if found is not None or not create:
        return found  # type: ignore[return-value]
    activity = Activity(review_id=review.id, kind=kind, title=kind.replace("-", " ").capitalize(), day=review.start_date)
    session.add(activity)
    session.flush()
    return activity


def add_activity(session: Session, review_ref: str, kind: str, **fields: Any) -> Activity:
    review = get_review(session, review_ref)
    one_of(kind, ACTIVITY_KINDS, "kind of activity")
    for key in ("starts", "ends"):
        value = (fields.get(key) or "").strip()
        if value and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
            raise InvalidInput(f"'{value}' is not a time; write times as HH:MM, for example 09:30.")
        fields[key] = value
    fields["title"] = (fields.get("title") or "").strip() or kind.replace("-", " ").capitalize()
    for key in ("reviewer", "host_colleague"):
        name = fields.pop(key, None)
        fields[f"{key}_id"] = get_person(session, name).id if name else None
    activity = Activity(review_id=review.id, kind=kind, day=fields.pop("day", None) or review.start_date, **fields)
    session.add(activity)
    session.flush()
    return activity


def review_detail(session: Session, ref: str, *, with_safeguarding: bool = False) -> dict[str, Any]:
    """Everything about one review as plain data (safeguarding only when asked for)."""
    review = get_review(session, ref)
    school = session.get(School, review.host_school_id)
    network = session.get(Network, review.network_id) if review.network_id else None
    people = {p.id: p for p in session.scalars(select(Person))}

    def name(pid: str | None) -> str | None:
        return people[pid].name if pid and pid in people else None

    team = session.scalars(
        select(TeamMember).where(TeamMember.review_id == review.id, TeamMember.deleted.is_(False))
    ).all()
    areas = focus_areas(session, review.id)
    activities = session.scalars(
        select(Activity)
        .where(Activity.review_id == review.id, Activity.deleted.is_(False))
        .order_by(Activity.day, Activity.starts)
    ).all()
    notes = session.scalars(
        select(Note).where(Note.review_id == review.id, Note.deleted.is_(False)).order_by(Note.captured_at)
    ).all()
    photos: dict[str, list[str]] = {}
    in_report: dict[str, list[str]] = {}
    for na in session.scalars(
        select(NoteAttachment)
        .join(Note, Note.id == NoteAttachment.note_id)
        .where(Note.review_id == review.id, NoteAttachment.deleted.is_(False))
    ):
        photos.setdefault(na.note_id, []).append(na.sha256)
        if na.in_report:
            in_report.setdefault(na.note_id, []).append(na.sha256)
    findings = session.scalars(
        select(Finding)
        .where(Finding.review_id == review.id, Finding.deleted.is_(False))
        .order_by(Finding.position, Finding.created_at)
    ).all()
    evidence: dict[str, list[str]] = {}
    for fe in session.scalars(
        select(FindingEvidence)
        .join(Finding, Finding.id == FindingEvidence.finding_id)
        .where(Finding.review_id == review.id, FindingEvidence.deleted.is_(False))
    ):
        evidence.setdefault(fe.finding_id, []).append(fe.note_id)
    owner = aliased(Person)
    actions = session.execute(
        select(Action, owner.name)
        .outerjoin(owner, owner.id == Action.owner_id)
        .where(Action.review_id == review.id, Action.deleted.is_(False))
        .order_by(Action.due)
    ).all()
    detail: dict[str, Any] = {
        "id": review.id,
        "title": review.title,
        "host_school": {"id": school.id, "name": school.name, "welsh_medium": school.welsh_medium} if school else None,
        "network": network.name if network else None,
        "framework": review.framework_key,
        "start_date": review.start_date.isoformat(),
        "end_date": review.end_date.isoformat(),
        "status": review.status,
        "distribution": review.distribution,
        "context": review.context,
        "writer": name(review.writer_id),
        "team": [{"person_id": t.person_id, "name": name(t.person_id), "role": t.role} for t in team],
        "focus_areas": [
            {"id": a.id, "title": a.title, "code": a.framework_code, "prompts": [p for p in a.prompts.splitlines() if p], "estimate": a.estimate}
            for a in areas
        ],
        "activities": [
            {
                "id": a.id,
                "kind": a.kind,
                "title": a.title,
                "day": a.day.isoformat() if a.day else None,
                "starts": a.starts,
                "ends": a.ends,
                "place": a.place,
                "subject": a.subject,
                "year_group": a.year_group,
                "reviewer": name(a.reviewer_id),
                "host_colleague": name(a.host_colleague_id),
            }
            for a in activities
        ],
        "notes": [
            {
                "id": n.id,
                "focus_id": n.focus_id,
                "activity_id": n.activity_id,
                "kind": n.kind,
                "text": n.text,
                "author": name(n.author_id),
                "captured_at": n.captured_at.isoformat(timespec="minutes"),
                "photos": photos.get(n.id, []),
                "report_photos": in_report.get(n.id, []),
            }
            for n in notes
        ],
        "findings": [
            {
                "id": f.id,
                "focus_id": f.focus_id,
                "kind": f.kind,
                "text": f.text,
                "good_practice": f.good_practice,
                "evidence": evidence.get(f.id, []),
            }
            for f in findings
        ],
        "actions": [
            {
                "id": a.id,
                "text": a.text,
                "owner": owner_name,
                "due": a.due.isoformat() if a.due else None,
                "status": a.status,
                "finding_id": a.finding_id,
            }
            for a, owner_name in actions
        ],
    }
    if with_safeguarding:
        detail["safeguarding"] = [
            {"id": c.id, "text": c.text, "raised_by": c.raised_by, "raised_at": c.raised_at.isoformat()}
            for c in session.scalars(select(SafeguardingConcern).where(SafeguardingConcern.review_id == review.id))
        ]
    return detail

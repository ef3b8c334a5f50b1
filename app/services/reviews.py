"""Planning a visit and reading it back."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from app.errors import HostStaffOnTeam, ImplausibleDate, InUse, InvalidInput
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
    School,
    TeamMember,
)
from app.services import dates, entitled
from app.services.changes import Changes
from app.services.dates import check_visit_date
from app.services.frameworks import get_framework, match_area
from app.services.lookup import by_id, one_of, require_text
from app.services.read_models import (
    ActionRow,
    AgendaRow,
    ConcernRow,
    FindingRow,
    FocusAreaRow,
    HostSchool,
    NoteRow,
    ReviewDetail,
    TeamMemberRow,
)
from app.services.schools import get_network, get_person, get_school
from app.vocabulary import ACTIVITY_KINDS, DISTRIBUTIONS


def plan_review(  # noqa: PLR0913 (keyword-only: one per thing a visit's plan names)
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
    today: date | None = None,
    follows: str | None = None,
) -> Review:
    """Plan a visit. The receiving (host) school's chosen focus areas are kept in its words;
    a focus that names a framework area (by code or title) takes that area's prompts.

    ``today`` defaults to the unit of work's injected clock (app.services.dates.today).
    Raises NotFound for unknown schools/people/frameworks, InvalidInput for bad values,
    ImplausibleDate for a visit more than two years from today, HostStaffOnTeam for one of
    the host school's own staff named as a visitor (or a visitor as host staff).
    """
    school = get_school(session, host)
    fw = get_framework(session, framework)
    one_of(distribution, DISTRIBUTIONS, "distribution (who may receive the report)")
    check_visit_date(start, today or dates.today(session))
    end = end or start
    if end < start:
        raise InvalidInput("The visit cannot end before it starts.")
    check_visit_date(end, today or dates.today(session), "end date")
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
        raise InvalidInput(
            f"The writer, {writer_person.name}, must be one of the visiting reviewers."
        )
    for person in team:
        _check_visitor(session, person, school)
    staff = [get_person(session, name) for name in host_staff or []]
    for person in staff:
        _check_host_staff(session, person, school, {p.id for p in team})
    net = get_network(session, network) if network else _network_of(session, school.id, team)
    from app.services.followup import previous_review

    # Set in the review's first version: a visiting lead who plans the visit may link it then,
    # while a later change of the link is the host school's (docs/authority.md).
    earlier = previous_review(session, school.id, start, follows)
    review = Review(
        follows_id=earlier,
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
        session.add(
            TeamMember(
                review_id=review.id, person_id=person.id, role="lead" if i == 0 else "reviewer"
            )
        )
    for person in staff:
        session.add(TeamMember(review_id=review.id, person_id=person.id, role="host-staff"))
    session.flush()
    return review


def edit_review(  # noqa: PLR0913 (keyword-only: one per `reviews edit` option)
    session: Session,
    ref: str,
    *,
    start: date | None = None,
    end: date | None = None,
    add_focus: Sequence[str] = (),
    remove_focus: Sequence[str] = (),
    add_reviewers: Sequence[str] = (),
    remove_reviewers: Sequence[str] = (),
    writer: str | None = None,
    add_host_staff: Sequence[str] = (),
    remove_host_staff: Sequence[str] = (),
    today: date | None = None,
) -> Changes:
    """Change a planned visit: its dates, focus areas, visiting team, writer and host staff.

    A new start date keeps the visit's length unless ``end`` is given too. Removing the lead
    makes the next reviewer lead; removing the writer needs a new ``writer``. A focus area with
    notes or statements cannot be removed (InUse): move or delete them first. Only the host
    school's laptops may change dates, team, writer and host staff (NotThisSchool).
    ``today`` defaults to the unit of work's injected clock. Raises NotFound, InvalidInput,
    ImplausibleDate, HostStaffOnTeam, InUse, NotThisSchool; on any error nothing is changed
    (the caller's transaction rolls back).
    """
    review = get_review(session, ref)
    school = session.get(School, review.host_school_id)
    assert school is not None
    if (
        start
        or end
        or add_reviewers
        or remove_reviewers
        or writer
        or add_host_staff
        or remove_host_staff
    ):
        entitled.require_host(session, review, "change the dates, team or writer of this visit")
    if add_focus or remove_focus:
        entitled.require_in_review(session, review.id, "change the focus of this visit")
    if start or end:
        _move_dates(session, review, start, end, today or dates.today(session))
    if add_focus or remove_focus:
        _change_focus(session, review, add_focus, remove_focus)
    if add_reviewers or remove_reviewers or writer or add_host_staff or remove_host_staff:
        _change_team(
            session,
            review,
            school,
            add_reviewers=add_reviewers,
            remove_reviewers=remove_reviewers,
            writer=writer,
            add_staff=add_host_staff,
            remove_staff=remove_host_staff,
        )
    return Changes.of(reviews=review.id)


def _move_dates(
    session: Session, review: Review, start: date | None, end: date | None, today: date
) -> None:
    new_start = start or review.start_date
    new_end = end or (
        new_start + (review.end_date - review.start_date) if start else review.end_date
    )
    if new_end < new_start:
        raise InvalidInput("The visit cannot end before it starts.")
    if new_end != review.end_date:
        check_visit_date(new_end, today, "end date")
    if start is not None and start != review.start_date:
        check_visit_date(start, today)
        early = session.scalars(
            select(Action)
            .where(Action.review_id == review.id, Action.deleted.is_(False), Action.due < new_start)
            .order_by(Action.due)
        ).first()
        if early is not None and early.due is not None:
            raise ImplausibleDate(
                f"The next step '{early.text[:60]}' is due on {dates.long_date(early.due)}, "
                "before the visit would start; change its date first.",
                what="visit date",
                value=new_start,
                earliest=today,
                latest=early.due,
            )
    if new_start != review.start_date:
        review.start_date = new_start
    if new_end != review.end_date:
        review.end_date = new_end


def _change_focus(
    session: Session, review: Review, add: Sequence[str], remove: Sequence[str]
) -> None:
    gone = {get_focus(session, review, text).id: text for text in remove}
    for area_id, text in gone.items():
        counts = {
            "notes": len(
                session.scalars(
                    select(Note.id).where(Note.focus_id == area_id, Note.deleted.is_(False))
                ).all()
            ),
            "statements": len(
                session.scalars(
                    select(Finding.id).where(
                        Finding.focus_id == area_id, Finding.deleted.is_(False)
                    )
                ).all()
            ),
        }
        if any(counts.values()):
            held = " and ".join(f"{n} {k if n != 1 else k[:-1]}" for k, n in counts.items() if n)
            raise InUse(
                f"The focus area '{text}' has {held}; move or delete them before removing it.",
                record_id=area_id,
                counts=counts,
            )
    areas = focus_areas(session, review.id)
    kept = [a for a in areas if a.id not in gone]
    titles = {a.title.casefold() for a in kept}
    fw = get_framework(session, review.framework_key)
    position = max((a.position for a in areas), default=-1) + 1
    new: list[ReviewFocus] = []
    for raw in add:
        text = require_text(raw, "focus area")
        area = match_area(fw, text)
        title = area.title if area and text.casefold() == area.code.casefold() else text
        if title.casefold() in titles:
            raise InvalidInput(f"The visit already has the focus area '{title}'.")
        titles.add(title.casefold())
        new.append(
            ReviewFocus(
                review_id=review.id,
                position=position + len(new),
                title=title,
                framework_code=area.code if area else "",
                prompts="\n".join(area.prompts) if area else "",
            )
        )
    if not kept and not new:
        raise InvalidInput("A visit needs at least one focus area.")
    for existing in areas:
        if existing.id in gone:
            existing.deleted = True
    session.add_all(new)


def _change_team(
    session: Session,
    review: Review,
    school: School,
    *,
    add_reviewers: Sequence[str],
    remove_reviewers: Sequence[str],
    writer: str | None,
    add_staff: Sequence[str],
    remove_staff: Sequence[str],
) -> None:
    rows = list(
        session.scalars(
            select(TeamMember)
            .where(TeamMember.review_id == review.id, TeamMember.deleted.is_(False))
            .order_by(TeamMember.created_at)
        )
    )
    visitors = {r.person_id: r for r in rows if r.role != "host-staff"}
    staff = {r.person_id: r for r in rows if r.role == "host-staff"}
    for name in remove_reviewers:
        person = get_person(session, name)
        if visitors.pop(person.id, None) is None:
            raise InvalidInput(f"{person.name} is not on the visiting team.")
        _remove(rows, person.id, visitors=True)
    for name in remove_staff:
        person = get_person(session, name)
        if staff.pop(person.id, None) is None:
            raise InvalidInput(f"{person.name} is not among the host staff.")
        _remove(rows, person.id, visitors=False)
    for name in add_reviewers:
        person = get_person(session, name)
        if person.id in visitors:
            raise InvalidInput(f"{person.name} is already on the visiting team.")
        if person.id in staff:
            raise HostStaffOnTeam(
                f"{person.name} is host staff, so cannot also be on the visiting team.",
                person_id=person.id,
                school_id=person.school_id,
            )
        _check_visitor(session, person, school)
        visitors[person.id] = TeamMember(review_id=review.id, person_id=person.id, role="reviewer")
        session.add(visitors[person.id])
    for name in add_staff:
        person = get_person(session, name)
        if person.id in staff:
            raise InvalidInput(f"{person.name} is already among the host staff.")
        _check_host_staff(session, person, school, set(visitors))
        staff[person.id] = TeamMember(review_id=review.id, person_id=person.id, role="host-staff")
        session.add(staff[person.id])
    if not visitors:
        raise InvalidInput("A visit needs at least one visiting reviewer.")
    if not any(r.role == "lead" for r in visitors.values()):
        next(iter(visitors.values())).role = "lead"
    _set_writer(session, review, writer, set(visitors))


def _set_writer(session: Session, review: Review, writer: str | None, visitors: set[str]) -> None:
    """The writer is one of the visitors: the one named, or the one already set, who must still
    be on the team. Raises InvalidInput otherwise."""
    if writer is not None:
        person = get_person(session, writer)
        if person.id not in visitors:
            raise InvalidInput(f"The writer, {person.name}, must be one of the visiting reviewers.")
        if review.writer_id != person.id:
            review.writer_id = person.id
    elif review.writer_id and review.writer_id not in visitors:
        gone = session.get(Person, review.writer_id) if review.writer_id else None
        raise InvalidInput(
            f"{gone.name if gone else 'The writer'} writes the report; "
            "choose another writer from the team first."
        )


def _remove(rows: list[TeamMember], person_id: str, *, visitors: bool) -> None:
    for row in rows:
        if row.person_id == person_id and (row.role != "host-staff") == visitors:
            row.deleted = True


def _check_visitor(session: Session, person: Person, host: School) -> None:
    """The visiting team (lead, reviewers, writer) comes from other schools."""
    if person.school_id == host.id:
        raise HostStaffOnTeam(
            f"{person.name} works at {host.name}, the school being reviewed, so cannot be on the "
            "visiting team; name them as host staff instead.",
            person_id=person.id,
            school_id=person.school_id,
        )


def _check_host_staff(session: Session, person: Person, host: School, visitors: set[str]) -> None:
    """Host staff are the host school's own people, never a visitor."""
    if person.id in visitors:
        raise HostStaffOnTeam(
            f"{person.name} is on the visiting team, so cannot also be host staff.",
            person_id=person.id,
            school_id=person.school_id,
        )
    if person.school_id != host.id:
        where = session.get(School, person.school_id) if person.school_id else None
        raise HostStaffOnTeam(
            f"{person.name} {'works at ' + where.name if where else 'has no school'}, "
            f"so cannot be host staff at {host.name}.",
            person_id=person.id,
            school_id=person.school_id,
        )


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
    """Set a review's status by hand, as far as what happened allows (app.services.status).
    Raises NotFound, InvalidInput or StatusNotReached."""
    from app.services.status import set_status as follow_facts

    review = get_review(session, ref)
    follow_facts(session, review.id, status)
    return review


def get_focus(session: Session, review: Review, text: str) -> ReviewFocus:
    """The review's focus area whose title (or framework code) matches ``text``, any case.

    A unique case-insensitive prefix of the title is accepted too. Raises InvalidInput
    listing the valid focus areas.
    """
    areas = focus_areas(session, review.id)
    wanted = text.strip().casefold()
    exact = [
        a
        for a in areas
        if a.title.casefold() == wanted
        or (a.framework_code and a.framework_code.casefold() == wanted)
    ]
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
    activity = Activity(
        review_id=review.id,
        kind=kind,
        title=kind.replace("-", " ").capitalize(),
        day=review.start_date,
    )
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
    activity = Activity(
        review_id=review.id, kind=kind, day=fields.pop("day", None) or review.start_date, **fields
    )
    session.add(activity)
    session.flush()
    return activity


def review_detail(session: Session, ref: str, *, with_safeguarding: bool = False) -> ReviewDetail:
    """Everything about one review as a typed read model (safeguarding only when asked for).
    Raises NotFound for an unknown review."""
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
        select(Note)
        .where(Note.review_id == review.id, Note.deleted.is_(False))
        .order_by(Note.captured_at)
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
    live_findings = {f.id for f in findings}
    evidence: dict[str, list[str]] = {}
    for fe in session.scalars(
        select(FindingEvidence)
        .join(Finding, Finding.id == FindingEvidence.finding_id)
        .join(Note, Note.id == FindingEvidence.note_id)
        .where(
            Finding.review_id == review.id,
            FindingEvidence.deleted.is_(False),
            Note.deleted.is_(False),
        )
    ):
        evidence.setdefault(fe.finding_id, []).append(fe.note_id)
    owner = aliased(Person)
    actions = session.execute(
        select(Action, owner.name)
        .outerjoin(owner, owner.id == Action.owner_id)
        .where(Action.review_id == review.id, Action.deleted.is_(False))
        .order_by(Action.due)
    ).all()
    if with_safeguarding:
        from app.services.safeguarding import list_concerns

        concerns: tuple[ConcernRow, ...] | None = list_concerns(session, review.id)
    else:
        concerns = None
    from app.services.followup_source import since_last_visit
    from app.services.signed_since import changed_since_signed

    return ReviewDetail(
        changed_since_signed=changed_since_signed(session, review.id),
        id=review.id,
        title=review.title,
        host_school=HostSchool(id=school.id, name=school.name, welsh_medium=school.welsh_medium)
        if school
        else None,
        network=network.name if network else None,
        framework=review.framework_key,
        start_date=review.start_date.isoformat(),
        end_date=review.end_date.isoformat(),
        status=review.status,
        distribution=review.distribution,
        context=review.context,
        summary=review.summary,
        follows_id=review.follows_id,
        writer=name(review.writer_id),
        writer_id=review.writer_id,
        team=tuple(
            TeamMemberRow(person_id=t.person_id, name=name(t.person_id), role=t.role) for t in team
        ),
        focus_areas=tuple(
            FocusAreaRow(
                id=a.id,
                title=a.title,
                code=a.framework_code,
                prompts=tuple(p for p in a.prompts.splitlines() if p),
                estimate=a.estimate,
                self_evaluation=a.self_evaluation,
                look_at=a.look_at,
            )
            for a in areas
        ),
        activities=tuple(
            AgendaRow(
                id=a.id,
                kind=a.kind,
                title=a.title,
                day=a.day.isoformat() if a.day else None,
                starts=a.starts,
                ends=a.ends,
                place=a.place,
                subject=a.subject,
                year_group=a.year_group,
                reviewer=name(a.reviewer_id),
                host_colleague=name(a.host_colleague_id),
                reviewer_id=a.reviewer_id,
                host_colleague_id=a.host_colleague_id,
            )
            for a in activities
        ),
        notes=tuple(
            NoteRow(
                id=n.id,
                focus_id=n.focus_id,
                activity_id=n.activity_id,
                kind=n.kind,
                text=n.text,
                author=name(n.author_id),
                captured_at=n.captured_at.isoformat(timespec="minutes"),
                photos=tuple(photos.get(n.id, ())),
                report_photos=tuple(in_report.get(n.id, ())),
                author_id=n.author_id,
            )
            for n in notes
        ),
        findings=tuple(
            FindingRow(
                id=f.id,
                focus_id=f.focus_id,
                kind=f.kind,
                text=f.text,
                good_practice=f.good_practice,
                evidence=tuple(evidence.get(f.id, ())),
                follows_finding_id=f.follows_finding_id,
            )
            for f in findings
        ),
        actions=tuple(
            ActionRow(
                id=a.id,
                text=a.text,
                owner=owner_name,
                due=a.due.isoformat() if a.due else None,
                status=a.status,
                finding_id=a.finding_id if a.finding_id in live_findings else None,
                owner_id=a.owner_id,
                impact=a.impact,
            )
            for a, owner_name in actions
        ),
        safeguarding=concerns,
        since_last_visit=since_last_visit(session, review.id),
    )

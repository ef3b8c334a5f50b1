"""Changing a planned visit after it was planned: the form's read model, one edit of the whole
plan (dates, focus, team, writer, host staff, agenda) in one transaction, and its inverse.

The window's Plan page opens an existing review with :func:`plan_form`, lets the person change
what this laptop's school may change (docs/authority.md: the host school decides dates, team,
writer and host staff; the host and the visiting team's schools write the focus and the agenda),
and saves the difference as a :class:`PlanEdit` with :func:`edit_plan`. ``edit_plan`` returns
the edit that undoes it (computed inside the transaction, once new agenda rows have ids), so
Edit > Undo is the same service called again. No Qt here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import InUse, InvalidInput, NotFound, NotThisSchool
from app.models import Activity, Finding, Note, Person, Review, School, TeamMember
from app.services import entitled
from app.services.changes import Changes
from app.services.lookup import one_of
from app.services.plan_models import AgendaItem, FocusItem, PlanEdit, PlanForm
from app.services.reviews import edit_review, focus_areas, get_review
from app.vocabulary import ACTIVITY_KINDS

_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


def plan_form(session: Session, review_id: str) -> PlanForm:
    """The review's plan as the form edits it. Raises NotFound."""
    review = get_review(session, review_id)
    school = session.get(School, review.host_school_id)
    team = list(
        session.scalars(
            select(TeamMember)
            .where(TeamMember.review_id == review.id, TeamMember.deleted.is_(False))
            .order_by(TeamMember.created_at)
        )
    )
    visitors = [t.person_id for t in team if t.role == "lead"]
    visitors += [t.person_id for t in team if t.role == "reviewer"]
    used = set(
        session.scalars(
            select(Note.focus_id).where(Note.review_id == review.id, Note.deleted.is_(False))
        )
    )
    used |= set(
        session.scalars(
            select(Finding.focus_id).where(
                Finding.review_id == review.id, Finding.deleted.is_(False)
            )
        )
    )
    why = []
    may_plan = _may(lambda: entitled.require_host(session, review, "change the plan"))
    may_write = _may(lambda: entitled.require_in_review(session, review.id, "change the focus"))
    if not may_write:
        why.append(
            "This laptop's school is neither the host nor on the visiting team, so this plan "
            "can only be read here."
        )
    elif not may_plan:
        host = school.name if school else "the host school"
        why.append(
            f"The date, team, writer and host staff are decided by {host}: change them on one "
            "of its laptops (its changes reach you in its next package)."
        )
    return PlanForm(
        id=review.id,
        host_school_id=review.host_school_id,
        host_school=school.name if school else review.host_school_id,
        framework=review.framework_key,
        distribution=review.distribution,
        start=review.start_date,
        end=review.end_date,
        focus=tuple(
            FocusItem(a.id, a.title, a.framework_code, a.id in used)
            for a in focus_areas(session, review.id)
        ),
        visitors=tuple(visitors),
        writer_id=review.writer_id,
        host_staff=tuple(t.person_id for t in team if t.role == "host-staff"),
        agenda=tuple(
            AgendaItem(a.kind, a.starts, a.title, a.reviewer_id, a.host_colleague_id, a.id)
            for a in _activities(session, review.id)
        ),
        may_plan=may_plan,
        may_write=may_write,
        why=" ".join(why),
    )


def _may(check: Callable[[], None]) -> bool:
    try:
        check()
    except NotThisSchool:
        return False
    return True


def _activities(session: Session, review_id: str) -> list[Activity]:
    return list(
        session.scalars(
            select(Activity)
            .where(Activity.review_id == review_id, Activity.deleted.is_(False))
            .order_by(Activity.day, Activity.starts, Activity.created_at)
        )
    )


def edit_plan(session: Session, review_id: str, edit: PlanEdit) -> tuple[Changes, PlanEdit]:
    """Apply ``edit`` to the review, all of it or none (the caller's transaction), and return
    what changed and the edit that undoes it. Raises NotFound, InvalidInput, ImplausibleDate,
    HostStaffOnTeam, InUse (a focus area or agenda row that notes rest on), NotThisSchool."""
    review = get_review(session, review_id)
    before = plan_form(session, review.id)
    edit_review(
        session,
        review.id,
        start=edit.start if edit.start and edit.start != review.start_date else None,
        add_focus=edit.add_focus,
        remove_focus=edit.remove_focus,
        add_reviewers=edit.add_reviewers,
        remove_reviewers=edit.remove_reviewers,
        writer=edit.writer if edit.writer and edit.writer != review.writer_id else None,
        add_host_staff=edit.add_host_staff,
        remove_host_staff=edit.remove_host_staff,
    )
    agenda = edit.add_agenda or edit.change_agenda or edit.delete_agenda or edit.restore_agenda
    if agenda:
        entitled.require_in_review(session, review.id, "change the agenda of this visit")
    old = {a.id: a for a in before.agenda}
    changed_back = []
    for item in edit.change_agenda:
        if item.id not in old:
            raise NotFound("That agenda row is not part of this visit any more.")
        changed_back.append(old[item.id])
        _write_activity(session, _activity(session, review, item.id), item)
    for activity_id in edit.delete_agenda:
        activity = _activity(session, review, activity_id)
        _refuse_if_noted(session, activity)
        activity.deleted = True
    for activity_id in edit.restore_agenda:
        gone = session.get(Activity, activity_id)
        if gone is None or gone.review_id != review.id:
            raise NotFound("That agenda row is not part of this visit.")
        gone.deleted = False
    added = []
    for item in edit.add_agenda:
        new = Activity(review_id=review.id, kind=item.kind, day=review.start_date)
        _write_activity(session, new, item)
        session.add(new)
        session.flush()
        added.append(new.id)
    session.flush()
    undo = PlanEdit(
        start=before.start if edit.start and edit.start != before.start else None,
        add_focus=tuple(a.title for a in before.focus if a.title in set(edit.remove_focus)),
        remove_focus=tuple(edit.add_focus),
        add_reviewers=edit.remove_reviewers,
        remove_reviewers=edit.add_reviewers,
        writer=before.writer_id if edit.writer and edit.writer != before.writer_id else None,
        add_host_staff=edit.remove_host_staff,
        remove_host_staff=edit.add_host_staff,
        change_agenda=tuple(changed_back),
        delete_agenda=tuple(added) + tuple(edit.restore_agenda),
        restore_agenda=edit.delete_agenda,
    )
    changes = Changes.of(
        reviews=review.id,
        activities=[
            *added,
            *(a.id for a in edit.change_agenda),
            *edit.delete_agenda,
            *edit.restore_agenda,
        ],
    )
    return changes, undo


def _activity(session: Session, review: Review, activity_id: str | None) -> Activity:
    activity = session.get(Activity, activity_id) if activity_id else None
    if activity is None or activity.deleted or activity.review_id != review.id:
        raise NotFound("That agenda row is not part of this visit any more.")
    return activity


def _write_activity(session: Session, activity: Activity, item: AgendaItem) -> None:
    """Set the row's fields, writing only those that differ (each write is an op)."""
    one_of(item.kind, ACTIVITY_KINDS, "kind of activity")
    starts = item.starts.strip()
    if starts and not _TIME.fullmatch(starts):
        raise InvalidInput(f"'{starts}' is not a time; write times as HH:MM, for example 09:30.")
    for person_id in (item.reviewer_id, item.host_colleague_id):
        if person_id:
            person = session.get(Person, person_id)
            if person is None or person.deleted:
                raise NotFound("A person on the agenda is not known on this laptop any more.")
    values = {
        "kind": item.kind,
        "starts": starts,
        "title": item.title.strip() or item.kind.replace("-", " ").capitalize(),
        "reviewer_id": item.reviewer_id or None,
        "host_colleague_id": item.host_colleague_id or None,
    }
    for key, value in values.items():
        if getattr(activity, key, None) != value:
            setattr(activity, key, value)


def _refuse_if_noted(session: Session, activity: Activity) -> None:
    notes = session.scalar(
        select(func.count())
        .select_from(Note)
        .where(Note.activity_id == activity.id, Note.deleted.is_(False))
    )
    if notes:
        raise InUse(
            f"'{activity.title}' has {notes} note{'s' if notes != 1 else ''} from the day; "
            "delete them on Review day before taking it off the agenda.",
            record_id=activity.id,
            counts={"notes": int(notes)},
        )

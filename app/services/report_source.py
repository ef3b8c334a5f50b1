"""What a report reads from the database, in plain SQL, and whose each signature box is.

``peerwalk report`` is measured as a whole process against a bare ReportLab + pyHanko program
(benchmarks/report_bench.py): loading SQLAlchemy and the models would cost it about 0.4 s for
a dozen reads. These queries run on a SQLAlchemy session (the window, tests) or on a stdlib
``sqlite3`` connection (the command line), like app/services/queries.py. ``report_detail``
gives exactly what ``app.services.reviews.review_detail`` gives (a test compares them), minus
safeguarding, which never reaches a report.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.errors import NotFound
from app.reports.signoff import Box, SignOff
from app.services.read_models import (
    ActionRow,
    AgendaRow,
    FindingRow,
    FocusAreaRow,
    HostSchool,
    NoteRow,
    ReviewDetail,
    TeamMemberRow,
)
from app.services.sql import fetch

MIN_PREFIX = 4  # the shortest id prefix taken for a review (as app.services.lookup.by_id)


def rows(db: Any, sql: str, **params: Any) -> list[dict[str, Any]]:
    """Rows as dicts from a SQLAlchemy Session or a sqlite3 connection (sql.fetch)."""
    return fetch(db, sql, params)


def since_last_visit(db: Any, review_id: str) -> dict[str, Any] | None:
    """app.services.followup_source.since_last_visit (imported here, where it is used)."""
    from app.services.followup_source import since_last_visit as earlier

    return earlier(db, review_id)


def find_review_id(db: Any, ref: str) -> str:
    """The id of the live review whose id is ``ref`` or starts with it (4+ characters).
    Raises NotFound, worded as app.services.lookup.by_id words it."""
    ref = ref.strip()
    if rows(db, "SELECT id FROM reviews WHERE id = :ref AND deleted = 0", ref=ref):
        return ref
    if len(ref) >= MIN_PREFIX:
        found = rows(
            db,
            "SELECT id FROM reviews WHERE id LIKE :p ESCAPE '\\' AND deleted = 0 LIMIT 2",
            p=_like_prefix(ref),
        )
        if len(found) == 1:
            return str(found[0]["id"])
        if len(found) > 1:
            raise NotFound(f"More than one review has an id starting '{ref}'; type more of it.")
    raise NotFound(f"There is no review with id '{ref}'.")


def _like_prefix(ref: str) -> str:
    return ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _date(v: Any) -> str | None:
    return str(v)[:10] if v else None


def report_detail(db: Any, review_id: str) -> ReviewDetail:
    """The review as review_detail shapes it (without safeguarding). Raises NotFound."""
    found = rows(
        db,
        "SELECT r.*, s.name AS school_name, s.welsh_medium AS school_welsh, n.name AS network_name "
        "FROM reviews r LEFT JOIN schools s ON s.id = r.host_school_id "
        "LEFT JOIN networks n ON n.id = r.network_id "
        "WHERE r.id = :id AND r.deleted = 0",
        id=review_id,
    )
    if not found:
        raise NotFound(f"There is no review with id '{review_id}'.")
    r = found[0]
    names = {p["id"]: p["name"] for p in rows(db, "SELECT id, name FROM people")}
    rid = {"id": review_id}
    team = rows(
        db, "SELECT person_id, role FROM review_team WHERE review_id = :id AND deleted = 0", **rid
    )
    areas = rows(
        db,
        "SELECT * FROM review_focus_areas WHERE review_id = :id AND deleted = 0 ORDER BY position",
        **rid,
    )
    activities = rows(
        db,
        "SELECT * FROM activities WHERE review_id = :id AND deleted = 0 ORDER BY day, starts",
        **rid,
    )
    notes = rows(
        db, "SELECT * FROM notes WHERE review_id = :id AND deleted = 0 ORDER BY captured_at", **rid
    )
    photos: dict[str, list[str]] = {}
    in_report: dict[str, list[str]] = {}
    for na in rows(
        db,
        "SELECT na.note_id, na.sha256, na.in_report FROM note_attachments na "
        "JOIN notes n ON n.id = na.note_id "
        "WHERE n.review_id = :id AND na.deleted = 0",
        **rid,
    ):
        photos.setdefault(na["note_id"], []).append(na["sha256"])
        if na["in_report"]:
            in_report.setdefault(na["note_id"], []).append(na["sha256"])
    findings = rows(
        db,
        "SELECT * FROM findings WHERE review_id = :id AND deleted = 0 "
        "ORDER BY position, created_at",
        **rid,
    )
    evidence: dict[str, list[str]] = {}
    for fe in rows(
        db,
        "SELECT fe.finding_id, fe.note_id FROM finding_evidence fe "
        "JOIN findings f ON f.id = fe.finding_id "
        "WHERE f.review_id = :id AND fe.deleted = 0",
        **rid,
    ):
        evidence.setdefault(fe["finding_id"], []).append(fe["note_id"])
    actions = rows(
        db, "SELECT * FROM actions WHERE review_id = :id AND deleted = 0 ORDER BY due", **rid
    )
    return ReviewDetail(
        id=review_id,
        title=r["title"],
        host_school=HostSchool(
            id=r["host_school_id"], name=r["school_name"], welsh_medium=bool(r["school_welsh"])
        )
        if r["school_name"] is not None
        else None,
        network=r["network_name"],
        framework=r["framework_key"],
        start_date=str(_date(r["start_date"])),
        end_date=str(_date(r["end_date"])),
        status=r["status"],
        distribution=r["distribution"],
        context=r["context"],
        summary=r["summary"],
        follows_id=r["follows_id"],
        writer=names.get(r["writer_id"]),
        writer_id=r["writer_id"],
        team=tuple(
            TeamMemberRow(person_id=t["person_id"], name=names.get(t["person_id"]), role=t["role"])
            for t in team
        ),
        focus_areas=tuple(
            FocusAreaRow(
                id=a["id"],
                title=a["title"],
                code=a["framework_code"],
                prompts=tuple(p for p in a["prompts"].splitlines() if p),
                estimate=a["estimate"],
                self_evaluation=a["self_evaluation"],
                look_at=a["look_at"],
            )
            for a in areas
        ),
        activities=tuple(
            AgendaRow(
                id=a["id"],
                kind=a["kind"],
                title=a["title"],
                day=_date(a["day"]),
                starts=a["starts"],
                ends=a["ends"],
                place=a["place"],
                subject=a["subject"],
                year_group=a["year_group"],
                reviewer=names.get(a["reviewer_id"]),
                host_colleague=names.get(a["host_colleague_id"]),
                reviewer_id=a["reviewer_id"],
                host_colleague_id=a["host_colleague_id"],
            )
            for a in activities
        ),
        notes=tuple(
            NoteRow(
                id=n["id"],
                focus_id=n["focus_id"],
                activity_id=n["activity_id"],
                kind=n["kind"],
                text=n["text"],
                author=names.get(n["author_id"]),
                captured_at=datetime.fromisoformat(str(n["captured_at"])).isoformat(
                    timespec="minutes"
                ),
                photos=tuple(photos.get(n["id"], ())),
                report_photos=tuple(in_report.get(n["id"], ())),
                author_id=n["author_id"],
            )
            for n in notes
        ),
        findings=tuple(
            FindingRow(
                id=f["id"],
                focus_id=f["focus_id"],
                kind=f["kind"],
                text=f["text"],
                good_practice=bool(f["good_practice"]),
                evidence=tuple(evidence.get(f["id"], ())),
                follows_finding_id=f["follows_finding_id"],
            )
            for f in findings
        ),
        actions=tuple(
            ActionRow(
                id=a["id"],
                text=a["text"],
                owner=names.get(a["owner_id"]),
                due=_date(a["due"]),
                status=a["status"],
                finding_id=a["finding_id"],
                owner_id=a["owner_id"],
                impact=a["impact"],
            )
            for a in actions
        ),
        since_last_visit=since_last_visit(db, review_id),
    )


def framework_of(db: Any, key: str) -> tuple[str, bool]:
    """(framework name, whether it has estimates); the key itself when it is not known."""
    found = rows(db, "SELECT name, estimates FROM frameworks WHERE key = :key", key=key)
    return (str(found[0]["name"]), bool(found[0]["estimates"])) if found else (key, False)


_PERSON = (
    "SELECT p.id, p.name, p.school_id, COALESCE(s.name, '') AS school FROM people p "
    "LEFT JOIN schools s ON s.id = p.school_id "
)


def signoff_for_review(db: Any, review_id: str) -> SignOff | None:
    """Whose each signature box of the review's report is: the writer, each other member of
    the visiting team (lead and reviewers, in the order they were added), and the host
    school's headteacher (its first one on record). None when the review is not here."""
    found = rows(
        db,
        "SELECT host_school_id, writer_id, estimates_enabled FROM reviews "
        "WHERE id = :id AND deleted = 0",
        id=review_id,
    )
    if not found:
        return None
    review = found[0]

    def box(field: str, role: str, label: str, person: dict[str, Any] | None) -> Box:
        if person is None:
            return Box(field, role, label, "")
        return Box(
            field,
            role,
            label,
            person["name"],
            person["id"],
            person["school_id"] or "",
            person["school"],
        )

    writer = rows(db, _PERSON + "WHERE p.id = :id", id=review["writer_id"] or "")
    team = rows(
        db,
        _PERSON
        + "JOIN review_team t ON t.person_id = p.id WHERE t.review_id = :id AND t.deleted = 0 "
        "AND t.role IN ('lead', 'reviewer') ORDER BY t.rowid",
        id=review_id,
    )
    head = rows(
        db,
        _PERSON + "WHERE p.school_id = :school AND p.role = 'headteacher' AND p.deleted = 0 "
        "ORDER BY p.created_at LIMIT 1",
        school=review["host_school_id"],
    )
    boxes = [box("writer", "writer", "Writer", writer[0] if writer else None)]
    others = [p for p in team if not writer or p["id"] != writer[0]["id"]]
    boxes += [
        box(f"co-reviewer-{i}", "co-reviewer", "Co-reviewer", p)
        for i, p in enumerate(others, start=1)
    ]
    boxes.append(
        box(
            "host-headteacher",
            "host-headteacher",
            "Receiving headteacher",
            head[0] if head else None,
        )
    )
    return SignOff(review_id, tuple(boxes))

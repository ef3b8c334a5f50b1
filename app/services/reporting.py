"""Producing the review report: the plain data, the PDF, and (with app.reports.signing) the
writer's signature. Safeguarding never reaches the report: review_detail leaves it out."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Framework, Person
from app.reports.data import ReportData, build_report_data
from app.services.attachments import attachment_path
from app.services.reviews import get_review, review_detail


def host_headteacher(session: Session, school_id: str) -> str:
    name = session.scalar(
        select(Person.name)
        .where(Person.school_id == school_id, Person.role == "headteacher", Person.deleted.is_(False))
        .order_by(Person.created_at)
    )
    return name or ""


def report_data(session: Session, review_ref: str, data_dir: Path | None = None) -> ReportData:
    """Everything the report prints, as plain data (no database objects)."""
    review = get_review(session, review_ref)
    detail = review_detail(session, review.id)
    fw = session.get(Framework, review.framework_key)
    photos = {}
    if data_dir is not None:
        for note in detail["notes"]:
            for sha in note["report_photos"]:
                # Missing or damaged files too: the report says it could not include them.
                photos[sha] = str(attachment_path(data_dir, sha))
    return build_report_data(
        detail,
        framework_name=fw.name if fw else review.framework_key,
        estimates=bool(fw and fw.estimates and review.estimates_enabled),
        host_headteacher=host_headteacher(session, review.host_school_id),
        photo_paths=photos,
    )

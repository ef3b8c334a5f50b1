"""Producing the review report's plain data: what it prints, and whose each signature box is.

Reads through app.services.report_source (plain SQL), so it works on a SQLAlchemy session or
a stdlib sqlite3 connection. Safeguarding never reaches the report: the detail leaves it out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.reports.data import ReportData, Signer, build_report_data
from app.reports.signoff import SignOff
from app.services.report_source import (
    find_review_id,
    framework_of,
    report_detail,
    rows,
    signoff_for_review,
)


def host_headteacher(db: Any, school_id: str) -> str:
    found = rows(
        db,
        "SELECT name FROM people WHERE school_id = :school AND role = 'headteacher' "
        "AND deleted = 0 ORDER BY created_at LIMIT 1",
        school=school_id,
    )
    return str(found[0]["name"]) if found else ""


def report_data(db: Any, review_ref: str, data_dir: Path | None = None) -> ReportData:
    """Everything the report prints, as plain data (no database objects). Raises NotFound."""
    return report_plan(db, review_ref, data_dir)[0]


def report_plan(
    db: Any, review_ref: str, data_dir: Path | None = None
) -> tuple[ReportData, SignOff]:
    """The report's data and its sign-off (the boxes it prints are the sign-off's boxes, in
    order, so what is printed over a box and what the PDF records for it are the same)."""
    review_id = find_review_id(db, review_ref)
    detail = report_detail(db, review_id)
    signoff = signoff_for_review(db, review_id)
    assert signoff is not None  # the review was just found
    review = rows(
        db, "SELECT framework_key, estimates_enabled FROM reviews WHERE id = :id", id=review_id
    )[0]
    fw_name, fw_estimates = framework_of(db, review["framework_key"])
    photos = {}
    if data_dir is not None:
        for note in detail.notes:
            for sha in note.report_photos:
                # Missing or damaged files too: the report says it could not include them.
                # (app.services.attachments.attachment_path, without importing the models)
                photos[sha] = str(data_dir / "attachments" / f"{sha}.jpg")
    data = build_report_data(
        detail,
        framework_name=fw_name,
        estimates=fw_estimates and bool(review["estimates_enabled"]),
        host_headteacher=next((b.name for b in signoff.boxes if b.role == "host-headteacher"), ""),
        photo_paths=photos,
        signers=[Signer(b.field, b.label, b.name) for b in signoff.boxes],
    )
    return data, signoff

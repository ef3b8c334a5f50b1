"""The pre-visit pack: one PDF for the visiting team and the host school's staff, read
before the day (app/reports/pack.py lays it out).

Read with plain SQL (a SQLAlchemy session or a stdlib sqlite3 connection, like
app/services/report_source.py). What is in it is what the visiting team may read anyway:
the focus, the school's context and own view, the agenda, the network's ground rules and the
earlier visit's EBIs and next steps. Never safeguarding records, notes or statements of this
visit.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from app.dates import display_range
from app.reports.data import ACTIVITY_NAMES
from app.reports.followup import since_from_detail
from app.reports.pack import PackData, PackFocus
from app.services.report_source import find_review_id, framework_of, report_detail, rows


def pack_data(db: Any, review_ref: str) -> PackData:
    """Everything the pack prints, as plain data. Raises NotFound."""
    review_id = find_review_id(db, review_ref)
    d = report_detail(db, review_id).to_json()
    school = d["host_school"]["name"] if d["host_school"] else ""
    review = rows(db, "SELECT network_id, framework_key FROM reviews WHERE id = :id", id=review_id)
    rules = rows(
        db, "SELECT ground_rules FROM networks WHERE id = :id", id=review[0]["network_id"] or ""
    )
    agenda = []
    for a in d["activities"]:
        time = f"{a['starts']}–{a['ends']}" if a["starts"] and a["ends"] else a["starts"]
        agenda.append(
            [
                time,
                a["title"] or ACTIVITY_NAMES.get(a["kind"], a["kind"]),
                a["place"],
                " ".join(x for x in (a["year_group"], a["subject"]) if x),
                a["reviewer"] or "",
                a["host_colleague"] or "",
            ]
        )
    role = {"lead": "lead reviewer", "reviewer": "reviewer"}
    return PackData(
        school_name=school,
        title=d["title"],
        dates=display_range(d["start_date"], d["end_date"]),
        network=d["network"] or "",
        framework=framework_of(db, d["framework"])[0],
        team=[f"{t['name']} ({role[t['role']]})" for t in d["team"] if t["role"] in role],
        host_staff=[t["name"] for t in d["team"] if t["role"] == "host-staff"],
        writer=d["writer"] or "",
        context=d["context"],
        focus=[
            PackFocus(a["title"], a["prompts"], a["self_evaluation"], a["look_at"])
            for a in d["focus_areas"]
        ],
        agenda=agenda,
        ground_rules=[r for r in (rules[0]["ground_rules"] if rules else "").splitlines() if r],
        since=since_from_detail(d["since_last_visit"]),
    )


def write_pack(db: Any, review_ref: str, out: Path, created: datetime) -> tuple[Path, int]:
    """Render the pack to ``out`` (written whole or not at all). Returns (path, pages).
    Raises NotFound, InvalidInput (a file name not ending .pdf), StorageProblem."""
    from app.errors import InvalidInput
    from app.reports.pack import render_pack
    from app.services.files import write_atomically

    if out.suffix.lower() != ".pdf":
        raise InvalidInput("The pack's file name should end in .pdf.")
    pdf, pages = render_pack(pack_data(db, review_ref), created)
    try:
        write_atomically(out, pdf)
    except OSError as exc:
        from app.errors import storage_problem

        raise storage_problem(exc, out.parent) or InvalidInput(
            f"Cannot write {out}: {exc.strerror}."
        ) from None
    return out, pages

"""What a follow-up visit shows of the visit before, in plain SQL (a SQLAlchemy session or a
stdlib sqlite3 connection, like app/services/report_source.py): the earlier visit's EBIs, the
next steps agreed from them with their status and impact, and the team's view now (this
visit's statements that answer each EBI). Also the host school's own view per focus area.
"""

from __future__ import annotations

from typing import Any

from app.services.report_source import rows


def _date(v: Any) -> str | None:
    return str(v)[:10] if v else None


def since_last_visit(db: Any, review_id: str) -> dict[str, Any] | None:
    """``{review_id, title, start_date, ebis[{id, focus, text, actions[...], view_now[...]}],
    other_actions[...]}`` for the review this one follows up, or None when it follows none
    (or that review is not on this laptop)."""
    link = rows(db, "SELECT follows_id FROM reviews WHERE id = :id", id=review_id)
    earlier_id = link[0]["follows_id"] if link else None
    if not earlier_id:
        return None
    # Only an earlier visit to the same school: a link naming another school's review (one
    # that reached this laptop after the link did) shows nothing of it (docs/authority.md).
    earlier = rows(
        db,
        "SELECT id, title, start_date FROM reviews WHERE id = :id AND deleted = 0 "
        "AND host_school_id = (SELECT host_school_id FROM reviews WHERE id = :this)",
        id=earlier_id,
        this=review_id,
    )
    if not earlier:
        return None
    names = {p["id"]: p["name"] for p in rows(db, "SELECT id, name FROM people")}
    ebis = rows(
        db,
        "SELECT f.id, f.text, a.title AS focus FROM findings f "
        "JOIN review_focus_areas a ON a.id = f.focus_id "
        "WHERE f.review_id = :id AND f.kind = 'ebi' AND f.deleted = 0 "
        "ORDER BY a.position, f.position, f.created_at",
        id=earlier_id,
    )
    actions = [
        {
            "id": a["id"],
            "text": a["text"],
            "owner": names.get(a["owner_id"]) or "",
            "due": _date(a["due"]),
            "status": a["status"],
            "impact": a["impact"],
            "finding_id": a["finding_id"],
        }
        for a in rows(
            db,
            "SELECT * FROM actions WHERE review_id = :id AND deleted = 0 "
            "AND status != 'dropped' ORDER BY due, created_at",
            id=earlier_id,
        )
    ]
    views = rows(
        db,
        "SELECT follows_finding_id, kind, text FROM findings "
        "WHERE review_id = :id AND deleted = 0 AND follows_finding_id IS NOT NULL "
        "ORDER BY position, created_at",
        id=review_id,
    )
    ebi_ids = {e["id"] for e in ebis}
    return {
        "review_id": earlier_id,
        "title": earlier[0]["title"],
        "start_date": _date(earlier[0]["start_date"]),
        "ebis": [
            {
                "id": e["id"],
                "focus": e["focus"],
                "text": e["text"],
                "actions": [a for a in actions if a["finding_id"] == e["id"]],
                "view_now": [
                    {"kind": v["kind"], "text": v["text"]}
                    for v in views
                    if v["follows_finding_id"] == e["id"]
                ],
            }
            for e in ebis
        ],
        "other_actions": [a for a in actions if a["finding_id"] not in ebi_ids],
    }

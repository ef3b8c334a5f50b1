"""Hot read paths in plain SQL: lists the window and the command line show at once.

Written against the tables, not the ORM models, so a command that only lists (the commonest
thing anyone does) never pays for loading the models.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

_REVIEWS = """
SELECT r.id, r.title, r.host_school_id, s.name AS host_school, n.name AS network,
       r.start_date, r.end_date, r.status, r.framework_key AS framework,
       COALESCE(c.n, 0) AS notes
FROM reviews r
JOIN schools s ON s.id = r.host_school_id
LEFT JOIN networks n ON n.id = r.network_id
LEFT JOIN (SELECT review_id, count(*) AS n FROM notes WHERE deleted = 0 GROUP BY review_id) c
       ON c.review_id = r.id
WHERE r.deleted = 0
ORDER BY r.start_date DESC, s.name
"""


def list_reviews(session: Session) -> list[dict[str, Any]]:
    """Every review, newest first, with its note count: one query however large the network."""
    return [dict(row) for row in session.execute(text(_REVIEWS)).mappings()]


_ACTIONS = """
SELECT a.id, a.text, a.due, p.name AS owner, s.name AS school, r.id AS review_id
FROM actions a
JOIN reviews r ON r.id = a.review_id
JOIN schools s ON s.id = r.host_school_id
LEFT JOIN people p ON p.id = a.owner_id
WHERE a.deleted = 0 AND a.status = 'open' AND r.deleted = 0
ORDER BY a.due
LIMIT 50
"""


def home_summary(session: Session, today: Any) -> dict[str, Any]:
    """What the Home screen shows: upcoming visits, drafts being written, open next steps."""
    reviews = list_reviews(session)
    iso = today.isoformat()
    upcoming = sorted((r for r in reviews if r["start_date"] >= iso and r["status"] in ("planned", "in-progress")), key=lambda r: r["start_date"])
    drafts = [r for r in reviews if r["status"] in ("in-progress", "written-up") and r["start_date"] < iso]
    recent = [r for r in reviews if r["start_date"] < iso][:10]
    actions = [dict(row) for row in session.execute(text(_ACTIONS)).mappings()]
    return {"upcoming": upcoming, "drafts": drafts, "recent": recent, "actions": actions, "total": len(reviews)}

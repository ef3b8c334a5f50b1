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

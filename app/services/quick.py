"""The window's first paint, read with the standard library's sqlite3 only.

Loading SQLAlchemy and the models costs several times what a bare Qt window takes to appear;
Home is painted from these queries first, and the full workspace loads just after. Each list
is cut to what Home shows in SQL (a large network has thousands of reviews: building them all
in Python cost the first paint ~15 ms), with how many there are in all beside it.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from app.schema import read_only_uri
from app.services.queries import (
    ACTIONS,
    DUE,
    NETWORKS,
    OURS_TO_CHECK,
    REVIEW_COLUMNS,
    TO_CHECK,
    due_window,
    group_networks,
)

# The same lists as queries.summarise, in the same order.
UPCOMING = REVIEW_COLUMNS + (
    "AND r.start_date >= :today AND r.status IN ('planned', 'in-progress') "
    "ORDER BY r.start_date, s.name LIMIT :n"
)
DRAFTS = REVIEW_COLUMNS + (
    "AND r.start_date < :today AND r.status IN ('in-progress', 'written-up', 'accuracy-check') "
    f"AND NOT {OURS_TO_CHECK} ORDER BY r.start_date DESC, s.name LIMIT :n"
)
RECENT = REVIEW_COLUMNS + "AND r.start_date < :today ORDER BY r.start_date DESC, s.name LIMIT 10"
COUNTS = f"""
SELECT count(*),
       coalesce(sum(start_date >= :today AND status IN ('planned', 'in-progress')), 0),
       coalesce(sum(start_date < :today
                    AND status IN ('in-progress', 'written-up', 'accuracy-check')
                    AND NOT {OURS_TO_CHECK}), 0)
FROM reviews r WHERE deleted = 0
"""


def first_screen(db_path: Path, today: date, limit: int = 40) -> dict[str, Any]:
    """Home's lists (at most ``limit`` visits each, with ``*_count`` saying how many in all)."""
    con = sqlite3.connect(read_only_uri(db_path), uri=True)  # a read-only folder too
    con.row_factory = sqlite3.Row
    args = {"today": today.isoformat(), "n": limit + 1}
    try:
        total, upcoming_count, drafts_count = con.execute(COUNTS, args).fetchone()
        out = {
            name: [dict(r) for r in con.execute(sql, args)]
            for name, sql in (("upcoming", UPCOMING), ("drafts", DRAFTS), ("recent", RECENT))
        }
        actions = [dict(r) for r in con.execute(ACTIONS)]
        to_check = [dict(r) for r in con.execute(TO_CHECK)]
        due = [dict(r) for r in con.execute(DUE, due_window(today))]
        networks = group_networks([dict(r) for r in con.execute(NETWORKS)])
    finally:
        con.close()
    return {
        **out,
        "actions": actions,
        "to_check": to_check,
        "due": due,
        "total": total,
        "upcoming_count": upcoming_count,
        "drafts_count": drafts_count,
        "networks": networks,
    }

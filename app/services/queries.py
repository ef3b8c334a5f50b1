"""The SQL of the hot read paths, as plain strings, and the Home summary built from rows.

Shared by overview.py (a session or a bare sqlite3 connection, see sql.py) and quick.py (stdlib
sqlite3, for the window's first paint before the database layer has loaded).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

# A review as the lists show it (live reviews only); each query below adds to it.
REVIEW_COLUMNS = """
SELECT r.id, r.title, r.host_school_id, s.name AS host_school, n.name AS network,
       r.start_date, r.end_date, r.status, r.framework_key AS framework
FROM reviews r
JOIN schools s ON s.id = r.host_school_id
LEFT JOIN networks n ON n.id = r.network_id
WHERE r.deleted = 0
"""

REVIEWS = """
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

ACTIONS = """
SELECT a.id, a.text, a.due, p.name AS owner, s.name AS school, r.id AS review_id
FROM actions a
JOIN reviews r ON r.id = a.review_id
JOIN schools s ON s.id = r.host_school_id
LEFT JOIN people p ON p.id = a.owner_id
WHERE a.deleted = 0 AND a.status IN ('open', 'in-progress') AND r.deleted = 0
ORDER BY a.due
LIMIT 50
"""

# Home's "due and overdue": next steps not done whose date is before :soon (today + 15 days:
# due within the next 14 days, or overdue), soonest first.
DUE = """
SELECT a.id, a.text, a.due, a.status, p.name AS owner, s.name AS school, r.id AS review_id
FROM actions a
JOIN reviews r ON r.id = a.review_id
JOIN schools s ON s.id = r.host_school_id
LEFT JOIN people p ON p.id = a.owner_id
WHERE a.deleted = 0 AND a.status IN ('open', 'in-progress') AND r.deleted = 0
  AND a.due IS NOT NULL AND a.due < :soon
ORDER BY a.due, a.created_at
LIMIT 50
"""
DUE_DAYS = 14  # "due soon" on Home: within the next two weeks


def due_window(today: Any) -> dict[str, str]:
    """The parameters of DUE for ``today`` (a date)."""
    from datetime import timedelta

    return {"soon": (today + timedelta(days=DUE_DAYS + 1)).isoformat()}


# Home shows no note counts: this skips counting 100,000 notes before the first paint.
HOME_REVIEWS = REVIEW_COLUMNS + "ORDER BY r.start_date DESC, s.name"

# A draft sent to this laptop's own school (``settings.school_id``, the host) for its factual
# accuracy check: the host checks it, it does not write it, so Home lists it apart from the
# drafts being written. On the visiting team's laptops it stays a draft being written.
OURS_TO_CHECK = (
    "(r.status = 'accuracy-check' "
    "AND r.host_school_id IS (SELECT value FROM settings WHERE key = 'school_id'))"
)
# Those drafts, with the day the newest draft was made ("sent"), the newest first.
TO_CHECK = f"""
SELECT r.id, r.title, r.host_school_id, s.name AS host_school, r.start_date, r.end_date,
       r.status,
       (SELECT max(e.at) FROM review_events e
        WHERE e.review_id = r.id AND e.kind = 'draft' AND e.deleted = 0) AS sent
FROM reviews r
JOIN schools s ON s.id = r.host_school_id
WHERE r.deleted = 0 AND {OURS_TO_CHECK}
ORDER BY sent DESC, r.start_date DESC
LIMIT 50
"""

NETWORKS = """
SELECT n.id, n.name, n.kind, n.ground_rules, s.id AS school_id, s.name AS school
FROM networks n
LEFT JOIN network_members m ON m.network_id = n.id AND m.deleted = 0
LEFT JOIN schools s ON s.id = m.school_id
WHERE n.deleted = 0
ORDER BY n.name, s.name
"""


def summarise(
    reviews: list[dict[str, Any]],
    actions: list[dict[str, Any]],
    today: Any,
    to_check: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """Home's lists from its rows; a draft in ``to_check`` (TO_CHECK) is not one being written."""
    checking = {r["id"] for r in to_check}
    iso = today.isoformat()
    upcoming = sorted(
        (
            r
            for r in reviews
            if r["start_date"] >= iso and r["status"] in ("planned", "in-progress")
        ),
        key=lambda r: r["start_date"],
    )
    # A visit of today that is already written up (or signed) is past its day for Home:
    # it is shown as recent (and as a draft), not left out of every list.
    ids = {id(r) for r in upcoming}
    past = [
        r for r in reviews if r["start_date"] < iso or (id(r) not in ids and r["start_date"] == iso)
    ]
    drafts = [
        r
        for r in past
        if r["status"] in ("in-progress", "written-up", "accuracy-check")
        and r["id"] not in checking
    ]
    recent = past[:10]
    return {
        "upcoming": upcoming,
        "drafts": drafts,
        "recent": recent,
        "actions": actions,
        "to_check": list(to_check),
        "total": len(reviews),
    }


def group_networks(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        net = out.setdefault(
            r["id"],
            {
                "id": r["id"],
                "name": r["name"],
                "kind": r["kind"],
                "ground_rules": r["ground_rules"],
                "schools": [],
            },
        )
        if r["school_id"]:
            net["schools"].append({"id": r["school_id"], "name": r["school"]})
    return list(out.values())

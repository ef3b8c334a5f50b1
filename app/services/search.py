"""Full-text search (SQLite FTS5) over notes, findings and good practice."""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.services.read_models import SearchHit

_WORD = re.compile(r"\w+", re.UNICODE)

_SQL = """
SELECT kind, id, review_id, host, start_date, focus, body, good_practice, rank FROM (
  SELECT CASE n.kind WHEN 'strength' THEN 'note (strength)'
         WHEN 'area' THEN 'note (area to consider)' ELSE 'note' END AS kind,
         n.id AS id, n.review_id AS review_id, s.name AS host, r.start_date AS start_date,
         f.title AS focus, n.text AS body, 0 AS good_practice, m.rank AS rank
  FROM (SELECT rowid, rank FROM notes_fts WHERE notes_fts MATCH :q ORDER BY rank LIMIT :limit) m
  JOIN notes n ON n.rowid = m.rowid
  JOIN reviews r ON r.id = n.review_id JOIN schools s ON s.id = r.host_school_id
  JOIN review_focus_areas f ON f.id = n.focus_id
  WHERE n.deleted = 0 AND r.deleted = 0
  UNION ALL
  SELECT CASE WHEN fi.good_practice THEN 'good practice' ELSE upper(fi.kind) END AS kind,
         fi.id, fi.review_id, s.name, r.start_date, f.title, fi.text, fi.good_practice,
         m.rank - 100 AS rank
  FROM (SELECT rowid, rank FROM findings_fts WHERE findings_fts MATCH :q
        ORDER BY rank LIMIT :limit) m
  JOIN findings fi ON fi.rowid = m.rowid
  JOIN reviews r ON r.id = fi.review_id JOIN schools s ON s.id = r.host_school_id
  JOIN review_focus_areas f ON f.id = fi.focus_id
  WHERE fi.deleted = 0 AND r.deleted = 0
) ORDER BY rank LIMIT :limit
"""


def fts_query(words: str) -> str | None:
    """Turn what a person typed into a safe FTS5 query: every word must appear; the last one
    may be a prefix (search as you type). Quotes and operators are never passed through."""
    tokens = _WORD.findall(words)
    if not tokens:
        return None
    parts = [f'"{t}"' for t in tokens[:-1]] + [f'"{tokens[-1]}"*']
    return " AND ".join(parts)


def search(session: Session, words: str, limit: int = 50) -> list[SearchHit]:
    """Best matches first; findings (and good practice) before notes of equal rank."""
    query = fts_query(words)
    if query is None:
        return []
    rows = session.execute(text(_SQL), {"q": query, "limit": limit}).mappings()
    return [
        SearchHit(
            kind=r["kind"],
            id=r["id"],
            review_id=r["review_id"],
            host_school=r["host"],
            date=str(r["start_date"]),
            focus=r["focus"],
            text=r["body"],
        )
        for r in rows
    ]

"""Full-text search (SQLite FTS5) over notes, findings and good practice.

Search runs as a person types, so each keystroke must answer within a frame (16 ms) on a
network of 100,000 notes. Ranking (bm25) is what costs: FTS5 finds every match of a common
word in about a millisecond but ranks them at about 0.6 microseconds each, 15 ms for a word
found in a quarter of the notes. So each table ranks at most its newest ``RANKED`` matches
(the most recently added rows): a search with fewer matches than that, as on any one school's
laptop, is ranked exactly as before; a common word over a whole network's history is ranked
among its most recent uses, which are what a reviewer is most likely looking for.

The first letter typed is a prefix of most words: "p" matches four notes in five, and bm25's
own count of how many notes hold it makes ranking them cost 25 ms. While the last word typed
is a single letter, matches are listed newest first, unranked (8 ms); from the second letter
on they are ranked.

Takes a ``Reader`` (sql.py): the window searches through its workspace, the command line
through a bare sqlite3 connection, with the same rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from app.services.read_models import SearchHit
from app.services.sql import Reader, fetch

_WORD = re.compile(r"\w+", re.UNICODE)

# How many of each table's newest matches are ranked (see the module's docstring).
RANKED = 2000
# A last word shorter than this is listed newest first, unranked (see the module's docstring).
SHORTEST_RANKED = 2


def _ranked(table: str) -> str:
    """The ``:limit`` best of the newest ``:ranked`` matches in ``table`` (rowid, rank, seq).

    FTS5 walks a match's rowids newest first, and takes a bound on rowid as a seek, so the
    window costs a walk of ``:ranked`` entries and only those are ranked. ``bm25()`` is
    FTS5's own ``rank``, asked for by name: ``ORDER BY rank`` makes FTS5 sort every match
    in a nested query first (a third slower here)."""
    return f"""(
    SELECT rowid, bm25({table}) AS rank, 0 AS seq FROM {table}
    WHERE {table} MATCH :q AND rowid >= (
      SELECT coalesce(min(rowid), 0) FROM (
        SELECT rowid FROM {table} WHERE {table} MATCH :q ORDER BY rowid DESC LIMIT :ranked))
    ORDER BY rank LIMIT :limit)"""


def _newest(table: str) -> str:
    """The ``:limit`` newest matches in ``table``, unranked (rowid, rank, seq)."""
    return f"""(
    SELECT rowid, 0 AS rank, -rowid AS seq FROM {table}
    WHERE {table} MATCH :q ORDER BY rowid DESC LIMIT :limit)"""


def _sql(top: Callable[[str], str]) -> str:
    """Notes and findings from ``top`` of each table, best (or newest) first."""
    return f"""
SELECT kind, id, review_id, host, start_date, focus, body, good_practice, rank FROM (
  SELECT CASE n.kind WHEN 'strength' THEN 'note (strength)'
                     WHEN 'area' THEN 'note (area to consider)' ELSE 'note' END AS kind,
         n.id AS id, n.review_id AS review_id, s.name AS host, r.start_date AS start_date,
         f.title AS focus, n.text AS body, 0 AS good_practice, m.rank AS rank, m.seq AS seq
  FROM {top("notes_fts")} m
  JOIN notes n ON n.rowid = m.rowid
  JOIN reviews r ON r.id = n.review_id JOIN schools s ON s.id = r.host_school_id
  JOIN review_focus_areas f ON f.id = n.focus_id
  WHERE n.deleted = 0 AND r.deleted = 0
  UNION ALL
  SELECT CASE WHEN fi.good_practice THEN 'good practice' ELSE upper(fi.kind) END AS kind,
         fi.id, fi.review_id, s.name, r.start_date, f.title, fi.text, fi.good_practice,
         m.rank - 100 AS rank, m.seq
  FROM {top("findings_fts")} m
  JOIN findings fi ON fi.rowid = m.rowid
  JOIN reviews r ON r.id = fi.review_id JOIN schools s ON s.id = r.host_school_id
  JOIN review_focus_areas f ON f.id = fi.focus_id
  WHERE fi.deleted = 0 AND r.deleted = 0
) ORDER BY rank, seq LIMIT :limit
"""


_RANKED_SQL = _sql(_ranked)
_NEWEST_SQL = _sql(_newest)


def fts_query(words: str) -> str | None:
    """Turn what a person typed into a safe FTS5 query: every word must appear; the last one
    may be a prefix (search as you type). Quotes and operators are never passed through."""
    tokens = _WORD.findall(words)
    if not tokens:
        return None
    parts = [f'"{t}"' for t in tokens[:-1]] + [f'"{tokens[-1]}"*']
    return " AND ".join(parts)


def search(db: Reader, words: str, limit: int = 50, *, ranked: int = RANKED) -> list[SearchHit]:
    """Best matches first (of each table's newest ``ranked`` matches; newest first while the
    last word is a single letter); findings (and good practice) before notes of equal rank."""
    query = fts_query(words)
    if query is None:
        return []
    short = len(_WORD.findall(words)[-1]) < SHORTEST_RANKED
    sql = _NEWEST_SQL if short else _RANKED_SQL
    rows = fetch(db, sql, {"q": query, "limit": limit, "ranked": ranked})
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

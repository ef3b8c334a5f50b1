"""The command line's fast paths (reviews list, search) read through a bare sqlite3 connection
and never load SQLAlchemy, yet give exactly what the full path (a session, the window's
workspace) gives on the demo data; and search's bounded ranking ranks like FTS5's own rank."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.services.overview import home_summary, list_reviews
from app.services.read_models import SearchHit
from app.services.search import fts_query, search
from app.services.workspace import Workspace
from tests.conftest import run_peerwalk
from tests.unit.services.loaded import heavy_modules_loaded

# Words of the demo's notes and statements: common, rare, a prefix, two words, accents absent.
WORDS = ["students", "design", "stud", "questioning closed", "Y9", "evaluation", "zzzz", "the"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    data_dir = tmp_path_factory.mktemp("demo")
    ws = Workspace(data_dir)
    ws.load_demo()
    ws.close()
    yield data_dir


def _plain(data_dir: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{data_dir / 'peerwalk.db'}?mode=ro", uri=True)


def test_a_connection_reads_what_a_session_reads(demo: Path) -> None:
    ws = Workspace(demo)
    con = _plain(demo)
    try:
        with ws.db.read() as session:
            assert list_reviews(con) == list_reviews(session) and len(list_reviews(con)) >= 3
            today = date(2026, 11, 24)
            assert home_summary(con, today) == home_summary(session, today)
            found = 0
            for words in WORDS:
                hits = search(con, words)
                assert hits == search(session, words), words
                found += len(hits)
            assert found > 20
    finally:
        con.close()
        ws.close()


def test_the_command_line_gives_what_the_window_gets(demo: Path) -> None:
    ws = Workspace(demo)
    try:
        listed = [r.to_json() for r in ws.list_reviews()]
        assert run_peerwalk(demo, "--json", "reviews", "list").json() == listed
        for words in ["students", "stud", "questioning closed"]:
            hits = run_peerwalk(demo, "--json", "search", *words.split()).json()
            assert hits == [h.to_json() for h in ws.search(words)] and hits, words
    finally:
        ws.close()


@pytest.mark.parametrize("command", [["reviews", "list"], ["search", "students"]])
def test_listing_and_searching_never_load_sqlalchemy(demo: Path, command: list[str]) -> None:
    code, out, loaded = heavy_modules_loaded("--data-dir", str(demo), "--json", *command)
    assert (code, loaded) == (0, []) and out.startswith("[{")


def _fts_rank(con: sqlite3.Connection, words: str) -> list[tuple[int, float]]:
    """Every note matching ``words`` as (rowid, rank), best first, by FTS5's own rank."""
    sql = "SELECT rowid, rank FROM notes_fts WHERE notes_fts MATCH ? ORDER BY rank"
    return list(con.execute(sql, (fts_query(words),)))


def test_search_ranks_every_match_up_to_the_bound_and_the_newest_beyond(demo: Path) -> None:
    con = _plain(demo)
    try:
        rowid_of = dict(con.execute("SELECT id, rowid FROM notes"))
        everything = _fts_rank(con, "students")
        best, rank = everything[0][0], dict(everything)
        newest = sorted(rank)[-3:]
        assert len(everything) > 3 and best not in newest  # the demo's oldest note ranks first

        def notes(hits: list[SearchHit]) -> list[int]:
            return [rowid_of[h.id] for h in hits if h.kind.startswith("note")]

        # Fewer matches than the bound: all are ranked, in FTS5's order (ties either way).
        ranked = notes(search(con, "students", limit=100))
        assert sorted(ranked) == sorted(rank) and [rank[r] for r in ranked] == sorted(rank.values())
        # More matches than the bound (three): only the three newest are ranked.
        bounded = notes(search(con, "students", limit=100, ranked=3))
        assert bounded and set(bounded) <= set(newest)
        assert [rank[r] for r in bounded] == sorted(rank[r] for r in bounded)
    finally:
        con.close()


def test_the_windows_kept_search_connection_sees_each_change(data_dir: Path) -> None:
    ws = Workspace(data_dir)
    try:
        ws.load_demo()
        assert ws.search("zebrafish") == []  # the kept connection is open from here on
        review = ws.list_reviews()[0].id
        focus = ws.review_detail(review).focus_areas[0].id
        note = ws.add_note(review, focus_id=focus, kind="neutral", text="A zebrafish tank").id
        assert [h.id for h in ws.search("zebraf")] == [note]
        ws.delete_note(note)
        assert ws.search("zebrafish") == []
    finally:
        ws.close()


def test_a_single_letter_lists_the_newest_matches_first(demo: Path) -> None:
    con = _plain(demo)
    try:
        rowid_of = dict(con.execute("SELECT id, rowid FROM notes"))
        hits = search(con, "students s", limit=100)
        notes = [rowid_of[h.id] for h in hits if h.kind.startswith("note")]
        everything = dict(_fts_rank(con, "students s"))
        assert len(notes) > 3 and sorted(notes) == sorted(everything)
        assert notes == sorted(notes, reverse=True)  # newest first, not by rank
        assert [everything[r] for r in notes] != sorted(everything.values())
        kinds = [h.kind.startswith("note") for h in hits]
        assert kinds == sorted(kinds)  # statements first, as when ranked
    finally:
        con.close()

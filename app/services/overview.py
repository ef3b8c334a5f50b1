"""Hot read paths in plain SQL: lists the window and the command line show at once.

Written against the tables, not the ORM models, so a command that only lists (the commonest
thing anyone does) never pays for loading the models; and taking a ``Reader`` (sql.py), so the
command line reads through a bare sqlite3 connection and never loads SQLAlchemy either, while
the window reads through its session: one service, the same rows.
"""

from __future__ import annotations

from typing import Any

from app.services.queries import ACTIONS as _ACTIONS
from app.services.queries import DUE, HOME_REVIEWS, TO_CHECK, due_window, summarise
from app.services.queries import REVIEWS as _REVIEWS
from app.services.read_models import ReviewSummary
from app.services.sql import Reader, fetch


def list_reviews(db: Reader) -> list[ReviewSummary]:
    """Every review, newest first, with its note count: one query however large the network."""
    return [ReviewSummary(**row) for row in fetch(db, _REVIEWS)]


def home_summary(db: Reader, today: Any) -> dict[str, Any]:
    """What the Home screen shows: upcoming visits, drafts being written, drafts this laptop's
    school is to check for factual accuracy (``to_check``), open next steps, and those due
    within two weeks or overdue (``due``)."""
    out = summarise(fetch(db, HOME_REVIEWS), fetch(db, _ACTIONS), today, fetch(db, TO_CHECK))
    return {**out, "due": fetch(db, DUE, due_window(today))}

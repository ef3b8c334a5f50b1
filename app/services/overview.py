"""Hot read paths in plain SQL: lists the window and the command line show at once.

Written against the tables, not the ORM models, so a command that only lists (the commonest
thing anyone does) never pays for loading the models.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.services.queries import ACTIONS as _ACTIONS
from app.services.queries import HOME_REVIEWS, summarise
from app.services.queries import REVIEWS as _REVIEWS
from app.services.read_models import ReviewSummary


def list_reviews(session: Session) -> list[ReviewSummary]:
    """Every review, newest first, with its note count: one query however large the network."""
    return [ReviewSummary(**row) for row in session.execute(text(_REVIEWS)).mappings()]


def home_summary(session: Session, today: Any) -> dict[str, Any]:
    """What the Home screen shows: upcoming visits, drafts being written, open next steps."""
    reviews = [dict(row) for row in session.execute(text(HOME_REVIEWS)).mappings()]
    actions = [dict(row) for row in session.execute(text(_ACTIONS)).mappings()]
    return summarise(reviews, actions, today)

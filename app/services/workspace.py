"""The window's gateway to the use cases: one call, one transaction, plain data back.

The window never holds a database session across an event; it holds a Workspace and calls
it (from a worker thread for anything that may take more than a frame). No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from app.db import Database, utc_now


class Workspace:
    def __init__(self, data_dir: Path, clock: Callable[[], datetime] = utc_now) -> None:
        self.data_dir = data_dir
        self.db = Database.open(data_dir, clock)

    def close(self) -> None:
        self.db.close()

    def list_reviews(self) -> list[dict[str, Any]]:
        from app.services.overview import list_reviews

        with self.db.read() as session:
            return list_reviews(session)

    def review_detail(self, review_id: str) -> dict[str, Any]:
        from app.services.reviews import review_detail

        with self.db.read() as session:
            return review_detail(session, review_id)

    def search(self, words: str, limit: int = 50) -> list[dict[str, Any]]:
        from app.services.search import search

        with self.db.read() as session:
            return search(session, words, limit)

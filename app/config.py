"""Where Peerwalk keeps its files. No Qt here."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

APP_NAME = "Peerwalk"
DB_FILENAME = "peerwalk.db"


def default_data_dir() -> Path:
    """The data folder: ``PEERWALK_DATA_DIR`` if set, else the platform's user data folder."""
    env = os.environ.get("PEERWALK_DATA_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def resources_dir() -> Path:
    """The shipped resources (fonts, frameworks, demo data)."""
    return Path(__file__).resolve().parent.parent / "resources"


def migrations_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "migrations"


def clock() -> Callable[[], datetime]:
    """The clock a front end injects into the database (``Database.open(dir, clock())``):
    naive UTC, to the second.

    ``PEERWALK_TODAY=YYYY-MM-DD`` is for tests only: it pins the date (the time of day stays
    the machine's), so a test of "within two years of today" means the same whatever day, or
    year (CI runs the suite a year ahead), it runs. Read here and nowhere else. An unreadable
    value is ignored (the real date is used).
    """
    pinned = os.environ.get("PEERWALK_TODAY", "").strip()
    try:
        day = date.fromisoformat(pinned) if pinned else None
    except ValueError:
        day = None

    def now() -> datetime:
        real = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
        return datetime.combine(day, real.time()) if day else real

    return now

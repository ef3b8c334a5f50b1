"""Where Peerwalk keeps its files. No Qt here."""

from __future__ import annotations

import os
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

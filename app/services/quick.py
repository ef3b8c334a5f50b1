"""The window's first paint, read with the standard library's sqlite3 only.

Loading SQLAlchemy and the models costs several times what a bare Qt window takes to appear;
Home is painted from these queries first, and the full workspace loads just after.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from app.schema import read_only_uri
from app.services.queries import ACTIONS, HOME_REVIEWS, NETWORKS, group_networks, summarise


def first_screen(db_path: Path, today: date) -> dict[str, Any]:
    con = sqlite3.connect(read_only_uri(db_path), uri=True)  # a read-only folder too
    con.row_factory = sqlite3.Row
    try:
        reviews = [dict(r) for r in con.execute(HOME_REVIEWS)]
        actions = [dict(r) for r in con.execute(ACTIONS)]
        networks = group_networks([dict(r) for r in con.execute(NETWORKS)])
    finally:
        con.close()
    return {**summarise(reviews, actions, today), "networks": networks}

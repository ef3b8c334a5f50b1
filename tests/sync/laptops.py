"""Several installations in temporary folders, driven through the real services."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, select

from app.db import Database
from app.models import SYNCED_TABLES
from app.models.base import META_FIELDS
from app.services import exchange
from app.services.demo import load_demo

# Laptops in tests never read the real clock: time starts here and moves on a second per
# reading, so a test means the same thing whatever day it runs (CI also runs a year ahead).
START = datetime(2026, 11, 2, 8, 0, 0)


class TickingClock:
    """A clock shared by the laptops of a test world: each reading is a second after the last."""

    def __init__(self, start: datetime = START) -> None:
        self._ticks = itertools.count()
        self.start = start

    def __call__(self) -> datetime:
        return self.start + timedelta(seconds=next(self._ticks))


WORLD = TickingClock()


class Laptop:
    def __init__(
        self,
        root: Path,
        name: str,
        school: str,
        *,
        demo: bool = True,
        setup: Any = None,
        clock: Callable[[], datetime] = WORLD,
    ) -> None:
        self.dir = root / name.split(maxsplit=1)[0].lower()
        self.name, self.school = name, school
        self.clock = clock
        self.db = Database.open(self.dir, clock)
        with self.db.transaction() as s:
            if demo:
                load_demo(s)
            if setup is not None:
                setup(s)
                s.flush()
            exchange.set_home(s, school, name)

    def do(self, fn, *args: Any, **kw: Any) -> Any:  # type: ignore[no-untyped-def]
        with self.db.transaction(author=self.name) as s:
            result = fn(s, *args, **kw)
            return getattr(result, "id", result)

    def export_for(self, other: Laptop, path: Path | None = None, **kw: Any) -> Path:
        made = len(list(self.dir.parent.glob("*.peerwalk")))
        path = path or self.dir.parent / f"{self.dir.name}-to-{other.dir.name}-{made}.peerwalk"
        with self.db.transaction() as s:
            kw.setdefault("clock", self.clock)
            exchange.export_package(s, self.dir, path, for_school=other.school, **kw)
        return path

    def import_(self, path: Path, **kw: Any) -> dict[str, Any]:
        kw.setdefault("trust_new_sender", True)
        kw.setdefault("clock", self.clock)
        with self.db.transaction() as s:
            return exchange.import_package(s, self.dir, path, **kw)

    def dump(self) -> dict[str, Any]:
        """Every synced record's content, and every open conflict: equal dumps, same data."""
        out: dict[str, Any] = {}
        with self.db.read() as s:
            for name, model in SYNCED_TABLES.items():
                cols = [c.key for c in inspect(model).column_attrs if c.key not in META_FIELDS]
                rows = s.execute(
                    select(*[model.__table__.c[c] for c in cols]).order_by(model.__table__.c.id)
                ).all()
                out[name] = [tuple(str(v) for v in r) for r in rows]
            out["conflicts"] = sorted(
                (c["id"], tuple(sorted(str(v["value"]) for v in c["versions"])))
                for c in exchange.list_conflicts(s)
            )
        return out

    def one(self, sql: str, *args: Any) -> Any:
        """The first column of the first row ``sql`` finds in this laptop's database (None
        when it finds none), read through a plain connection of its own."""
        con = sqlite3.connect(self.dir / "peerwalk.db")
        try:
            row = con.execute(sql, args).fetchone()
        finally:
            con.close()
        return row[0] if row else None

    def close(self) -> None:
        self.db.close()


@contextmanager
def writer_and_host(folder: Path) -> Iterator[tuple[Laptop, Laptop]]:
    """The Technology review's two laptops, Rob Ellis's (the writer, Blackwater Academy) and
    Claire Goodwin's (the host, Colne Valley High School), each having trusted the other's
    first package; closed afterwards."""
    writer = Laptop(folder, "Rob Ellis", "137450")
    host = Laptop(folder, "Claire Goodwin", "137451")
    try:
        writer.import_(host.export_for(writer))
        host.import_(writer.export_for(host))
        yield writer, host
    finally:
        writer.close()
        host.close()

"""The command line: one module per sub-command, each thin over app.services.

Each module listed in :data:`COMMAND_MODULES` has ``register(subparsers)``,
which adds its sub-parser(s) and sets ``handler=`` to a function
``handler(args, ctx) -> Output``. Handlers raise :class:`app.errors.AppError`
for anything the user can fix; :func:`run` turns that into one line on stderr
and a non-zero exit, with the database unchanged (the session is rolled back).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import __version__
from app.errors import AppError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

COMMAND_MODULES = [
    "gui",
    "demo",
    "schools",
    "people",
    "networks",
    "frameworks",
    "reviews",
    "notes",
    "findings",
    "actions",
    "search",
    "safeguarding",
    "identity",
    "network_ca",
    "report",
    "sign",
    "verify",
    "exchange",
    "conflicts",
]


@dataclass
class Output:
    """What a command returns: ``data`` for ``--json``, ``text`` for people."""

    data: Any
    text: str = ""


@dataclass
class Context:
    data_dir: Path
    json: bool = False
    _db: Any = field(default=None, repr=False)

    @property
    def db(self) -> Any:
        """The opened database (upgraded on first use)."""
        if self._db is None:
            from app.config import clock
            from app.db import Database

            self._db = Database.open(self.data_dir, clock())
        return self._db

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One command, one transaction: committed on success, rolled back on any error."""
        with self.db.transaction() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work (see Database.read)."""
        with self.db.read() as session:
            yield session


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one plain line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{message} (see '{self.prog} --help')")


class _UsageError(Exception):
    pass


def build_parser(only: list[str] | None = None) -> argparse.ArgumentParser:
    parser = _Parser(prog="peerwalk", description="School-to-school peer review, offline.")
    parser.add_argument("--version", action="version", version=f"peerwalk {__version__}")
    parser.add_argument("--data-dir", type=Path, help="the data folder (default: PEERWALK_DATA_DIR or the user data folder)")
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in only or COMMAND_MODULES:
        try:
            module = importlib.import_module(f"app.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"app.cli.{name}":
                continue  # a command not built yet
            raise
        module.register(sub)
    return parser


def _wants_window(argv: list[str]) -> bool:
    """True when the command is the window: then only its parser is built (start-up speed)."""
    words = [a for i, a in enumerate(argv) if not a.startswith("-") and (i == 0 or argv[i - 1] != "--data-dir")]
    return (not words or words[0] == "gui") and "--help" not in argv and "-h" not in argv and "--version" not in argv


def run(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(["gui"] if _wants_window(argv) else None)
    try:
        args = parser.parse_args(argv)
    except _UsageError as exc:
        print(f"peerwalk: {exc}", file=sys.stderr)
        return 2
    if args.command is None:
        args = parser.parse_args([*argv, "gui"])
    from app.config import default_data_dir

    ctx = Context(data_dir=args.data_dir or default_data_dir(), json=args.json)
    handler: Callable[[argparse.Namespace, Context], Output] = args.handler
    try:
        out = handler(args, ctx)
    except AppError as exc:
        from app.cli.wording import sentence

        print(f"peerwalk: {sentence(exc)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("peerwalk: interrupted; nothing was changed.", file=sys.stderr)
        return 130
    except Exception:
        if os.environ.get("PEERWALK_DEBUG"):
            raise
        log = _write_crash_log(ctx.data_dir)
        print(
            "peerwalk: something went wrong inside Peerwalk (a bug, not your input); "
            f"nothing was changed. Details: {log}",
            file=sys.stderr,
        )
        return 70
    finally:
        if ctx._db is not None:
            ctx._db.close()
    if out is None:
        return 0
    if ctx.json:
        print(json.dumps(out.data, ensure_ascii=False, default=str))
    elif out.text:
        print(out.text)
    return 0


def _write_crash_log(data_dir: Path) -> Path | str:
    """Keep the traceback for a bug report, out of the user's way."""
    from datetime import datetime

    try:
        logs = data_dir / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        path = logs / f"crash-{datetime.now():%Y%m%d-%H%M%S}.txt"
        path.write_text(traceback.format_exc(), encoding="utf-8")
        return path
    except OSError:
        return "(could not write a log)"

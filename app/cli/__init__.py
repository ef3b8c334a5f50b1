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
    import sqlite3

    from sqlalchemy.orm import Session

COMMAND_MODULES = [
    "gui",
    "demo",
    "schools",
    "people",
    "networks",
    "rota",
    "goodpractice",
    "strengths",
    "directory",
    "status",
    "frameworks",
    "reviews",
    "notes",
    "findings",
    "comments",
    "actions",
    "photos",
    "pack",
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
    # True when the person named the folder (--data-dir, PEERWALK_DATA_DIR): then only the
    # folder itself is created, never missing folders above it (see config.prepare_data_dir).
    named_dir: bool = False
    _db: Any = field(default=None, repr=False)

    @property
    def db(self) -> Any:
        """The opened database (upgraded on first use)."""
        if self._db is None:
            from app.config import clock
            from app.db import Database

            self._db = Database.open(self.data_dir, clock(), parents=not self.named_dir)
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

    @contextmanager
    def sql(self, *, create: bool = True) -> Iterator[sqlite3.Connection | None]:
        """A read-only stdlib sqlite3 connection to the database, for commands that only read
        and should not pay for loading SQLAlchemy (reviews list, search, report, verify). The
        database is upgraded first if its schema is older (through ``db``). Without
        ``create``, a data folder with no database gives None instead of a new database."""
        from app.config import DB_FILENAME
        from app.schema import HEAD_REVISION, connect_for_reading, stored_revision

        path = self.data_dir / DB_FILENAME
        if not create and not path.exists():
            yield None
            return
        if stored_revision(path) != HEAD_REVISION:
            self.db  # noqa: B018 (opening it creates or upgrades it)
        con = connect_for_reading(path)  # a read-only folder too
        try:
            yield con
        finally:
            con.close()

    @contextmanager
    def plain_transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction through a stdlib sqlite3 connection (services.sql.writing), for
        a command whose writes need neither the models nor the change log (a school list).
        The database is created or upgraded first if it must be (through ``db``). Raises
        ReadOnlyFolder, as ``transaction`` does, for a folder Peerwalk may not write in."""
        import os

        from app.config import DB_FILENAME
        from app.errors import ReadOnlyFolder
        from app.schema import HEAD_REVISION, stored_revision
        from app.services.sql import writing

        path = self.data_dir / DB_FILENAME
        if stored_revision(path) != HEAD_REVISION:
            self.db  # noqa: B018 (opening it creates or upgrades it)
        if not (os.access(self.data_dir, os.W_OK) and os.access(path, os.W_OK)):
            raise ReadOnlyFolder(self.data_dir)
        with writing(path) as con:
            yield con


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one plain line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{message} (see '{self.prog} --help')")


class _UsageError(Exception):
    pass


DATA_DIR_HELP = "the data folder (default: PEERWALK_DATA_DIR or the user data folder)"
JSON_HELP = "print results as JSON"


class _CommandParser(_Parser):
    """A command's parser (at any depth): it accepts the global options too, so
    ``peerwalk reviews list --json`` works. Their defaults are SUPPRESS: a command's parser
    sets them only when they are given after the command, never overwriting the value given
    before it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, help=DATA_DIR_HELP)
        self.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help=JSON_HELP)


def build_parser(only: list[str] | None = None) -> argparse.ArgumentParser:
    parser = _Parser(prog="peerwalk", description="School-to-school peer review, offline.")
    parser.add_argument("--version", action="version", version=f"peerwalk {__version__}")
    parser.add_argument("--data-dir", type=Path, help=DATA_DIR_HELP)
    parser.add_argument("--json", action="store_true", help=JSON_HELP)
    # Sub-parsers made below (and the ones the command modules nest in them) are _CommandParsers.
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_CommandParser)
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
    words = [
        a
        for i, a in enumerate(argv)
        if not a.startswith("-") and (i == 0 or argv[i - 1] != "--data-dir")
    ]
    return (
        (not words or words[0] == "gui")
        and "--help" not in argv
        and "-h" not in argv
        and "--version" not in argv
    )


def _modules_for(argv: list[str]) -> list[str] | None:
    """The command modules to build: the window's alone, or the one module named like the
    command ("report", "network-ca"), else all (start-up speed: ~0.04 s of parsers)."""
    if _wants_window(argv):
        return ["gui"]
    words = [
        a
        for i, a in enumerate(argv)
        if not a.startswith("-") and (i == 0 or argv[i - 1] != "--data-dir")
    ]
    module = words[0].replace("-", "_") if words else ""
    if (
        module in COMMAND_MODULES
        and "--help" not in argv[: argv.index(words[0])]
        and "--version" not in argv
    ):
        return [module]
    return None


def _parse(argv: list[str]) -> argparse.Namespace | int:
    """The parsed command line, or the exit status of a usage error (already printed)."""
    modules = _modules_for(argv)
    parser = build_parser(modules)
    try:
        try:
            args = parser.parse_args(argv)
        except _UsageError:
            if modules is None:
                raise
            parser = build_parser()  # a word that is not a command: say so with the full list
            args = parser.parse_args(argv)
    except _UsageError as exc:
        print(f"peerwalk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.command is None:
        args = parser.parse_args([*argv, "gui"])
    return args


def _bug(exc: Exception, ctx: Context) -> int:
    """An exception no service turned into a sentence: a storage problem if it is one (a full
    disk, a read-only folder), else a bug, whose traceback goes to a crash log."""
    from app.errors import storage_problem

    problem = storage_problem(exc, ctx.data_dir)
    if problem is not None:
        print(f"peerwalk: {problem.user_message}", file=sys.stderr)
        return problem.exit_code
    if os.environ.get("PEERWALK_DEBUG"):
        raise exc
    log = _write_crash_log(ctx.data_dir)
    print(
        "peerwalk: something went wrong inside Peerwalk (a bug, not your input); "
        f"nothing was changed. Details: {log}",
        file=sys.stderr,
    )
    return EXIT_BUG


def _show(out: Output, ctx: Context) -> int:
    try:
        if ctx.json:
            print(json.dumps(out.data, ensure_ascii=False, default=str))
        elif out.text:
            print(out.text)
        sys.stdout.flush()
    except BrokenPipeError:
        return _reader_went_away()
    return 0


def run(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _parse(argv)
    if isinstance(args, int):
        return args
    from app.config import default_data_dir

    named = args.data_dir is not None or bool(os.environ.get("PEERWALK_DATA_DIR"))
    ctx = Context(data_dir=args.data_dir or default_data_dir(), json=args.json, named_dir=named)
    handler: Callable[[argparse.Namespace, Context], Output] = args.handler
    try:
        if args.command != "gui":  # the window prepares its folder when it opens the database
            from app.config import prepare_data_dir

            prepare_data_dir(ctx.data_dir, parents=not named)
        out = handler(args, ctx)
    except AppError as exc:
        from app.cli.wording import sentence

        print(f"peerwalk: {sentence(exc)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("peerwalk: interrupted; nothing was changed.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return _reader_went_away()
    except Exception as exc:
        return _bug(exc, ctx)
    finally:
        if ctx._db is not None:
            ctx._db.close()
        if args.command != "gui":
            from app.config import tighten

            tighten(ctx.data_dir)  # folders a command made (identity/, sync/...) are private too
    return 0 if out is None else _show(out, ctx)


# The exit status of a program stopped by SIGPIPE, as a shell reports it (128 + 13).
EXIT_BROKEN_PIPE = 141
EXIT_USAGE = 2  # argparse's own
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports Ctrl+C
EXIT_BUG = 70  # EX_SOFTWARE (sysexits.h): an internal error


def _reader_went_away() -> int:
    """The program reading our output stopped early (``| head``): end quietly.

    The recipe from Python's documentation (signal module, "Note on SIGPIPE"): point stdout at
    devnull, so the flush at exit does not fail again with a traceback.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (embedded): nothing to redirect
        pass
    return EXIT_BROKEN_PIPE


def _write_crash_log(data_dir: Path) -> Path | str:
    """Keep the traceback for a bug report, out of the user's way: ``logs/`` in the data
    folder, readable by this user only (a traceback can quote what was typed)."""
    from datetime import datetime

    try:
        logs = data_dir / "logs"
        logs.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = logs / f"crash-{datetime.now():%Y%m%d-%H%M%S-%f}.txt"
        with os.fdopen(
            os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8"
        ) as f:
            f.write(traceback.format_exc())
        return path
    except OSError:
        return "(could not write a log)"

"""Shared fixtures: a real SQLite file in a temporary folder, the real `peerwalk` program in a
subprocess, and an in-memory keyring (the only thing mocked: no OS keychain runs here)."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class MemoryKeyring(KeyringBackend):
    """A real keyring backend that keeps secrets in a dict (tests only)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PEERWALK_")}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def run_peerwalk(
    data_dir: Path,
    *args: str,
    env: dict[str, str] | None = None,
    input: str | None = None,
    timeout: float = 120,
) -> Result:
    """Run the real program: `python -m app --data-dir DIR ARGS...`."""
    proc = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=env or cli_env(),
        cwd=ROOT,
        input=input,
        timeout=timeout,
        check=False,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def peerwalk(data_dir: Path):  # type: ignore[no-untyped-def]
    """``peerwalk("reviews", "list")`` runs the real program on the test's data folder."""

    def run(*args: str, **kw: Any) -> Result:
        return run_peerwalk(data_dir, *args, **kw)

    return run


def db_fingerprint(data_dir: Path) -> str:
    """A hash of every row of every table: equal before and after means nothing changed."""
    path = data_dir / "peerwalk.db"
    if not path.exists():
        return "no database"
    con = sqlite3.connect(path)
    try:
        h = hashlib.sha256()
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '%_fts%' "
                "ORDER BY name"
            )
        ]
        for t in tables:
            h.update(t.encode())
            for row in con.execute(f'SELECT * FROM "{t}" ORDER BY 1'):
                h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        con.close()


def assert_one_line_error(result: Result, *fragments: str) -> None:
    assert result.code != 0, f"expected failure, got success: {result.out}"
    assert "Traceback" not in result.err, result.err
    lines = [line for line in result.err.strip().splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got: {result.err!r}"
    for fragment in fragments:
        assert fragment.lower() in lines[0].lower(), f"{fragment!r} not in {lines[0]!r}"


# "Today" for tests of the real program: PEERWALK_TODAY pins the date its clock reads
# (app/config.py), so date rules ("within two years of today") mean the same whatever day,
# or year, the suite runs (CI runs it a year ahead under faketime too).
TODAY = "2026-11-20"


def today_env(today: str = TODAY, **extra: str) -> dict[str, str]:
    """``cli_env`` with the program's date pinned to ``today``."""
    return cli_env(PEERWALK_TODAY=today, **extra)

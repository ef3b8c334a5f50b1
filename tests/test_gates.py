"""The gates CI runs with the suite (./dev test, which .ci/run calls): ruff format, ruff check
(E, F, W, I, B, UP, SIM, PL, RUF, long lines included) and mypy --strict on app/ outside
app/ui, each as its own subprocess on the whole tree with the configuration in pyproject.toml.
The layer contract is tests/unit/test_layers.py.

A failure prints what the tool found; fix the code (or, for a rule that truly does not fit one
line, a narrow ``# noqa: CODE (reason)``), never the gate."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_the_tree_is_formatted() -> None:
    r = _run("ruff", "format", "--check", ".")
    assert r.returncode == 0, r.stdout + r.stderr
    formatted = re.search(r"(\d+) files already formatted", r.stdout)
    assert formatted and int(formatted.group(1)) > 100, r.stdout  # the whole tree was looked at


def test_ruff_finds_nothing() -> None:
    r = _run("ruff", "check", "--no-cache", ".")
    assert r.returncode == 0, r.stdout + r.stderr


def test_ruff_checks_what_the_project_selected(tmp_path: Path) -> None:
    """The selection reaches files: a long line, a magic number and an unsorted import in a
    file checked with the project's settings are each found."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import sys\nimport os\n\n\n"
        "def f(x: int) -> bool:\n"
        f"    return x > 42 and bool(os.sep) and bool(sys.argv)  # {'x' * 60}\n",
        encoding="utf-8",
    )
    r = _run(
        "ruff",
        "check",
        "--no-cache",
        "--config",
        str(ROOT / "pyproject.toml"),
        "--output-format",
        "concise",
        str(bad),
    )
    assert r.returncode == 1
    assert {"E501", "PLR2004", "I001"} <= set(re.findall(r" ([A-Z]+\d+) ", r.stdout)), r.stdout


def test_mypy_strict_below_the_window() -> None:
    # Files, excludes and the few untyped libraries are set in pyproject.toml ([tool.mypy]).
    r = _run("mypy", "--strict")
    assert r.returncode == 0, r.stdout + r.stderr
    checked = re.search(r"no issues found in (\d+) source files", r.stdout)
    assert checked and int(checked.group(1)) > 50, r.stdout  # app/ was looked at, not nothing

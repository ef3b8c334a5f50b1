"""``peerwalk`` opens the window without building the command line; anything else is the
command line's (help, mistakes and every command)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.__main__ import window_args


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (None, False, [])),
        (["gui"], (None, False, [])),
        (["--data-dir", "/d", "gui", "--smoke-test"], (Path("/d"), True, [])),
        (["--data-dir=/d"], (Path("/d"), False, [])),
        (
            ["gui", "report.pdf", "from-rob.peerwalk"],
            (None, False, ["report.pdf", "from-rob.peerwalk"]),
        ),
    ],
)
def test_the_window_is_opened_directly(argv: list[str], expected: object) -> None:
    assert window_args(argv) == expected


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["gui", "--help"],
        ["--version"],
        ["--json", "reviews", "list"],
        ["reviews", "list"],
        ["report.pdf"],
        ["--smoke-test"],
        ["gui", "--bogus"],
    ],
)
def test_everything_else_is_the_command_line(argv: list[str]) -> None:
    assert window_args(argv) is None

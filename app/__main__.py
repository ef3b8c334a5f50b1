"""``python -m app`` / ``peerwalk``: the window, or the command line when given a command.

The window's plain start (``peerwalk``, ``peerwalk [--data-dir DIR] gui [--smoke-test] [FILE...]``)
goes straight to it without building the command line (argparse and every command's module
cost the first paint); anything else, help and mistakes included, is the command line's.
"""

from __future__ import annotations

import sys
from pathlib import Path


def window_args(argv: list[str]) -> tuple[Path | None, bool, list[str]] | None:
    """``(data_dir, smoke_test, files)`` when ``argv`` only opens the window, else None."""
    data_dir: str | None = None
    smoke_test, files, words = False, [], 0
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--data-dir" and i + 1 < len(argv):
            data_dir, i = argv[i + 1], i + 2
            continue
        if a.startswith("--data-dir="):
            data_dir = a.split("=", 1)[1]
        elif a == "--smoke-test" and words == 1:
            smoke_test = True
        elif a.startswith("-") or (words == 0 and a != "gui"):
            return None  # an option or a command of the command line
        elif words == 0:
            words = 1
        else:
            files.append(a)
        i += 1
    return (Path(data_dir).expanduser() if data_dir else None), smoke_test, files


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    window = window_args(argv)
    if window is None:
        from app.cli import run

        return run(argv)
    from app.config import default_data_dir

    data_dir, smoke_test, files = window
    data_dir = data_dir or default_data_dir()
    try:
        from app.ui.application import run_gui

        code: int = run_gui(data_dir, smoke_test=smoke_test, files=files)
        return code
    except KeyboardInterrupt:
        return 130
    except Exception:
        import os

        if os.environ.get("PEERWALK_DEBUG"):
            raise
        from app.cli import _write_crash_log

        log = _write_crash_log(data_dir)
        print(
            "peerwalk: something went wrong inside Peerwalk (a bug, not your input); nothing was "
            f"changed. Details: {log}",
            file=sys.stderr,
        )
        return 70


if __name__ == "__main__":
    sys.exit(main())

"""Run the command line in a fresh process and say which heavy libraries it loaded."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

HEAVY = ("sqlalchemy", "alembic")


def heavy_modules_loaded(*argv: str) -> tuple[int, str, list[str]]:
    """(exit code, what it printed, the HEAVY libraries it imported) of ``peerwalk ARGV``."""
    code = (
        "import json, sys; from app.cli import run;"
        f"code = run({list(argv)!r}); heavy = {set(HEAVY)!r};"
        "loaded = sorted({m.split('.')[0] for m in sys.modules} & heavy);"
        "print(json.dumps([code, loaded]), file=sys.stderr)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    exit_code, loaded = json.loads(out.stderr.strip().splitlines()[-1])
    return exit_code, out.stdout, loaded

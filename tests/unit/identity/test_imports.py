"""app/identity depends on nothing of ours but app.errors; the signing modules only on
app.identity, app.errors, app.config (font paths) and app.dates (the stamp's date); and none
of them loads cryptography, pyHanko or ReportLab when merely imported (start-up cost,
TECH-NOTES)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[3] / "app"
SIGNING = [
    "reports/signing.py",
    "reports/verify.py",
    "reports/appearance.py",
    "reports/signoff.py",
    "reports/stamp_text.py",
    "reports/verdict.py",
    "reports/pyhanko_offline.py",
    "reports/fonts.py",
]


def _ours(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
    return {n for n in names if n == "app" or n.startswith("app.")}


def test_identity_imports_only_errors() -> None:
    for path in sorted((APP / "identity").glob("*.py")):
        assert {m for m in _ours(path) if not m.startswith("app.identity")} <= {"app.errors"}, (
            path.name
        )


def test_signing_imports_only_identity_and_errors() -> None:
    allowed = {"app.errors", "app.config", "app.dates"} | {
        "app." + n.removesuffix(".py").replace("/", ".") for n in SIGNING
    }
    for name in SIGNING:
        assert {m for m in _ours(APP / name) if not m.startswith("app.identity")} <= allowed, name


def test_importing_is_cheap() -> None:
    code = (
        "import sys, app.identity, app.reports.signing, app.reports.verify, app.reports.appearance,"
        " app.reports.signoff, app.reports.stamp_text, app.reports.verdict, app.reports.pyhanko_offline,"
        " app.reports.fonts;"
        "heavy = [m for m in ('cryptography', 'pyhanko', 'reportlab', 'keyring') if m in sys.modules];"
        "print(heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=APP.parent, check=True
    ).stdout
    assert out.strip() == "[]"

"""The layers hold: only app/ui imports Qt; app/ui never imports SQLAlchemy; the core never
imports the UI. Read from the source, so a lazy import inside a function counts too."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _files(under: Path) -> list[Path]:
    return sorted(under.rglob("*.py"))


def test_the_rules_see_files() -> None:
    assert len(_files(APP)) > 20 and len(_files(APP / "ui")) >= 1


def test_no_qt_below_the_ui() -> None:
    offenders = [
        str(p.relative_to(APP))
        for p in _files(APP)
        if "ui" not in p.relative_to(APP).parts[:1]
        and any(m.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"} for m in _imports(p))
    ]
    assert offenders == []


def test_ui_never_touches_sqlalchemy_or_models() -> None:
    offenders = [
        str(p.relative_to(APP))
        for p in _files(APP / "ui")
        if any(
            m.split(".")[0] in {"sqlalchemy", "alembic"}
            or m.startswith("app.models")
            or m == "app.db"
            for m in _imports(p)
        )
    ]
    assert offenders == []


def test_core_never_imports_the_ui_or_cli() -> None:
    core = [
        p
        for p in _files(APP)
        if p.relative_to(APP).parts[0] in {"models", "services", "reports", "sync", "identity"}
    ]
    offenders = [
        str(p.relative_to(APP))
        for p in core
        if any(m.startswith(("app.ui", "app.cli")) for m in _imports(p))
    ]
    assert offenders == []


# The window reaches the core through one gateway (the Workspace and its Changes) and may name
# the errors and the fixed vocabulary; nothing else of ours.
UI_MAY_IMPORT = (
    "app.ui",
    "app.errors",
    "app.vocabulary",
    "app.services.workspace",
    "app.services.changes",
    "app.services.read_models",
    "app.dates",  # the one en-GB date format and the reading of typed dates (pure)
)
# The bottom of the core: the database, its schema and the models sit below every use case.
BOTTOM = ("db.py", "schema.py", "config.py", "errors.py", "vocabulary.py", "dates.py")
ABOVE_THE_BOTTOM = ("app.services", "app.ui", "app.cli", "app.sync", "app.reports", "app.identity")


def test_the_window_reaches_the_core_only_through_the_workspace() -> None:
    offenders = {
        str(p.relative_to(APP)): sorted(
            m for m in _imports(p) if m.startswith("app.") and not m.startswith(UI_MAY_IMPORT)
        )
        for p in _files(APP / "ui")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_database_layer_imports_no_use_case() -> None:
    files = [APP / name for name in BOTTOM] + _files(APP / "models")
    # One stated exception: the commit hook batches a transaction's changes (app.sync.sealing,
    # which needs no key and no use case), so that exporting only copies (README, packages).
    offenders = {
        str(p.relative_to(APP)): sorted(
            m for m in _imports(p) if m.startswith(ABOVE_THE_BOTTOM) and m != "app.sync.sealing"
        )
        for p in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_layer_rules_catch_what_they_are_for(tmp_path: Path) -> None:
    """The two breaks these rules were written for would be caught (the rules read source)."""
    window = tmp_path / "main_window.py"
    window.write_text(
        "def f():\n    from app.identity.keystore import real_keychain\n", encoding="utf-8"
    )
    db = tmp_path / "db.py"
    db.write_text(
        "def open():\n    from app.services.frameworks import install_frameworks\n",
        encoding="utf-8",
    )
    assert not all(m.startswith(UI_MAY_IMPORT) for m in _imports(window) if m.startswith("app."))
    assert any(m.startswith(ABOVE_THE_BOTTOM) for m in _imports(db))


def test_models_import_nothing_of_ours_above_them() -> None:
    offenders = [
        str(p.relative_to(APP))
        for p in _files(APP / "models")
        if any(
            m.startswith("app.")
            and not m.startswith(("app.models", "app.errors", "app.vocabulary"))
            for m in _imports(p)
        )
    ]
    assert offenders == []


def test_command_line_start_does_not_import_heavy_modules() -> None:
    code = (
        "import sys; from app.cli import build_parser; build_parser(); "
        "heavy = [m for m in ('PySide6', 'alembic', 'reportlab', 'pyhanko', 'PIL', 'keyring') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=APP.parent
    )
    assert out.stdout.strip() == "[]"

"""The layer contract, stated once: each rule below is a function of the source tree, run on the
real app/ and, with a break planted, on a copy of it (so each rule is shown to catch what it is
for). Read from the source, so a lazy import inside a function counts too.

- Only app/ui imports Qt.
- app/ui never imports SQLAlchemy, Alembic, app.models or app.db: the window reaches the core
  only through the workspace (and may name the errors, the vocabulary, Changes and dates), so
  app/ui/main_window.py does not import the identity layer either. Under ``if TYPE_CHECKING:``
  it may name the core's read models (types, never run), but still nothing of the database.
- The core (models, services, reports, sync, identity) never imports the window or the CLI.
- The bottom (app/db.py, schema, config, errors, vocabulary, models) imports no use case; the
  one stated exception is app.sync.sealing (below).
- Models import nothing of ours above them.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app"

Offenders = dict[str, list[str]]

QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")
# The window reaches the core through one gateway (the Workspace and its Changes) and may name
# the errors, the fixed vocabulary and the one date format; nothing else of ours.
UI_MAY_IMPORT = (
    "app.ui",
    "app.errors",
    "app.vocabulary",
    "app.services.workspace",  # and its parts (app.services.workspace_network)
    "app.services.changes",
    "app.services.read_models",  # the typed records the workspace returns
    "app.services.dates",  # typed dates for the date fields: no Qt, no database
    "app.dates",  # the one en-GB date format and the reading of typed dates (pure)
)
# For annotations only (under TYPE_CHECKING): the typed read models the workspace returns.
UI_MAY_NAME = ("app.services", "app.reports.data")
UI_NEVER = ("sqlalchemy", "alembic")
CORE = ("models", "services", "reports", "sync", "identity")
# The bottom of the core: the database, its schema and the models sit below every use case.
BOTTOM = ("db.py", "schema.py", "config.py", "errors.py", "vocabulary.py", "dates.py")
ABOVE_THE_BOTTOM = ("app.services", "app.ui", "app.cli", "app.sync", "app.reports", "app.identity")
# One stated exception: the commit hook batches a transaction's changes (app.sync.sealing,
# which needs no key and no use case), so that exporting only copies (README, packages).
BOTTOM_MAY_IMPORT = ("app.sync.sealing",)


def _imports(path: Path, *, types_too: bool = True) -> set[str]:
    """The modules ``path`` imports, lazily too; without ``types_too``, leaving out those
    imported only for annotations (under ``if TYPE_CHECKING:``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only: set[int] = set()
    if not types_too:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and ast.unparse(node.test) in _TYPE_CHECKING:
                typing_only |= {id(n) for part in node.body for n in ast.walk(part)}
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


_TYPE_CHECKING = {"TYPE_CHECKING", "typing.TYPE_CHECKING"}


def _files(under: Path) -> list[Path]:
    return sorted(under.rglob("*.py"))


def _report(
    app: Path, files: list[Path], bad: Callable[[str], bool], *, types_too: bool = True
) -> Offenders:
    found = {
        str(p.relative_to(app)): sorted(m for m in _imports(p, types_too=types_too) if bad(m))
        for p in files
    }
    return {k: v for k, v in found.items() if v}


def qt_below_the_ui(app: Path) -> Offenders:
    below = [p for p in _files(app) if p.relative_to(app).parts[0] != "ui"]
    return _report(app, below, lambda m: m.split(".")[0] in QT)


def ui_touching_the_database(app: Path) -> Offenders:
    return _report(
        app,
        _files(app / "ui"),
        lambda m: m.split(".")[0] in UI_NEVER or m.startswith("app.models") or m == "app.db",
    )


def ui_around_the_workspace(app: Path) -> Offenders:
    runs = _report(
        app,
        _files(app / "ui"),
        lambda m: m.startswith("app.") and not m.startswith(UI_MAY_IMPORT),
        types_too=False,
    )
    named = _report(
        app,
        _files(app / "ui"),
        lambda m: m.startswith("app.") and not m.startswith((*UI_MAY_IMPORT, *UI_MAY_NAME)),
    )
    return {k: sorted({*runs.get(k, []), *named.get(k, [])}) for k in {*runs, *named}}


def core_importing_ui_or_cli(app: Path) -> Offenders:
    core = [p for p in _files(app) if p.relative_to(app).parts[0] in CORE]
    return _report(app, core, lambda m: m.startswith(("app.ui", "app.cli")))


def bottom_importing_use_cases(app: Path) -> Offenders:
    files = [app / name for name in BOTTOM] + _files(app / "models")
    return _report(
        app,
        files,
        lambda m: m.startswith(ABOVE_THE_BOTTOM) and m not in BOTTOM_MAY_IMPORT,
    )


def models_importing_upwards(app: Path) -> Offenders:
    return _report(
        app,
        _files(app / "models"),
        lambda m: (
            m.startswith("app.")
            and not m.startswith(("app.models", "app.errors", "app.vocabulary"))
        ),
    )


RULES = (
    qt_below_the_ui,
    ui_touching_the_database,
    ui_around_the_workspace,
    core_importing_ui_or_cli,
    bottom_importing_use_cases,
    models_importing_upwards,
)


def test_the_rules_see_files() -> None:
    assert len(_files(APP)) > 20 and len(_files(APP / "ui")) >= 1
    assert all((APP / name).is_file() for name in BOTTOM)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_the_layers_hold(rule: Callable[[Path], Offenders]) -> None:
    assert rule(APP) == {}


# Each break a rule is for, planted as a lazy import (the kind a quick fix adds) in a copy of
# app/: (rule, file, planted import).
PLANTED = [
    (qt_below_the_ui, "services/reviews.py", "from PySide6.QtCore import QObject"),
    (qt_below_the_ui, "db.py", "import shiboken6"),
    (ui_touching_the_database, "ui/main_window.py", "from sqlalchemy import select"),
    (ui_touching_the_database, "ui/main_window.py", "from app.models import Review"),
    (ui_touching_the_database, "ui/main_window.py", "import app.db"),
    (ui_around_the_workspace, "ui/main_window.py", "from app.identity.keystore import seal"),
    (ui_around_the_workspace, "ui/main_window.py", "from app.services.reviews import plan_review"),
    (ui_around_the_workspace, "ui/pages/network.py", "from app.services.practice import words_of"),
    (core_importing_ui_or_cli, "services/reviews.py", "from app.ui import main_window"),
    (core_importing_ui_or_cli, "sync/merge.py", "from app.cli import run"),
    (bottom_importing_use_cases, "db.py", "from app.services.frameworks import install_frameworks"),
    (bottom_importing_use_cases, "db.py", "from app.sync.merge import apply_ops"),
    (models_importing_upwards, "models/reviews.py", "from app.services import dates"),
]


@pytest.fixture(scope="module")
def app_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("layers") / "app"
    shutil.copytree(APP, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


@pytest.mark.parametrize(
    ("rule", "where", "line"), PLANTED, ids=[f"{r.__name__}-{w}" for r, w, _ in PLANTED]
)
def test_each_rule_catches_its_break(
    app_copy: Path, rule: Callable[[Path], Offenders], where: str, line: str
) -> None:
    target = app_copy / where
    original = target.read_text(encoding="utf-8")
    assert rule(app_copy) == {}  # the copy is as clean as the tree
    try:
        target.write_text(original + f"\n\ndef _planted() -> None:\n    {line}\n", encoding="utf-8")
        planted = line.split()[1]
        assert rule(app_copy) == {where: [planted]}
    finally:
        target.write_text(original, encoding="utf-8")


@pytest.mark.parametrize(
    ("planted", "found"),
    [
        ("from app.services.practice import Found", {}),  # a read model's type: allowed
        (
            "from app.identity.keystore import PassphraseProvider",
            {"ui/main_window.py": ["app.identity.keystore"]},
        ),
    ],
)
def test_the_window_may_name_read_models_for_types_only(
    app_copy: Path, planted: str, found: Offenders
) -> None:
    window = app_copy / "ui" / "main_window.py"
    original = window.read_text(encoding="utf-8")
    try:
        window.write_text(
            original + f"\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    {planted}\n",
            encoding="utf-8",
        )
        assert ui_around_the_workspace(app_copy) == found
        if not found:  # the same import, run rather than only named, is a break
            window.write_text(original + f"\n{planted}\n", encoding="utf-8")
            assert ui_around_the_workspace(app_copy) == {
                "ui/main_window.py": ["app.services.practice"]
            }
    finally:
        window.write_text(original, encoding="utf-8")


def test_the_stated_exception_is_the_only_one(app_copy: Path) -> None:
    """app/db.py may import app.sync.sealing, and only that of the sync layer."""
    assert "app.sync.sealing" in _imports(APP / "db.py")
    db = app_copy / "db.py"
    original = db.read_text(encoding="utf-8")
    try:
        db.write_text(original + "\nfrom app.sync.sealed_off import x\n", encoding="utf-8")
        assert bottom_importing_use_cases(app_copy) == {"db.py": ["app.sync.sealed_off"]}
    finally:
        db.write_text(original, encoding="utf-8")


def test_command_line_start_does_not_import_heavy_modules() -> None:
    code = (
        "import sys; from app.cli import build_parser; build_parser(); "
        "heavy = [m for m in ('PySide6', 'alembic', 'reportlab', 'pyhanko', 'PIL', 'keyring') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=APP.parent
    )
    assert out.stdout.strip() == "[]"

"""The main window on a real database: lists the reviews, shows one, and the smoke test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.services.demo import load_demo
from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from tests.conftest import ROOT, cli_env


def _demo_workspace(data_dir: Path) -> Workspace:
    ws = Workspace(data_dir)
    with ws.db.transaction() as session:
        load_demo(session)
    return ws


def test_lists_reviews_newest_first_and_shows_the_selected_one(qtbot, data_dir: Path) -> None:
    ws = _demo_workspace(data_dir)
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    assert window.review_count() == 5
    schools = [window.model.index(r, 1).data() for r in range(window.review_count())]
    assert "Ysgol Gymraeg Bro Ŵyr" in schools and "Colne Valley High School" in schools
    dates = [window.model.index(r, 0).data() for r in range(window.review_count())]
    assert dates == sorted(dates, reverse=True)
    row = schools.index("Colne Valley High School")
    window.table.selectRow(row)
    assert "Technology subjects" in window.detail.toPlainText()
    assert "Fire door" not in window.detail.toPlainText()  # safeguarding never shown here
    ws.close()


def test_smoke_test_paints_with_data_and_exits(data_dir: Path) -> None:
    subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), "demo"], check=True, env=cli_env(), cwd=ROOT, capture_output=True)
    out = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), "gui", "--smoke-test"],
        env=cli_env(), cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert "painted with data in" in out.stdout and "(5 reviews)" in out.stdout

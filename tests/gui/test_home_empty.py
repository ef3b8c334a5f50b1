"""Home on a brand-new data folder whose welcome was cancelled: instead of five empty lists, two
plain sentences with "Set up your school…" (the welcome again) and "Open Set-up" (the page for
partner schools, people and networks). The demo cannot be loaded from the window (no File-menu
action does it), so it is not offered. Once a review is on the laptop, Home lists as before.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.services.changes import Changes
from app.services.demo import demo_id
from app.services.workspace import Workspace
from app.ui.welcome import WelcomeDialog
from tests.conftest import ROOT, cli_env
from tests.gui.conftest import TODAY
from tests.gui.helpers import settle
from tests.gui.test_first_run import Butler, _window

SHOTS = os.environ.get("PEERWALK_SHOTS")  # a folder to save a 1280x720 screenshot in


def _welcomes(butler: Butler) -> int:
    return [kind for kind, _ in butler.seen].count("WelcomeDialog")


def test_a_new_laptop_whose_welcome_was_cancelled_says_what_to_do_first(
    qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PEERWALK_TODAY", TODAY.isoformat())
    ws = Workspace(data_dir)  # no schools, no people, no reviews
    window = _window(qtbot, ws)
    window.resize(1280, 720)
    home = window.home
    butler = Butler({WelcomeDialog: lambda d: d.reject()})
    try:
        window.files.first_run()  # what a new laptop opens on; the person cancels it
        qtbot.waitUntil(lambda: _welcomes(butler) == 1, timeout=10_000)
        settle(qtbot)
        assert home.empty.isVisible() and not home.lists.isVisible()
        assert home.empty.text.text().startswith("Start by telling Peerwalk your school")
        buttons = [home.empty.school_button.text(), home.empty.setup_button.text()]
        assert buttons == ["Set up your school…", "Open Set-up"]
        if SHOTS:
            window.grab().save(str(Path(SHOTS) / "home-empty.png"))
        qtbot.mouseClick(home.empty.school_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: _welcomes(butler) == 2, timeout=10_000)  # the welcome again
        settle(qtbot)
    finally:
        butler.stop()
    qtbot.mouseClick(home.empty.setup_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert window.stack.currentWidget() is window.setup
    window.nav.setCurrentRow(0)
    settle(qtbot)
    assert home.empty.isVisible()
    # A review arrives (here the demo network, as a package's reviews would): Home lists it.
    ws.load_demo()
    window.broadcast(Changes.of(reviews=demo_id("review", "tech")))
    qtbot.waitUntil(home.lists.isVisible, timeout=10_000)
    settle(qtbot)
    assert not home.empty.isVisible() and home.total > 0
    assert f"{home.total} review(s) on this laptop" in home.title.text()
    ws.close()


def test_the_smoke_test_paints_a_home_with_nothing_to_list(tmp_path: Path) -> None:
    """``gui --smoke-test`` waits for Home's first paint: with no review, Home paints what to do
    first, not the lists it hides (the second start reads an existing empty database at once,
    before the first paint, and used to wait for a list that never painted)."""
    data = tmp_path / "new"
    for _start in range(2):
        out = subprocess.run(
            [sys.executable, "-m", "app", "--data-dir", str(data), "gui", "--smoke-test"],
            env=cli_env(),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert out.returncode == 0, out.stderr
        assert "painted with data in" in out.stdout and "(0 reviews)" in out.stdout

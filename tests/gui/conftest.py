from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.operations import wait_for_all
from tests.gui.helpers import settle

# The window's today and its database clock's date agree, whatever day the suite runs.
TODAY = date(2026, 11, 24)


@pytest.fixture
def workspace(data_dir: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PEERWALK_TODAY", TODAY.isoformat())  # read by app.config.clock
    ws = Workspace(data_dir)
    ws.load_demo()
    yield ws
    wait_for_all()
    ws.close()


@pytest.fixture
def window(qtbot, workspace):  # type: ignore[no-untyped-def]
    w = MainWindow(workspace, today=TODAY)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitActive(w)  # shortcuts and Alt+letter mnemonics go to the active window
    settle(qtbot)  # Home is read off the GUI thread
    yield w
    settle(qtbot)  # answered before the window goes, not in the next test

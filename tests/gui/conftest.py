from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.operations import wait_for_all
from tests.gui.helpers import settle, stop_polling

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


@pytest.fixture(autouse=True)
def _as_on_a_loaded_machine(monkeypatch):  # type: ignore[no-untyped-def]
    """Every operation with progress shows its dialog at once, as slow work does on a loaded
    machine (CI): the dialog-answering helpers must leave it to its work, which they did not,
    and a test that passed on a quiet machine failed one CI run in three. Each test's polling
    helpers are stopped when it ends, so none answers the next test's dialog."""
    from app.ui import operations

    monkeypatch.setattr(operations, "SHOW_PROGRESS_AFTER_MS", 0)
    yield
    stop_polling()

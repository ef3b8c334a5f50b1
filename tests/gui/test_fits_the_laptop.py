"""The window fits the screen it opens on, remembers where it was (in the data folder, not the
user's home), and long choosers find a school or a person from a few letters typed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from app.ui.main_window import SETTINGS_FILE, MainWindow
from tests.gui.helpers import settle


def test_opens_within_the_screen_and_remembers_its_geometry(
    qtbot, workspace, data_dir: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # nothing may be written there
    first = MainWindow(workspace, today=date(2026, 11, 24))
    qtbot.addWidget(first)
    area = first.screen().availableGeometry()
    assert first.width() <= area.width() and first.height() <= area.height()
    assert area.contains(first.geometry())
    first.show()
    qtbot.waitExposed(first)
    first.resize(640, 500)
    first.move(area.x() + 20, area.y() + 30)
    first.close()
    assert (data_dir / SETTINGS_FILE).exists() and not (tmp_path / "home").exists()
    assert (
        QSettings(str(data_dir / SETTINGS_FILE), QSettings.Format.IniFormat).value("geometry")
        is not None
    )
    second = MainWindow(workspace, today=date(2026, 11, 24))
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (640, 500)


def test_a_saved_geometry_larger_than_this_screen_is_fitted(
    qtbot, workspace, data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    big = MainWindow(workspace, today=date(2026, 11, 24))
    qtbot.addWidget(big)
    area = big.screen().availableGeometry()
    big.setGeometry(area.x(), area.y(), area.width() + 900, area.height() + 700)  # a big monitor's
    big._remember_geometry()
    again = MainWindow(workspace, today=date(2026, 11, 24))
    qtbot.addWidget(again)
    assert again.width() <= area.width() and again.height() <= area.height()


# The completer's list is a popup: the offscreen platform cannot raise it or grab the keyboard.
@pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)
def test_long_choosers_are_filtered_by_typing(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.nav.setCurrentRow(1)
    settle(qtbot)
    host = window.plan.host
    host.setFocus()
    host.lineEdit().selectAll()
    qtbot.keyClicks(host.lineEdit(), "aidan")  # any part of the name, any case
    popup = host.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    shown = [popup.model().index(i, 0).data() for i in range(popup.model().rowCount())]
    assert shown == ["St Aidan's RC Primary School (105522)"]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert host.currentData() == "105522"
    # The host's own staff are not offered as visitors; its colleagues are offered as hosts.
    visitors = [window.plan.reviewers.item(i).text() for i in range(window.plan.reviewers.count())]
    assert not any("St Aidan's" in v for v in visitors)
    colleague = window.plan.agenda.cellWidget(2, 4)
    names = [colleague.itemText(i) for i in range(colleague.count())]
    assert "Bernadette Quinn" in names and "Nadia Rahman" not in names


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from app.services.workspace import Workspace

    folder = tmp_path_factory.mktemp("demo")
    ws = Workspace(folder)
    ws.load_demo()
    ws.close()
    return folder


# A laptop's screen, and the scale its owner set: 1920x1080 at 150 % and 2560x1440 at 200 %
# leave the same 1280x720 of room as a plain 1280x720 screen, in larger pixels.
@pytest.mark.parametrize(
    ("width", "height", "scale"),
    [(1280, 720, "1"), (1366, 768, "1"), (1920, 1080, "1.5"), (2560, 1440, "2")],
)
def test_every_page_fits_a_laptop_screen_at_its_scale(
    demo_folder: Path, tmp_path: Path, width: int, height: int, scale: str
) -> None:
    """The real window on a screen of that size and scale (a fresh process: both are fixed for
    a process's life): it opens inside the screen, and its smallest size with every page made
    leaves room for a task bar and a title bar (48 + 40 px) and the borders."""
    import json
    import shutil
    import subprocess
    import sys

    from tests.conftest import ROOT, cli_env

    data = tmp_path / "data"
    shutil.copytree(demo_folder, data)
    config = tmp_path / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    out = subprocess.run(
        [sys.executable, "-m", "tests.gui.fit_probe", str(data)],
        env=cli_env(QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR=scale),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.splitlines()[-1])
    room = [round(width / float(scale)), round(height / float(scale))]
    assert seen["scale"] == float(scale) and seen["available"] == room
    assert seen["inside"], seen
    assert seen["window"][0] <= room[0] - 16 and seen["window"][1] <= room[1] - 40
    assert seen["minimum"][0] <= room[0] - 16 and seen["minimum"][1] <= room[1] - 48 - 40, seen
    for page, (w, h) in seen["pages"].items():
        assert w <= room[0] - 150 and h <= room[1] - 48 - 40 - 60, (page, w, h)  # nav, menus


def test_the_visiting_team_is_found_by_typing(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.nav.setCurrentRow(1)
    settle(qtbot)
    plan = window.plan
    plan.reviewers.item(0).setCheckState(Qt.CheckState.Checked)
    ticked = plan.reviewers.item(0).text()
    qtbot.keyClicks(plan.find_reviewer, "teifi ysgol")  # words of a name or school, any case
    shown = [
        plan.reviewers.item(i).text()
        for i in range(plan.reviewers.count())
        if not plan.reviewers.item(i).isHidden()
    ]
    assert shown == ["Emyr Huws — Ysgol Bro Teifi", "Llŷr Rhys — Ysgol Bro Teifi"]
    assert len(shown) < plan.reviewers.count()
    plan.find_reviewer.clear()
    assert plan.reviewers.item(0).text() == ticked  # ticks survive the filter
    assert plan.reviewers.item(0).checkState() == Qt.CheckState.Checked

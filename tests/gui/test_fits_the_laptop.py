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

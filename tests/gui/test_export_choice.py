"""File › Export a package… opens on the schools a package may go to: the dialog lists them
(it once raised a TypeError on the school rows) and never offers this laptop's own school."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.ui.dialogs import ExportDialog
from tests.gui.helpers import settle


def test_export_offers_partner_schools_not_our_own(qtbot: Any, window: Any) -> None:
    window.workspace.set_site("137450", "Rob Ellis")  # Blackwater Academy's laptop
    offered: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ExportDialog):
            QTimer.singleShot(20, answer)
            return
        offered.extend(dialog.school.itemData(i) for i in range(dialog.school.count()))
        dialog.reject()  # cancelled: no file dialog, nothing written

    QTimer.singleShot(0, answer)
    window.files.export_package_dialog()
    qtbot.waitUntil(lambda: bool(offered), timeout=5000)
    settle(qtbot)
    assert "137451" in offered  # Colne Valley, a partner
    assert offered[0] != "137450"
    assert "137450" not in offered

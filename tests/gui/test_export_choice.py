"""File › Export a package… opens on the schools a package may go to: the dialog lists them
(it once raised a TypeError on the school rows) and never offers this laptop's own school."""

from __future__ import annotations

from typing import Any

from app.ui.dialogs import ExportDialog
from tests.gui.helpers import answer_next, settle


def test_export_offers_partner_schools_not_our_own(qtbot: Any, window: Any) -> None:
    window.workspace.set_site("137450", "Rob Ellis")  # Blackwater Academy's laptop
    offered: list[str] = []

    def answer(dialog: ExportDialog) -> None:
        offered.extend(dialog.school.itemData(i) for i in range(dialog.school.count()))
        dialog.reject()  # cancelled: no file dialog, nothing written

    answer_next(ExportDialog, answer)
    window.files.export_package_dialog()
    qtbot.waitUntil(lambda: bool(offered), timeout=5000)
    settle(qtbot)
    assert "137451" in offered  # Colne Valley, a partner
    assert offered[0] != "137450"
    assert "137450" not in offered


def test_a_laptop_that_knows_no_partner_says_how_to_get_one(
    qtbot: Any, data_dir: Any, monkeypatch: Any
) -> None:
    """A new laptop (its own school only) is told where partner schools come from, instead of
    an export dialog with nothing to choose (a dead end with an OK button)."""
    from datetime import date

    from PySide6.QtWidgets import QMessageBox, QWidget

    from app.services.workspace import Workspace
    from app.ui.main_window import MainWindow
    from app.ui.operations import wait_for_all

    monkeypatch.setenv("PEERWALK_TODAY", "2026-11-24")
    ws = Workspace(data_dir)
    ws.setup_laptop(
        name="Claire Goodwin",
        email="c.goodwin@colnevalley.example",
        role="headteacher",
        school_id="137451",
        school_name="Colne Valley High School",
        passphrase=None,
        make_identity=False,
    )
    window = MainWindow(ws, today=date(2026, 11, 24))
    qtbot.addWidget(window)
    window.show()
    seen: list[str] = []

    def answer(dialog: Any) -> None:
        seen.append(type(dialog).__name__)
        if isinstance(dialog, QMessageBox):
            seen.append(dialog.text())
        dialog.reject()

    answer_next(QWidget, answer)
    window.files.export_package_dialog()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    settle(qtbot)
    window.close()
    wait_for_all()
    ws.close()
    assert seen[0] == "QMessageBox"
    assert "Import a school list" in seen[1]

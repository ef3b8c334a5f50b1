"""A file Peerwalk has just written (a pre-visit pack): one short box saying where it went,
with "Open" (the file in the computer's own viewer) and "Close". The status bar alone was easy
to miss, and the person then had to find the folder again to look at what they made.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("SavedFile", text)


def offer_to_open(parent: QWidget, title: str, sentence: str, path: Path) -> bool:
    """Show ``sentence`` with Open (the default: Enter opens it) and Close (Esc). Returns True
    when the file was handed to the computer's viewer; opening never raises (a computer with
    no PDF viewer just does nothing, as everywhere else on the desktop)."""
    box = QMessageBox(QMessageBox.Icon.Information, title, sentence, parent=parent)
    opener = box.addButton(_tr("&Open"), QMessageBox.ButtonRole.AcceptRole)
    closer = box.addButton(_tr("&Close"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(opener)
    box.setEscapeButton(closer)
    try:
        box.exec()
        wanted = box.clickedButton() is opener
    finally:
        box.deleteLater()
    if wanted:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    return wanted

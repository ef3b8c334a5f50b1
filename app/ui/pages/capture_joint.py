"""Review day's joint observation: the host colleague's column beside the visitors' notes.

Both columns show from the start, so the hint ("side by side, to compare afterwards") is true
before anyone has written: an empty host column says in one line whose notes will appear there
and how (By, Alt+B), or, when the agenda names no host colleague, where to name one (Plan).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QListWidgetItem

from app.services.read_models import AgendaRow


def _tr(text: str) -> str:
    return QCoreApplication.translate("JointObservation", text)


def partner_title(a: AgendaRow) -> str:
    """The host column's heading: whose notes it holds."""
    if a.host_colleague_id and a.host_colleague:
        return _tr("Notes by %1 (host colleague)").replace("%1", a.host_colleague)
    return _tr("The host colleague's notes")


def waiting_row(a: AgendaRow) -> QListWidgetItem:
    """The empty host column's one line, greyed and not choosable (F2 and Delete skip it)."""
    if a.host_colleague_id and a.host_colleague:
        words = _tr(
            "No notes by %1 yet. Choose %1 under By (Alt+B) to write one; it appears here."
        ).replace("%1", a.host_colleague)
    else:
        words = _tr(
            "No host colleague is named for this observation: name one on Plan, then choose "
            "them under By (Alt+B) and their notes appear here."
        )
    item = QListWidgetItem(words)
    item.setFlags(Qt.ItemFlag.NoItemFlags)
    return item

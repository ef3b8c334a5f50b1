"""Dialogs for packages and conflicts. Each has an ``ask``-style entry the window calls and
tests can drive (Qt's own widgets, never native dialogs)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.errors import show_error


class ExportDialog(QDialog):
    """Choose the partner school a package is for (from this laptop's networks)."""

    def __init__(self, parent: QWidget | None, schools: list[dict[str, Any]]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export a package"))
        self.school = QComboBox()
        self.school.setAccessibleName(self.tr("For school"))
        for s in schools:
            self.school.addItem(f"{s['name']} ({s['id']})", s["id"])
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("Only what that school may see, and has not had yet, goes in the package.")))
        form.addRow(self.tr("For"), self.school)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class ConflictsDialog(QDialog):
    """Text edited on two laptops at once: every version, who wrote it and when; keep one."""

    def __init__(self, parent: QWidget | None, workspace: Any) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(self.tr("Edited on two laptops at once"))
        self.conflicts = QListWidget()
        self.conflicts.setAccessibleName(self.tr("Conflicts"))
        self.versions = QListWidget()
        self.versions.setAccessibleName(self.tr("Versions"))
        self.versions.setWordWrap(True)
        self.keep = QPushButton(self.tr("&Keep this version"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Nobody's words were lost: choose the wording to keep. Your choice travels in the next package and clears this everywhere.")))
        layout.addWidget(self.conflicts)
        layout.addWidget(self.versions, 1)
        layout.addWidget(self.keep)
        self.conflicts.currentRowChanged.connect(self._on_conflicts_row_changed)
        self.keep.clicked.connect(self._on_keep_clicked)
        self.resize(760, 480)
        self.refresh()

    def refresh(self) -> None:
        self._rows = self.workspace.conflicts()
        self.conflicts.clear()
        for c in self._rows:
            self.conflicts.addItem(f"{c['table'].replace('_', ' ')} · {c['field']} · {c['record_id'][:8]}")
        if self._rows:
            self.conflicts.setCurrentRow(0)
        else:
            self.versions.clear()
            self.versions.addItem(self.tr("No conflicts."))

    def _on_conflicts_row_changed(self, row: int) -> None:
        self.versions.clear()
        if 0 <= row < len(self._rows):
            for v in self._rows[row]["versions"]:
                item = QListWidgetItem(f"{v['author'] or '?'}, {v['at']}:\n{v['value']}")
                item.setData(Qt.ItemDataRole.UserRole, v["version_id"])
                self.versions.addItem(item)

    def _on_keep_clicked(self) -> None:
        row, item = self.conflicts.currentRow(), self.versions.currentItem()
        if not (0 <= row < len(self._rows)) or item is None:
            return
        try:
            self.workspace.resolve_conflict(self._rows[row]["id"], keep=item.data(Qt.ItemDataRole.UserRole))
        except Exception as exc:
            show_error(self, exc)
        self.refresh()

"""Dialogs for reports, packages and conflicts. Each has an ``ask``-style entry the window
calls and tests can drive (Qt's own widgets, never native dialogs)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.operations import CollectionOp, QueryOp
from app.ui.widgets import review_line, searchable

if TYPE_CHECKING:
    from app.services.changes import Changes
    from app.services.read_models import ConflictRow, ReviewSummary, SchoolRow
    from app.services.workspace import Workspace


def _ok_cancel(dialog: QDialog, ok: str | None = None) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    if ok:
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class ExportDialog(QDialog):
    """Choose the partner school a package is for (type to find it in a long list)."""

    def __init__(self, parent: QWidget | None, schools: list[SchoolRow]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export a package"))
        self.school = QComboBox()
        self.school.setAccessibleName(self.tr("For school"))
        for s in schools:
            self.school.addItem(f"{s.name} ({s.id})", s.id)
        searchable(self.school)
        form = QFormLayout(self)
        intro = QLabel(
            self.tr("Only what that school may see, and has not had yet, goes in the package.")
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        form.addRow(self.tr("&For"), self.school)
        form.addRow(_ok_cancel(self))
        self.setMinimumWidth(460)

    @classmethod
    def ask(cls, parent: QWidget | None, schools: list[SchoolRow]) -> str | None:
        dialog = cls(parent, schools)
        try:
            return (
                dialog.school.currentData()
                if dialog.exec() == QDialog.DialogCode.Accepted
                else None
            )
        finally:
            dialog.deleteLater()


class ChooseReviewDialog(QDialog):
    """Which review: a list filtered as you type, with the current one already chosen."""

    def __init__(
        self, parent: QWidget | None, reviews: list[ReviewSummary], current: str | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Produce the signed report"))
        self.filter = QLineEdit(placeholderText=self.tr("Type to find a school or a date"))
        self.filter.setAccessibleName(self.tr("Find a review"))
        self.reviews = QListWidget()
        self.reviews.setAccessibleName(self.tr("Reviews"))
        self._rows = reviews
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("The report of which review?")))
        layout.addWidget(self.filter)
        layout.addWidget(self.reviews, 1)
        layout.addWidget(_ok_cancel(self, self.tr("&Next…")))
        self.filter.textChanged.connect(self._fill)
        self.reviews.itemActivated.connect(lambda _item: self.accept())
        self._fill()
        for i in range(self.reviews.count()):
            if self.reviews.item(i).data(Qt.ItemDataRole.UserRole) == current:
                self.reviews.setCurrentRow(i)
        if self.reviews.currentRow() < 0 and self.reviews.count():
            self.reviews.setCurrentRow(0)
        self.reviews.setFocus()
        self.resize(520, 420)

    def _fill(self, *_: Any) -> None:
        words = self.filter.text().casefold().split()
        chosen = self.chosen()
        self.reviews.clear()
        for r in self._rows:
            text = review_line(r)
            if all(w in text.casefold() for w in words):
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                self.reviews.addItem(item)
                if r.id == chosen:
                    self.reviews.setCurrentItem(item)
        if self.reviews.currentRow() < 0 and self.reviews.count():
            self.reviews.setCurrentRow(0)

    def chosen(self) -> str | None:
        item = self.reviews.currentItem() if hasattr(self, "reviews") else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    @classmethod
    def ask(
        cls, parent: QWidget | None, reviews: list[ReviewSummary], current: str | None
    ) -> str | None:
        dialog = cls(parent, reviews, current)
        try:
            return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class ConflictsDialog(QDialog):
    """Text edited on two laptops at once: every version, who wrote it and when; keep one."""

    def __init__(self, parent: QWidget | None, workspace: Workspace) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(self.tr("Edited on two laptops at once"))
        self.conflicts = QListWidget()
        self.conflicts.setAccessibleName(self.tr("Conflicts"))
        self.versions = QListWidget()
        self.versions.setAccessibleName(self.tr("Versions"))
        self.versions.setWordWrap(True)
        self.keep = QPushButton(self.tr("&Keep this version"))
        self._rows: list[ConflictRow] = []
        intro = QLabel(
            self.tr(
                "Nobody's words were lost: choose the wording to keep. Your choice travels in the "
                "next package and clears this everywhere."
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.conflicts)
        layout.addWidget(self.versions, 1)
        layout.addWidget(self.keep)
        self.conflicts.currentRowChanged.connect(self._on_conflicts_row_changed)
        self.keep.clicked.connect(self._on_keep_clicked)
        self.resize(720, 460)
        self.refresh()

    def refresh(self) -> QueryOp[Any]:
        return QueryOp(self, self.workspace.conflicts, self._show).run_in_background()

    def _show(self, rows: list[ConflictRow]) -> None:
        self._rows = rows
        self.conflicts.clear()
        for c in rows:
            self.conflicts.addItem(f"{c.table.replace('_', ' ')} · {c.field} · {c.record_id[:8]}")
        if rows:
            self.conflicts.setCurrentRow(0)
        else:
            self.versions.clear()
            self.versions.addItem(self.tr("No conflicts."))

    def _on_conflicts_row_changed(self, row: int) -> None:
        self.versions.clear()
        if 0 <= row < len(self._rows):
            for v in self._rows[row].versions:
                item = QListWidgetItem(f"{v.author or '?'}, {v.at}:\n{v.value}")
                item.setData(Qt.ItemDataRole.UserRole, v.version_id)
                self.versions.addItem(item)

    def _on_keep_clicked(self) -> None:
        row, item = self.conflicts.currentRow(), self.versions.currentItem()
        if not (0 <= row < len(self._rows)) or item is None:
            return
        conflict, version = self._rows[row].id, item.data(Qt.ItemDataRole.UserRole)

        def kept(_changes: Changes) -> None:
            self.refresh()

        CollectionOp(self, lambda: self.workspace.resolve_conflict(conflict, keep=version)).success(
            kept
        ).run_in_background(self)

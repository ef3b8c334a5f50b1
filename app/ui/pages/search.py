"""Search across all notes, findings and good practice, as you type (off the GUI thread)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.dates import display_date
from app.ui.operations import Latest, QueryOp

if TYPE_CHECKING:
    from app.services.changes import Changes
    from app.services.read_models import SearchHit
    from app.services.workspace import Workspace


class SearchPage(QWidget):
    open_review = Signal(str)

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.box = QLineEdit(placeholderText=self.tr("Search notes, findings and good practice"))
        self.box.setAccessibleName(self.tr("Search"))
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setWordWrap(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.count = QLabel()
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._latest = Latest()
        self._stale = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(self.count)
        layout.addWidget(self.results, 1)
        self.box.returnPressed.connect(self._on_box_return)
        self.box.textChanged.connect(self._timer.start)
        self._timer.timeout.connect(self.run_search)
        self.results.itemActivated.connect(
            lambda item: self.open_review.emit(item.data(Qt.ItemDataRole.UserRole))
        )

    def activate(self) -> None:
        if self._stale:
            self._stale = False
            self.run_search()
        self.box.setFocus()
        self.box.selectAll()

    def _on_box_return(self) -> None:
        """Enter in the box goes to the results (then Enter on one opens its review)."""
        if self.results.count():
            self.results.setFocus()
            self.results.setCurrentRow(0)

    def on_changes(self, changes: Changes, _initiator: object) -> None:
        """Notes, statements or next steps changed: the results shown are searched again."""
        if changes.touches("notes", "findings", "actions", "reviews") and self.box.text().strip():
            if self.isVisible():
                self.run_search()
            else:
                self._stale = True

    def run_search(self) -> None:
        words = self.box.text()
        QueryOp(self, lambda: self.workspace.search(words), self._show).superseding(
            self._latest
        ).run_in_background()

    def _show(self, rows: list[SearchHit]) -> None:
        self.results.clear()
        for r in rows:
            item = QListWidgetItem(
                f"{r.kind} · {r.host_school} · {display_date(r.date)}\n    {r.text}"
            )
            item.setToolTip(self.tr("Enter or double click: open this review"))
            item.setData(Qt.ItemDataRole.UserRole, r.review_id)
            self.results.addItem(item)
        self.count.setText(
            self.tr("%n result(s)", "", len(rows)) if self.box.text().strip() else ""
        )

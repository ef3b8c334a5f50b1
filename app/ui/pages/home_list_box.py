"""A box of Home's: a titled list of reviews' rows, each carrying its review's id; Enter or a
double-click hands that id to ``activated_review`` (each box names its own signal). As narrow
as its list, not its title, so Home keeps the minimum width it had before the box
(tests/gui/test_fits_the_laptop.py)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QGroupBox, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

MIN_WIDTH = 100  # px: a narrow window may clip the box's title, never widen Home
USER_ROLE = 256  # Qt.ItemDataRole.UserRole (see home.py: no Qt enums before the first paint)


class ReviewListBox(QGroupBox):
    def __init__(self, title: str, tooltip: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(3)  # each row reads as its own
        self.list.setAccessibleName(title)
        self.list.setToolTip(tooltip)
        QVBoxLayout(self).addWidget(self.list)
        self.list.itemActivated.connect(self._on_list_item_activated)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), MIN_WIDTH), hint.height())

    def add_row(self, text: str, review_id: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(USER_ROLE, review_id)
        self.list.addItem(item)
        return item

    def chosen_review(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(USER_ROLE)) if item is not None and item.data(USER_ROLE) else None

    def activated_review(self, review_id: str) -> None:
        raise NotImplementedError  # each box emits its own signal

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        review_id = item.data(USER_ROLE)
        if review_id:
            self.activated_review(str(review_id))

"""Home's "Due and overdue": the next steps due within the next 14 days and those overdue (not
done, due before today), each with its school, words, owner and date, and how late it is in
words. Enter or a double-click opens its review (Home's ``open_review``).

The rows come with Home's other lists (``Workspace.home`` and its first-paint twin
``app.services.quick.first_screen`` both carry ``due``), so nothing is read twice."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QGroupBox, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.dates import display_date

MIN_WIDTH = 100  # px: a narrow window may clip the box's title, never widen Home
USER_ROLE = 256  # Qt.ItemDataRole.UserRole (see home.py: no Qt enums before the first paint)


def how_late(due: date, today: date) -> str:
    """'overdue by 3 days', 'overdue by 1 day', 'due today', 'due tomorrow', 'due in 9 days'."""
    days = (due - today).days
    if days < 0:
        return f"overdue by {-days} day{'s' if days != -1 else ''}"
    if days == 0:
        return "due today"
    if days == 1:
        return "due tomorrow"
    return f"due in {days} days"


def due_line(row: dict[str, Any], today: date) -> str:
    """One next step as Home lists it: when, how late, the school, the words and the owner."""
    due = date.fromisoformat(str(row["due"])[:10])
    owner = row.get("owner") or "no owner"
    mark = "⚠ " if due < today else ""
    return (
        f"{mark}{how_late(due, today).capitalize()} ({display_date(due)}) · {row['school']}\n"
        f"{row['text']} — {owner}"
    )


class DueBox(QGroupBox):
    """The box Home mounts; ``open_review`` carries the review of the step activated."""

    open_review = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Due and overdue next steps"), parent)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(3)  # each step reads as its own row
        self.list.setAccessibleName(self.tr("Due and overdue next steps"))
        self.list.setToolTip(self.tr("Enter or a double-click opens the review"))
        QVBoxLayout(self).addWidget(self.list)
        self.list.itemActivated.connect(self._on_list_item_activated)

    def minimumSizeHint(self) -> QSize:
        """As narrow as its list, not its title: Home (and so the window) keeps the minimum
        width it had before this box (tests/gui/test_fits_the_laptop.py)."""
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), MIN_WIDTH), hint.height())

    def fill(self, rows: list[dict[str, Any]], today: date) -> None:
        """Overdue first (oldest first), then those due within 14 days."""
        self.list.clear()
        for r in rows:
            item = QListWidgetItem(due_line(r, today))
            item.setData(USER_ROLE, r["review_id"])
            late = str(r["due"])[:10] < today.isoformat()
            item.setToolTip(
                self.tr("Overdue: not marked done by its date") if late else self.tr("Due soon")
            )
            self.list.addItem(item)
        if not rows:
            self.list.addItem(self.tr("(nothing due in the next 14 days)"))
        self.setTitle(
            self.tr("Due and overdue next steps (%n)", "", len(rows))
            if rows
            else self.tr("Due and overdue next steps")
        )

    def chosen_review(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(USER_ROLE)) if item is not None and item.data(USER_ROLE) else None

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        review_id = item.data(USER_ROLE)
        if review_id:
            self.open_review.emit(str(review_id))

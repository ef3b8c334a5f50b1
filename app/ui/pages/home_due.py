"""Home's "Due and overdue": the next steps due within the next 14 days and those overdue (not
done, due before today), each with its school, words, owner and date, and how late it is in
words. Enter or a double-click opens its review (Home's ``open_review``).

The rows come with Home's other lists (``Workspace.home`` and its first-paint twin
``app.services.quick.first_screen`` both carry ``due``), so nothing is read twice."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.dates import display_date
from app.ui.pages.home_list_box import MIN_WIDTH, ReviewListBox

__all__ = ["MIN_WIDTH", "DueBox", "due_line", "how_late"]


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


class DueBox(ReviewListBox):
    """The box Home mounts; ``open_review`` carries the review of the step activated."""

    open_review = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Due and overdue next steps"),
            self.tr("Enter or a double-click opens the review"),
            parent,
        )

    def fill(self, rows: list[dict[str, Any]], today: date) -> None:
        """Overdue first (oldest first), then those due within 14 days."""
        self.list.clear()
        for r in rows:
            item = self.add_row(due_line(r, today), r["review_id"])
            late = str(r["due"])[:10] < today.isoformat()
            item.setToolTip(
                self.tr("Overdue: not marked done by its date") if late else self.tr("Due soon")
            )
        if not rows:
            self.list.addItem(self.tr("(nothing due in the next 14 days)"))
        self.setTitle(
            self.tr("Due and overdue next steps (%n)", "", len(rows))
            if rows
            else self.tr("Due and overdue next steps")
        )

    def activated_review(self, review_id: str) -> None:
        self.open_review.emit(review_id)

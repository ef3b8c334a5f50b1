"""Home's "Drafts to check for factual accuracy": on the host school's laptop, the drafts the
visiting team has sent it to check (status accuracy check, hosted by this laptop's school). The
host does not write them, so they are not "drafts being written"; Enter or a double-click opens
the draft in Write-up beside its Comments tab (``check_draft``). Hidden when there is none.

The rows come with Home's other lists (``to_check`` in ``Workspace.home`` and in its first-paint
twin ``app.services.quick.first_screen``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.dates import display_date, display_range
from app.ui.pages.home_list_box import ReviewListBox

LIST_HEIGHT = 112  # px: two drafts to check in view at 1280x720; more scroll


def check_line(row: dict[str, Any]) -> str:
    """'Draft to check for factual accuracy: <title> — sent 24 Nov 2026', then the visit."""
    title = str(row.get("title") or "").strip() or str(row["host_school"])
    sent = row.get("sent")
    when = f" — sent {display_date(date.fromisoformat(str(sent)[:10]))}" if sent else ""
    visit = display_range(row["start_date"], row.get("end_date"))
    return (
        f"Draft to check for factual accuracy: {title}{when}\n"
        f"Visit {visit} · Enter opens it with its Comments"
    )


class CheckBox(ReviewListBox):
    """The box Home mounts above its drafts being written."""

    check_draft = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Drafts to check for factual accuracy"),
            self.tr("Enter or a double-click opens the draft in Write-up, with its Comments tab"),
            parent,
        )
        self.list.setMaximumHeight(LIST_HEIGHT)  # the drafts being written keep the column's room
        self.hide()

    def fill(self, rows: list[dict[str, Any]]) -> None:
        self.list.clear()
        for r in rows:
            self.add_row(check_line(r), r["id"])
        self.setVisible(bool(rows))

    def activated_review(self, review_id: str) -> None:
        self.check_draft.emit(review_id)

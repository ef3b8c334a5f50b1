"""Home: upcoming and recent visits, drafts, outstanding next steps, the networks and their
schools. Each visit (and each next step) opens its review with Enter or a double click."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.labels import NETWORK_KINDS, STATUSES, label

# Qt.ItemDataRole.UserRole as the number it is: touching PySide6's ``Qt`` namespace builds all
# of its enums (~14 ms here), which Home's first paint does not need.
USER_ROLE = 256
SHOWN = 40  # visits per list: enough for a network's term, quick to lay out with word wrap


class _List(QListWidget):
    """A list that says when it has first painted its rows (``peerwalk gui --smoke-test``)."""

    painted = Signal()

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        self.painted.emit()


def _review_line(r: dict[str, Any]) -> str:
    return f"{r['start_date']}  {r['host_school']}  ({label(STATUSES, r['status'])})"


class HomePage(QWidget):
    open_review = Signal(str)

    def __init__(self, workspace: Any, today: date | None = None, initial: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.today = today or date.today()
        self._boxes: list[QGroupBox] = []
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.upcoming = self._list(self.tr("Upcoming visits"))
        self.recent = self._list(self.tr("Recent visits"))
        self.drafts = self._list(self.tr("Drafts being written"))
        self.actions = self._list(self.tr("Outstanding next steps"))
        self.networks = self._list(self.tr("Networks and their schools"))
        grid = QGridLayout()
        for i, box in enumerate(self._boxes[:3]):
            grid.addWidget(box, 0, i)
        grid.addWidget(self._boxes[3], 1, 0, 1, 2)
        grid.addWidget(self._boxes[4], 1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        for lst in (self.upcoming, self.recent, self.drafts, self.actions):
            lst.itemActivated.connect(self._on_list_item_activated)
        self.refresh(initial)

    def _list(self, title: str) -> QListWidget:
        box = QGroupBox(title)
        lst = _List()
        lst.setWordWrap(True)
        lst.setAccessibleName(title)
        QVBoxLayout(box).addWidget(lst)
        self._boxes.append(box)
        return lst

    def refresh(self, data: dict[str, Any] | None = None) -> None:
        """Redraw from ``data`` (the quick first-paint read) or from the workspace."""
        if data is None:
            data = {**self.workspace.home(self.today), "networks": self.workspace.networks()}
        self.total = int(data["total"])
        self.title.setText(self.tr("<h2>Peerwalk</h2><p>%n review(s) on this laptop. Enter on a visit or a next step opens its review.</p>", "", data["total"]))
        for lst, rows in ((self.upcoming, data["upcoming"]), (self.recent, data["recent"]), (self.drafts, data["drafts"])):
            lst.clear()
            for r in rows[:SHOWN]:
                item = QListWidgetItem(_review_line(r))
                item.setData(USER_ROLE, r["id"])
                lst.addItem(item)
            if len(rows) > SHOWN:  # a large network: the newest first, the rest a search away
                lst.addItem(self.tr("… and %n more (Review day and Write-up list them all)", "", len(rows) - SHOWN))
            if not rows:
                lst.addItem(self.tr("(none)"))
        self.actions.clear()
        for a in data["actions"]:
            item = QListWidgetItem(f"{a['due'] or ''}  {a['text']}  — {a['owner'] or ''}, {a['school']}")
            item.setData(USER_ROLE, a["review_id"])
            self.actions.addItem(item)
        self.networks.clear()
        for n in data["networks"]:
            self.networks.addItem(f"{n['name']} ({label(NETWORK_KINDS, n['kind'])}): " + ", ".join(s["name"] for s in n["schools"]))

    def activate(self) -> None:
        self.refresh()

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        review_id = item.data(USER_ROLE)
        if review_id:
            self.open_review.emit(review_id)

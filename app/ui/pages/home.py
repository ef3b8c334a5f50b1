"""Home: upcoming and recent visits, drafts, outstanding next steps, the networks and their
schools. Each visit (and each next step) opens its review with Enter or a double click."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.dates import display_date, display_range
from app.ui.labels import NETWORK_KINDS, STATUSES, label
from app.ui.pages.home_check import CheckBox
from app.ui.pages.home_due import MIN_WIDTH, DueBox
from app.ui.pages.home_empty import EmptyHome

if TYPE_CHECKING:
    from app.services.changes import Changes
    from app.services.workspace import Workspace

# Qt.ItemDataRole.UserRole as the number it is: touching PySide6's ``Qt`` namespace builds all
# of its enums (~14 ms here), which Home's first paint does not need.
USER_ROLE = 256
SHOWN = 40  # visits per list: enough for a network's term, quick to lay out with word wrap


class _List(QListWidget):
    """A list that says when it has first painted its rows (``peerwalk gui --smoke-test``)."""

    painted = Signal()

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().paintEvent(event)
        self.painted.emit()


def _review_line(r: dict[str, Any]) -> str:
    when = display_range(r["start_date"], r.get("end_date"))
    return f"{when}  {r['host_school']}  ({label(STATUSES, r['status'])})"


class HomePage(QWidget):
    open_review = Signal(str)
    check_draft = Signal(str)  # a draft this school is to check: Write-up, Comments tab
    shown = Signal()  # Home's lists show what the database holds now
    painted = Signal()  # Home has painted its lists, or what to do first when it has none

    def __init__(
        self, workspace: Workspace, today: date | None = None, initial: dict[str, Any] | None = None
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.today = today or date.today()
        self.total = 0
        self._stale = False
        self._latest: Any = None
        self._boxes: list[QGroupBox] = []
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.upcoming = self._list(self.tr("Upcoming visits"))
        self.recent = self._list(self.tr("Recent visits"))
        self.drafts = self._list(self.tr("Drafts being written"))
        self.actions = self._list(self.tr("Outstanding next steps"))
        self.networks = self._list(self.tr("Networks and their schools"))
        self.due = DueBox()  # next steps due within 14 days, and overdue ones
        self.due.open_review.connect(self.open_review)
        self.to_check = CheckBox()  # on the host's laptop, above the drafts being written
        self.to_check.check_draft.connect(self.check_draft)
        grid = QGridLayout()
        for i, box in enumerate(self._boxes[:2]):
            grid.addWidget(box, 0, i)
        drafts = QVBoxLayout()
        drafts.addWidget(self.to_check)
        drafts.addWidget(self._boxes[2], 1)
        grid.addLayout(drafts, 0, 2)
        steps = QHBoxLayout()  # what is due beside all that is outstanding, in one cell
        steps.addWidget(self.due, 1)
        steps.addWidget(self._boxes[3], 1)
        self._boxes[3].setMinimumWidth(MIN_WIDTH)  # two boxes in the cell one used to fill
        grid.addLayout(steps, 1, 0, 1, 2)
        grid.addWidget(self._boxes[4], 1, 2)
        self.empty = EmptyHome()  # no review yet: what to do first, instead of empty lists
        self.lists = QWidget()
        self.lists.setLayout(grid)
        grid.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.lists, 1)
        self.upcoming.painted.connect(self.painted)  # type: ignore[attr-defined]
        self.empty.painted.connect(self.painted)
        for lst in (self.upcoming, self.recent, self.drafts, self.actions):
            lst.itemActivated.connect(self._on_list_item_activated)
        if initial is not None:
            self._show(initial)
        else:
            self.refresh()

    def _list(self, title: str) -> QListWidget:
        box = QGroupBox(title)
        lst = _List()
        lst.setWordWrap(True)
        lst.setAccessibleName(title)
        QVBoxLayout(box).addWidget(lst)
        self._boxes.append(box)
        return lst

    def refresh(self) -> None:
        """Read Home's lists again, off the GUI thread (``shown`` says when they are drawn)."""
        from app.ui.operations import Latest, QueryOp  # not on the way to the first paint

        self._stale = False
        self._latest = self._latest or Latest()
        QueryOp(self, lambda: self.workspace.home(self.today), self._show).superseding(
            self._latest
        ).run_in_background()

    def _show(self, data: dict[str, Any]) -> None:
        self.total = int(data["total"])
        self.title.setText(
            self.tr(
                "<h2>Peerwalk</h2><p>%n review(s) on this laptop. Enter on a visit or a next step "
                "opens its review.</p>",
                "",
                data["total"],
            )
            if self.total
            else "<h2>Peerwalk</h2>"
        )
        self.empty.setVisible(not self.total)
        if not self.total:
            self.empty.load(self.workspace)
        self.lists.setVisible(bool(self.total))
        for lst, key in (
            (self.upcoming, "upcoming"),
            (self.recent, "recent"),
            (self.drafts, "drafts"),
        ):
            rows = data[key]
            count = data.get(f"{key}_count", len(rows))  # the first paint reads the first ones only
            lst.clear()
            for r in rows[:SHOWN]:
                item = QListWidgetItem(_review_line(r))
                item.setData(USER_ROLE, r["id"])
                lst.addItem(item)
            if count > SHOWN:  # a large network: the newest first, the rest a search away
                lst.addItem(
                    self.tr(
                        "… and %n more (Review day and Write-up list them all)", "", count - SHOWN
                    )
                )
            if not rows:
                lst.addItem(self.tr("(none)"))
        self.actions.clear()
        for a in data["actions"]:
            item = QListWidgetItem(
                f"{display_date(a['due'])}  {a['text']}  — {a['owner'] or ''}, {a['school']}"
            )
            item.setData(USER_ROLE, a["review_id"])
            self.actions.addItem(item)
        self.due.fill(data.get("due", []), self.today)
        self.to_check.fill(data.get("to_check", []))
        self.networks.clear()
        for n in data["networks"]:
            self.networks.addItem(
                f"{n['name']} ({label(NETWORK_KINDS, n['kind'])}): "
                + ", ".join(s["name"] for s in n["schools"])
            )
        self.shown.emit()

    def on_changes(self, changes: Changes, _initiator: object) -> None:
        """Anything Home lists changed: redraw now if Home is on screen, else when next shown."""
        if changes.touches("reviews", "actions", "networks", "schools", "people"):
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def chosen_review(self) -> str | None:
        """The visit (or next step's review) chosen in Home's lists, if any."""
        for lst in (self.upcoming, self.recent, self.drafts, self.actions):
            item = lst.currentItem()
            if item is not None and item.data(USER_ROLE) and lst.hasFocus():
                return str(item.data(USER_ROLE))
        for box in (self.due, self.to_check):
            if box.list.hasFocus() and box.chosen_review():
                return box.chosen_review()
        for lst in (self.upcoming, self.drafts, self.recent):
            item = lst.currentItem()
            if item is not None and item.data(USER_ROLE):
                return str(item.data(USER_ROLE))
        return None

    def activate(self) -> None:
        if self._stale:
            self.refresh()

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        review_id = item.data(USER_ROLE)
        if review_id:
            self.open_review.emit(review_id)

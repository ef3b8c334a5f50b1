"""Plan's visiting team, kept in sight: a network can offer dozens of reviewers, and the ones
ticked used to scroll out of the list's view. One line above the list names the team as it is
ticked ("Team: Rob Ellis (lead), Trevor Mayhew"), and whenever the list is (re)built (a host
chosen, a planned visit opened) the ticked people come first, the lead at the top, so the list
agrees with "first ticked leads". Ticking never moves a row: the keyboard stays where it was.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem

ID_ROLE = Qt.ItemDataRole.UserRole


def ticked(lst: QListWidget) -> list[QListWidgetItem]:
    """The ticked rows, top to bottom (the first leads)."""
    rows = (lst.item(i) for i in range(lst.count()))
    return [item for item in rows if item.checkState() == Qt.CheckState.Checked]


def ticked_first(lst: QListWidget, lead_first: Sequence[str]) -> None:
    """Move the ticked rows to the top: those named in ``lead_first`` (person ids) in that
    order, then the other ticked ones, then the rest, each in the order they had. Rows are
    moved, not rebuilt, and no itemChanged is sent; a filter's hidden rows are the caller's to
    hide again (hiding belongs to a row's place, not its item)."""
    items = [lst.takeItem(0) for _ in range(lst.count())]
    place = {person: i for i, person in enumerate(lead_first)}

    def key(item: QListWidgetItem) -> tuple[int, int]:
        if item.checkState() != Qt.CheckState.Checked:
            return (2, 0)
        return (0, place[item.data(ID_ROLE)]) if item.data(ID_ROLE) in place else (1, 0)

    for item in sorted(items, key=key):  # stable: each group keeps its order
        lst.addItem(item)
    lst.scrollToTop()  # where the team now is


class TeamLine(QLabel):
    """ "Team: Rob Ellis (lead), Trevor Mayhew", from the list's ticks (``refresh`` after each
    change; the page calls it where it reads the ticks for the writer's list)."""

    def __init__(self, lst: QListWidget) -> None:
        super().__init__()
        self.lst = lst
        self.setWordWrap(True)
        self.setAccessibleName(self.tr("The visiting team ticked"))
        self.refresh()

    def refresh(self) -> None:
        names = [item.text().split(" — ")[0] for item in ticked(self.lst)]
        if not names:
            self.setText(self.tr("Team: nobody ticked yet."))
            return
        lead = self.tr("%1 (lead)").replace("%1", names[0])
        self.setText(self.tr("Team: %1").replace("%1", ", ".join([lead, *names[1:]])))

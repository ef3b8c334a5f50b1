"""Edit › Undo (Ctrl+Z) in the window: the last edits, deletions and creations, undone newest
first.

Each page that edits, deletes or creates a record pushes an ``Undoable``: what to call it in
the menu ("Undo delete note", "Undo add note") and the inverse change, a function of the
Workspace returning the ``Changes`` it made (an edit's inverse is the same edit with the old
values; a deletion's is the service that restores the tombstoned record; a creation's is the
delete service the page's Delete uses, so it leaves a tombstone that travels too, and a record
in use since is refused with that service's sentence). The inverse runs as a CollectionOp like any
other change, so it is one transaction, travels in packages like the edit it undoes, and every
page redraws from the broadcast.

The stack lives as long as the window; it is not persisted (Anki keeps its undo in memory
too). A failed inverse (say, a partner's package deleted the record meanwhile) shows its
sentence through the error sink and is dropped from the stack.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from app.services.changes import Changes
    from app.services.workspace import Workspace

LIMIT = 50


@dataclass(frozen=True)
class Undoable:
    label: str  # shown as "Undo <label>", e.g. "delete note", "add note", "plan review"
    inverse: Callable[[Workspace], Changes]


class UndoStack(QObject):
    """Newest last. ``changed`` tells the Edit menu to re-label its Undo action."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[Undoable] = []

    def push(self, item: Undoable) -> None:
        self._items.append(item)
        del self._items[:-LIMIT]
        self.changed.emit()

    def pop(self) -> Undoable | None:
        item = self._items.pop() if self._items else None
        self.changed.emit()
        return item

    def peek_label(self) -> str | None:
        return self._items[-1].label if self._items else None

    def __len__(self) -> int:
        return len(self._items)

"""Write-up's agreed next steps, listed, and each changed where it is listed.

F2 or a double-click edits a next step's words in place (Enter saves, Esc cancels); Delete
deletes it; a right-click gives it to another of the team or moves its date. Each change is one
transaction through the Workspace and offers its undo (the same edit with the old values, or
the restore of a deletion) through ``undoable``, which the main window puts on Edit > Undo.

The list shows the page's review (``review()``); once a change is saved it hands the page a
copy of that review with the change made (``apply``), and the page redraws what depends on the
next steps (the statements' flags, the preview): read models are frozen, nobody edits a shared
copy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from app.dates import display_date
from app.ui.inplace import ID_ROLE, editable_row, make_editable
from app.ui.operations import CollectionOp
from app.ui.pages.next_step_status import status_words
from app.ui.undo import Undoable

if TYPE_CHECKING:
    from app.services.changes import Changes
    from app.services.read_models import ActionRow, ReviewDetail
    from app.services.workspace import Workspace

Fields = dict[str, Any]


class NextStepList(QListWidget):
    undoable = Signal(object)  # an Undoable, after each saved change

    def __init__(
        self,
        workspace: Workspace,
        *,
        review: Callable[[], ReviewDetail | None],
        apply: Callable[[ReviewDetail], None],
        owners: Callable[[], list[tuple[str, str]]],
        say: Callable[[str], None],
        failed: Callable[[BaseException], None],
        initiator: object,
    ) -> None:
        """``review()``: the review the page shows; ``apply(review)``: show this copy of it,
        with a saved change made; ``owners()``: who a next step may be given to, as (person
        id, name); ``say``: a sentence for the status bar; ``failed``: where a refused change
        goes; ``initiator``: the page the changes are broadcast as made by (it shows them
        already)."""
        super().__init__()
        self.workspace = workspace
        self._review, self._apply, self._owners = review, apply, owners
        self._say, self._failed, self._initiator = say, failed, initiator
        self.setWordWrap(True)
        self.setAccessibleName(self.tr("Agreed next steps"))
        self.setToolTip(
            self.tr("F2 edits the chosen next step, Delete deletes it; right-click for more")
        )
        make_editable(self, self.edit_text, self.delete, self.menu_for)

    def step(self, action_id: str) -> ActionRow | None:
        review = self._review()
        return next((a for a in review.actions if a.id == action_id), None) if review else None

    def refill(self) -> None:
        """List the shown review's next steps, keeping the chosen one chosen."""
        keep = self.currentItem()
        keep_id = keep.data(ID_ROLE) if keep is not None else None
        self.clear()
        review = self._review()
        for a in review.actions if review else ():
            due = display_date(date.fromisoformat(a.due)) if a.due else ""
            line = f"{a.text}\n    {a.owner or ''} · {due} · {status_words(a.status)}"
            if a.impact:
                line += "\n    " + self.tr("Impact: {words}").format(words=a.impact)
            self.addItem(editable_row(line, a.id, a.text))
            if a.id == keep_id:
                self.setCurrentRow(self.count() - 1)

    def _run(self, save: Callable[[], Changes], done: Callable[[Changes], None]) -> None:
        op = CollectionOp(self, save).success(done)
        op.failure(self._failed)
        op.run_in_background(initiator=self._initiator)

    def _change(
        self, action_id: str, label: str, shown: Fields, saved: Fields, undo: Fields
    ) -> None:
        """Save ``saved`` (text / owner_id / due) to a next step, show ``shown`` (its row's
        fields) once it is stored, and offer ``undo``: the same fields with their old values."""

        def done(_changes: Changes) -> None:
            review, a = self._review(), self.step(action_id)
            if review is not None and a is not None:
                self._apply(review.with_action(replace(a, **shown)))
            self.undoable.emit(Undoable(label, lambda ws: ws.edit_action(action_id, **undo)))

        self._run(lambda: self.workspace.edit_action(action_id, **saved), done)

    def edit_text(self, action_id: str, text: str) -> None:
        """New words for a next step (F2, then Enter); never empty: Delete removes one."""
        a = self.step(action_id)
        if a is None or text == a.text:
            return
        if not text:
            self._say(self.tr("A next step cannot be left empty; press Delete to delete it."))
            return
        words = {"text": text}
        self._change(action_id, self.tr("edit next step"), words, words, {"text": a.text})

    def set_owner(self, action_id: str, owner_id: str, owner: str) -> None:
        a = self.step(action_id)
        if a is None or not a.owner_id or owner_id == a.owner_id:
            return
        self._change(
            action_id,
            self.tr("change owner"),
            {"owner_id": owner_id, "owner": owner},
            {"owner_id": owner_id},
            {"owner_id": a.owner_id},
        )

    def set_due(self, action_id: str, due: date) -> None:
        """A new date (refused with a sentence when before the visit)."""
        a = self.step(action_id)
        if a is None or not a.due or due.isoformat() == a.due:
            return
        self._change(
            action_id,
            self.tr("change date"),
            {"due": due.isoformat()},
            {"due": due},
            {"due": date.fromisoformat(a.due)},
        )

    def delete(self, action_id: str) -> None:
        """Delete a next step (a tombstone that travels); Ctrl+Z brings it back."""
        if self.step(action_id) is None:
            return

        def done(_changes: Changes) -> None:
            review = self._review()
            if review is not None and self.step(action_id) is not None:
                self._apply(
                    replace(review, actions=tuple(a for a in review.actions if a.id != action_id))
                )
            self._say(self.tr("Next step deleted. Ctrl+Z brings it back."))
            self.undoable.emit(
                Undoable(self.tr("delete next step"), lambda ws: ws.restore_action(action_id))
            )

        self._run(lambda: self.workspace.delete_action(action_id), done)

    def menu_for(self, action_id: str) -> QMenu:
        """Edit its words, give it to another of the team, move its date, or delete it."""
        menu = QMenu(self)
        edit = menu.addAction(self.tr("Edit the words (F2)"))
        edit.triggered.connect(lambda _=False: self.editItem(self.currentItem()))
        owners = menu.addMenu(self.tr("Owner"))
        a = self.step(action_id)
        for person_id, name in self._owners():

            def give(_: bool = False, p: str = person_id, n: str = name) -> None:
                self.set_owner(action_id, p, n)

            action = owners.addAction(name)
            action.setCheckable(True)
            action.setChecked(a is not None and person_id == a.owner_id)
            action.triggered.connect(give)
        when = menu.addAction(self.tr("Change the date…"))
        when.triggered.connect(lambda _=False: self._ask_due(action_id))
        delete = menu.addAction(self.tr("Delete the next step (Del)"))
        delete.triggered.connect(lambda _=False: self.delete(action_id))
        return menu

    def _ask_due(self, action_id: str) -> None:
        a = self.step(action_id)
        if a is None or not a.due:
            return
        due = DueDateDialog.ask(self, date.fromisoformat(a.due))
        if due is not None:
            self.set_due(action_id, due)


class DueDateDialog(QDialog):
    """When a next step is due. ``ask`` returns the date chosen, or None when cancelled."""

    def __init__(self, parent: QWidget | None, due: date) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Next step due by"))
        self.date = QDateEdit(QDate(due.year, due.month, due.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMM yyyy")
        self.date.setAccessibleName(self.tr("Due by"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Due by")))
        layout.addWidget(self.date)
        layout.addWidget(buttons)

    def chosen(self) -> date:
        d = self.date.date()
        return date(d.year(), d.month(), d.day())

    @classmethod
    def ask(cls, parent: QWidget | None, due: date) -> date | None:
        dialog = cls(parent, due)
        try:
            return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

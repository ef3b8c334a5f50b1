"""Safeguarding on Review day: a concern recorded in a few keystrokes, and its handover.

Ctrl+Shift+G (or the "Safeguarding concern…" button) opens a dialog whose cursor is already in
"What was seen"; where, when and by whom are filled in (the activity's place or room, now, this
laptop's person) and Enter saves. The page shows this laptop's concerns for the review in a
red-bordered box, each with its handover in words, and "Record handover…" records who it was
passed to (the host headteacher, the DSL or the LADO), how and when.

Both say at the top, in words, that a concern stays on this laptop. A concern is not a synced
record (app/models/safeguarding.py), so it never reaches search, Write-up, a report, a pack,
a package or the change log. Dialogs are opened with ``open()`` (window-modal, not blocking), so
a test types into them as a person does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.workspace_safeguarding import HOW, KEPT_HERE, RECIPIENTS, local_text
from app.ui.date_field import warning_colour
from app.ui.errors import show_exception
from app.ui.inplace import ID_ROLE, WordsDelegate, editable_row
from app.ui.operations import CollectionOp, QueryOp

if TYPE_CHECKING:
    from app.services.read_models import ConcernRow
    from app.services.workspace import Workspace

SHORTCUT = "Ctrl+Shift+G"
LIST_ROWS = 3  # concerns shown at once in the box; more scroll


def _banner(parent: QWidget) -> QLabel:
    """The words at the top of the dialogs and the box: where a concern is kept."""
    label = QLabel(KEPT_HERE, parent)
    label.setWordWrap(True)
    label.setObjectName("safeguardingBanner")
    colour = warning_colour(parent)
    label.setStyleSheet(
        f"QLabel#safeguardingBanner {{ color: {colour}; font-weight: bold; "
        f"border: 2px solid {colour}; border-radius: 4px; padding: 6px; }}"
    )
    return label


class _Words(QPlainTextEdit):
    """What was seen: Enter saves (the dialog's default button), Shift+Enter starts a line."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class _SavingDialog(QDialog):
    """A dialog that saves off the GUI thread and closes only once saved; a refusal is shown
    inside it, in red, with everything typed still there."""

    saved = Signal(object)  # the concern's number

    def __init__(self, parent: QWidget, title: str, save_label: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.form = QFormLayout(self)
        self.form.addRow(_banner(self))
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {warning_colour(self)};")
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(save_label)
        save.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._busy = False

    def finish_form(self) -> None:
        self.form.addRow(self.problem)
        self.form.addRow(self.buttons)

    def work(self) -> Callable[[], object]:
        raise NotImplementedError

    def save(self) -> None:
        if self._busy:
            return
        self._busy = True
        self.problem.hide()
        work = self.work()

        def done(concern_id: object) -> None:
            self._busy = False
            self.saved.emit(concern_id)
            self.accept()

        def refused(exc: BaseException) -> None:
            self._busy = False
            self.problem.setText(getattr(exc, "user_message", None) or str(exc))
            self.problem.show()

        CollectionOp(self, work).success(done).failure(refused).run_in_background()


class ConcernDialog(_SavingDialog):
    """Record a concern: what was seen (the cursor starts here), where, when, by whom."""

    def __init__(
        self,
        parent: QWidget,
        workspace: Workspace,
        review_id: str,
        place: str,
        now: str,
        person: str,
    ) -> None:
        super().__init__(parent, self.tr("Safeguarding concern"), self.tr("Save concern"))
        self.workspace, self.review_id = workspace, review_id
        self.words = _Words(self)
        self.words.setAccessibleName(self.tr("What was seen"))
        self.words.setPlaceholderText(
            self.tr("What you saw or heard, in the words used (Enter saves)")
        )
        self.words.setTabChangesFocus(True)
        self.words.setFixedHeight(self.words.fontMetrics().lineSpacing() * 4 + 16)
        self.words.submitted.connect(self.save)
        self.place = QLineEdit(place, self)
        self.place.setAccessibleName(self.tr("Where"))
        self.seen_at = QLineEdit(now, self)
        self.seen_at.setAccessibleName(self.tr("When it was seen"))
        self.seen_at.setToolTip(self.tr("YYYY-MM-DD HH:MM, or HH:MM for today"))
        self.raised_by = QLineEdit(person, self)
        self.raised_by.setAccessibleName(self.tr("Seen by"))
        for field in (self.place, self.seen_at, self.raised_by):
            field.returnPressed.connect(self.save)
        self.form.addRow(self.tr("&What was seen"), self.words)
        self.form.addRow(self.tr("W&here"), self.place)
        self.form.addRow(self.tr("Wh&en"), self.seen_at)
        self.form.addRow(self.tr("Seen &by"), self.raised_by)
        self.finish_form()
        self.words.setFocus()

    def work(self) -> Callable[[], object]:
        ws, review_id = self.workspace, self.review_id
        text, place = self.words.toPlainText(), self.place.text()
        seen, by = self.seen_at.text().strip(), self.raised_by.text()
        return lambda: ws.record_concern(review_id, text, place, seen, by)


class HandoverDialog(_SavingDialog):
    """Record that a concern was passed on: to whom, how, their name, when."""

    def __init__(
        self, parent: QWidget, workspace: Workspace, concern: ConcernRow, now: str
    ) -> None:
        super().__init__(parent, self.tr("Record handover"), self.tr("Save handover"))
        self.workspace, self.concern_id = workspace, concern.id
        about = QLabel(
            self.tr("Concern %1: %2").replace("%1", str(concern.id)).replace("%2", concern.text),
            self,
        )
        about.setWordWrap(True)
        state = QLabel(concern.state, self)
        state.setWordWrap(True)
        self.to = QComboBox(self)
        self.to.setAccessibleName(self.tr("Passed to"))
        for key, words in RECIPIENTS.items():
            self.to.addItem(words[0].upper() + words[1:], key)
        done = {h.recipient for h in concern.handovers}
        self.to.setCurrentIndex(next((i for i, k in enumerate(RECIPIENTS) if k not in done), 0))
        self.how = QComboBox(self)
        self.how.setAccessibleName(self.tr("How"))
        for key, words in HOW.items():
            self.how.addItem(words[0].upper() + words[1:], key)
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Name or reference"))
        self.name.setPlaceholderText(self.tr("Who it went to, or the LADO's reference"))
        self.at = QLineEdit(now, self)
        self.at.setAccessibleName(self.tr("When it was passed on"))
        self.at.setToolTip(self.tr("YYYY-MM-DD HH:MM, or HH:MM for today"))
        for field in (self.name, self.at):
            field.returnPressed.connect(self.save)
        self.form.addRow(about)
        self.form.addRow(state)
        self.form.addRow(self.tr("Passed &to"), self.to)
        self.form.addRow(self.tr("&How"), self.how)
        self.form.addRow(self.tr("&Name or reference"), self.name)
        self.form.addRow(self.tr("Wh&en"), self.at)
        self.finish_form()
        self.to.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter saves from the choices too (a combo box does not take it)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
            return
        super().keyPressEvent(event)

    def work(self) -> Callable[[], object]:
        ws, cid = self.workspace, self.concern_id
        to, how = str(self.to.currentData()), str(self.how.currentData())
        name, at = self.name.text(), self.at.text().strip()

        def run() -> int:
            ws.record_handover(cid, to, how, name, at)
            return cid

        return run


class SafeguardingPanel(QFrame):
    """This laptop's concerns for the review on screen, in a red-bordered box, with the
    buttons that record one and its handover. ``context`` gives (review id, place, person)."""

    def __init__(
        self,
        page: QWidget,
        workspace: Workspace,
        context: Callable[[], tuple[str | None, str, str]],
    ) -> None:
        super().__init__(page)
        self.workspace, self.context = workspace, context
        self.review_id: str | None = None
        self.rows: tuple[ConcernRow, ...] = ()
        self.dialog: _SavingDialog | None = None  # the one open now (tests type into it)
        self.setObjectName("safeguardingPanel")
        colour = warning_colour(self)
        self.setStyleSheet(
            f"QFrame#safeguardingPanel {{ border: 2px solid {colour}; border-radius: 6px; }}"
        )
        title = QLabel(
            self.tr("<b>Safeguarding</b> · %1").replace("%1", KEPT_HERE),
            self,
        )
        title.setWordWrap(True)
        title.setStyleSheet(f"color: {colour};")
        self.add = QPushButton(self.tr("Safeguarding concern… (%1)").replace("%1", SHORTCUT))
        self.add.setAccessibleName(self.tr("Record a safeguarding concern"))
        self.handover = QPushButton(self.tr("Record handover…"))
        self.handover.setEnabled(False)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Safeguarding concerns on this laptop"))
        self.list.setWordWrap(True)
        self.list.setToolTip(self.tr("F2 corrects the words; Enter records its handover"))
        words = WordsDelegate(self.list)  # F2: a typo corrected where the concern is listed
        words.edited.connect(self._on_words_edited)
        self.list.setItemDelegate(words)
        self.list.setEditTriggers(QListWidget.EditTrigger.EditKeyPressed)
        self.list.hide()
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(self.add)
        top.addWidget(self.handover)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.list)
        self.add.clicked.connect(self.open_concern)
        self.handover.clicked.connect(self.open_handover)
        self.list.currentRowChanged.connect(self._on_list_row_changed)
        self.list.itemActivated.connect(lambda _item: self.open_handover())
        shortcut = QShortcut(
            QKeySequence(SHORTCUT), page, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        shortcut.activated.connect(self.open_concern)

    def show_review(self, review_id: str | None, select: object = None) -> None:
        """Read this laptop's concerns for the review (off the GUI thread); ``select``: the
        number of the concern to choose (the one just recorded or passed on)."""
        self.review_id = review_id
        if review_id is None:
            self._show((), None)
            return
        QueryOp(
            self, lambda: self.workspace.concerns(review_id), lambda r: self._show(r, select)
        ).run_in_background()

    def _show(self, rows: tuple[ConcernRow, ...], select: object) -> None:
        chosen = self.chosen()
        keep = select if select is not None else chosen.id if chosen is not None else None
        self.rows = rows
        self.list.clear()
        for n, c in enumerate(rows, start=1):  # numbered as listed (the stored id counts
            where = f" · {c.place}" if c.place else ""  # every laptop's concerns ever made)
            item = editable_row(
                f"{n}. {local_text(c.seen_at)}{where} · {c.text}\n     {c.state}",
                str(c.id),
                c.text,
            )
            self.list.addItem(item)
            if str(c.id) == str(keep):
                self.list.setCurrentItem(item)
        if rows and self.list.currentRow() < 0:
            self.list.setCurrentRow(len(rows) - 1)
        shown = sum(self.list.sizeHintForRow(i) for i in range(min(len(rows), LIST_ROWS)))
        self.list.setFixedHeight(shown + 2 * self.list.frameWidth() + 2)
        self.list.setVisible(bool(rows))
        self.handover.setEnabled(bool(rows))

    def chosen(self) -> ConcernRow | None:
        item = self.list.currentItem()
        cid = str(item.data(ID_ROLE)) if item is not None else None
        return next((c for c in self.rows if str(c.id) == cid), None)

    def _on_words_edited(self, concern_id: str, words: str) -> None:
        """Save a concern's corrected words (never emptied: the old words stay shown)."""
        review_id = self.review_id
        if not words:
            self.show_review(review_id, concern_id)
            return
        CollectionOp(
            self, lambda: self.workspace.edit_concern(int(concern_id), words, None)
        ).success(lambda _: self.show_review(review_id, concern_id)).failure(
            lambda exc: show_exception(self, exc)
        ).run_in_background()

    def _on_list_row_changed(self, _row: int) -> None:
        self.handover.setEnabled(self.chosen() is not None)

    def _opened(self, dialog: _SavingDialog) -> None:
        self.dialog = dialog
        dialog.saved.connect(lambda concern_id: self.show_review(self.review_id, concern_id))
        dialog.finished.connect(lambda _code: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: _SavingDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def open_concern(self) -> None:
        review_id, place, person = self.context()
        if review_id is None:
            return
        self.review_id = review_id
        self._opened(
            ConcernDialog(
                self, self.workspace, review_id, place, self.workspace.now_typed(), person
            )
        )

    def open_handover(self) -> None:
        concern = self.chosen()
        if concern is not None:
            self._opened(HandoverDialog(self, self.workspace, concern, self.workspace.now_typed()))

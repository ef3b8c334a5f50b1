"""The factual-accuracy round beside Write-up's statements (issue 11).

On the host school's laptop the head reads the draft's statements and comments on the chosen
one (a box and "Add comment"); the comment travels back by package. On the visiting team's
laptop the comments show beside the statement they are about, with who wrote them and when,
and the writer marks each one answered after amending the statement. The services decide who
may do which (app.services.comments); this panel disables what this laptop may not do and says
why in their words.

Every step can be taken back (Edit > Undo, through ``undoable``): on the host's laptop a comment
is reworded in the same box (Reword, or F2 in the list: the box takes its words, "Save
rewording" stores them) and withdrawn (Withdraw, or Delete in the list); on the team's, a
comment marked answered by mistake is re-opened. Adding is undone by withdrawing, withdrawing by
bringing back, rewording by the old words, answering by re-opening and re-opening by answering.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.dates import display_datetime
from app.services.read_models import FindingRow
from app.ui import labels
from app.ui.operations import CollectionOp, Latest, QueryOp
from app.ui.undo import Undoable

if TYPE_CHECKING:
    from app.services.changes import Changes
    from app.services.comments import CommentView
    from app.services.workspace import Created, Workspace
    from app.services.workspace_writeup import WriteupRights

ID = Qt.ItemDataRole.UserRole


def comment_line(c: CommentView) -> str:
    """Whether it is answered comes first: the list is short beside the draft's statements,
    and a state on the last line of a long comment was cut off below the list's edge."""
    who = c.author or c.made_by or "The host school"
    state = "✓ Answered" if c.answered else "● Not answered yet"
    if c.reworded_since_answered:  # its words are not the ones answered
        state = "✓ Answered, then reworded by the host"
    return f"{state} · {who}, {display_datetime(c.made_at)}\n{c.text}"


class CommentsPanel(QWidget):
    """The comments on the chosen statement. ``changed`` is emitted after the comments are read
    again (the side panel counts them again); ``undoable`` after each change made here."""

    changed = Signal()
    undoable = Signal(object)  # an Undoable for Edit > Undo

    def __init__(
        self,
        workspace: Workspace,
        *,
        before_change: Callable[[], None],
        initiator: object,
        failed: Callable[[BaseException], None],
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self._before_change = before_change  # the statement being typed is saved first
        self._initiator = initiator
        self._failed = failed
        self.review_id: str | None = None
        self.finding: FindingRow | None = None
        self.all: tuple[CommentView, ...] = ()
        self.rights: WriteupRights | None = None
        self._loading = Latest()
        self.rewording: CommentView | None = None  # the comment whose words are in the box
        self.about = QLabel(wordWrap=True)
        self.about.setAccessibleName(self.tr("The statement the comments are about"))
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAccessibleName(self.tr("Comments from the host school"))
        self.answer = QPushButton(self.tr("Mark answered"))
        self.reopen = QPushButton(self.tr("Re-open"))
        self.reword = QPushButton(self.tr("Reword"))
        self.withdraw = QPushButton(self.tr("Withdraw"))
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setToolTip(self.tr("Keep the comment's words as they were"))
        self.cancel.hide()
        self.answer_reason = QLabel(wordWrap=True)
        self.others = QLabel(wordWrap=True)
        self.box = QPlainTextEdit()
        self.box.setAccessibleName(self.tr("Comment on the chosen statement"))
        self.box.setPlaceholderText(self.tr("A factual correction for the writer"))
        self.box.setTabChangesFocus(True)
        self.box.setMaximumHeight(64)
        self.add = QPushButton(self.tr("Add comment"))
        self.comment_reason = QLabel(wordWrap=True)
        self._lay_out()
        self._connect()
        self.show_finding(None)

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.about)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.others)
        row = QHBoxLayout()
        row.addWidget(self.reword)
        row.addWidget(self.withdraw)
        row.addStretch(1)
        row.addWidget(self.answer)
        row.addWidget(self.reopen)
        layout.addLayout(row)
        layout.addWidget(self.answer_reason)
        layout.addWidget(self.box)
        saving = QHBoxLayout()
        saving.addWidget(self.add, 1)
        saving.addWidget(self.cancel)
        layout.addLayout(saving)
        layout.addWidget(self.comment_reason)

    def _connect(self) -> None:
        withdraw_keys = [
            *QKeySequence.keyBindings(QKeySequence.StandardKey.Delete),
            QKeySequence(Qt.Key.Key_Backspace),  # a Mac keyboard's delete key
        ]
        for keys, slot in (
            *((k, self._on_withdraw_clicked) for k in withdraw_keys),
            (QKeySequence(Qt.Key.Key_F2), self._on_reword_clicked),
        ):
            shortcut = QShortcut(keys, self.list, context=Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.list.currentRowChanged.connect(self._enable)
        self.answer.clicked.connect(self._on_answer_clicked)
        self.reopen.clicked.connect(self._on_reopen_clicked)
        self.reword.clicked.connect(self._on_reword_clicked)
        self.withdraw.clicked.connect(self._on_withdraw_clicked)
        self.cancel.clicked.connect(self._stop_rewording)
        self.add.clicked.connect(self._on_add_clicked)
        self.box.textChanged.connect(self._enable)

    # --- what is shown -----------------------------------------------------------------
    def load(self, review_id: str | None, rights: WriteupRights | None) -> None:
        """Read the review's comments again (off the GUI thread)."""
        self.review_id, self.rights = review_id, rights
        if review_id is None:
            self._listed(())
            return
        QueryOp(self, lambda: self.workspace.comments(review_id), self._listed).superseding(
            self._loading
        ).run_in_background()

    def _listed(self, comments: tuple[CommentView, ...]) -> None:
        self.all = comments
        if self.rewording is not None and all(c.id != self.rewording.id for c in comments):
            self._stop_rewording()  # withdrawn meanwhile (a package, an undo)
        self.show_finding(self.finding)
        self.changed.emit()

    def waiting(self) -> int:
        """Comments of this review not answered yet."""
        return sum(not c.answered for c in self.all)

    def on_statement(self, finding_id: str) -> list[CommentView]:
        return [c for c in self.all if c.finding_id == finding_id]

    def show_finding(self, finding: FindingRow | None) -> None:
        keep = self._current_comment()
        self.finding = finding
        if finding is None:
            self.about.setText(self.tr("<i>Choose a statement to see its comments.</i>"))
        else:
            kind = labels.label(labels.FINDING_KINDS, finding.kind)
            self.about.setText(f"<b>{escape(kind)}</b>: {escape(finding.text[:160])}")
        self.list.clear()
        mine = self.on_statement(finding.id) if finding else []
        for c in mine:
            item = QListWidgetItem(comment_line(c))
            item.setData(ID, c.id)
            self.list.addItem(item)
            if c.id == keep:
                self.list.setCurrentItem(item)
        if mine and self.list.currentRow() < 0:
            waiting = next((i for i, c in enumerate(mine) if not c.answered), 0)
            self.list.setCurrentRow(waiting)
        if finding is not None and not mine:
            self.list.addItem(QListWidgetItem(self.tr("No comments on this statement.")))
        elsewhere = sum(
            not c.answered for c in self.all if finding is None or c.finding_id != finding.id
        )
        self.others.setText(
            self.tr("%n comment(s) on other statements not answered yet.", "", elsewhere)
            if elsewhere
            else ""
        )
        self.others.setVisible(bool(elsewhere))  # no empty line between the list and its buttons
        self._enable()

    def _current_comment(self) -> str | None:
        item = self.list.currentItem()
        value = item.data(ID) if item is not None else None
        return str(value) if value else None

    def chosen(self) -> CommentView | None:
        """The comment chosen in the list."""
        return next((c for c in self.all if c.id == self._current_comment()), None)

    def _enable(self, *_: object) -> None:
        rights = self.rights
        chosen = self.chosen()
        can_answer = rights is not None and rights.answer is None
        self.answer.setEnabled(can_answer and chosen is not None and not chosen.answered)
        self.reopen.setEnabled(can_answer and chosen is not None and chosen.answered)
        # One of the two at a time: the chosen comment's state says which.
        self.answer.setVisible(chosen is None or not chosen.answered)
        self.reopen.setVisible(not self.answer.isVisibleTo(self))
        can_comment = rights is not None and rights.comment is None
        rewording = self.rewording is not None
        self.reword.setEnabled(can_comment and chosen is not None and not rewording)
        self.withdraw.setEnabled(can_comment and chosen is not None and not rewording)
        for button, sentence, why in (
            (self.reword, rights.comment if rights else None, self.tr("Change its words")),
            (
                self.withdraw,
                rights.comment if rights else None,
                self.tr("Take the comment back (Edit > Undo brings it back)"),
            ),
            (
                self.answer,
                rights.answer if rights else None,
                self.tr(
                    "Once the statement is amended (or needs no change), mark the comment answered"
                ),
            ),
            (
                self.reopen,
                rights.answer if rights else None,
                self.tr("Marked answered by mistake: show it as not answered"),
            ),
        ):
            button.setToolTip(sentence or why)  # a disabled button says who may
        self.box.setReadOnly(not can_comment)
        self.box.setEnabled(can_comment and (self.finding is not None or rewording))
        self.add.setText(self.tr("Save rewording") if rewording else self.tr("Add comment"))
        self.cancel.setVisible(rewording)
        self.add.setEnabled(
            can_comment
            and (self.finding is not None or rewording)
            and bool(self.box.toPlainText().strip())
        )
        self._reason(self.answer_reason, rights.answer if rights and self.all else None)
        self._reason(self.comment_reason, rights.comment if rights else None)

    @staticmethod
    def _reason(label: QLabel, sentence: str | None) -> None:
        label.setText(f"<i>{escape(sentence, quote=False)}</i>" if sentence else "")
        label.setVisible(bool(sentence))

    # --- changes -------------------------------------------------------------------------
    def _on_add_clicked(self) -> None:
        if self.rewording is not None:
            self._save_rewording(self.rewording)
            return
        f, text, review_id = self.finding, self.box.toPlainText().strip(), self.review_id
        if f is None or not text or review_id is None:
            return
        self._before_change()
        fid = f.id

        def done(made: Created) -> None:
            self.box.clear()
            self.load(review_id, self.rights)
            cid = made.id
            self.undoable.emit(Undoable(self.tr("add comment"), lambda ws: ws.delete_comment(cid)))

        CollectionOp(self, lambda: self.workspace.add_comment(fid, text)).success(done).failure(
            self._failed
        ).run_in_background(initiator=self._initiator)

    def _on_reword_clicked(self) -> None:
        """The chosen comment's words into the box, to change and save (or cancel)."""
        chosen = self.chosen()
        if chosen is None or not self.reword.isEnabled():
            return
        self.rewording = chosen
        self.box.setPlainText(chosen.text)
        self._enable()
        self.box.setFocus()
        self.box.selectAll()

    def _stop_rewording(self) -> None:
        if self.rewording is None:
            return
        self.rewording = None
        self.box.clear()
        self._enable()

    def _save_rewording(self, comment: CommentView) -> None:
        text, review_id = self.box.toPlainText().strip(), self.review_id
        if not text or review_id is None:
            return
        cid, old = comment.id, comment.text
        if text == old:
            self._stop_rewording()
            return

        def done(_changes: Changes) -> None:
            self.rewording = None
            self.box.clear()
            self.load(review_id, self.rights)
            self.undoable.emit(
                Undoable(self.tr("reword comment"), lambda ws: ws.edit_comment(cid, old))
            )

        CollectionOp(self, lambda: self.workspace.edit_comment(cid, text)).success(done).failure(
            self._failed
        ).run_in_background(initiator=self._initiator)

    def _on_withdraw_clicked(self) -> None:
        chosen, review_id = self.chosen(), self.review_id
        if chosen is None or review_id is None or not self.withdraw.isEnabled():
            return
        cid = chosen.id

        def done(_changes: Changes) -> None:
            self.load(review_id, self.rights)
            self.undoable.emit(
                Undoable(self.tr("withdraw comment"), lambda ws: ws.restore_comment(cid))
            )

        CollectionOp(self, lambda: self.workspace.delete_comment(cid)).success(done).failure(
            self._failed
        ).run_in_background(initiator=self._initiator)

    def _on_reopen_clicked(self) -> None:
        chosen, review_id = self.chosen(), self.review_id
        if chosen is None or review_id is None:
            return
        cid = chosen.id

        def done(_changes: Changes) -> None:
            self.load(review_id, self.rights)
            self.undoable.emit(
                Undoable(self.tr("re-open comment"), lambda ws: ws.answer_comment(cid))
            )

        CollectionOp(self, lambda: self.workspace.reopen_comment(cid)).success(done).failure(
            self._failed
        ).run_in_background(initiator=self._initiator)

    def _on_answer_clicked(self) -> None:
        cid, review_id = self._current_comment(), self.review_id
        if cid is None or review_id is None:
            return
        self._before_change()  # the amendment is saved before the comment is marked answered

        def done(_changes: Changes) -> None:
            self.load(review_id, self.rights)
            self.undoable.emit(
                Undoable(self.tr("mark comment answered"), lambda ws: ws.reopen_comment(cid))
            )

        CollectionOp(self, lambda: self.workspace.answer_comment(cid)).success(done).failure(
            self._failed
        ).run_in_background(initiator=self._initiator)

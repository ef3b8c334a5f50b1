"""The writer's overall summary, printed before the findings (issue 11): saved as it is typed,
like a statement. A laptop the service would refuse (not the host school's or the visiting
team's) shows it read-only, with the reason."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from app.errors import InvalidInput, NotThisSchool
from app.ui.operations import CollectionOp

if TYPE_CHECKING:
    from app.services.changes import Changes
    from app.services.workspace import Workspace

SAVE_AFTER_MS = 300  # as statements: a pause in typing saves


class SummaryPanel(QWidget):
    def __init__(
        self, workspace: Workspace, *, initiator: object, failed: Callable[[BaseException], None]
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self._initiator = initiator
        self._failed = failed
        self.review_id: str | None = None
        self.saved = ""  # the words last stored (or read) for ``review_id``
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(self.tr("Overall summary"))
        self.editor.setPlaceholderText(
            self.tr(
                "The overall summary: what the team found, in a few sentences. It opens the "
                "report, before the findings, and is saved as you type."
            )
        )
        self.editor.setTabChangesFocus(True)
        self.line = QLabel(wordWrap=True)
        self._save = QTimer(self, singleShot=True, interval=SAVE_AFTER_MS)
        self._save.timeout.connect(self.save)
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.editor.installEventFilter(self)  # leaving the field saves at once
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(
            QLabel(
                self.tr("The overall summary opens the report, before the findings."), wordWrap=True
            )
        )
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.line)

    def show_summary(self, review_id: str | None, summary: str, refusal: str | None) -> None:
        """The review's summary, editable unless ``refusal`` says why not. Words being typed
        into the same review are kept (they are saved in a moment)."""
        if review_id != self.review_id:
            self.save()
        typing = review_id == self.review_id and (self._save.isActive() or self.editor.hasFocus())
        self.review_id = review_id
        if not typing:
            self.saved = summary
            if self.editor.toPlainText() != summary:
                self.editor.blockSignals(True)
                self.editor.setPlainText(summary)
                self.editor.blockSignals(False)
        self.editor.setReadOnly(review_id is None or refusal is not None)
        self._say(refusal)

    def _on_editor_text_changed(self) -> None:
        if not self.editor.isReadOnly() and not self._save.isActive():
            self._save.start()

    def save(self) -> None:
        """Store what is typed (nothing when unchanged, or empty: a summary is never stored
        empty, and the line says so)."""
        self._save.stop()
        text, review_id = self.editor.toPlainText().strip(), self.review_id
        if review_id is None or self.editor.isReadOnly() or text == self.saved.strip():
            return
        if not text:
            self._say(self.tr("A summary is never stored empty; the last words saved are kept."))
            return

        def done(_changes: Changes) -> None:
            if self.review_id == review_id:
                self.saved = text
                self._say(None)

        CollectionOp(self, lambda: self.workspace.set_summary(review_id, text)).success(
            done
        ).failure(lambda exc: self._refused(review_id, exc)).run_in_background(
            initiator=self._initiator
        )

    def _refused(self, review_id: str, exc: BaseException) -> None:
        if self.review_id != review_id:
            return
        if isinstance(exc, NotThisSchool):
            self.editor.setReadOnly(True)
            self._say(exc.user_message)
        elif isinstance(exc, InvalidInput):
            self._say(exc.user_message)
        else:
            self._failed(exc)

    def _say(self, sentence: str | None) -> None:
        self.line.setText(f"<i>{escape(sentence, quote=False)}</i>" if sentence else "")
        self.line.setVisible(bool(sentence))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.save()  # before a report or a package is made from another window's menu
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.save()  # leaving the tab, the page or the window keeps what was typed
        super().hideEvent(event)

"""The checklist before signing (Ctrl+R): what blocks the report, in red, and what deserves a
second look, in amber, each in words naming its statement or focus area.

Three ways it can end, and only one of them signs:

- Something blocks: the dialog says so in one line and offers no way to sign, only "Go to it"
  (the first blocker) and Close.
- Only warnings: "Sign anyway", but the default button is Cancel: Enter, pressed out of habit
  by a headteacher reading on, never signs a report with loose ends. Signing takes a click
  (or Tab to it and Space/Enter).
- Nothing at all: "Sign", the default.

Esc cancels. The colours are never the only sign: each row starts with a word and a symbol.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.labels import STATUSES, label

if TYPE_CHECKING:
    from app.services.workspace_signoff import Checklist

HALF_LIGHT = 128  # QColor.lightness() runs 0-255: below the middle is a dark palette
# Text colours with at least 4.5:1 contrast on the palette's base (light / dark).
BLOCK_COLOURS = ("#b00020", "#ff8a80")
WARN_COLOURS = ("#8a4b00", "#ffcc80")


class Answer(Enum):
    SIGN = "sign"
    GO_TO = "go-to"
    CANCEL = "cancel"


def _colour(widget: QWidget, pair: tuple[str, str]) -> QColor:
    dark = widget.palette().color(QPalette.ColorRole.Base).lightness() < HALF_LIGHT
    return QColor(pair[1] if dark else pair[0])


class SignOffDialog(QDialog):
    """The checklist for one review; ``answer`` says what the person chose."""

    def __init__(self, parent: QWidget | None, check: Checklist) -> None:
        super().__init__(parent)
        self.check = check
        self.answer = Answer.CANCEL
        self.setWindowTitle(self.tr("Before you sign"))
        title = QLabel()
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setText(
            self.tr("%1 (%2)")
            .replace("%1", check.title)
            .replace("%2", label(STATUSES, check.status))
        )
        title.setWordWrap(True)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.summary = QLabel(self._summary_text(), wordWrap=True)
        self.summary.setAccessibleName(self.tr("Ready to sign?"))
        if not check.ready:
            self.summary.setStyleSheet(f"color: {_colour(self, BLOCK_COLOURS).name()}")
        self.items = QListWidget()
        self.items.setWordWrap(True)
        self.items.setAccessibleName(self.tr("The checklist"))
        self.items.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Enter on it never signs
        self.items.setSpacing(2)
        self.items.setStyleSheet("QListWidget::item { padding: 2px 4px; }")
        self._fill()
        self.buttons = QDialogButtonBox()
        self.sign: QPushButton | None = None
        self.go_to: QPushButton | None = None
        if not check.ready:
            self.go_to = self.buttons.addButton(
                self.tr("&Go to it"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.go_to.setToolTip(self._first_blocker_hint())
            self.go_to.clicked.connect(self._on_go_to_clicked)
            self.cancel: QPushButton = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        else:
            self.sign = self.buttons.addButton(
                self.tr("Sign &anyway") if check.warnings else self.tr("&Sign"),
                QDialogButtonBox.ButtonRole.AcceptRole,
            )
            self.sign.clicked.connect(self._on_sign_clicked)
            self.cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):
                button.setDefault(False)
        self._default: QPushButton = (
            self.sign if self.sign is not None and not check.warnings else self.cancel
        )
        self._default.setDefault(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addWidget(self.items, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 300)

    def _summary_text(self) -> str:
        c = self.check
        if not c.ready:
            return "✖ " + c.sentence
        if len(c.warnings) == 1:
            return self.tr("Nothing blocks the report, but one thing deserves a second look.")
        if c.warnings:
            return self.tr(
                "Nothing blocks the report, but %1 things deserve a second look."
            ).replace("%1", str(len(c.warnings)))
        return self.tr("Nothing blocks the report, and nothing needs a second look.")

    def _fill(self) -> None:
        for heading, rows, mark, pair in (
            (self.tr("Blocks the report"), self.check.blocking, "✖", BLOCK_COLOURS),
            (self.tr("To look at (does not block)"), self.check.warnings, "⚠", WARN_COLOURS),
        ):
            if not rows:
                continue
            if self.items.count():
                gap = QListWidgetItem("")  # between the two groups
                gap.setFlags(Qt.ItemFlag.NoItemFlags)
                self.items.addItem(gap)
            head = QListWidgetItem(heading)
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            head.setFlags(Qt.ItemFlag.NoItemFlags | Qt.ItemFlag.ItemIsEnabled)
            self.items.addItem(head)
            for row in rows:
                item = QListWidgetItem(f"{mark} {row.message}")
                item.setForeground(QBrush(_colour(self.items, pair)))
                item.setData(Qt.ItemDataRole.UserRole, row.record_id)
                self.items.addItem(item)
        if not self.check.blocking and not self.check.warnings:
            self.items.hide()

    def _first_blocker_hint(self) -> str:
        first = self.check.blocking[0]
        if first.code == "empty-statement":
            return self.tr("Opens Write-up on that statement")
        return self.tr("Opens the conflicts, to keep one version")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._default.setFocus()  # Enter presses the default: Cancel unless nothing is amiss

    def _on_sign_clicked(self) -> None:
        self.answer = Answer.SIGN
        self.accept()

    def _on_go_to_clicked(self) -> None:
        self.answer = Answer.GO_TO
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, check: Checklist) -> Answer:
        dialog = cls(parent, check)
        try:
            dialog.exec()
            return dialog.answer
        finally:
            dialog.deleteLater()

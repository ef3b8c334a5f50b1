"""The signing key's passphrase: ``PEERWALK_PASSPHRASE`` if set, else asked at most once while
the window is open. Asked only when the key really needs it (the worker that unlocks the key
asks the GUI thread and waits), so a key kept in the OS keychain never prompts. A wrong
passphrase is forgotten, and the work is done again after asking again."""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.errors import Cancelled

MIN_LENGTH = 8


class PassphraseDialog(QDialog):
    """One field to unlock the key; two (typed twice) when a new passphrase is chosen."""

    def __init__(self, parent: QWidget | None, new: bool, again: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Passphrase"))
        self.new = new
        self.phrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.phrase.setAccessibleName(self.tr("Passphrase"))
        self.repeat = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(self.tr("The passphrase again"))
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        form = QFormLayout(self)
        if new:
            intro = self.tr(
                "Choose a passphrase of at least 8 characters to protect your signing key. It is "
                "asked once each time Peerwalk opens; nobody can recover it for you."
            )
        elif again:
            intro = self.tr("That passphrase is not right. Try again:")
        else:
            intro = self.tr("The passphrase that protects your signing key:")
        label = QLabel(intro)
        label.setWordWrap(True)
        form.addRow(label)
        form.addRow(self.tr("&Passphrase"), self.phrase)
        if new:
            form.addRow(self.tr("&Again"), self.repeat)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(420)

    def _on_buttons_accepted(self) -> None:
        if self.new and len(self.phrase.text()) < MIN_LENGTH:
            self.problem.setText(self.tr("At least 8 characters, please."))
        elif self.new and self.phrase.text() != self.repeat.text():
            self.problem.setText(self.tr("The two passphrases are not the same."))
        elif not self.phrase.text():
            self.problem.setText(self.tr("Type the passphrase, or Cancel."))
        else:
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, new: bool = False, again: bool = False) -> str | None:
        dialog = cls(parent, new, again)
        try:
            return dialog.phrase.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class Passphrases(QObject):
    """Hands the key's passphrase to the workers that need it (see the module docstring)."""

    _asked = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._window = parent
        self._cached: str | None = None
        self._answer: str | None = None
        self._again = False
        self._environment_refused = False
        self._connected = False

    def _connect(self) -> None:
        """Connected on first use, not at start-up: naming Qt's enums costs the first paint."""
        if not self._connected:
            from PySide6.QtCore import Qt

            self._asked.connect(self._on_asked, Qt.ConnectionType.BlockingQueuedConnection)
            self._connected = True

    def provider(self) -> Callable[[str], str]:
        """What the workspace calls (on a worker thread) when the key needs a passphrase:
        ``"existing"`` to unlock, ``"new"`` to choose one. Raises Cancelled if the person
        cancels the dialog (nothing is changed). Made on the GUI thread."""
        self._connect()

        def provide(kind: str) -> str:
            env = os.environ.get("PEERWALK_PASSPHRASE")
            if env and not self._environment_refused:
                return env
            if kind == "existing" and self._cached is not None:
                return self._cached
            if QThread.currentThread() is self.thread():
                self._on_asked(kind)
            else:
                self._asked.emit(kind)
            phrase, self._answer = self._answer, None
            if phrase is None:
                raise Cancelled()
            self._cached = phrase
            self._again = False
            return phrase

        return provide

    def wrong(self) -> None:
        """The passphrase given did not open the key: forget it, and say so when asking again."""
        if os.environ.get("PEERWALK_PASSPHRASE") and not self._environment_refused:
            self._environment_refused = True  # a wrong one in the environment: ask the person
        self._cached = None
        self._again = True

    def _on_asked(self, kind: str) -> None:
        self._answer = PassphraseDialog.ask(self._window, new=kind == "new", again=self._again)

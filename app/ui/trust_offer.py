"""The offer to trust a partner's signing certificate, when a received copy is signed with one
this laptop has not been told to trust (File > Record a countersigned copy).

Trust is a person's decision, made by comparing the fingerprint shown here with the one the
certificate's owner reads out from their own laptop: never taken from a package key alone,
and never the default button (Enter and Esc leave it untrusted).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


def grouped(fingerprint: str, per_line: int = 8) -> str:
    """The fingerprint's pairs in lines of ``per_line``, easier to read out and compare."""
    pairs = fingerprint.split(":")
    return "\n".join(":".join(pairs[i : i + per_line]) for i in range(0, len(pairs), per_line))


class TrustCertificateDialog(QDialog):
    def __init__(self, parent: QWidget | None, signer: str, fingerprint: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Trust %1's certificate?").replace("%1", signer))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        self.sentence = QLabel(
            self.tr(
                "This copy was signed by %1's certificate, which this laptop has not been told "
                "to trust yet. Nothing has been recorded."
            ).replace("%1", signer)
        )
        self.sentence.setWordWrap(True)
        heading = QLabel(self.tr("Fingerprint of the certificate that signed this copy:"))
        self.fingerprint = QLabel(grouped(fingerprint))
        self.fingerprint.setObjectName("fingerprint")
        self.fingerprint.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setAccessibleName(self.tr("The certificate's fingerprint"))
        self.ask_them = QLabel(
            self.tr(
                "Ask %1 to read out the fingerprint of their certificate from their own laptop "
                "(by phone or in person, not by email), and compare it with this one, every "
                "pair. Trust it only if all of it matches: anyone can make a certificate in "
                "%1's name."
            ).replace("%1", signer)
        )
        self.ask_them.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.trust = self.buttons.addButton(
            self.tr("It matches: trust and record"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel = self.buttons.addButton(
            self.tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.trust.setAutoDefault(False)
        self.cancel.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.sentence)
        layout.addWidget(heading)
        layout.addWidget(self.fingerprint)
        layout.addWidget(self.ask_them)
        layout.addWidget(self.buttons)
        self.cancel.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, signer: str, fingerprint: str) -> bool:
        """True only when the person chose to trust the certificate."""
        dialog = cls(parent, signer, fingerprint)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

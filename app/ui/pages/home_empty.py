"""Home on a laptop with no review yet (a new data folder, the welcome cancelled or done): what
to do first, in two sentences, instead of five empty lists. "Set up your school…" opens the
welcome again (File › This laptop and your signature…); "Open Set-up" goes to the page where
partner schools, people and networks are added. Home shows it while it has no review to list.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout


class EmptyHome(QFrame):
    set_up_school = Signal()  # the welcome: this laptop's school, its person, the signature
    open_setup = Signal()  # the Set-up page
    painted = Signal()  # first paint of a Home with nothing to list (``gui --smoke-test``)

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName(self.tr("Getting started"))
        heading = QLabel(self.tr("<h3>No reviews on this laptop yet</h3>"))
        self.text = QLabel(
            self.tr(
                "Start by telling Peerwalk your school and who you are; it takes a minute. Then "
                "add your partner schools, their people and your network in Set-up, or import a "
                "package a partner school sent you (File › Import a package…)."
            )
        )
        self.text.setWordWrap(True)
        self.school_button = QPushButton(self.tr("Set up your school…"))
        self.school_button.setDefault(True)
        self.school_button.clicked.connect(self.set_up_school)
        self.setup_button = QPushButton(self.tr("Open Set-up"))
        self.setup_button.clicked.connect(self.open_setup)
        buttons = QHBoxLayout()
        buttons.addWidget(self.school_button)
        buttons.addWidget(self.setup_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.text.setMaximumWidth(640)  # a line that can be read in one go
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted.emit()

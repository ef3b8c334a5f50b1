"""Home on a laptop with no review yet (a new data folder, the welcome cancelled or done): what
to do first, in two sentences, instead of five empty lists. Before the laptop knows its school,
"Set up your school…" opens the welcome again (File › This laptop and your signature…); once it
does, the sentences say so and the first button plans a visit instead. "Open Set-up" goes to the
page where the network's school list is imported and people and networks are added. Home shows
it while it has no review to list.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

if TYPE_CHECKING:
    from app.services.read_models import SiteInfo
    from app.services.workspace import Workspace


class EmptyHome(QFrame):
    set_up_school = Signal()  # the welcome: this laptop's school, its person, the signature
    open_setup = Signal()  # the Set-up page
    plan_visit = Signal()  # the Plan page, once the laptop knows its school
    painted = Signal()  # first paint of a Home with nothing to list (``gui --smoke-test``)

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName(self.tr("Getting started"))
        heading = QLabel(self.tr("<h3>No reviews on this laptop yet</h3>"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.school_button = QPushButton()
        self.school_button.setDefault(True)
        self.school_button.clicked.connect(self._first_step)
        self.set_up = False  # does this laptop know its school yet?
        self.show_site(None)
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

    def load(self, workspace: Workspace) -> None:
        """Ask whether this laptop knows its school yet (off the GUI thread)."""
        from app.ui.operations import QueryOp

        QueryOp(self, workspace.site, self.show_site).run_in_background()

    def show_site(self, site: SiteInfo | None) -> None:
        self.set_up = site is not None and site.school is not None
        if site is not None and site.school is not None:
            who = f"{escape(site.person.name)}, " if site.person else ""
            self.text.setText(
                self.tr(
                    "This laptop is set up for %1 at %2. Next, plan a visit with your partner "
                    "schools, or import a package a partner school sent you (File › Import a "
                    "package…). Partner schools come from your network's school list "
                    "(Set-up › Schools › Import a school list)."
                )
                .replace("%1", who.rstrip(", ") or escape(site.name or ""))
                .replace("%2", escape(site.school))
            )
            self.school_button.setText(self.tr("Plan a visit"))
        else:
            self.text.setText(
                self.tr(
                    "Start by telling Peerwalk your school and who you are; it takes a minute. "
                    "Then import your network's school list and add its people in Set-up, or "
                    "import a package a partner school sent you (File › Import a package…)."
                )
            )
            self.school_button.setText(self.tr("Set up your school…"))

    def _first_step(self) -> None:
        (self.plan_visit if self.set_up else self.set_up_school).emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted.emit()

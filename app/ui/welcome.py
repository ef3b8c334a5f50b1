"""The first run (and File › This laptop and your signature): who uses this laptop, its school,
and the signing identity, in one short form. No terminal, ever.

The key is kept in the OS keychain when a real one answers; otherwise a passphrase is chosen
here (typed twice) and asked at most once each time Peerwalk opens.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.errors import Cancelled
from app.ui import labels
from app.ui.errors import show_exception
from app.ui.operations import CollectionOp, QueryOp
from app.ui.widgets import searchable
from app.vocabulary import ROLES

if TYPE_CHECKING:
    from app.services.read_models import SiteInfo
    from app.services.workspace import Workspace
    from app.ui.passphrase import Passphrases


class WelcomeDialog(QDialog):
    def __init__(self, parent: QWidget | None, facts: dict[str, Any]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Peerwalk"))
        identity, site = facts["identity"], facts["site"]
        self.has_identity = identity is not None
        intro = QLabel(
            self.tr(
                "<h3>This laptop and your signature</h3><p>Reports you write are signed with your name, so partner schools can trust them. Tell Peerwalk who you are and which school this laptop belongs to.</p>"
            )
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(
            (identity.name if identity else "")
            or (site.person.name if site.person else "")
            or site.name
        )
        self.name.setAccessibleName(self.tr("Your name"))
        self.email = QLineEdit(identity.email if identity else "")
        self.email.setAccessibleName(self.tr("Your email"))
        self.role = QComboBox()
        self.role.setAccessibleName(self.tr("Your role"))
        for role in ROLES:
            self.role.addItem(labels.label(labels.ROLES, role), role)
        self.school = QComboBox()
        self.school.setAccessibleName(self.tr("Your school"))
        for s in facts["schools"]:
            self.school.addItem(f"{s.name} ({s.id})", s.id)
        searchable(self.school)
        if site.school_id:
            self.school.setCurrentIndex(max(self.school.findData(site.school_id), 0))
        # A laptop with no school list yet (the first in a network): the school is typed in.
        self.new_school = not facts["schools"]
        self.urn = QLineEdit(
            placeholderText=self.tr("e.g. 137450 (URN) or 6702345 (Welsh school number)")
        )
        self.urn.setAccessibleName(self.tr("Your school's URN or number"))
        self.school_name = QLineEdit()
        self.school_name.setAccessibleName(self.tr("Your school's name"))
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        if self.has_identity:
            keeping = (
                self.tr("Your signature is set up already: %1 (%2).")
                .replace("%1", identity.name)
                .replace("%2", identity.fingerprint[:23])
            )
        elif facts["keychain"]:
            keeping = self.tr(
                "Your signing key will be kept safe in this computer's keychain: no passphrase to remember."
            )
        else:
            keeping = self.tr(
                "This computer has no keychain Peerwalk can use, so you will choose a passphrase to protect your signing key next. It is asked once each time Peerwalk opens."
            )
        note = QLabel(keeping)
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow(self.tr("Your &name"), self.name)
        form.addRow(self.tr("Your &email"), self.email)
        form.addRow(self.tr("Your &role"), self.role)
        if self.new_school:
            form.addRow(self.tr("Your school's &URN"), self.urn)
            form.addRow(self.tr("Your school's na&me"), self.school_name)
        else:
            form.addRow(self.tr("This laptop's &school"), self.school)
        form.addRow(note)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Set up this laptop"))
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(520)

    def _on_buttons_accepted(self) -> None:
        if not self.name.text().strip():
            self.problem.setText(
                self.tr("Your name is printed with your signature: type it, please.")
            )
        elif not self.has_identity and "@" not in self.email.text():
            self.problem.setText(
                self.tr("Your email goes in your signature's certificate: type it, please.")
            )
        elif self.new_school and not (self.urn.text().strip() and self.school_name.text().strip()):
            self.problem.setText(
                self.tr("Type your school's URN (or Welsh school number) and its name.")
            )
        elif not self.new_school and self.school.currentData() is None:
            self.problem.setText(
                self.tr("Choose this laptop's school from the list (type part of its name).")
            )
        else:
            self.accept()

    def fill(self, typed: dict[str, Any]) -> None:
        """Put back what was typed (after a refusal, so it can be put right)."""
        self.name.setText(typed["name"])
        self.email.setText(typed["email"])
        self.role.setCurrentIndex(max(self.role.findData(typed["role"]), 0))
        if self.new_school:
            self.urn.setText(typed["school_id"] or "")
            self.school_name.setText(typed["school_name"])
        elif typed["school_id"]:
            self.school.setCurrentIndex(max(self.school.findData(typed["school_id"]), 0))

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text().strip(),
            "email": self.email.text().strip(),
            "role": self.role.currentData(),
            "school_id": self.urn.text().strip() if self.new_school else self.school.currentData(),
            "school_name": self.school_name.text().strip() if self.new_school else "",
            "make_identity": not self.has_identity,
        }

    @classmethod
    def start(
        cls,
        window: QWidget,
        workspace: Workspace,
        passphrases: Passphrases,
        then: Callable[[], None] | None = None,
    ) -> None:
        """Read what is known, ask, then set up the laptop off the GUI thread; ``then`` runs
        once it is done (the report or package that was waiting for it)."""

        def read() -> dict[str, Any]:
            return {
                "schools": workspace.schools(),
                "site": workspace.site(),
                "identity": workspace.identity(),
                "keychain": workspace.keychain_available(),
            }

        def ask(facts: dict[str, Any], typed: dict[str, Any] | None = None) -> None:
            dialog = cls(window, facts)
            if typed:
                dialog.fill(typed)
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            values, provider = dialog.values(), passphrases.provider()
            dialog.deleteLater()
            if not accepted:
                return

            def done(_outcome: Any) -> None:
                if hasattr(window, "statusBar"):
                    window.statusBar().showMessage(
                        window.tr("This laptop is set up: your signature is ready."), 6000
                    )
                if then is not None:
                    then()

            def failed(exc: BaseException) -> None:
                show_exception(window, exc)
                if not isinstance(exc, Cancelled):
                    ask(facts, values)  # asked again with what was typed, to be put right

            CollectionOp(
                window, lambda: workspace.setup_laptop(passphrase=provider, **values)
            ).success(done).failure(failed).with_progress(
                window.tr("Setting up your signature…")
            ).run_in_background()

        QueryOp(window, read, ask).run_in_background()


def first_run(window: QWidget, workspace: Workspace, passphrases: Passphrases) -> None:
    """A laptop with neither a school nor a signature opens on the welcome."""

    def check(facts: tuple[SiteInfo, Any]) -> None:
        site, identity = facts
        if not site.school_id and identity is None:
            WelcomeDialog.start(window, workspace, passphrases)

    QueryOp(window, lambda: (workspace.site(), workspace.identity()), check).run_in_background()

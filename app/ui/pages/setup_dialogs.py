"""Set-up's small forms: a person and their role, a network with its ground rules.

Each has an ``ask(...)`` classmethod that returns plain values (or None when cancelled), so the
page stays short and tests can fill the form and accept it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from app.ui import labels
from app.ui.widgets import searchable
from app.vocabulary import NETWORK_KINDS, ROLES

if TYPE_CHECKING:
    from app.services.read_models import SchoolRow


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class PersonDialog(QDialog):
    def __init__(self, parent: QWidget | None, schools: list[SchoolRow]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a person"))
        self.name = QLineEdit()
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(labels.label(labels.ROLES, role), role)
        self.school = QComboBox()
        self.school.addItem(self.tr("(no school: e.g. a challenge adviser)"), None)
        for s in schools:
            self.school.addItem(f"{s.name} ({s.id})", s.id)
        searchable(self.school)
        self.email = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Role"), self.role)
        form.addRow(self.tr("&School"), self.school)
        form.addRow(self.tr("&Email (optional)"), self.email)
        form.addRow(_buttons(self, self.tr("&Add")))
        for widget, name in (
            (self.name, self.tr("Name")),
            (self.role, self.tr("Role")),
            (self.school, self.tr("School")),
            (self.email, self.tr("Email")),
        ):
            widget.setAccessibleName(name)

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text().strip(),
            "role": self.role.currentData(),
            "school_id": self.school.currentData(),
            "email": self.email.text().strip(),
        }

    @classmethod
    def ask(cls, parent: QWidget | None, schools: list[SchoolRow]) -> dict[str, Any] | None:
        dialog = cls(parent, schools)
        try:
            return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class NetworkDialog(QDialog):
    def __init__(self, parent: QWidget | None, schools: list[SchoolRow]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New network"))
        self.name = QLineEdit()
        self.kind = QComboBox()
        for kind in NETWORK_KINDS:
            self.kind.addItem(labels.label(labels.NETWORK_KINDS, kind), kind)
        self.find = QLineEdit(placeholderText=self.tr("Type to find a school"))
        self.find.setAccessibleName(self.tr("Find a school"))
        self.find.textChanged.connect(self._on_find_changed)
        self.schools = QListWidget()
        for s in schools:
            item = QListWidgetItem(f"{s.name} ({s.id})")
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.schools.addItem(item)
        self.ground_rules = QPlainTextEdit()
        self.ground_rules.setPlaceholderText(
            self.tr(
                "The ground rules every school signed up to, e.g.\n• Developmental, not a mock inspection\n• The report belongs to the receiving school"
            )
        )
        self.ground_rules.setTabChangesFocus(True)
        form = QFormLayout(self)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("&Schools (tick two or more)"), self.find)
        form.addRow("", self.schools)
        form.addRow(self.tr("&Ground rules"), self.ground_rules)
        form.addRow(_buttons(self, self.tr("&Create")))
        for widget, name in (
            (self.name, self.tr("Network name")),
            (self.kind, self.tr("Kind of network")),
            (self.schools, self.tr("Schools in the network")),
            (self.ground_rules, self.tr("Ground rules")),
        ):
            widget.setAccessibleName(name)
        self.resize(600, 520)

    def _on_find_changed(self, text: str) -> None:
        """Show only the schools whose name or URN holds every word typed (ticks are kept)."""
        words = text.casefold().split()
        for i in range(self.schools.count()):
            item = self.schools.item(i)
            item.setHidden(not all(w in item.text().casefold() for w in words))

    def values(self) -> dict[str, Any]:
        ticked = [
            self.schools.item(i)
            for i in range(self.schools.count())
            if self.schools.item(i).checkState() == Qt.CheckState.Checked
        ]
        return {
            "name": self.name.text().strip(),
            "kind": self.kind.currentData(),
            "school_ids": [i.data(Qt.ItemDataRole.UserRole) for i in ticked],
            "ground_rules": self.ground_rules.toPlainText().strip(),
        }

    @classmethod
    def ask(cls, parent: QWidget | None, schools: list[SchoolRow]) -> dict[str, Any] | None:
        dialog = cls(parent, schools)
        try:
            return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

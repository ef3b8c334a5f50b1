"""Set-up's small forms: a person and their role, a network with its ground rules, a school's
own record.

Each has an ``ask(...)`` classmethod that returns plain values (or None when cancelled), so the
page stays short and tests can fill the form and accept it. Given ``current`` (the record as
listed), a form changes that record instead of adding one: it opens filled in, and what cannot
change there (a person's school, a network's kind, a school's URN) is shown but not editable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
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
    from app.services.read_models import NetworkRow, PersonRow, SchoolRow


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class PersonDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        schools: list[SchoolRow],
        current: PersonRow | None = None,
        refused: dict[str, str] | None = None,
    ) -> None:
        """``refused``: what this laptop may not change of ``current`` (field -> why, from
        ``Workspace.person_edit_refusals``): those boxes are locked and the reason shown, rather
        than refused after typing."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change a person") if current else self.tr("Add a person"))
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
        form.addRow(_buttons(self, self.tr("&Save") if current else self.tr("&Add")))
        if current:
            self.name.setText(current.name)
            self.role.setCurrentIndex(max(self.role.findData(current.role), 0))
            self.school.setCurrentIndex(max(self.school.findData(current.school_id), 0))
            self.school.setEnabled(False)  # a move to another school is that school's to make
            self.email.setText(current.email or "")
        refused = refused or {}
        self.why_locked = QLabel(" ".join(dict.fromkeys(refused.values())))
        self.why_locked.setWordWrap(True)
        self.why_locked.setVisible(bool(refused))
        for field, widget in (("name", self.name), ("email", self.email)):
            if field in refused:
                widget.setReadOnly(True)
                widget.setToolTip(refused[field])
        if "role" in refused:
            self.role.setEnabled(False)
            self.role.setToolTip(refused["role"])
        form.insertRow(form.rowCount() - 1, self.why_locked)
        if {"name", "email", "role"} <= set(refused):  # nothing here may change: no Save
            save = self.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            save.setEnabled(False)
        self.setMinimumWidth(480)  # the school's name and an email address read whole
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
    def ask(
        cls,
        parent: QWidget | None,
        schools: list[SchoolRow],
        current: PersonRow | None = None,
        refused: dict[str, str] | None = None,
    ) -> dict[str, Any] | None:
        dialog = cls(parent, schools, current, refused)
        try:
            return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class NetworkDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        schools: list[SchoolRow],
        current: NetworkRow | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change a network") if current else self.tr("New network"))
        members = {s.id for s in current.schools} if current else set()
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
            item.setCheckState(
                Qt.CheckState.Checked if s.id in members else Qt.CheckState.Unchecked
            )
            self.schools.addItem(item)
        self.ground_rules = QPlainTextEdit()
        self.ground_rules.setPlaceholderText(
            self.tr(
                "The ground rules every school signed up to, e.g.\n• Developmental, not a mock "
                "inspection\n• The report belongs to the receiving school"
            )
        )
        self.ground_rules.setTabChangesFocus(True)
        form = QFormLayout(self)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("&Schools (tick two or more)"), self.find)
        form.addRow("", self.schools)
        form.addRow(self.tr("&Ground rules"), self.ground_rules)
        form.addRow(_buttons(self, self.tr("&Save") if current else self.tr("&Create")))
        if current:
            self.name.setText(current.name)
            self.kind.setCurrentIndex(max(self.kind.findData(current.kind), 0))
            self.kind.setEnabled(False)
            self.ground_rules.setPlainText(current.ground_rules or "")
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
    def ask(
        cls,
        parent: QWidget | None,
        schools: list[SchoolRow],
        current: NetworkRow | None = None,
    ) -> dict[str, Any] | None:
        dialog = cls(parent, schools, current)
        try:
            return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class SchoolDialog(QDialog):
    """A school's own record. Its URN never changes; the rest is corrected here."""

    def __init__(self, parent: QWidget | None, current: SchoolRow) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change a school"))
        self.urn = QLineEdit(current.id)
        self.urn.setReadOnly(True)
        self.name = QLineEdit(current.name)
        self.phase = QLineEdit(current.phase or "")
        self.type = QLineEdit(current.type or "")
        self.local_authority = QLineEdit(current.local_authority or "")
        self.welsh_medium = QCheckBox(self.tr("&Welsh-medium"))
        self.welsh_medium.setChecked(bool(current.welsh_medium))
        form = QFormLayout(self)
        form.addRow(self.tr("URN"), self.urn)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Phase"), self.phase)
        form.addRow(self.tr("&Type"), self.type)
        form.addRow(self.tr("&Local authority"), self.local_authority)
        form.addRow("", self.welsh_medium)
        form.addRow(_buttons(self, self.tr("&Save")))
        for widget, name in (
            (self.urn, self.tr("URN")),
            (self.name, self.tr("School name")),
            (self.phase, self.tr("Phase")),
            (self.type, self.tr("Type of school")),
            (self.local_authority, self.tr("Local authority")),
        ):
            widget.setAccessibleName(name)
        self.resize(480, 0)

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text().strip(),
            "phase": self.phase.text().strip(),
            "type": self.type.text().strip(),
            "local_authority": self.local_authority.text().strip(),
            "welsh_medium": self.welsh_medium.isChecked(),
        }

    @classmethod
    def ask(cls, parent: QWidget | None, current: SchoolRow) -> dict[str, Any] | None:
        dialog = cls(parent, current)
        try:
            return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

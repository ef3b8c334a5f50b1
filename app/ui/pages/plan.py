"""Plan a visit: the receiving school chooses its focus; the visiting team, the writer, the
day's agenda and who may receive the report are set here."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.errors import show_error

DISTRIBUTIONS = [
    ("host-only", "Confidential to the host school (it decides what to share)"),
    ("review-team", "The host school and the visiting team"),
    ("network", "The whole network (the host school has agreed)"),
]


class PlanPage(QWidget):
    planned = Signal(str)

    def __init__(self, workspace: Any) -> None:
        super().__init__()
        self.workspace = workspace
        self.host = QComboBox()
        self.host.setEditable(False)
        self.date = QDateEdit(QDate.currentDate().addDays(14), calendarPopup=True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.framework = QComboBox()
        self._frameworks: dict[str, dict[str, Any]] = {}
        self.focus = QListWidget()
        self.focus.setAccessibleName(self.tr("Focus areas chosen by the receiving school"))
        self.own_focus = QLineEdit(placeholderText=self.tr("Or type the school's own wording and press Enter"))
        self.reviewers = QListWidget()
        self.reviewers.setAccessibleName(self.tr("Visiting reviewers"))
        self.writer = QComboBox()
        self.distribution = QComboBox()
        for key, label in DISTRIBUTIONS:
            self.distribution.addItem(label, key)
        self.plan = QPushButton(self.tr("&Plan this visit"))
        form = QFormLayout()
        form.addRow(self.tr("&Receiving school"), self.host)
        form.addRow(self.tr("&Date"), self.date)
        form.addRow(self.tr("&Framework"), self.framework)
        focus_box = QVBoxLayout()
        focus_box.addWidget(self.focus)
        focus_box.addWidget(self.own_focus)
        form.addRow(self.tr("F&ocus (the school's choice)"), focus_box)
        form.addRow(self.tr("Visiting &team (first ticked leads)"), self.reviewers)
        form.addRow(self.tr("&Writer"), self.writer)
        form.addRow(self.tr("Report goes to"), self.distribution)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.plan)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.framework.currentIndexChanged.connect(self._on_framework_changed)
        self.own_focus.returnPressed.connect(self._on_own_focus_return)
        self.reviewers.itemChanged.connect(self._on_reviewers_changed)
        self.plan.clicked.connect(self._on_plan_clicked)

    def activate(self) -> None:
        if self.host.count() == 0:
            self.refresh()

    def refresh(self) -> None:
        self.host.clear()
        for s in self.workspace.schools():
            self.host.addItem(f"{s['name']} ({s['id']})", s["id"])
        self.framework.clear()
        self._frameworks = {f["key"]: f for f in self.workspace.frameworks()}
        for f in self._frameworks.values():
            self.framework.addItem(f["name"], f["key"])
        self.reviewers.clear()
        for p in self.workspace.people():
            if p["role"] in ("headteacher", "deputy-headteacher", "assistant-headteacher", "subject-leader", "senco", "governor", "teacher"):
                item = QListWidgetItem(f"{p['name']} — {p['school'] or ''}")
                item.setData(Qt.ItemDataRole.UserRole, p["name"])
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.reviewers.addItem(item)

    def _on_framework_changed(self, *_: Any) -> None:
        fw = self._frameworks.get(self.framework.currentData())
        self.focus.clear()
        for area in fw["focus_areas"] if fw else []:
            item = QListWidgetItem(area["title"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip("\n".join(area["prompts"]))
            self.focus.addItem(item)

    def _on_own_focus_return(self) -> None:
        text = self.own_focus.text().strip()
        if text:
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.focus.addItem(item)
            self.own_focus.clear()

    def checked(self, lst: QListWidget, role: int | None = None) -> list[str]:
        out = []
        for i in range(lst.count()):
            item = lst.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(role) if role is not None else item.text())
        return out

    def _on_reviewers_changed(self, *_: Any) -> None:
        current = self.writer.currentText()
        self.writer.clear()
        self.writer.addItems(self.checked(self.reviewers, Qt.ItemDataRole.UserRole))
        if current:
            self.writer.setCurrentText(current)

    def _on_plan_clicked(self) -> None:
        fw = self._frameworks.get(self.framework.currentData())
        try:
            review_id = self.workspace.plan_review(
                host=self.host.currentData() or "",
                start=self.date.date().toPython(),
                focus=self.checked(self.focus),
                reviewers=self.checked(self.reviewers, Qt.ItemDataRole.UserRole),
                writer=self.writer.currentText() or None,
                framework=fw["key"] if fw else "developmental",
                distribution=self.distribution.currentData(),
            )
        except Exception as exc:
            show_error(self, exc)
            return
        self.planned.emit(review_id)

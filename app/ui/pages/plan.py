"""Plan a visit: the receiving school chooses its focus; the visiting team, the writer, the
day's agenda and who may receive the report are set here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import ImplausibleDate
from app.ui import labels
from app.ui.date_field import DateField
from app.ui.errors import show_exception
from app.ui.operations import CollectionOp, QueryOp
from app.ui.widgets import searchable

if TYPE_CHECKING:
    from app.services.changes import Changes
    from app.services.read_models import FrameworkRow, PersonRow, SchoolRow
    from app.services.workspace import Workspace

REVIEWER_ROLES = (
    "headteacher",
    "deputy-headteacher",
    "assistant-headteacher",
    "subject-leader",
    "senco",
    "governor",
    "teacher",
)

# The day most visits follow; every row can be changed, removed or added to.
DEFAULT_AGENDA = [
    ("08:45", "meeting", QT_TRANSLATE_NOOP("PlanPage", "Welcome: the focus and the day")),
    ("09:15", "learning-walk", QT_TRANSLATE_NOOP("PlanPage", "Learning walk")),
    ("10:15", "joint-observation", QT_TRANSLATE_NOOP("PlanPage", "Joint lesson observation")),
    ("11:30", "interview", QT_TRANSLATE_NOOP("PlanPage", "Subject leader interview")),
    ("13:15", "pupil-discussion", QT_TRANSLATE_NOOP("PlanPage", "Pupil discussion")),
    ("14:00", "work-scrutiny", QT_TRANSLATE_NOOP("PlanPage", "Scrutiny of pupils' work")),
    ("15:15", "meeting", QT_TRANSLATE_NOOP("PlanPage", "Feedback meeting")),
]


class PlanPage(QWidget):
    planned = Signal(str)

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self._stale = False
        self.host = searchable(QComboBox())
        self.date = DateField("visit date")
        self.framework = QComboBox()
        self._frameworks: dict[str, FrameworkRow] = {}
        self._people: list[PersonRow] = []
        self.focus = QListWidget()
        self.focus.setAccessibleName(self.tr("Focus areas chosen by the receiving school"))
        self.own_focus = QLineEdit(
            placeholderText=self.tr("Or type the school's own wording and press Enter")
        )
        self.reviewers = QListWidget()
        self.reviewers.setAccessibleName(self.tr("Visiting reviewers"))
        self.writer = QComboBox()
        self.distribution = QComboBox()
        for key in labels.DISTRIBUTIONS:
            self.distribution.addItem(labels.label(labels.DISTRIBUTIONS, key), key)
        self.plan = QPushButton(self.tr("&Plan this visit"))
        self.agenda = QTableWidget(0, 5)
        self.agenda.setAccessibleName(self.tr("Agenda of the day"))
        self.agenda.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Activity"),
                self.tr("What / where"),
                self.tr("Visiting reviewer"),
                self.tr("Host colleague"),
            ]
        )
        self.agenda.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((60, 170, 200, 190)):
            self.agenda.setColumnWidth(column, width)
        self.agenda.verticalHeader().setVisible(False)
        self.add_row = QPushButton(self.tr("Add an &activity"))
        self.add_row.clicked.connect(lambda: self._add_agenda_row("", "learning-walk", ""))
        self.remove_row = QPushButton(self.tr("Re&move the chosen activity"))
        self.remove_row.clicked.connect(
            lambda: (
                self.agenda.removeRow(self.agenda.currentRow())
                if self.agenda.currentRow() >= 0
                else None
            )
        )
        for widget, name in (
            (self.host, self.tr("Receiving school")),
            (self.date, self.tr("Date of the visit")),
            (self.framework, self.tr("Framework")),
            (self.own_focus, self.tr("The school's own wording for a focus area")),
            (self.writer, self.tr("Writer of the report")),
            (self.distribution, self.tr("Who may receive the report")),
        ):
            widget.setAccessibleName(name)
        form = QFormLayout()
        form.addRow(self.tr("&Receiving school"), self.host)
        form.addRow(self.tr("&Date"), self.date)
        form.addRow(self.tr("&Framework"), self.framework)
        focus_box = QVBoxLayout()
        focus_box.addWidget(self.focus)
        focus_box.addWidget(self.own_focus)
        form.addRow(self.tr("Focus (the school's choice)"), focus_box)
        form.addRow(self.tr("Visiting &team (first ticked leads)"), self.reviewers)
        form.addRow(self.tr("&Writer"), self.writer)
        form.addRow(self.tr("Report goes to"), self.distribution)
        agenda_box = QVBoxLayout()
        agenda_box.addWidget(self.agenda)
        agenda_buttons = QHBoxLayout()
        agenda_buttons.addWidget(self.add_row)
        agenda_buttons.addWidget(self.remove_row)
        agenda_box.addLayout(agenda_buttons)
        form.addRow(self.tr("Agenda (who pairs with whom)"), agenda_box)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.plan)
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.focus.setMinimumHeight(100)
        self.reviewers.setMinimumHeight(130)
        self.agenda.setMinimumHeight(250)
        self.host.currentIndexChanged.connect(self._on_host_changed)
        self.framework.currentIndexChanged.connect(self._on_framework_changed)
        self.own_focus.returnPressed.connect(self._on_own_focus_return)
        self.reviewers.itemChanged.connect(self._on_reviewers_changed)
        self.plan.clicked.connect(self._on_plan_clicked)

    def activate(self) -> None:
        if self.host.count() == 0 or self._stale:
            self.refresh()

    def on_changes(self, changes: Changes, _initiator: object) -> None:
        """New schools or people: the choosers are read again when the page is next shown."""
        if changes.touches("schools", "people"):
            self._stale = True
            if self.isVisible() and self.host.count() == 0:
                self.refresh()

    def refresh(self) -> QueryOp[Any]:
        self._stale = False
        ws = self.workspace
        return QueryOp(
            self, lambda: (ws.schools(), ws.frameworks(), ws.people()), self._fill
        ).run_in_background()

    def _fill(self, lists: tuple[list[SchoolRow], list[FrameworkRow], list[PersonRow]]) -> None:
        schools, frameworks, people = lists
        host = self.host.currentData()
        self.host.blockSignals(True)
        self.host.clear()
        for s in schools:
            self.host.addItem(f"{s.name} ({s.id})", s.id)
        self.host.setCurrentIndex(max(self.host.findData(host), 0) if host else 0)
        self.host.blockSignals(False)
        if not self._frameworks:
            self._frameworks = {f.key: f for f in frameworks}
            for f in self._frameworks.values():
                self.framework.addItem(f.name, f.key)
        self._people = people
        if self.agenda.rowCount() == 0:  # a refresh keeps an agenda being written
            for time, kind, title in DEFAULT_AGENDA:
                self._add_agenda_row(time, kind, self.tr(title))
        self._on_host_changed()

    def _on_host_changed(self, *_: Any) -> None:
        """The visiting team comes from other schools; host colleagues from the host school."""
        host = self.host.currentData()
        ticked = set(self.checked(self.reviewers, Qt.ItemDataRole.UserRole))
        self.reviewers.blockSignals(True)
        self.reviewers.clear()
        for p in self._people:
            if p.role in REVIEWER_ROLES and p.school_id != host:
                item = QListWidgetItem(f"{p.name} — {p.school or ''}")
                item.setData(Qt.ItemDataRole.UserRole, p.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if p.id in ticked else Qt.CheckState.Unchecked
                )
                self.reviewers.addItem(item)
        self.reviewers.blockSignals(False)
        self._on_reviewers_changed()
        for row in range(self.agenda.rowCount()):
            for column, visiting in ((3, True), (4, False)):
                box = self.agenda.cellWidget(row, column)
                if isinstance(box, QComboBox):
                    self._fill_people(box, visiting)

    def _fill_people(self, box: QComboBox, visiting: bool) -> None:
        host, current = self.host.currentData(), box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem("", None)
        for p in self._people:
            if (p.school_id != host) == visiting:
                box.addItem(p.name, p.id)
        box.setCurrentIndex(max(box.findData(current), 0) if current else 0)
        box.blockSignals(False)

    def _person_combo(self, name: str, visiting: bool) -> QComboBox:
        box = searchable(QComboBox())
        box.setAccessibleName(name)
        box.setMinimumContentsLength(12)
        self._fill_people(box, visiting)
        return box

    def _add_agenda_row(self, time: str, kind: str, title: str) -> None:
        row = self.agenda.rowCount()
        self.agenda.insertRow(row)
        self.agenda.setItem(row, 0, QTableWidgetItem(time))
        kinds = QComboBox()
        kinds.setAccessibleName(self.tr("Activity"))
        for key in labels.ACTIVITIES:
            kinds.addItem(labels.label(labels.ACTIVITIES, key), key)
        kinds.setCurrentIndex(max(kinds.findData(kind), 0))
        self.agenda.setCellWidget(row, 1, kinds)
        self.agenda.setItem(row, 2, QTableWidgetItem(title))
        self.agenda.setCellWidget(row, 3, self._person_combo(self.tr("Visiting reviewer"), True))
        self.agenda.setCellWidget(row, 4, self._person_combo(self.tr("Host colleague"), False))

    def agenda_items(self) -> list[dict[str, Any]]:
        items = []
        for row in range(self.agenda.rowCount()):
            time = (self.agenda.item(row, 0).text() if self.agenda.item(row, 0) else "").strip()
            items.append(
                {
                    "kind": self.agenda.cellWidget(row, 1).currentData(),
                    "starts": time,
                    "title": (
                        self.agenda.item(row, 2).text() if self.agenda.item(row, 2) else ""
                    ).strip(),
                    "reviewer_id": self.agenda.cellWidget(row, 3).currentData(),
                    "host_colleague_id": self.agenda.cellWidget(row, 4).currentData(),
                }
            )
        return items

    def _on_framework_changed(self, *_: Any) -> None:
        fw = self._frameworks.get(self.framework.currentData())
        self.focus.clear()
        for area in fw.focus_areas if fw else ():
            item = QListWidgetItem(area.title)
            item.setData(Qt.ItemDataRole.UserRole, area.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip("\n".join(area.prompts))
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
        current = self.writer.currentData()
        self.writer.clear()
        for i in range(self.reviewers.count()):
            item = self.reviewers.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                self.writer.addItem(
                    item.text().split(" — ")[0], item.data(Qt.ItemDataRole.UserRole)
                )
        if current:
            self.writer.setCurrentIndex(max(self.writer.findData(current), 0))

    def _on_plan_clicked(self) -> None:
        fw = self._frameworks.get(self.framework.currentData())
        host, start = self.host.currentData() or "", self.date.value()
        if start is None:  # the field says why in red; nothing is stored
            return
        focus, reviewers = (
            self.checked(self.focus),
            self.checked(self.reviewers, Qt.ItemDataRole.UserRole),
        )
        writer, distribution, agenda = (
            self.writer.currentData(),
            self.distribution.currentData(),
            self.agenda_items(),
        )
        CollectionOp(
            self,
            lambda: self.workspace.plan_review(
                host_id=host,
                start=start,
                focus=focus,
                reviewer_ids=reviewers,
                writer_id=writer,
                framework=fw.key if fw else "developmental",
                distribution=distribution,
                agenda=agenda,
            ),
        ).success(lambda created: self.planned.emit(created.id)).failure(
            self._on_plan_failed
        ).run_in_background(initiator=self)

    def _on_plan_failed(self, exc: BaseException) -> None:
        """A visit date the services refuse (too far from today) is said beside the field."""
        if isinstance(exc, ImplausibleDate) and exc.what == "visit date":
            self.date.show_error(exc.user_message)
        else:
            show_exception(self, exc)

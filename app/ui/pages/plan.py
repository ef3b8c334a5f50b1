"""Plan a visit: the receiving school chooses its focus; the visiting team, the writer, the
host staff taking part, the day's agenda and who may receive the report are set here.

The same form changes a visit already planned ("Change the plan of a visit" at the top): it opens
the plan as it stands, lets the person change what this laptop's school may change
(docs/authority.md), shows the rest read-only with a sentence saying why, and saves the
difference in one transaction. The save can be undone (Edit > Undo)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.dates import display_date
from app.errors import ImplausibleDate
from app.services.workspace import AgendaItem, PlanForm
from app.ui import labels
from app.ui.date_field import DateField
from app.ui.errors import show_exception
from app.ui.operations import CollectionOp, QueryOp
from app.ui.pages.plan_edit import plan_edit
from app.ui.pages.plan_sef import DistributionControl, OwnViewPanel, plan_tabs
from app.ui.pages.plan_team import TeamLine, ticked_first
from app.ui.undo import Undoable
from app.ui.widgets import fill_review_box, searchable

if TYPE_CHECKING:
    from datetime import date

    from app.services.changes import Changes
    from app.services.read_models import FrameworkRow, PersonRow, ReviewSummary, SchoolRow
    from app.services.workspace import Outcome, Workspace

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


def _lists(
    ws: Any,
) -> tuple[list[SchoolRow], list[FrameworkRow], list[PersonRow], list[ReviewSummary], str | None]:
    """What Plan's choosers are filled from (read off the GUI thread), and this laptop's own
    school, where a new visit starts."""
    return ws.schools(), ws.frameworks(), ws.people(), ws.list_reviews(), ws.site().school_id


class PlanPage(QWidget):
    planned = Signal(str)
    saved = Signal(str)  # a planned visit's changes were saved (its id)
    undoable = Signal(object)  # an Undoable for the window's Edit > Undo

    def __init__(self, workspace: Workspace) -> None:  # noqa: PLR0915 (builds the page's widgets, top to bottom)
        super().__init__()
        self.workspace = workspace
        self._stale = False
        self.editing: PlanForm | None = None  # the planned visit open for changes, if any
        chooser = self._chooser()
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
        self.host_staff = QListWidget()
        self.host_staff.setAccessibleName(self.tr("Host staff taking part"))
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
        team_label = QLabel(self.tr("Visiting &team (first ticked leads)"))
        team_label.setBuddy(self.reviewers)  # a row holding a layout gets no buddy of its own
        form.addRow(team_label, self._team_box())
        form.addRow(self.tr("&Writer"), self.writer)
        form.addRow(self.tr("Host &staff taking part"), self.host_staff)
        self.distribution_control = DistributionControl(self)
        form.addRow(self.tr("Report goes to"), self.distribution_control.row)
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
        layout.addLayout(chooser)
        layout.addWidget(self.notice)
        self.own_view = OwnViewPanel(workspace, self)
        self.tabs = plan_tabs(self, scroll)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.focus.setMinimumHeight(100)
        self.reviewers.setMinimumHeight(130)
        self.host_staff.setMinimumHeight(90)
        self.agenda.setMinimumHeight(250)

        self.host.currentIndexChanged.connect(self._on_host_changed)
        self.framework.currentIndexChanged.connect(self._on_framework_changed)
        self.own_focus.returnPressed.connect(self._on_own_focus_return)
        self.reviewers.itemChanged.connect(self._on_reviewers_changed)
        self.plan.clicked.connect(self._on_plan_clicked)

    def _chooser(self) -> QHBoxLayout:
        """The row that opens a planned visit for changes (or goes back to a new one)."""
        self.existing = searchable(QComboBox())
        self.existing.setAccessibleName(self.tr("The visit whose plan to change"))
        self.open_button = QPushButton(self.tr("C&hange this visit"))
        self.new_button = QPushButton(self.tr("&New visit"))
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(self.tr("What can be changed here"))
        self.notice.hide()
        self.new_button.hide()
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Change the plan of a visit:")))
        row.addWidget(self.existing, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.new_button)
        return row

    def _team_box(self) -> QVBoxLayout:
        """The visiting team's list, filtered by typing (a network can have many people)."""
        self.find_reviewer = QLineEdit(placeholderText=self.tr("Type to find a person"))
        self.find_reviewer.setAccessibleName(self.tr("Find a visiting reviewer"))
        self.find_reviewer.setClearButtonEnabled(True)
        self.find_reviewer.textChanged.connect(self._on_find_reviewer_text_changed)
        self.team_line = TeamLine(self.reviewers)  # the team ticked, however long the list
        box = QVBoxLayout()
        box.addWidget(self.team_line)
        box.addWidget(self.find_reviewer)
        box.addWidget(self.reviewers)
        return box

    def _on_find_reviewer_text_changed(self, text: str) -> None:
        """Show the people whose name or school holds every word typed (ticks are kept)."""
        words = text.casefold().split()
        for i in range(self.reviewers.count()):
            item = self.reviewers.item(i)
            item.setHidden(not all(w in item.text().casefold() for w in words))

    def activate(self) -> None:
        if self.host.count() == 0 or self._stale:
            self.refresh()

    def on_changes(self, changes: Changes, initiator: object) -> None:
        """New schools or people: the choosers are read again when the page is next shown. A
        change to the visit open for editing (an undo, a partner's package) reloads it."""
        self.own_view.on_changes(changes, initiator)
        if changes.touches("schools", "people", "reviews"):
            self._stale = True
            if self.isVisible() and self.host.count() == 0:
                self.refresh()
        if (
            self.editing is not None
            and self.editing.id in changes.reviews
            and initiator is not self
        ):
            self.open_for_edit(self.editing.id)

    def refresh(self) -> QueryOp[Any]:
        self._stale = False
        ws = self.workspace
        return QueryOp(
            self,
            lambda: _lists(ws),
            self._fill,
        ).run_in_background()

    def _fill(
        self,
        lists: tuple[
            list[SchoolRow], list[FrameworkRow], list[PersonRow], list[ReviewSummary], str | None
        ],
    ) -> None:
        schools, frameworks, people, reviews, own_school = lists
        window = self.window()
        current = self.existing.currentData() or (
            window.current_review() if hasattr(window, "current_review") else None
        )
        fill_review_box(self.existing, reviews, current, notify=False)
        # A new visit starts at this laptop's own school, the receiving school that chooses its
        # focus (a visiting lead planning it chooses the school instead).
        host = self.host.currentData() or own_school
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
        if self.agenda.rowCount() == 0 and self.editing is None:  # keep an agenda being written
            for time, kind, title in DEFAULT_AGENDA:
                self._add_agenda_row(time, kind, self.tr(title))
        self._on_host_changed()

    def _on_host_changed(self, *_: Any) -> None:
        """The visiting team comes from other schools; host colleagues from the host school."""
        host = self.host.currentData()
        lead_first = self.checked(self.reviewers, Qt.ItemDataRole.UserRole)
        ticked = set(lead_first)
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
        ticked_first(self.reviewers, lead_first)  # the team in sight, the lead on top
        self.reviewers.blockSignals(False)
        self._on_find_reviewer_text_changed(self.find_reviewer.text())
        self._on_reviewers_changed()
        staff = set(self.checked(self.host_staff, Qt.ItemDataRole.UserRole))
        self.host_staff.clear()
        for p in self._people:
            if p.school_id == host:
                item = QListWidgetItem(f"{p.name} — {labels.label(labels.ROLES, p.role)}")
                item.setData(Qt.ItemDataRole.UserRole, p.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if p.id in staff else Qt.CheckState.Unchecked
                )
                self.host_staff.addItem(item)
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

    def _add_agenda_row(
        self, time: str, kind: str, title: str, saved_id: str | None = None
    ) -> None:
        row = self.agenda.rowCount()
        self.agenda.insertRow(row)
        when = QTableWidgetItem(time)
        when.setData(Qt.ItemDataRole.UserRole, saved_id)  # None: a row not saved yet
        self.agenda.setItem(row, 0, when)
        kinds = QComboBox()
        kinds.setAccessibleName(self.tr("Activity"))
        for key in labels.ACTIVITIES:
            kinds.addItem(labels.label(labels.ACTIVITIES, key), key)
        kinds.setCurrentIndex(max(kinds.findData(kind), 0))
        self.agenda.setCellWidget(row, 1, kinds)
        self.agenda.setItem(row, 2, QTableWidgetItem(title))
        self.agenda.setCellWidget(row, 3, self._person_combo(self.tr("Visiting reviewer"), True))
        self.agenda.setCellWidget(row, 4, self._person_combo(self.tr("Host colleague"), False))

    def agenda_rows(self) -> list[AgendaItem]:
        """The agenda as the table shows it, each row with its saved id (None when new)."""
        return [
            AgendaItem(
                kind=i["kind"],
                starts=i["starts"],
                title=i["title"],
                reviewer_id=i["reviewer_id"],
                host_colleague_id=i["host_colleague_id"],
                id=self._saved_id(row),
            )
            for row, i in enumerate(self.agenda_items())
        ]

    def _saved_id(self, row: int) -> str | None:
        cell = self.agenda.item(row, 0)
        saved = cell.data(Qt.ItemDataRole.UserRole) if cell is not None else None
        return str(saved) if saved else None

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
        self.team_line.refresh()
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
        if self.editing is not None:
            self._save_changes(self.editing)
            return
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
        staff = self.checked(self.host_staff, Qt.ItemDataRole.UserRole)
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
                host_staff_ids=staff,
            ),
        ).success(self._on_planned).failure(self._on_plan_failed).run_in_background(initiator=self)

    def _on_planned(self, created: Any) -> None:
        """A visit planned: its undo deletes it while nothing is written in it yet."""
        review_id = created.id
        self.undoable.emit(
            Undoable(self.tr("plan review"), lambda ws: ws.delete_planned_review(review_id))
        )
        self.planned.emit(review_id)

    def _on_plan_failed(self, exc: BaseException) -> None:
        """A visit date the services refuse (too far from today) is said beside the field."""
        if isinstance(exc, ImplausibleDate) and exc.what == "visit date":
            self.date.show_error(exc.user_message)
        else:
            show_exception(self, exc)

    # --- changing a visit already planned ---------------------------------------------
    def visit_date(self) -> date | None:
        """The date typed, or None (the field says why in red)."""
        return self.date.value()

    def set_visit_date(self, value: date) -> None:
        self.date.set_date(value)

    def _on_open_button_clicked(self) -> None:
        review_id = self.existing.currentData()
        if review_id:
            self.open_for_edit(review_id)

    def _on_new_button_clicked(self) -> None:
        """Back to planning a new visit: an empty form with the usual day."""
        self.editing = None
        self._set_editable(may_plan=True, may_write=True, fixed=False)
        self.notice.hide()
        self.new_button.hide()
        self.plan.setText(self.tr("&Plan this visit"))
        self.own_view.show_form(None)
        self.distribution_control.show_form(None)
        self.agenda.setRowCount(0)
        for time, kind, title in DEFAULT_AGENDA:
            self._add_agenda_row(time, kind, self.tr(str(title)))
        self._on_framework_changed()
        for lst in (self.reviewers, self.host_staff):
            for i in range(lst.count()):
                lst.item(i).setCheckState(Qt.CheckState.Unchecked)

    def open_for_edit(self, review_id: str) -> QueryOp[Any]:
        """Show a visit's plan as it stands, ready to be changed (read off the GUI thread)."""
        ws = self.workspace
        need_lists = self.host.count() == 0 or self._stale
        return QueryOp(
            self,
            lambda: (
                _lists(ws) if need_lists else None,
                ws.plan_form(review_id),
            ),
            self._show_form,
        ).run_in_background()

    def _show_form(self, answer: tuple[Any, PlanForm]) -> None:
        lists, form = answer
        if lists is not None:
            self._stale = False
            self._fill(lists)
        self.editing = form
        self.existing.setCurrentIndex(max(self.existing.findData(form.id), 0))
        self.host.blockSignals(True)
        self.host.setCurrentIndex(max(self.host.findData(form.host_school_id), 0))
        self.host.blockSignals(False)
        self.framework.blockSignals(True)
        self.framework.setCurrentIndex(max(self.framework.findData(form.framework), 0))
        self.framework.blockSignals(False)
        self.distribution.setCurrentIndex(max(self.distribution.findData(form.distribution), 0))
        self.set_visit_date(form.start)
        self._on_framework_changed()  # the framework's areas, to add from
        chosen = {f.title.casefold() for f in form.focus}
        for i in reversed(range(self.focus.count())):
            if self.focus.item(i).text().casefold() in chosen:
                self.focus.takeItem(i)
        for position, area in enumerate(form.focus):
            item = QListWidgetItem(area.title)
            item.setData(Qt.ItemDataRole.UserRole, area.code or None)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            if area.in_use:  # notes or statements rest on it: it stays
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
                item.setToolTip(self.tr("Notes or statements rest on this focus area."))
            self.focus.insertItem(position, item)
        self._on_host_changed()  # the host's staff, and visitors from the other schools
        for lst, ids in ((self.reviewers, form.visitors), (self.host_staff, form.host_staff)):
            lst.blockSignals(True)
            for i in range(lst.count()):
                item = lst.item(i)
                item.setCheckState(
                    Qt.CheckState.Checked
                    if item.data(Qt.ItemDataRole.UserRole) in ids
                    else Qt.CheckState.Unchecked
                )
            lst.blockSignals(False)
        ticked_first(self.reviewers, form.visitors)  # the team in sight, the lead on top
        self._on_find_reviewer_text_changed(self.find_reviewer.text())
        self._on_reviewers_changed()
        self.writer.setCurrentIndex(max(self.writer.findData(form.writer_id), 0))
        self.agenda.setRowCount(0)
        for a in form.agenda:
            self._add_agenda_row(a.starts, a.kind, a.title, a.id)
            row = self.agenda.rowCount() - 1
            for column, person in ((3, a.reviewer_id), (4, a.host_colleague_id)):
                box = self.agenda.cellWidget(row, column)
                if isinstance(box, QComboBox):
                    box.setCurrentIndex(max(box.findData(person), 0) if person else 0)
        self._set_editable(may_plan=form.may_plan, may_write=form.may_write, fixed=True)
        self.distribution_control.show_form(form)
        self.own_view.show_form(form)
        self.notice.setText(
            self.tr(
                "Changing the visit to %1 on %2. The receiving school and framework are fixed "
                "once a visit is planned."
            )
            .replace("%1", form.host_school)
            .replace("%2", display_date(form.start))
            + (" " + form.why if form.why else "")
        )
        self.notice.show()
        self.new_button.show()
        self.plan.setText(self.tr("&Save changes"))

    def _set_editable(self, *, may_plan: bool, may_write: bool, fixed: bool) -> None:
        fixed_ones: tuple[QWidget, ...] = (self.host, self.framework, self.distribution)
        planned: tuple[QWidget, ...] = (self.date, self.reviewers, self.writer, self.host_staff)
        written: tuple[QWidget, ...] = (
            self.focus,
            self.own_focus,
            self.agenda,
            self.add_row,
            self.remove_row,
        )
        for widget in fixed_ones:
            widget.setEnabled(not fixed)
        for widget in (*planned, self.find_reviewer):
            widget.setEnabled(may_plan)
        for widget in written:
            widget.setEnabled(may_write)
        self.plan.setEnabled(may_plan or may_write)

    def _save_changes(self, form: PlanForm) -> None:
        start = self.visit_date()
        if start is None:  # the field says why in red; nothing is stored
            return
        edit = plan_edit(
            form,
            start=start,
            focus=self.checked(self.focus),
            visitors=self.checked(self.reviewers, Qt.ItemDataRole.UserRole),
            writer=self.writer.currentData(),
            host_staff=self.checked(self.host_staff, Qt.ItemDataRole.UserRole),
            agenda=self.agenda_rows(),
        )
        if not edit:
            self._say(self.tr("Nothing has changed."))
            return
        ws, review_id = self.workspace, form.id

        def done(outcome: Outcome[Any]) -> None:
            undo = outcome.value
            self.undoable.emit(
                Undoable(
                    self.tr("edit plan"),
                    lambda w: w.edit_plan(review_id, undo).changes,
                )
            )
            self.saved.emit(review_id)
            self._say(self.tr("The plan is saved. Edit > Undo takes the change back."))
            self.open_for_edit(review_id)

        CollectionOp(self, lambda: ws.edit_plan(review_id, edit)).success(done).failure(
            self._on_plan_failed
        ).run_in_background(initiator=self)

    def _say(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 6000)

"""The network: "who can I go to for X?", where each school says it is, and the year's visits.

Three tabs over one chosen network. Everything shown is what schools shared of their own
accord (released practice, declared strengths, published stages) or the rota; nothing of a
confidential review. Stages are shown in words with their colour, never colour alone.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.dates import display_date
from app.ui.operations import CollectionOp, Latest, QueryOp

if TYPE_CHECKING:
    from app.services.changes import Changes
    from app.services.read_models import NetworkRow
    from app.services.workspace import Workspace
    from app.services.workspace_network import Found, NetworkStatus, RotaRow

# Light tints, so the words on them stay readable; the words carry the meaning.
STAGE_TINTS = {1: "#f8d7d3", 2: "#fbe3c4", 3: "#fbf3c2", 4: "#d6efd8"}


def _table(headers: list[str], name: str) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setAccessibleName(name)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setWordWrap(True)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def _item(text: str, tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if tip:
        item.setToolTip(tip)
    return item


class NetworkPage(QWidget):
    open_review = Signal(str)

    def __init__(self, workspace: Workspace, today: date | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.today = today or date.today()
        self._latest = Latest()
        self._stale = True
        self._reload_networks = False
        self.network = QComboBox()
        self.network.setAccessibleName(self.tr("Network"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("&Network:"), buddy=self.network))
        top.addWidget(self.network, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._directory_tab(), self.tr("Who can I go to?"))
        self.tabs.addTab(self._status_tab(), self.tr("Where schools are"))
        self.tabs.addTab(self._rota_tab(), self.tr("The year's visits"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.network.currentIndexChanged.connect(lambda _i: self.refresh())
        self.tabs.currentChanged.connect(lambda _i: self.refresh())

    # --- tabs --------------------------------------------------------------------------
    def _directory_tab(self) -> QWidget:
        tab = QWidget()
        self.search_box = QLineEdit(
            placeholderText=self.tr("What are you looking for? For example: phonics, attendance")
        )
        self.search_box.setAccessibleName(self.tr("Look for practice"))
        self.only_network = QCheckBox(self.tr("Only schools in this network"))
        self.found = _table(
            [
                self.tr("School"),
                self.tr("Phase"),
                self.tr("Area"),
                self.tr("What to see"),
                self.tr("Contact"),
                self.tr("Rests on"),
            ],
            self.tr("Schools to go to"),
        )
        self.found_count = QLabel()
        self._timer = QTimer(self, singleShot=True, interval=150)
        row = QHBoxLayout()
        row.addWidget(self.search_box, 1)
        row.addWidget(self.only_network)
        v = QVBoxLayout(tab)
        v.addLayout(row)
        v.addWidget(self.found_count)
        v.addWidget(self.found, 1)
        self.search_box.textChanged.connect(self._timer.start)
        self.only_network.toggled.connect(self._timer.start)
        self._timer.timeout.connect(self.run_directory)
        return tab

    def _status_tab(self) -> QWidget:
        tab = QWidget()
        self.grid = _table([], self.tr("Stages published by each school"))
        self.priorities = QLabel(wordWrap=True)
        self.publish = QPushButton(self.tr("&Publish our stage in an area…"))
        self.publish.clicked.connect(self._publish_dialog)
        v = QVBoxLayout(tab)
        v.addWidget(
            QLabel(
                self.tr(
                    "What each school published about itself: 1 starting, 2 developing, "
                    "3 embedding, 4 secure. Nothing here comes from a review."
                ),
                wordWrap=True,
            )
        )
        v.addWidget(self.grid, 1)
        v.addWidget(self.priorities)
        v.addWidget(self.publish, 0, Qt.AlignmentFlag.AlignLeft)
        return tab

    def _rota_tab(self) -> QWidget:
        tab = QWidget()
        self.visits = _table(
            [self.tr("Day"), self.tr("Host"), self.tr("Visiting"), self.tr("Note")],
            self.tr("Visits"),
        )
        self.plan_rota_button = QPushButton(self.tr("Plan the year's &visits…"))
        self.start_visit = QPushButton(self.tr("Plan the chosen visit as a &review…"))
        self.calendar = QPushButton(self.tr("Save as a &calendar (.ics)…"))
        self.ours = QCheckBox(self.tr("Only the visits our school makes or hosts"))
        self.ours.toggled.connect(lambda _on: self.refresh())
        self.plan_rota_button.clicked.connect(self._plan_rota_dialog)
        self.start_visit.clicked.connect(self._start_visit)
        self.calendar.clicked.connect(self._save_calendar)
        buttons = QHBoxLayout()
        for b in (self.plan_rota_button, self.start_visit, self.calendar):
            buttons.addWidget(b)
        buttons.addStretch(1)
        v = QVBoxLayout(tab)
        v.addWidget(self.ours)
        v.addWidget(self.visits, 1)
        v.addLayout(buttons)
        return tab

    # --- refresh -----------------------------------------------------------------------
    def activate(self) -> None:
        if self.network.count() == 0 or self._reload_networks:
            self._reload_networks = False
            QueryOp(self, self.workspace.networks, self._show_networks).run_in_background()
        elif self._stale:
            self.refresh()
        self._stale = False

    def on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.touches("networks", "schools", "reviews", "findings"):
            if changes.touches("networks"):
                self._reload_networks = True
            if self.isVisible():
                self.activate()
            else:
                self._stale = True

    def _show_networks(self, rows: list[NetworkRow]) -> None:
        """The networks, keeping the one chosen (a rota or a stage changes "networks" too)."""
        chosen = self.network_id()
        self.network.blockSignals(True)
        self.network.clear()
        for r in rows:
            self.network.addItem(r.name, r.id)
        if chosen is not None and (i := self.network.findData(chosen)) >= 0:
            self.network.setCurrentIndex(i)
        self.network.blockSignals(False)
        self.refresh()

    def network_id(self) -> str | None:
        data = self.network.currentData()
        return str(data) if data else None

    def refresh(self) -> None:
        net = self.network_id()
        if net is None:
            return
        tab = self.tabs.currentIndex()
        if tab == 0:
            self.run_directory()
        elif tab == 1:
            QueryOp(self, lambda: self.workspace.network_status(net), self._show_grid).superseding(
                self._latest
            ).run_in_background()
        else:
            ours = self.ours.isChecked()
            QueryOp(
                self, lambda: self.workspace.rota(net, self.today, ours), self._show_rota
            ).superseding(self._latest).run_in_background()

    def run_directory(self) -> None:
        text = self.search_box.text()
        if not text.strip():
            self.found.setRowCount(0)
            self.found_count.setText("")
            return
        net = self.network_id() if self.only_network.isChecked() else None

        def query() -> list[Found]:
            return self.workspace.directory(text, network=net, quiet=True)

        QueryOp(self, query, self._show_found).superseding(self._latest).run_in_background()

    def _show_found(self, rows: list[Found]) -> None:
        self.found.setRowCount(len(rows))
        for i, f in enumerate(rows):
            contact = f"{f.contact} <{f.contact_email}>" if f.contact_email else f.contact
            cells = (f.school, f.phase, f.area, f.text, contact, f.evidence)
            for col, text in enumerate(cells):
                self.found.setItem(i, col, _item(text, f.text if text is f.text else ""))
        header = self.found.horizontalHeader()
        header.setStretchLastSection(False)
        for col in (0, 1, 2, 4, 5):
            self.found.setColumnWidth(col, min(self.found.sizeHintForColumn(col) + 12, 220))
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.found.resizeRowsToContents()
        self.found_count.setText(
            self.tr("%n school(s) to go to", "", len({f.school_id for f in rows}))
            if rows
            else self.tr("Nothing released or declared matches that yet.")
        )

    def _show_grid(self, grid: NetworkStatus) -> None:
        headers = [self.tr("School"), *grid.areas, self.tr("Next steps done")]
        self.grid.clear()
        self.grid.setColumnCount(len(headers))
        self.grid.setHorizontalHeaderLabels(headers)
        self.grid.setRowCount(len(grid.schools))
        for i, (sid, name) in enumerate(grid.schools):
            self.grid.setItem(i, 0, _item(name))
            for j, area in enumerate(grid.areas, start=1):
                cell = grid.cells.get((sid, area))
                item = _item(cell.words if cell else "–", cell.text if cell else "")
                if cell:
                    item.setBackground(QBrush(QColor(STAGE_TINTS[cell.stage])))
                    item.setForeground(QBrush(QColor("#1f2933")))
                self.grid.setItem(i, j, item)
            done = grid.steps.get(sid)
            self.grid.setItem(
                i, len(headers) - 1, _item(f"{done[0]} of {done[1]}" if done else "–")
            )
        self.grid.resizeColumnsToContents()
        names = dict(grid.schools)
        self.priorities.setText(
            "<br>".join(f"<b>{names[s]}</b>: {t}" for s, t in grid.priorities.items() if t)
            or self.tr("No school has published its priorities yet.")
        )

    def _show_rota(self, rows: list[RotaRow]) -> None:
        self.visits.setRowCount(len(rows))
        for i, r in enumerate(rows):
            day = _item(display_date(r.day))
            day.setData(Qt.ItemDataRole.UserRole, r.id)
            self.visits.setItem(i, 0, day)
            self.visits.setItem(i, 1, _item(r.host))
            self.visits.setItem(i, 2, _item(", ".join(r.visitors)))
            note = r.flag or (self.tr("planned as a review") if r.review_id else "")
            self.visits.setItem(i, 3, _item(note))
        self.visits.resizeColumnsToContents()
        self.start_visit.setEnabled(bool(rows))
        self.calendar.setEnabled(bool(rows))

    # --- actions -----------------------------------------------------------------------
    def _publish_dialog(self) -> None:
        QueryOp(self, self.workspace.site, self._publish_for).run_in_background()

    def _publish_for(self, site: Any) -> None:
        school = site["school_id"] if isinstance(site, dict) else getattr(site, "school_id", None)
        if not school:
            QMessageBox.information(
                self,
                self.tr("Publish"),
                self.tr(
                    "Say which school this laptop belongs to first "
                    "(File, This laptop and your signature)."
                ),
            )
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Publish our stage"))
        area = QLineEdit()
        stage = QComboBox()
        for n, words in ((1, "starting"), (2, "developing"), (3, "embedding"), (4, "secure")):
            stage.addItem(f"{n} {words}", n)
        text = QLineEdit()
        form = QFormLayout(dialog)
        form.addRow(self.tr("&Area"), area)
        form.addRow(self.tr("&Stage"), stage)
        form.addRow(self.tr("&Where we are"), text)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(dialog.accept)
        box.rejected.connect(dialog.reject)
        form.addRow(box)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        a, n, t = area.text(), int(stage.currentData()), text.text()
        CollectionOp(self, lambda: self.workspace.publish_stage(str(school), a, n, t)).success(
            lambda _r: self.refresh()
        ).run_in_background(initiator=self)

    def _plan_rota_dialog(self) -> None:
        net = self.network_id()
        if net is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Plan the year's visits"))
        start, end, blocked = QLineEdit(), QLineEdit(), QLineEdit()
        start.setPlaceholderText("2027-01-04")
        end.setPlaceholderText("2027-07-16")
        blocked.setPlaceholderText(self.tr("dates with no visits, separated by spaces"))
        replace = QCheckBox(self.tr("Replace the visits not yet planned as reviews"))
        error = QLabel(styleSheet="color: #b3261e", wordWrap=True)
        form = QFormLayout(dialog)
        form.addRow(self.tr("&From (YYYY-MM-DD)"), start)
        form.addRow(self.tr("&To (YYYY-MM-DD)"), end)
        form.addRow(self.tr("&Blocked dates"), blocked)
        form.addRow(replace)
        form.addRow(error)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        form.addRow(box)
        box.rejected.connect(dialog.reject)

        def accept() -> None:
            first, last, off = start.text(), end.text(), blocked.text().split()
            chosen = replace.isChecked()

            def failed(exc: BaseException) -> None:
                error.setText(getattr(exc, "user_message", str(exc)))

            CollectionOp(
                dialog, lambda: self.workspace.plan_rota(net, first, last, off, chosen)
            ).success(lambda _r: dialog.accept()).failure(failed).run_in_background(initiator=self)

        box.accepted.connect(accept)
        dialog.exec()
        self.refresh()

    def _chosen_visit(self) -> str | None:
        row = self.visits.currentRow()
        item = self.visits.item(row, 0) if row >= 0 else None
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def _start_visit(self) -> None:
        visit = self._chosen_visit()
        if visit is None:
            QMessageBox.information(self, self.tr("Visits"), self.tr("Choose a visit first."))
            return
        focus, ok = QInputDialog.getText(
            self,
            self.tr("Plan this visit"),
            self.tr("The focus the host school chose (you can add more in Plan a visit):"),
        )
        if not ok or not focus.strip():
            return
        CollectionOp(self, lambda: self.workspace.plan_review_from_visit(visit, [focus])).success(
            lambda r: self.open_review.emit(str(r.value))
        ).run_in_background(initiator=self)

    def _save_calendar(self) -> None:
        from pathlib import Path

        net = self.network_id()
        if net is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the visits as a calendar"), "visits.ics", "Calendar (*.ics)"
        )
        if not path:
            return
        out = Path(path)
        QueryOp(
            self,
            lambda: self.workspace.write_rota_calendar(net, out, self.today),
            lambda n: QMessageBox.information(
                self,
                self.tr("Calendar saved"),
                self.tr(
                    "%n visit(s) saved; open the file in Outlook or Google Calendar.",
                    "",
                    n,
                ),
            ),
        ).run_in_background()

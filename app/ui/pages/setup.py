"""Set-up: schools (with CSV import and its preview), people, networks and ground rules,
frameworks. Schools, people and networks are changed and deleted in place (the chosen row);
each change and deletion can be undone (Edit > Undo), and a long list is filtered by typing."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.ui import labels
from app.ui.operations import CollectionOp, QueryOp
from app.ui.pages.setup_dialogs import NetworkDialog, PersonDialog, SchoolDialog
from app.ui.undo import Undoable

if TYPE_CHECKING:
    from app.services.changes import Changes
    from app.services.read_models import FrameworkRow, NetworkRow, PersonRow, SchoolRow
    from app.services.workspace import Workspace

PREVIEW_ROWS = 300  # a county's list has thousands: the preview shows the first ones
KINDS = ("schools", "people", "networks")  # what the first tabs list, in order


def _table(headers: list[str], rows: list[list[Any]]) -> QTableWidget:
    t = QTableWidget(len(rows), len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            t.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
    t.resizeColumnsToContents()
    t.horizontalHeader().setStretchLastSection(True)
    return t


class CsvPreview(QDialog):
    """What a school list will import, before anything is written."""

    def __init__(self, parent: QWidget | None, path: Path, rows: list[dict[str, Any]]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import schools from %1").replace("%1", path.name))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("%n school(s) will be added or updated:", "", len(rows))))
        shown = rows[:PREVIEW_ROWS]
        layout.addWidget(
            _table(
                [
                    self.tr("URN"),
                    self.tr("Name"),
                    self.tr("Phase"),
                    self.tr("Type"),
                    self.tr("Local authority"),
                ],
                [
                    [
                        r["id"],
                        r["name"],
                        r.get("phase", ""),
                        r.get("type", ""),
                        r.get("local_authority", ""),
                    ]
                    for r in shown
                ],
            )
        )
        if len(rows) > len(shown):
            layout.addWidget(QLabel(self.tr("… and %n more.", "", len(rows) - len(shown))))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Import"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 480)


class SetupPage(QWidget):
    """Schools (CSV import with a preview), people and roles, networks and their ground rules,
    frameworks. Reading and importing a school list run off the GUI thread (a local authority's
    export has thousands of rows)."""

    imported = Signal(dict)  # what an import changed: added / updated / unchanged
    undoable = Signal(object)  # an Undoable for the window's Edit > Undo

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self._schools: list[SchoolRow] = []
        self._records: dict[str, dict[str, Any]] = {k: {} for k in KINDS}  # kind -> id -> row
        self._stale = False
        self._tab_after: int | None = None
        self.import_op: CollectionOp[Any] | None = None  # the school list being imported
        self.tabs = QTabWidget()
        self.import_button = QPushButton(self.tr("&Import a school list (CSV)…"))
        self.person_button = QPushButton(self.tr("Add a &person…"))
        self.network_button = QPushButton(self.tr("New &network…"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in (self.import_button, self.person_button, self.network_button):
            buttons.addWidget(b)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self._record_row())
        layout.addWidget(self.tabs)
        layout.addLayout(buttons)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.person_button.clicked.connect(self._on_person_button_clicked)
        self.network_button.clicked.connect(self._on_network_button_clicked)

    def _record_row(self) -> QHBoxLayout:
        """Find in the list shown; change or delete its chosen row (F2, Delete)."""
        self.finder = QLineEdit(placeholderText=self.tr("Type to find in this list"))
        self.finder.setAccessibleName(self.tr("Find in the list"))
        self.finder.setClearButtonEnabled(True)
        self.edit_button = QPushButton(self.tr("C&hange the chosen… (F2)"))
        self.delete_button = QPushButton(self.tr("Delete the chosen (Del)"))
        self.finder.textChanged.connect(self._on_find_text_changed)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        row = QHBoxLayout()
        row.addWidget(self.finder, 1)
        row.addWidget(self.edit_button)
        row.addWidget(self.delete_button)
        return row

    def activate(self) -> None:
        if self.tabs.count() == 0 or self._stale:
            self.refresh()

    def on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.touches("schools", "people", "networks"):
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def refresh(self) -> QueryOp[Any]:
        self._stale = False
        ws = self.workspace
        return QueryOp(
            self, lambda: (ws.schools(), ws.people(), ws.networks(), ws.frameworks()), self._fill
        ).run_in_background()

    def _fill(
        self,
        lists: tuple[list[SchoolRow], list[PersonRow], list[NetworkRow], list[FrameworkRow]],
    ) -> None:
        schools, people, networks, frameworks = lists
        self._schools = schools
        self._records = {
            "schools": {s.id: s for s in schools},
            "people": {p.id: p for p in people},
            "networks": {n.id: n for n in networks},
        }
        current = self._tab_after if self._tab_after is not None else self.tabs.currentIndex()
        self._tab_after = None
        self.tabs.clear()
        yes = self.tr("yes")
        self.tabs.addTab(
            _table(
                [
                    self.tr("URN"),
                    self.tr("School"),
                    self.tr("Phase"),
                    self.tr("Type"),
                    self.tr("Local authority"),
                    self.tr("Welsh-medium"),
                ],
                [
                    [
                        s.id,
                        s.name,
                        s.phase,
                        s.type,
                        s.local_authority,
                        yes if s.welsh_medium else "",
                    ]
                    for s in schools
                ],
            ),
            self.tr("&Schools"),
        )
        self.tabs.addTab(
            _table(
                [self.tr("Name"), self.tr("Role"), self.tr("School"), self.tr("Email")],
                [[p.name, labels.label(labels.ROLES, p.role), p.school, p.email] for p in people],
            ),
            self.tr("&People"),
        )
        nets = _table(
            [self.tr("Network"), self.tr("Kind"), self.tr("Schools"), self.tr("Ground rules")],
            [
                [
                    n.name,
                    labels.label(labels.NETWORK_KINDS, n.kind),
                    ", ".join(s.name for s in n.schools),
                    n.ground_rules or self.tr("(no ground rules written down yet)"),
                ]
                for n in networks
            ],
        )
        nets.setWordWrap(True)  # long lists of schools and rules wrap within their column
        for column, width in enumerate((220, 150, 300, 300)):  # the last one stretches
            nets.setColumnWidth(column, width)
        nets.resizeRowsToContents()
        nets.setAccessibleName(self.tr("Networks and ground rules"))
        self.tabs.addTab(nets, self.tr("&Networks and ground rules"))
        fws = QTextBrowser()
        fws.setAccessibleName(self.tr("Frameworks"))
        fws.setHtml(
            "".join(
                f"<h3>{escape(f.name)}</h3><p>{escape(f.description)}</p><ul>"
                + "".join(
                    f"<li><b>{escape(a.code)}</b> {escape(a.title)}</li>" for a in f.focus_areas
                )
                + "</ul>"
                for f in frameworks
            )
        )
        self.tabs.addTab(fws, self.tr("&Frameworks"))
        for index, kind in enumerate(KINDS):
            table = self.tabs.widget(index)
            assert isinstance(table, QTableWidget)
            table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
            table.installEventFilter(self)  # F2 changes the chosen row, Delete deletes it
            for row, record_id in enumerate(self._records[kind]):  # in the order listed
                cell = table.item(row, 0)
                if cell is not None:
                    cell.setData(Qt.ItemDataRole.UserRole, record_id)
        self.tabs.setCurrentIndex(max(current, 0))
        self._on_find_text_changed(self.finder.text())

    def _with_schools(self, then: Any) -> None:
        if self._schools:
            then(self._schools)
        else:
            QueryOp(self, self.workspace.schools, then).run_in_background()

    def _on_person_button_clicked(self) -> None:
        self._with_schools(self._add_person)

    def _add_person(self, schools: list[SchoolRow]) -> None:
        values = PersonDialog.ask(self, schools)
        if values:
            self._tab_after = 1
            CollectionOp(self, lambda: self.workspace.add_person(**values)).success(
                lambda made: self._offer_undo_of_add("people", made.id)
            ).run_in_background(initiator=self)

    def _on_network_button_clicked(self) -> None:
        self._with_schools(self._add_network)

    def _add_network(self, schools: list[SchoolRow]) -> None:
        values = NetworkDialog.ask(self, schools)
        if values:
            self._tab_after = 2
            CollectionOp(self, lambda: self.workspace.create_network(**values)).success(
                lambda made: self._offer_undo_of_add("networks", made.id)
            ).run_in_background(initiator=self)

    def _offer_undo_of_add(self, kind: str, record_id: str) -> None:
        """A person or network just added: its undo deletes it as Delete does (a refusal, say
        for this laptop's own person, is said when the undo runs)."""
        label = self.tr("add person") if kind == "people" else self.tr("add network")
        self.undoable.emit(Undoable(label, lambda ws: ws.delete_record(kind, record_id)))

    def _on_import_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a school list"),
            "",
            self.tr("School lists (*.csv)"),
            options=QFileDialog.Option.DontUseNativeDialog,
        )
        if path:
            self.import_csv(Path(path))

    def import_csv(self, path: Path, *, confirm: bool = True) -> None:
        """Read the list, show what will be imported, import it (both off the GUI thread, with
        progress and a cancel button), then emit ``imported``. Nothing is written before the
        preview is accepted; a cancelled import writes nothing at all."""
        self._busy(self.tr("Reading %1…").replace("%1", path.name))
        (
            QueryOp(
                self,
                lambda: self.workspace.preview_schools_csv(path),
                lambda rows: self._on_csv_read(path, rows, confirm),
            )
            .with_progress(self.tr("Reading %1…").replace("%1", path.name), cancellable=True)
            .failure(self._failed)
            .on_cancelled(lambda: self._busy(self.tr("Cancelled; nothing was changed.")))
            .run_in_background()
        )

    def _on_csv_read(self, path: Path, rows: list[dict[str, Any]], confirm: bool) -> None:
        self._busy("")
        if confirm:
            preview = CsvPreview(self, path, rows)
            accepted = preview.exec() == QDialog.DialogCode.Accepted
            preview.deleteLater()
            if not accepted:
                return
        self._busy(self.tr("Importing %n school(s)…", "", len(rows)))
        self.import_op = (
            CollectionOp(self, lambda: self.workspace.import_schools(rows))
            .success(self._on_csv_imported)
            .with_progress(self.tr("Importing %n school(s)…", "", len(rows)), cancellable=True)
            .failure(self._failed)
            .on_cancelled(lambda: self._busy(self.tr("Cancelled; nothing was changed.")))
        )
        self.import_op.run_in_background(initiator=self)

    def _on_csv_imported(self, outcome: Any) -> None:
        result = outcome.value
        self._busy(
            self.tr("%1 added, %2 updated, %3 unchanged.")
            .replace("%1", str(result["added"]))
            .replace("%2", str(result["updated"]))
            .replace("%3", str(result["unchanged"]))
        )
        self.imported.emit(result)

    def _busy(self, text: str) -> None:
        self.status.setText(text)
        self.import_button.setEnabled(not text.endswith("…"))

    def _failed(self, exc: BaseException) -> None:
        from app.ui.errors import show_exception

        self._busy("")
        show_exception(self, exc)

    # --- changing and deleting the chosen school, person or network ----------------------
    def _on_tabs_current_changed(self, index: int) -> None:
        self._on_find_text_changed(self.finder.text())
        listed = 0 <= index < len(KINDS)
        self.edit_button.setEnabled(listed)
        self.delete_button.setEnabled(listed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """F2 and Delete on a list act on its chosen row (keys of the list itself, so they
        never clash with a text field's own Delete)."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            button = {Qt.Key.Key_F2: self.edit_button, Qt.Key.Key_Delete: self.delete_button}
            target = button.get(Qt.Key(event.key()))
            if target is not None and isinstance(watched, QTableWidget) and not event.modifiers():
                target.click()
                return True
        return super().eventFilter(watched, event)

    def _on_find_text_changed(self, text: str) -> None:
        """Show only the rows holding every word typed (any case, any column)."""
        table = self.tabs.currentWidget()
        if not isinstance(table, QTableWidget):
            return
        words = text.casefold().split()
        for row in range(table.rowCount()):
            cells = (table.item(row, c) for c in range(table.columnCount()))
            line = " ".join(c.text() for c in cells if c is not None).casefold()
            table.setRowHidden(row, not all(w in line for w in words))

    def chosen(self) -> tuple[str, Any] | None:
        """The kind ("schools", "people", "networks") and record of the chosen row, if any."""
        index = self.tabs.currentIndex()
        table = self.tabs.currentWidget()
        if not 0 <= index < len(KINDS) or not isinstance(table, QTableWidget):
            return None
        row = table.currentRow()
        cell = table.item(row, 0) if row >= 0 and not table.isRowHidden(row) else None
        record = (
            self._records[KINDS[index]].get(cell.data(Qt.ItemDataRole.UserRole)) if cell else None
        )
        return (KINDS[index], record) if record is not None else None

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _on_edit_button_clicked(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            self._say(self.tr("Choose a row in the list first."))
            return
        kind, record = chosen
        if kind == "schools":
            self._edit_school(record)
        elif kind == "people":
            person = record.id
            self._with_schools(
                lambda schools: QueryOp(
                    self,
                    lambda: self.workspace.person_edit_refusals(person),
                    lambda refused: self._edit_person(schools, record, refused),
                ).run_in_background()
            )
        else:
            self._with_schools(lambda schools: self._edit_network(schools, record))

    def _change(self, label: str, do: Any, undo: Any) -> None:
        """Run ``do`` (a Workspace call) as a change; once saved, push ``undo`` as its undo."""
        CollectionOp(self, lambda: do(self.workspace)).success(
            lambda _changes: self.undoable.emit(Undoable(label, undo))
        ).run_in_background(initiator=self)

    def _edit_school(self, record: SchoolRow) -> None:
        values = SchoolDialog.ask(self, record)
        fields = ("name", "phase", "type", "local_authority", "welsh_medium")
        was = {k: getattr(record, k) for k in fields}
        if values is None or all(values[k] == (was[k] or type(values[k])()) for k in fields):
            return
        old = {k: was[k] if was[k] is not None else type(values[k])() for k in fields}
        school = record.id
        self._change(
            self.tr("edit school"),
            lambda ws: ws.edit_school(school, **values),
            lambda ws: ws.edit_school(school, **old),
        )

    def _edit_person(
        self, schools: list[SchoolRow], record: PersonRow, refused: dict[str, str]
    ) -> None:
        values = PersonDialog.ask(self, schools, record, refused)
        if values is None:
            return
        was = {k: getattr(record, k) or "" for k in ("name", "role", "email")}
        new = {k: values[k] for k in was if values[k] != was[k]}
        if not new:
            return
        old = {k: was[k] for k in new}
        person = record.id
        self._change(
            self.tr("edit person"),
            lambda ws: ws.edit_person(person, **new),
            lambda ws: ws.edit_person(person, **old),
        )

    def _edit_network(self, schools: list[SchoolRow], record: NetworkRow) -> None:
        values = NetworkDialog.ask(self, schools, record)
        if values is None:
            return
        members = [s.id for s in record.schools]
        add = tuple(s for s in values["school_ids"] if s not in members)
        remove = tuple(s for s in members if s not in values["school_ids"])
        rules = values["ground_rules"] if values["ground_rules"] != record.ground_rules else None
        name = values["name"] if values["name"] != record.name else None
        if not (add or remove or rules is not None or name is not None):
            return
        old_rules = record.ground_rules if rules is not None else None
        old_name = record.name if name is not None else None
        network = record.id
        self._change(
            self.tr("edit network"),
            lambda ws: ws.edit_network(
                network, name=name, add_schools=add, remove_schools=remove, ground_rules=rules
            ),
            lambda ws: ws.edit_network(
                network,
                name=old_name,
                add_schools=remove,
                remove_schools=add,
                ground_rules=old_rules,
            ),
        )

    def _on_delete_button_clicked(self) -> None:
        """Delete the chosen row at once (a tombstone); Edit > Undo brings it back."""
        chosen = self.chosen()
        if chosen is None:
            self._say(self.tr("Choose a row in the list first."))
            return
        kind, record = chosen
        label = {
            "schools": self.tr("delete school"),
            "people": self.tr("delete person"),
            "networks": self.tr("delete network"),
        }[kind]
        record_id, name = record.id, record.name

        def deleted(_changes: Changes) -> None:
            self.undoable.emit(Undoable(label, lambda ws: ws.restore_record(kind, record_id)))
            self._say(self.tr("Deleted %1. Edit > Undo brings it back.").replace("%1", name))

        CollectionOp(self, lambda: self.workspace.delete_record(kind, record_id)).success(
            deleted
        ).run_in_background(initiator=self)

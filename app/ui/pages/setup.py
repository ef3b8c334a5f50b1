"""Set-up: schools (with CSV import and its preview), people, networks and ground rules,
frameworks."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
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
from app.ui.pages.setup_dialogs import NetworkDialog, PersonDialog

if TYPE_CHECKING:
    from app.services.changes import Changes
    from app.services.read_models import FrameworkRow, NetworkRow, PersonRow, SchoolRow
    from app.services.workspace import Workspace

PREVIEW_ROWS = 300  # a county's list has thousands: the preview shows the first ones


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

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self._schools: list[SchoolRow] = []
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
        layout.addWidget(self.tabs)
        layout.addLayout(buttons)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.person_button.clicked.connect(self._on_person_button_clicked)
        self.network_button.clicked.connect(self._on_network_button_clicked)

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
        nets = QTextBrowser()
        nets.setAccessibleName(self.tr("Networks and ground rules"))
        nets.setHtml(
            "".join(
                f"<h3>{escape(n.name)} ({escape(labels.label(labels.NETWORK_KINDS, n.kind))})</h3>"
                f"<p>{escape(', '.join(s.name for s in n.schools))}</p>"
                f"<p style='white-space: pre-wrap'>"
                f"{escape(n.ground_rules or self.tr('(no ground rules written down yet)'))}</p>"
                for n in networks
            )
        )
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
        self.tabs.setCurrentIndex(max(current, 0))

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
            CollectionOp(self, lambda: self.workspace.add_person(**values)).run_in_background(
                initiator=self
            )

    def _on_network_button_clicked(self) -> None:
        self._with_schools(self._add_network)

    def _add_network(self, schools: list[SchoolRow]) -> None:
        values = NetworkDialog.ask(self, schools)
        if values:
            self._tab_after = 2
            CollectionOp(self, lambda: self.workspace.create_network(**values)).run_in_background(
                initiator=self
            )

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

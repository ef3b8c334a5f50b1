"""Set-up: schools (with CSV import and its preview), people, networks and ground rules,
frameworks."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

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
from app.ui.errors import show_error
from app.ui.ops import run_in_background
from app.ui.pages.setup_dialogs import NetworkDialog, PersonDialog


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
        layout.addWidget(_table([self.tr("URN"), self.tr("Name"), self.tr("Phase"), self.tr("Type"), self.tr("Local authority")], [[r["id"], r["name"], r.get("phase", ""), r.get("type", ""), r.get("local_authority", "")] for r in rows]))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
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

    def __init__(self, workspace: Any) -> None:
        super().__init__()
        self.workspace = workspace
        self.tabs = QTabWidget()
        self.import_button = QPushButton(self.tr("&Import a school list (CSV)…"))
        self.person_button = QPushButton(self.tr("Add a &person…"))
        self.network_button = QPushButton(self.tr("New &network…"))
        self.status = QLabel()
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
        if self.tabs.count() == 0:
            self.refresh()

    def refresh(self) -> None:
        current = self.tabs.currentIndex()
        self.tabs.clear()
        schools = self.workspace.schools()
        yes = self.tr("yes")
        self.tabs.addTab(_table([self.tr("URN"), self.tr("School"), self.tr("Phase"), self.tr("Type"), self.tr("Local authority"), self.tr("Welsh-medium")], [[s["id"], s["name"], s["phase"], s["type"], s["local_authority"], yes if s["welsh_medium"] else ""] for s in schools]), self.tr("&Schools"))
        self.tabs.addTab(_table([self.tr("Name"), self.tr("Role"), self.tr("School"), self.tr("Email")], [[p["name"], labels.label(labels.ROLES, p["role"]), p["school"], p["email"]] for p in self.workspace.people()]), self.tr("&People"))
        nets = QTextBrowser()
        nets.setAccessibleName(self.tr("Networks and ground rules"))
        nets.setHtml("".join(
            f"<h3>{escape(n['name'])} ({escape(labels.label(labels.NETWORK_KINDS, n['kind']))})</h3><p>{escape(', '.join(s['name'] for s in n['schools']))}</p>"
            f"<p style='white-space: pre-wrap'>{escape(n['ground_rules'] or self.tr('(no ground rules written down yet)'))}</p>"
            for n in self.workspace.networks()
        ))
        self.tabs.addTab(nets, self.tr("&Networks and ground rules"))
        fws = QTextBrowser()
        fws.setAccessibleName(self.tr("Frameworks"))
        fws.setHtml("".join(
            f"<h3>{escape(f['name'])}</h3><p>{escape(f['description'])}</p><ul>"
            + "".join(f"<li><b>{escape(a['code'])}</b> {escape(a['title'])}</li>" for a in f["focus_areas"]) + "</ul>"
            for f in self.workspace.frameworks()
        ))
        self.tabs.addTab(fws, self.tr("&Frameworks"))
        self.tabs.setCurrentIndex(max(current, 0))

    def _on_person_button_clicked(self) -> None:
        values = PersonDialog.ask(self, self.workspace.schools())
        if values:
            try:
                self.workspace.add_person(**values)
            except Exception as exc:
                show_error(self, exc)
                return
            self.refresh()
            self.tabs.setCurrentIndex(1)

    def _on_network_button_clicked(self) -> None:
        values = NetworkDialog.ask(self, self.workspace.schools())
        if values:
            try:
                self.workspace.create_network(**values)
            except Exception as exc:
                show_error(self, exc)
                return
            self.refresh()
            self.tabs.setCurrentIndex(2)

    def _on_import_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a school list"), "", self.tr("School lists (*.csv)"), options=QFileDialog.Option.DontUseNativeDialog)
        if path:
            self.import_csv(Path(path))

    def import_csv(self, path: Path, *, confirm: bool = True) -> None:
        """Read the list (off the GUI thread), show what will be imported, import it (off the GUI
        thread too), then emit ``imported``. Nothing is written before the preview is accepted."""
        self._busy(self.tr("Reading %1…").replace("%1", path.name))
        run_in_background(lambda: self.workspace.preview_schools_csv(path), lambda rows: self._on_csv_read(path, rows, confirm), self._failed)

    def _on_csv_read(self, path: Path, rows: list[dict[str, Any]], confirm: bool) -> None:
        self._busy("")
        if confirm and CsvPreview(self, path, rows).exec() != QDialog.DialogCode.Accepted:
            return
        self._busy(self.tr("Importing %n school(s)…", "", len(rows)))
        run_in_background(lambda: self.workspace.import_schools(rows), self._on_csv_imported, self._failed)

    def _on_csv_imported(self, result: dict[str, int]) -> None:
        self._busy(self.tr("%1 added, %2 updated, %3 unchanged.").replace("%1", str(result["added"])).replace("%2", str(result["updated"])).replace("%3", str(result["unchanged"])))
        self.import_button.setEnabled(True)
        self.refresh()
        self.imported.emit(result)

    def _busy(self, text: str) -> None:
        self.status.setText(text)
        self.import_button.setEnabled(not text.endswith("…"))

    def _failed(self, exc: Exception) -> None:
        self._busy("")
        show_error(self, exc)

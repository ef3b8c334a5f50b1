"""Set-up: schools (with CSV import and its preview), people, networks and ground rules,
frameworks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.ui.errors import show_error


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
        layout.addWidget(_table(["URN", "Name", "Phase", "Type", "Local authority"], [[r["id"], r["name"], r["phase"], r["type"], r["local_authority"]] for r in rows]))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Import"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 480)


class SetupPage(QWidget):
    def __init__(self, workspace: Any) -> None:
        super().__init__()
        self.workspace = workspace
        self.tabs = QTabWidget()
        self.import_button = QPushButton(self.tr("&Import a school list (CSV)…"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.import_button)
        self.import_button.clicked.connect(self._on_import_button_clicked)

    def activate(self) -> None:
        if self.tabs.count() == 0:
            self.refresh()

    def refresh(self) -> None:
        current = self.tabs.currentIndex()
        self.tabs.clear()
        schools = self.workspace.schools()
        self.tabs.addTab(_table(["URN", "School", "Phase", "Type", "Local authority", "Welsh-medium"], [[s["id"], s["name"], s["phase"], s["type"], s["local_authority"], "yes" if s["welsh_medium"] else ""] for s in schools]), self.tr("&Schools"))
        self.tabs.addTab(_table(["Name", "Role", "School", "Email"], [[p["name"], p["role"], p["school"], p["email"]] for p in self.workspace.people()]), self.tr("&People"))
        nets = QTextBrowser()
        nets.setHtml("".join(f"<h3>{n['name']} ({n['kind']})</h3><p>{', '.join(s['name'] for s in n['schools'])}</p><pre>{n['ground_rules']}</pre>" for n in self.workspace.networks()))
        self.tabs.addTab(nets, self.tr("&Networks and ground rules"))
        fws = QTextBrowser()
        fws.setHtml("".join(f"<h3>{f['name']}</h3><p>{f['description']}</p><ul>" + "".join(f"<li><b>{a['code']}</b> {a['title']}</li>" for a in f["focus_areas"]) + "</ul>" for f in self.workspace.frameworks()))
        self.tabs.addTab(fws, self.tr("&Frameworks"))
        self.tabs.setCurrentIndex(max(current, 0))

    def _on_import_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a school list"), "", self.tr("School lists (*.csv)"), options=QFileDialog.Option.DontUseNativeDialog)
        if path:
            self.import_csv(Path(path))

    def import_csv(self, path: Path, *, confirm: bool = True) -> dict[str, int] | None:
        try:
            rows = self.workspace.preview_schools_csv(path)
        except Exception as exc:
            show_error(self, exc)
            return None
        if confirm and CsvPreview(self, path, rows).exec() != QDialog.DialogCode.Accepted:
            return None
        result = self.workspace.import_schools(rows)
        self.refresh()
        return result

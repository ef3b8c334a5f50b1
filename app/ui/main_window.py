"""The main window. For now: the reviews on this laptop, and a review's detail beside them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMainWindow,
    QSplitter,
    QTableView,
    QTextBrowser,
)

from app.ui.reviews_model import ReviewsModel


class MainWindow(QMainWindow):
    def __init__(self, workspace: Any) -> None:
        super().__init__()
        self.workspace = workspace
        self.setWindowTitle(self.tr("Peerwalk"))
        self.resize(1200, 720)
        self.model = ReviewsModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Reviews"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.detail = QTextBrowser()
        self.detail.setAccessibleName(self.tr("Review detail"))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([700, 500])
        self.setCentralWidget(split)
        menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = menu.addAction(self.tr("&Quit"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(self.workspace.list_reviews())
        self.statusBar().showMessage(self.tr("%n review(s)", "", self.model.rowCount()))
        if self.model.rowCount():
            self.table.selectRow(0)

    def review_count(self) -> int:
        return self.model.rowCount()

    def _on_table_current_row_changed(self, current, _previous) -> None:  # type: ignore[no-untyped-def]
        if not current.isValid():
            return
        d = self.workspace.review_detail(self.model.review_id(current.row()))
        self.detail.setHtml(_detail_html(d))


def _detail_html(d: dict[str, Any]) -> str:
    from html import escape

    parts = [f"<h2>{escape(d['host_school']['name'] if d['host_school'] else '')}</h2>"]
    parts.append(f"<p>{escape(d['start_date'])} · {escape(d['status'])} · {escape(d['network'] or '')}</p>")
    parts.append("<h3>Focus</h3><ul>" + "".join(f"<li>{escape(a['title'])}</li>" for a in d["focus_areas"]) + "</ul>")
    team = ", ".join(f"{escape(t['name'] or '')} ({escape(t['role'])})" for t in d["team"])
    parts.append(f"<p><b>Team:</b> {team}</p>")
    for area in d["focus_areas"]:
        findings = [f for f in d["findings"] if f["focus_id"] == area["id"]]
        if findings:
            parts.append(f"<h3>{escape(area['title'])}</h3><ul>")
            parts += [f"<li><b>{f['kind'].upper()}</b> {escape(f['text'])}</li>" for f in findings]
            parts.append("</ul>")
    parts.append(f"<p>{len(d['notes'])} evidence notes, {len(d['actions'])} next steps.</p>")
    return "".join(parts)

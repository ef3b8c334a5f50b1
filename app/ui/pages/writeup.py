"""Write-up: WWW and EBI statements composed beside the evidence, for one focus area at a time.

A statement with no evidence, and an EBI with no next step, are flagged: challenge, not a cosy
chat. Statement text is saved as it is typed. The preview shows what the report will say.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.ui import labels
from app.ui.errors import show_error
from app.ui.ops import Latest
from app.ui.widgets import fill_review_box, key_for

NO_EVIDENCE = QT_TRANSLATE_NOOP("WriteUpPage", "⚠ no evidence linked")
NO_NEXT_STEP = QT_TRANSLATE_NOOP("WriteUpPage", "⚠ no next step")


def statement_flags(finding: dict[str, Any], actions: list[dict[str, Any]]) -> list[str]:
    flags = []
    if not finding["evidence"]:
        flags.append(QCoreApplication.translate("WriteUpPage", NO_EVIDENCE))
    if finding["kind"] == "ebi" and not any(a["finding_id"] == finding["id"] for a in actions):
        flags.append(QCoreApplication.translate("WriteUpPage", NO_NEXT_STEP))
    return flags


def statement_label(finding: dict[str, Any], actions: list[dict[str, Any]]) -> str:
    flags = statement_flags(finding, actions)
    tail = "  ".join(flags) if flags else QCoreApplication.translate("WriteUpPage", "(%n evidence)", "", len(finding["evidence"]))
    star = "★ " if finding.get("good_practice") else ""
    return f"{star}{finding['kind'].upper()}: {finding['text']}   {tail}"


def flag_colour(widget: QWidget) -> QColor:
    """A warning red that reads on the system's palette, light or dark."""
    dark = widget.palette().color(QPalette.ColorRole.Base).lightness() < 128
    return QColor("#ff8a80") if dark else QColor("#b00020")


class WriteUpPage(QWidget):
    loaded = Signal(str)  # a review has opened (its id)

    def __init__(self, workspace: Any) -> None:
        super().__init__()
        self.workspace = workspace
        self.review: dict[str, Any] | None = None
        self.review_box = QComboBox()
        self.review_box.setAccessibleName(self.tr("Review"))
        self.focus = QComboBox()
        self.focus.setAccessibleName(self.tr("Focus area"))
        self.filter = QLineEdit(placeholderText=self.tr("Filter evidence as you type"))
        self.filter.setAccessibleName(self.tr("Filter evidence"))
        self.evidence = QListWidget()
        self.evidence.setWordWrap(True)
        self.evidence.setAccessibleName(self.tr("Evidence notes"))
        self.evidence.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.statements = QListWidget()
        self.statements.setWordWrap(True)
        self.statements.setAccessibleName(self.tr("Statements"))
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(self.tr("Statement text"))
        self.editor.setPlaceholderText(self.tr("Choose a statement to edit it; changes are saved as you type."))
        self.good_practice = QCheckBox(self.tr("Good practice to share with the network"))
        self.add_www = QPushButton(self.tr("Add WWW"))
        self.add_ebi = QPushButton(self.tr("Add EBI"))
        self.link = QPushButton(self.tr("Link selected evidence →"))
        self.unlink = QPushButton(self.tr("Unlink"))
        self.unlink.setToolTip(self.tr("Take the selected evidence off the chosen statement"))
        self.next_text = QLineEdit(placeholderText=self.tr("Next step for the chosen statement"))
        self.next_owner = QComboBox()
        self.next_due = QDateEdit(QDate.currentDate().addMonths(2), calendarPopup=True)
        self.add_next = QPushButton(self.tr("Add next step"))
        self.preview = QTextBrowser()
        self.preview.setAccessibleName(self.tr("Report preview"))
        self._save = QTimer(self, singleShot=True, interval=300)
        self._loader = Latest()

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(QLabel(self.tr("<b>Evidence</b>")))
        lv.addWidget(self.filter)
        lv.addWidget(self.evidence, 1)
        link_row = QHBoxLayout()
        link_row.addWidget(self.link, 3)
        link_row.addWidget(self.unlink, 1)
        lv.addLayout(link_row)
        mid = QWidget()
        mv = QVBoxLayout(mid)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_www)
        buttons.addWidget(self.add_ebi)
        mv.addWidget(QLabel(self.tr("<b>Statements</b>")))
        mv.addWidget(self.statements, 1)
        mv.addLayout(buttons)
        mv.addWidget(self.editor, 1)
        mv.addWidget(self.good_practice)
        form = QFormLayout()
        form.addRow(self.tr("Next step"), self.next_text)
        form.addRow(self.tr("Owner"), self.next_owner)
        form.addRow(self.tr("By"), self.next_due)
        mv.addLayout(form)
        mv.addWidget(self.add_next)
        split = QSplitter(Qt.Orientation.Horizontal)
        for w in (left, mid, self.preview):
            split.addWidget(w)
        split.setSizes([380, 420, 380])
        top = QHBoxLayout()
        top.addWidget(self.review_box, 2)
        top.addWidget(self.focus, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

        self.review_box.currentIndexChanged.connect(self._on_review_box_changed)
        self.focus.currentIndexChanged.connect(self._on_focus_changed)
        self.filter.textChanged.connect(self._fill_evidence)
        self.statements.currentRowChanged.connect(self._on_statements_row_changed)
        self.editor.textChanged.connect(lambda: None if self._save.isActive() else self._save.start())
        self._save.timeout.connect(self.save_statement)
        self.add_www.clicked.connect(lambda: self._add("www"))
        self.add_ebi.clicked.connect(lambda: self._add("ebi"))
        self.link.clicked.connect(self._on_link_clicked)
        self.unlink.clicked.connect(self._on_unlink_clicked)
        self.add_next.clicked.connect(self._on_add_next_clicked)
        self.good_practice.toggled.connect(self._on_good_practice_toggled)
        for button, keys in (
            (self.add_www, "Alt+W"), (self.add_ebi, "Alt+E"), (self.link, "Alt+L"), (self.unlink, "Alt+U"),
            (self.good_practice, "Alt+P"), (self.add_next, "Alt+N"),
        ):
            key_for(self, button, keys)

    def activate(self) -> None:
        self.reload_reviews()

    def reload_reviews(self, select: str | None = None) -> None:
        """List the reviews and open the chosen one, off the GUI thread (``loaded`` says when)."""
        current = select or (self.review["id"] if self.review else None)
        self._loader.run(self.workspace.list_reviews, lambda rows: self._on_reviews_listed(rows, current), lambda exc: show_error(self, exc))

    def _on_reviews_listed(self, rows: list[dict[str, Any]], current: str | None) -> None:
        fill_review_box(self.review_box, rows, current, notify=False)
        self._on_review_box_changed()

    def _reload(self) -> None:
        """Read the review again (after a failure: show what is really saved). Successful edits
        update the shown review in place instead: a 2,000-note review takes tens of ms to read."""
        if self.review:
            self.review = self.workspace.review_detail(self.review["id"])

    def _on_review_box_changed(self, *_: Any) -> None:
        self.save_statement()  # what was being typed belongs to the review it was typed in
        review_id = self.review_box.currentData()
        if not review_id:
            self._show_review(None)
            return
        self._loader.run(lambda: self.workspace.review_detail(review_id), self._show_review, lambda exc: show_error(self, exc))

    def _show_review(self, detail: dict[str, Any] | None) -> None:
        same = bool(detail and self.review and detail["id"] == self.review["id"])
        keep_focus = self.focus.currentData() if same else None  # coming back keeps the place
        self.review = detail
        self.focus.blockSignals(True)
        self.focus.clear()
        for area in (self.review or {}).get("focus_areas", []):
            self.focus.addItem(area["title"], area["id"])
        if keep_focus:
            self.focus.setCurrentIndex(max(self.focus.findData(keep_focus), 0))
        self.focus.blockSignals(False)
        self.next_owner.clear()
        for t in (self.review or {}).get("team", []):
            self.next_owner.addItem(t["name"])
        self._on_focus_changed()
        if self.review:
            self.loaded.emit(self.review["id"])

    def _on_focus_changed(self, *_: Any) -> None:
        self._fill_evidence()
        self._fill_statements()
        self._fill_preview()

    def _fill_evidence(self, *_: Any) -> None:
        """Filter in memory: a review with 2,000 notes filters within a frame."""
        self.evidence.clear()
        if not self.review:
            return
        words = self.filter.text().casefold().split()
        focus_id = self.focus.currentData()
        for n in self.review["notes"]:
            if n["focus_id"] != focus_id:
                continue
            text = n["text"].casefold()
            if all(w in text for w in words):
                item = QListWidgetItem(f"[{labels.label(labels.NOTE_KINDS, n['kind'])}] {n['text']} — {n['author'] or ''}")
                item.setData(Qt.ItemDataRole.UserRole, n["id"])
                self.evidence.addItem(item)

    def findings(self) -> list[dict[str, Any]]:
        focus_id = self.focus.currentData()
        return [f for f in (self.review or {}).get("findings", []) if f["focus_id"] == focus_id]

    def _fill_statements(self, keep: str | None = None) -> None:
        self.statements.blockSignals(True)
        self.statements.clear()
        actions = (self.review or {}).get("actions", [])
        for f in self.findings():
            item = QListWidgetItem(statement_label(f, actions))
            item.setData(Qt.ItemDataRole.UserRole, f["id"])
            if statement_flags(f, actions):
                item.setForeground(flag_colour(self.statements))
                item.setToolTip(self.tr("Challenge, not a cosy chat: every statement should rest on evidence, and every EBI should have a next step."))
            self.statements.addItem(item)
            if f["id"] == keep:
                self.statements.setCurrentItem(item)
        self.statements.blockSignals(False)
        self._on_statements_row_changed()

    def current_finding(self) -> dict[str, Any] | None:
        item = self.statements.currentItem()
        fid = item.data(Qt.ItemDataRole.UserRole) if item else None
        return next((f for f in self.findings() if f["id"] == fid), None)

    def _on_statements_row_changed(self, *_: Any) -> None:
        f = self.current_finding()
        self.editor.blockSignals(True)
        self.editor.setPlainText(f["text"] if f else "")
        self.editor.blockSignals(False)
        self.good_practice.blockSignals(True)
        self.good_practice.setChecked(bool(f and f["good_practice"]))
        self.good_practice.blockSignals(False)
        linked = set(f["evidence"]) if f else set()
        for i in range(self.evidence.count()):
            item = self.evidence.item(i)
            font = item.font()
            font.setBold(item.data(Qt.ItemDataRole.UserRole) in linked)
            item.setFont(font)

    def _add(self, kind: str) -> None:
        if not self.review or self.focus.currentData() is None:
            return
        text = self.tr("What went well: ") if kind == "www" else self.tr("Even better if: ")
        try:
            fid = self.workspace.add_finding(self.review["id"], focus=self.focus.currentText(), kind=kind, text=text)
        except Exception as exc:
            show_error(self, exc)
            return
        self.review["findings"].append({"id": fid, "focus_id": self.focus.currentData(), "kind": kind, "text": text.strip(), "good_practice": False, "evidence": []})
        self._fill_statements(keep=fid)
        self._fill_preview()
        self.editor.setFocus()
        self.editor.selectAll()

    def save_statement(self) -> None:
        self._save.stop()
        f = self.current_finding()
        text = self.editor.toPlainText().strip()
        if f is None or not text or text == f["text"]:
            return
        try:
            self.workspace.edit_finding(f["id"], text=text)
        except Exception as exc:
            show_error(self, exc)
            return
        f["text"] = text
        item = self.statements.currentItem()
        if item is not None:
            item.setText(statement_label(f, self.review["actions"] if self.review else []))
        self._fill_preview()

    def _on_link_clicked(self) -> None:
        f = self.current_finding()
        if f is None:
            return
        try:
            for item in self.evidence.selectedItems():
                note_id = item.data(Qt.ItemDataRole.UserRole)
                self.workspace.link_evidence(f["id"], note_id)
                if note_id not in f["evidence"]:
                    f["evidence"].append(note_id)
        except Exception as exc:
            show_error(self, exc)
            self._reload()  # after a failure, show what is really saved
        self._fill_statements(keep=f["id"])
        self._fill_preview()

    def _on_unlink_clicked(self) -> None:
        f = self.current_finding()
        if f is None:
            return
        try:
            for item in self.evidence.selectedItems():
                note_id = item.data(Qt.ItemDataRole.UserRole)
                if note_id in f["evidence"]:
                    self.workspace.unlink_evidence(f["id"], note_id)
                    f["evidence"].remove(note_id)
        except Exception as exc:
            show_error(self, exc)
            self._reload()
        self._fill_statements(keep=f["id"])
        self._fill_preview()

    def _on_add_next_clicked(self) -> None:
        f = self.current_finding()
        if not self.review or not self.next_text.text().strip():
            return
        text, owner, due = self.next_text.text().strip(), self.next_owner.currentText(), self.next_due.date().toPython()
        try:
            action_id = self.workspace.add_action(self.review["id"], text=text, owner=owner, due=due, finding=f["id"] if f else None)
        except Exception as exc:
            show_error(self, exc)
            return
        self.next_text.clear()
        self.review["actions"].append({"id": action_id, "text": text, "owner": owner or None, "due": due.isoformat(), "status": "open", "finding_id": f["id"] if f else None})
        self._fill_statements(keep=f["id"] if f else None)
        self._fill_preview()

    def _on_good_practice_toggled(self, on: bool) -> None:
        f = self.current_finding()
        if f is None:
            return
        try:
            self.workspace.edit_finding(f["id"], good_practice=on)
            f["good_practice"] = on
        except Exception as exc:
            show_error(self, exc)
            self._reload()
        self._fill_statements(keep=f["id"])
        self._fill_preview()

    def _fill_preview(self) -> None:
        if not self.review:
            self.preview.clear()
            return
        notes = {n["id"]: n for n in self.review["notes"]}
        parts = [f"<h3>{escape(self.review['host_school']['name'])}</h3>"]
        for area in self.review["focus_areas"]:
            parts.append(f"<a name='focus-{escape(area['id'])}'></a><h4>{escape(area['title'])}</h4>")
            for f in [f for f in self.review["findings"] if f["focus_id"] == area["id"]]:
                label = escape(labels.label(labels.FINDING_KINDS, f["kind"]))
                quotes = "".join(f"<br><small>“{escape(notes[e]['text'][:120])}”</small>" for e in f["evidence"] if e in notes)
                shared = f" <i>({escape(self.tr('good practice, shared with the network'))})</i>" if f["good_practice"] else ""
                parts.append(f"<p><b>{label}</b>: {escape(f['text'])}{shared}{quotes}</p>")
        if self.review["actions"]:
            parts.append(f"<h4>{escape(self.tr('Agreed next steps'))}</h4><ul>" + "".join(f"<li>{escape(a['text'])} ({escape(a['owner'] or '')}, {a['due'] or ''})</li>" for a in self.review["actions"]) + "</ul>")
        self.preview.setHtml("".join(parts))
        if self.focus.currentIndex() > 0:  # the preview follows the focus area being written
            self.preview.scrollToAnchor(f"focus-{self.focus.currentData()}")

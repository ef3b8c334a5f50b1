"""Review day: the agenda is the spine; each activity has a capture panel fitted to it.

Capturing a note takes a couple of keystrokes: Ctrl+1..9 picks the focus area, Alt+S / Alt+A /
Alt+N marks it a strength / area to consider / neutral, type, Enter. The note is saved while it
is typed (within 300 ms of any keystroke, however fast the typing) and every later keystroke
is saved the same way, so a crash or a flat battery loses at most the last moment of typing.

Fitted to the activity: a learning walk goes room by room (Alt+R sets the room, which heads
each note); a joint observation shows both partners' notes side by side; work scrutiny (and a
learning walk) take photos of work (Alt+P, or a picture dropped on the window).
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.ui import labels
from app.ui.errors import show_error
from app.ui.ops import Latest, run_in_background
from app.ui.widgets import fill_review_box

SAVE_DELAY_MS = 300
PHOTO_KINDS = ("work-scrutiny", "learning-walk")
PHOTO_FILES = "*.jpg *.jpeg *.png"


class CapturePage(QWidget):
    saved = Signal()
    loaded = Signal(str)  # a review has opened (its id)

    def __init__(self, workspace: Any) -> None:
        super().__init__()
        self.workspace = workspace
        self.review: dict[str, Any] | None = None
        self.draft_id: str | None = None  # the note being typed, once first saved
        self.last_note_id: str | None = None  # the note last finished in this activity
        self.review_box = QComboBox()
        self.review_box.setAccessibleName(self.tr("Review"))
        self.agenda = QListWidget()
        self.agenda.setAccessibleName(self.tr("Agenda of the day"))
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.focus = QComboBox()
        self.focus.setAccessibleName(self.tr("Focus area"))
        self.prompts = QLabel()
        self.prompts.setWordWrap(True)
        self.prompts.setObjectName("prompts")
        self.prompts.setAccessibleName(self.tr("Prompts for this focus area"))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("activityHint")
        self.room = QLineEdit(placeholderText=self.tr("Room (Alt+R), e.g. D3 workshop"))
        self.room.setAccessibleName(self.tr("Room"))
        self.photo = QPushButton(self.tr("Photo of work… (Alt+P)"))
        self.photo.setAccessibleName(self.tr("Add a photo of pupils' work"))
        self.kinds = QButtonGroup(self)
        kind_row = QHBoxLayout()
        for i, kind in enumerate(labels.NOTE_KINDS):
            button = QRadioButton(f"{labels.label(labels.NOTE_KINDS, kind)} (Alt+{labels.NOTE_KIND_KEYS[kind]})")
            button.setProperty("kind", kind)
            self.kinds.addButton(button, i)
            kind_row.addWidget(button)
        self.kinds.button(0).setChecked(True)
        self.author = QComboBox()
        self.author.setAccessibleName(self.tr("Whose note"))
        self.author.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        kind_row.addStretch()
        kind_row.addWidget(QLabel(self.tr("By (Alt+B):")))
        kind_row.addWidget(self.author)
        self.entry = QLineEdit()
        self.entry.setPlaceholderText(self.tr("Type a note and press Enter (saved as you type)"))
        self.entry.setAccessibleName(self.tr("New note"))
        self.notes = QListWidget()
        self.notes.setAccessibleName(self.tr("Notes for this activity"))
        self.partner_notes = QListWidget()  # a joint observation: the host colleague's notes
        self.partner_notes.setAccessibleName(self.tr("Partner's notes"))
        self.notes_label, self.partner_label = QLabel(), QLabel()
        for lst in (self.notes, self.partner_notes):
            lst.setWordWrap(True)
        self.status = QLabel()
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)

        panel = QWidget()
        right = QVBoxLayout(panel)
        for w in (self.heading, self.hint, self.focus, self.prompts):
            right.addWidget(w)
        right.addLayout(kind_row)
        entry_row = QHBoxLayout()
        entry_row.addWidget(self.room, 1)
        entry_row.addWidget(self.entry, 4)
        entry_row.addWidget(self.photo)
        right.addLayout(entry_row)
        columns = QHBoxLayout()
        for label, lst in ((self.notes_label, self.notes), (self.partner_label, self.partner_notes)):
            col = QVBoxLayout()
            col.addWidget(label)
            col.addWidget(lst, 1)
            columns.addLayout(col)
        right.addLayout(columns, 1)
        right.addWidget(self.status)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.agenda)
        split.addWidget(panel)
        split.setSizes([330, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(self.review_box)
        layout.addWidget(split, 1)

        self.review_box.currentIndexChanged.connect(self._on_review_box_changed)
        self.agenda.currentRowChanged.connect(self._on_agenda_row_changed)
        self.focus.currentIndexChanged.connect(self._on_focus_changed)
        self.entry.textEdited.connect(self._on_entry_edited)
        self.entry.returnPressed.connect(self._on_entry_return)
        self._save_timer.timeout.connect(self.save_draft)
        for n in range(1, 10):
            QShortcut(QKeySequence(f"Ctrl+{n}"), self, activated=lambda n=n: self._choose_focus(n - 1))
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.entry.setFocus)
        # Explicit shortcuts rather than mnemonics: macOS (and some Linux themes) have none.
        for i, key in enumerate(labels.NOTE_KIND_KEYS.values()):
            shortcut = QShortcut(QKeySequence(f"Alt+{key}"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda i=i: self.kinds.button(i).setChecked(True))
        room_key = QShortcut(QKeySequence("Alt+R"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        room_key.activated.connect(lambda: self.room.setFocus() if not self.room.isHidden() else None)
        photo_key = QShortcut(QKeySequence("Alt+P"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        photo_key.activated.connect(lambda: self._on_photo_clicked() if not self.photo.isHidden() else None)
        self.photo.clicked.connect(self._on_photo_clicked)
        by_key = QShortcut(QKeySequence("Alt+B"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        by_key.activated.connect(lambda: self.author.setCurrentIndex((self.author.currentIndex() + 1) % max(self.author.count(), 1)))
        self.room.returnPressed.connect(self.entry.setFocus)
        self._jobs = 0  # photos being stored off the GUI thread
        self._loader = Latest()

    def activate(self) -> None:
        """Load on first showing (start-up paints Home only)."""
        if self.review_box.count() == 0:
            self.reload_reviews()

    # --- loading (off the GUI thread: a large network's lists take tens of ms) ----------
    def reload_reviews(self, select: str | None = None) -> None:
        current = select or (self.review["id"] if self.review else None)
        self._opening(True)
        self._loader.run(self.workspace.list_reviews, lambda rows: self._on_reviews_listed(rows, current), self._on_load_failed)

    def _on_reviews_listed(self, rows: list[dict[str, Any]], current: str | None) -> None:
        fill_review_box(self.review_box, rows, current, notify=False)
        self._on_review_box_changed()

    def open_review(self, review_id: str) -> None:
        self.reload_reviews(review_id)

    def _on_review_box_changed(self, *_: Any) -> None:
        self.finish_draft()
        review_id = self.review_box.currentData()
        if not review_id:
            self._show_review(None)
            return
        self._opening(True)
        self._loader.run(lambda: self.workspace.review_detail(review_id), self._show_review, self._on_load_failed)

    def _opening(self, busy: bool) -> None:
        """While a review opens the note box is closed, so nothing typed lands in the wrong one."""
        self.entry.setEnabled(not busy)
        self.status.setText(self.tr("Opening the review…") if busy else "")

    def _on_load_failed(self, exc: Exception) -> None:
        self._opening(False)
        show_error(self, exc)

    def _show_review(self, detail: dict[str, Any] | None) -> None:
        self.finish_draft()
        self.review = detail
        self._opening(False)
        self.agenda.clear()
        self.focus.clear()
        if not self.review:
            return
        for a in self.review["activities"]:
            who = " + ".join(x for x in (a["reviewer"], a["host_colleague"]) if x)
            item = QListWidgetItem(f"{a['starts'] or '--:--'}  {a['title'] or labels.label(labels.ACTIVITIES, a['kind'])}\n      {who}")
            item.setData(Qt.ItemDataRole.UserRole, a["id"])
            self.agenda.addItem(item)
        for i, area in enumerate(self.review["focus_areas"]):
            self.focus.addItem(f"{i + 1}. {area['title']}", area["id"])
        if self.agenda.count():
            self.agenda.setCurrentRow(0)
        if self.isVisible():
            self.entry.setFocus()
        self.loaded.emit(self.review["id"])

    def activity(self) -> dict[str, Any] | None:
        item = self.agenda.currentItem()
        if item is None or not self.review:
            return None
        return next((a for a in self.review["activities"] if a["id"] == item.data(Qt.ItemDataRole.UserRole)), None)

    def focus_area(self) -> dict[str, Any] | None:
        if not self.review:
            return None
        return next((f for f in self.review["focus_areas"] if f["id"] == self.focus.currentData()), None)

    def _on_agenda_row_changed(self, _row: int) -> None:
        self.finish_draft()
        self.last_note_id = None
        a = self.activity()
        if a is None:
            return
        detail = " · ".join(escape(x) for x in (a["place"], a["year_group"], a["subject"]) if x)
        self.heading.setText(f"<b>{escape(labels.label(labels.ACTIVITIES, a['kind']))}</b>: {escape(a['title'])}<br>{detail}")
        self.hint.setText(labels.label(labels.ACTIVITY_HINTS, a["kind"]))
        self.room.setVisible(a["kind"] == "learning-walk")
        self.room.clear()
        self.photo.setVisible(a["kind"] in PHOTO_KINDS)
        self.author.clear()
        for name in (a["reviewer"], a["host_colleague"]):
            if name:
                self.author.addItem(name)
        if a["kind"] == "joint-observation" and self.author.count() == 2:
            self.author.setToolTip(self.tr("Both partners record: choose whose note this is"))
        self._show_notes()

    def _on_focus_changed(self, _i: int) -> None:
        area = self.focus_area()
        prompts = area["prompts"] if area else []
        self.prompts.setText("".join(f"• {escape(p)}<br>" for p in prompts) if prompts else self.tr("<i>No prompts for this focus area.</i>"))

    def _choose_focus(self, index: int) -> None:
        if index < self.focus.count():
            self.focus.setCurrentIndex(index)
            self.entry.setFocus()

    def _show_notes(self) -> None:
        """The activity's notes; a joint observation shows both partners' side by side."""
        a = self.activity()
        self.notes.clear()
        self.partner_notes.clear()
        if not self.review or a is None:
            return
        titles = {f["id"]: f["title"] for f in self.review["focus_areas"]}
        joint = a["kind"] == "joint-observation" and a["reviewer"] and a["host_colleague"]
        self.partner_notes.setVisible(bool(joint))
        self.partner_label.setVisible(bool(joint))
        self.notes_label.setText(self.tr("Notes by %1").replace("%1", a["reviewer"]) if joint else self.tr("Notes for this activity"))
        self.partner_label.setText(self.tr("Notes by %1").replace("%1", a["host_colleague"] or ""))
        for n in self.review["notes"]:
            if n["activity_id"] != a["id"]:
                continue
            focus = titles.get(n["focus_id"], "")
            focus = focus if len(focus) <= 48 else focus[:47] + "…"
            photos = f" · 📷 {len(n['photos'])}" if n["photos"] else ""
            line = f"[{labels.label(labels.NOTE_KINDS, n['kind'])}] {n['text']}\n    {n['author'] or ''} · {focus}{photos}"
            target = self.partner_notes if joint and n["author"] == a["host_colleague"] else self.notes
            target.addItem(line)

    # --- saving as typed -------------------------------------------------------------
    def kind(self) -> str:
        return str(self.kinds.checkedButton().property("kind"))

    def _on_entry_edited(self, _text: str) -> None:
        # Throttle, not debounce: a steady typist is saved every 300 ms, never starved.
        if not self._save_timer.isActive():
            self._save_timer.start()

    def note_text(self) -> str:
        """What is saved: the typed text, headed by the room on a learning walk."""
        text = self.entry.text().strip()
        room = self.room.text().strip() if not self.room.isHidden() else ""
        return f"{room}: {text}" if text and room else text

    def save_draft(self) -> None:
        """Save what is in the box now: the first save creates the note, later ones edit it."""
        self._save_timer.stop()
        text = self.note_text()
        a, area = self.activity(), self.focus_area()
        if not text or self.review is None or a is None or area is None:
            return
        try:
            if self.draft_id is None:
                self.draft_id = self.workspace.add_note(
                    self.review["id"], focus=area["title"], kind=self.kind(), text=text,
                    activity_id=a["id"], author=self.author.currentText() or None,
                )
            else:
                self.workspace.edit_note(self.draft_id, text=text, kind=self.kind(), focus=area["title"])
        except Exception as exc:  # a bad value is shown, and the text stays in the box
            show_error(self, exc)
            return
        self._remember(self.draft_id, text, a["id"], area["id"])
        self.status.setText(self.tr("Saved"))

    def _remember(self, note_id: str, text: str, activity_id: str, focus_id: str) -> None:
        """Keep the shown review in step with what was just saved, without reading the whole
        review again (a 2,000-note review takes tens of milliseconds to read)."""
        notes = self.review["notes"] if self.review else []
        note = next((n for n in notes if n["id"] == note_id), None)
        if note is None:
            note = {"id": note_id, "activity_id": activity_id, "author": self.author.currentText() or None, "photos": [], "report_photos": []}
            notes.append(note)
        note.update(text=text, kind=self.kind(), focus_id=focus_id)

    def finish_draft(self) -> None:
        if self.entry.text().strip():
            self.save_draft()
        if self.draft_id:
            self.last_note_id = self.draft_id
        self.draft_id = None
        self.entry.clear()

    def _on_entry_return(self) -> None:
        if not self.entry.text().strip():
            return
        self.finish_draft()
        self._show_notes()
        self.status.setText(self.tr("Note saved. Type the next one."))
        self.saved.emit()

    # --- photos of work --------------------------------------------------------------
    def _on_photo_clicked(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Photos of pupils' work (never of faces)"), "", self.tr("Photos (%1)").replace("%1", PHOTO_FILES),
            options=QFileDialog.Option.DontUseNativeDialog,
        )
        if paths:
            self.attach_photos([Path(p) for p in paths])

    def attach_photos(self, paths: list[Path]) -> None:
        """Put photos on the note being typed, else the last note of this activity, else a new
        note that says it is a photo. Storing (normalising to JPEG) runs off the GUI thread."""
        if self.review is None or self.activity() is None or self.focus_area() is None:
            return
        if self.entry.text().strip():
            self.save_draft()
        note_id = self.draft_id or self.last_note_id
        if note_id is None:
            try:
                note_id = self.last_note_id = self.workspace.add_note(
                    self.review["id"], focus=self.focus_area()["title"], kind=self.kind(), text=self.tr("Photo of pupils' work"),
                    activity_id=self.activity()["id"], author=self.author.currentText() or None,
                )
            except Exception as exc:
                show_error(self, exc)
                return
        self._jobs += 1
        self.status.setText(self.tr("Storing %n photo(s)…", "", len(paths)))
        review_id = self.review["id"]

        def store() -> int:
            for path in paths:
                self.workspace.attach_photo(note_id, path)
            return len(paths)

        def done(count: int) -> None:
            self._jobs -= 1
            self.status.setText(self.tr("%n photo(s) added to the note.", "", count))
            if self.review and self.review["id"] == review_id:
                self.review = self.workspace.review_detail(review_id)
                self._show_notes()

        def failed(exc: Exception) -> None:
            self._jobs -= 1
            self.status.setText("")
            show_error(self, exc)

        run_in_background(store, done, failed)

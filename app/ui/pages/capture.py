"""Review day: the agenda is the spine; each activity has a capture panel fitted to it.

Capturing a note takes a couple of keystrokes: Ctrl+1..9 picks the focus area, Alt+S / Alt+A /
Alt+N marks it a strength / area to consider / neutral, type, Enter. The note is saved while it
is typed (within 300 ms of any keystroke, however fast the typing) and every later keystroke
is saved the same way, so a crash or a flat battery loses at most the last moment of typing.

Fitted to the activity: a learning walk goes room by room (Alt+R sets the room, which heads
each note); a joint observation shows both partners' notes side by side; work scrutiny (and a
learning walk) take photos of work (Alt+P, or a picture dropped on the window).

A note finished with Enter can still be changed where it is listed: F2 or a double-click edits
its words (Enter saves, Esc cancels), Delete deletes it, and a right-click also takes a photo
off it. Each is one transaction, and each tells the window's Edit menu how to undo it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    QMenu,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.services.read_models import (
    AgendaRow,
    FocusAreaRow,
    NoteRow,
    PersonRef,
    ReviewDetail,
    ReviewSummary,
    SiteInfo,
)
from app.ui import labels
from app.ui.errors import show_exception
from app.ui.inplace import ID_ROLE, editable_row, make_editable
from app.ui.operations import CollectionOp, Latest, QueryOp
from app.ui.pages.capture_joint import partner_title, waiting_row
from app.ui.pages.last_visit import LastVisitPanel, stacked
from app.ui.safeguarding_dialog import SafeguardingPanel
from app.ui.undo import Undoable
from app.ui.widgets import fill_review_box, searchable

if TYPE_CHECKING:
    from app.services.changes import Changes
    from app.services.workspace import Workspace

SAVE_DELAY_MS = 300
PHOTO_KINDS = ("work-scrutiny", "learning-walk")
PHOTO_FILES = "*.jpg *.jpeg *.png"
FOCUS_SHOWN = 48  # characters of a focus title shown beside a note; longer ones end in …


@dataclass
class Draft:
    """The note being typed. Saves run one after another on the writing thread; the first
    creates the note and sets ``id`` there, so the later ones edit it, however fast they come."""

    review_id: str
    activity_id: str
    author_id: str | None
    id: str | None = None


class CapturePage(QWidget):
    saved = Signal()
    loaded = Signal(str)  # a review has opened (its id)
    undoable = Signal(object)  # an Undoable for Edit > Undo, after each edit or deletion

    def __init__(self, workspace: Workspace) -> None:  # noqa: PLR0915 (builds the page's widgets, top to bottom)
        super().__init__()
        self.workspace = workspace
        self.review: ReviewDetail | None = None
        self.draft: Draft | None = None  # the note being typed
        self.last_note: Draft | None = None  # the note last finished in this activity
        self.me: PersonRef | None = None  # this laptop's own person, if known
        self._site_read = False
        self._stale = False
        self._wanted: str | None = None  # the review asked for, until the list is shown
        self.review_box = searchable(QComboBox())
        self.review_box.setAccessibleName(self.tr("Review"))
        self.agenda = QListWidget()
        self.agenda.setAccessibleName(self.tr("Agenda of the day"))
        self.agenda.setWordWrap(True)  # a long title wraps instead of hiding behind a scroll bar
        self.agenda.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
            button = QRadioButton(
                f"{labels.label(labels.NOTE_KINDS, kind)} (Alt+{labels.NOTE_KIND_KEYS[kind]})"
            )
            button.setProperty("kind", kind)
            self.kinds.addButton(button, i)
            kind_row.addWidget(button)
        self.kinds.button(0).setChecked(True)
        self.author = QComboBox()
        self.author.setAccessibleName(self.tr("Whose note"))
        self.author.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.author.setToolTip(self.tr("Whose note this is (Alt+B changes it)"))
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
            lst.setToolTip(self.tr("F2 edits the chosen note, Delete deletes it"))
            make_editable(lst, self.edit_note_text, self.delete_note, self.note_menu)
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
        for label, lst in (
            (self.notes_label, self.notes),
            (self.partner_label, self.partner_notes),
        ):
            col = QVBoxLayout()
            col.addWidget(label)
            col.addWidget(lst, 1)
            columns.addLayout(col)
        right.addLayout(columns, 1)
        right.addWidget(self.status)
        self.last_visit = LastVisitPanel(workspace, review=lambda: self.review)
        self.loaded.connect(self.last_visit.review_loaded)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(stacked(self.agenda, self.last_visit, (260, 380)))
        split.addWidget(panel)
        split.setSizes([300, 800])
        split.setStretchFactor(1, 1)
        self.agenda.setMinimumWidth(200)
        layout = QVBoxLayout(self)
        layout.addWidget(self.review_box)
        layout.addWidget(split, 1)
        # Safeguarding (Ctrl+Shift+G): kept on this laptop only (app/ui/safeguarding_dialog.py).
        self.safeguarding = SafeguardingPanel(self, workspace, self._safeguarding_context)
        layout.addWidget(self.safeguarding)
        self.loaded.connect(self.safeguarding.show_review)

        self.review_box.currentIndexChanged.connect(self._on_review_box_changed)
        self.agenda.currentRowChanged.connect(self._on_agenda_row_changed)
        self.focus.currentIndexChanged.connect(self._on_focus_changed)
        self.entry.textEdited.connect(self._on_entry_edited)
        self.entry.returnPressed.connect(self._on_entry_return)
        self._save_timer.timeout.connect(self.save_draft)
        for n in range(1, 10):
            QShortcut(
                QKeySequence(f"Ctrl+{n}"), self, activated=lambda n=n: self._choose_focus(n - 1)
            )
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.entry.setFocus)
        up = QShortcut(
            QKeySequence(Qt.Key.Key_Up), self.entry, context=Qt.ShortcutContext.WidgetShortcut
        )
        up.activated.connect(self._on_entry_up)
        # Explicit shortcuts rather than mnemonics: macOS (and some Linux themes) have none.
        for i, key in enumerate(labels.NOTE_KIND_KEYS.values()):
            shortcut = QShortcut(
                QKeySequence(f"Alt+{key}"),
                self,
                context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
            )
            shortcut.activated.connect(lambda i=i: self.kinds.button(i).setChecked(True))
        room_key = QShortcut(
            QKeySequence("Alt+R"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        room_key.activated.connect(
            lambda: self.room.setFocus() if not self.room.isHidden() else None
        )
        photo_key = QShortcut(
            QKeySequence("Alt+P"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        photo_key.activated.connect(
            lambda: self._on_photo_clicked() if not self.photo.isHidden() else None
        )
        self.photo.clicked.connect(self._on_photo_clicked)
        by_key = QShortcut(
            QKeySequence("Alt+B"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        by_key.activated.connect(
            lambda: self.author.setCurrentIndex(
                (self.author.currentIndex() + 1) % max(self.author.count(), 1)
            )
        )
        self.room.returnPressed.connect(self.entry.setFocus)
        self._jobs = 0  # photos being stored off the GUI thread
        self._loader = Latest()
        self._saving = 0  # saves on their way to the database

    def activate(self) -> None:
        """Load on first showing (start-up paints Home only), or after changes made elsewhere."""
        if self.review_box.count() == 0 or self._stale:
            self.reload_reviews()

    def on_changes(self, changes: Changes, initiator: object) -> None:
        """Redraw from what changed elsewhere (this page's own saves are already shown, but
        the first note moves a planned visit to "in progress": the chooser says so)."""
        if initiator is self:
            if changes.touches("notes") and self.review_box.currentText().endswith("(planned)"):
                QueryOp(
                    self,
                    self.workspace.list_reviews,
                    lambda rows: fill_review_box(
                        self.review_box, rows, self.review_box.currentData(), notify=False
                    ),
                ).run_in_background()
            return
        if changes.settings:
            self._read_site()
        if changes.touches("reviews", "people"):
            if self.isVisible():
                self.reload_reviews()
            else:
                self._stale = True

    # --- loading (off the GUI thread: a large network's lists take tens of ms) ----------
    def reload_reviews(self, select: str | None = None) -> None:
        # A review asked for (a visit just planned) stays wanted until the list is shown: a
        # reload on the way (the plan's own broadcast) must not go back to the one shown.
        if select:
            self._wanted = select
        current = select or self._wanted or (self.review.id if self.review else None)
        self._stale = False
        self._opening(True)
        if not self._site_read:
            self._read_site()
        QueryOp(
            self, self.workspace.list_reviews, lambda rows: self._on_reviews_listed(rows, current)
        ).superseding(self._loader).failure(self._on_load_failed).run_in_background()

    def _read_site(self) -> None:
        def read(site: SiteInfo) -> None:
            self.me, self._site_read = site.person, True
            if self.review is not None:
                self._fill_authors()

        QueryOp(self, self.workspace.site, read).run_in_background()

    def _on_reviews_listed(self, rows: list[ReviewSummary], current: str | None) -> None:
        self._wanted = None
        fill_review_box(self.review_box, rows, current, notify=False)
        self._on_review_box_changed()

    def open_review(self, review_id: str) -> None:
        self.reload_reviews(review_id)

    def _on_review_box_changed(self, *_: Any) -> None:
        review_id = self.review_box.currentData()
        if not self.review or review_id != self.review.id:
            self.finish_draft()
        if not review_id:
            self._show_review(None)
            return
        self._opening(True)

        def read() -> ReviewDetail:
            self.workspace.warm()  # the note box opens once saving is ready to be quick
            return self.workspace.review_detail(review_id)

        QueryOp(self, read, self._show_review).superseding(self._loader).failure(
            self._on_load_failed
        ).run_in_background()

    def _opening(self, busy: bool) -> None:
        """While a review opens the note box is closed, so nothing typed lands in the wrong one
        (the same review read again keeps the box open: what is being typed stays)."""
        same = busy and self.review is not None and self.review_box.currentData() == self.review.id
        self.entry.setEnabled(not busy or same)
        opening = self.tr("Opening the review…")
        if busy and not same:
            self.status.setText(opening)
        elif not busy and self.status.text() == opening:
            self.status.setText("")

    def _on_load_failed(self, exc: BaseException) -> None:
        self._opening(False)
        show_exception(self, exc)

    def _show_review(self, detail: ReviewDetail | None) -> None:
        same = bool(detail and self.review and detail.id == self.review.id)
        if not same:
            self.finish_draft()
        keep_activity = (
            self.agenda.currentItem().data(Qt.ItemDataRole.UserRole)
            if same and self.agenda.currentItem()
            else None
        )
        keep_focus = self.focus.currentData() if same else None
        self.review = detail
        self._opening(False)
        self.agenda.blockSignals(True)
        self.agenda.clear()
        self.focus.blockSignals(True)
        self.focus.clear()
        if not self.review:
            self.agenda.blockSignals(False)
            self.focus.blockSignals(False)
            return
        for a in self.review.activities:
            who = " + ".join(x for x in (a.reviewer, a.host_colleague) if x)
            item = QListWidgetItem(
                f"{a.starts or '--:--'}  {a.title or labels.label(labels.ACTIVITIES, a.kind)}\n   "
                f"   {who}"
            )
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            self.agenda.addItem(item)
            if a.id == keep_activity:
                self.agenda.setCurrentItem(item)
        for i, area in enumerate(self.review.focus_areas):
            self.focus.addItem(f"{i + 1}. {area.title}", area.id)
        self.focus.setCurrentIndex(max(self.focus.findData(keep_focus), 0) if keep_focus else 0)
        self.focus.blockSignals(False)
        self._on_focus_changed(self.focus.currentIndex())
        self.agenda.blockSignals(False)
        if self.last_note and self.last_note.id and self.review.note(self.last_note.id) is None:
            self.last_note = None  # deleted meanwhile (an undo): photos go on no deleted note
        if same and self.agenda.currentItem() is not None:
            self._show_notes()  # the same activity, read again: the draft stays in the box
        elif self.agenda.count():
            self.agenda.setCurrentRow(0)
        if self.isVisible() and not same:
            self.entry.setFocus()
        self.loaded.emit(self.review.id)

    def _safeguarding_context(self) -> tuple[str | None, str, str]:
        """A concern's first values: the review, where (the room, else the activity's
        place) and this laptop's person."""
        a = self.activity()
        room = self.room.text().strip() if not self.room.isHidden() else ""
        place = room or (a.place if a else "")
        return (self.review.id if self.review else None, place, self.me.name if self.me else "")

    def activity(self) -> AgendaRow | None:
        item = self.agenda.currentItem()
        if item is None or not self.review:
            return None
        return next(
            (a for a in self.review.activities if a.id == item.data(Qt.ItemDataRole.UserRole)),
            None,
        )

    def focus_area(self) -> FocusAreaRow | None:
        if not self.review:
            return None
        return next((f for f in self.review.focus_areas if f.id == self.focus.currentData()), None)

    def _on_agenda_row_changed(self, _row: int) -> None:
        self.finish_draft()
        self.last_note = None
        a = self.activity()
        if a is None:
            return
        detail = " · ".join(escape(x) for x in (a.place, a.year_group, a.subject) if x)
        kind = str(labels.label(labels.ACTIVITIES, a.kind))
        title = "" if a.title.strip().casefold() == kind.casefold() else f": {escape(a.title)}"
        self.heading.setText(f"<b>{escape(kind)}</b>{title}<br>{detail}")  # not "Walk: Walk"
        self.hint.setText(labels.label(labels.ACTIVITY_HINTS, a.kind))
        self.room.setVisible(a.kind == "learning-walk")
        self.room.clear()
        self.photo.setVisible(a.kind in PHOTO_KINDS)
        self._fill_authors()
        self._show_notes()

    def authors(self) -> list[tuple[str, str]]:
        """Whose a note may be, as (person id, name), the default first: this laptop's own
        person (else the visiting writer or lead), then the activity's visiting reviewer and
        host colleague. A visitor's note is never the host colleague's unless chosen (Alt+B)."""
        a, review = self.activity(), self.review
        out: list[tuple[str, str]] = []
        me = self.me
        lead = next((t for t in review.team if t.role == "lead"), None) if review else None
        writer = (review.writer_id, review.writer) if review and review.writer_id else None
        visitor = (
            (me.id, me.name)
            if me
            else (a.reviewer_id, a.reviewer)
            if a and a.reviewer_id
            else writer or ((lead.person_id, lead.name) if lead else None)
        )
        for who in (
            visitor,
            (a.reviewer_id, a.reviewer) if a else None,
            (a.host_colleague_id, a.host_colleague) if a else None,
        ):
            if who and who[0] and who[0] not in {i for i, _ in out}:
                out.append((who[0], who[1] or ""))
        return out

    def _fill_authors(self) -> None:
        current = self.author.currentData()
        self.author.blockSignals(True)
        self.author.clear()
        me = self.me.id if self.me else None
        for person_id, name in self.authors():
            self.author.addItem(
                self.tr("%1 (you)").replace("%1", name) if person_id == me else name, person_id
            )
        if current and self.author.findData(current) >= 0 and self.draft is not None:
            self.author.setCurrentIndex(self.author.findData(current))
        self.author.blockSignals(False)

    def _on_focus_changed(self, _i: int) -> None:
        area = self.focus_area()
        prompts = area.prompts if area else []
        self.prompts.setText(
            "".join(f"• {escape(p)}<br>" for p in prompts)
            if prompts
            else self.tr("<i>No prompts for this focus area.</i>")
        )

    def _choose_focus(self, index: int) -> None:
        if index < self.focus.count():
            self.focus.setCurrentIndex(index)
            self.entry.setFocus()

    def _show_notes(self) -> None:
        """The activity's notes; a joint observation shows the host colleague's beside the rest."""
        a = self.activity()
        self.notes.clear()
        self.partner_notes.clear()
        if not self.review or a is None:
            return
        titles = {f.id: f.title for f in self.review.focus_areas}
        joint = a.kind == "joint-observation"  # both columns from the start (capture_joint)
        self.partner_notes.setVisible(joint)
        self.partner_label.setVisible(joint)
        self.notes_label.setText(
            self.tr("The visitors' notes") if joint else self.tr("Notes for this activity")
        )
        self.partner_label.setText(partner_title(a))
        for n in self.review.notes:
            if n.activity_id != a.id:
                continue
            focus = titles.get(n.focus_id, "")
            focus = focus if len(focus) <= FOCUS_SHOWN else focus[: FOCUS_SHOWN - 1] + "…"
            photos = f" · 📷 {len(n.photos)}" if n.photos else ""
            line = (
                f"[{labels.label(labels.NOTE_KINDS, n.kind)}] {n.text}\n    {n.author or ''} · "
                f"{focus}{photos}"
            )
            target = (
                self.partner_notes
                if joint and a.host_colleague_id and n.author_id == a.host_colleague_id
                else self.notes
            )
            target.addItem(editable_row(line, n.id, n.text))
        if joint and not self.partner_notes.count():
            self.partner_notes.addItem(waiting_row(a))

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
        """Save what is in the box now, off the GUI thread: the first save creates the note,
        later ones edit it (saves keep their order on the writing thread)."""
        self._save_timer.stop()
        text = self.note_text()
        a, area = self.activity(), self.focus_area()
        if not text or self.review is None or a is None or area is None:
            return
        if self.draft is None or self.draft.activity_id != a.id:
            self.draft = Draft(self.review.id, a.id, self.author.currentData())
        draft, kind, focus_id = self.draft, self.kind(), area.id
        author = dict(self.authors()).get(draft.author_id or "", "")
        made: list[str] = []  # the note, when this save is the one that creates it

        def save() -> Any:
            if draft.id is None:
                created = self.workspace.add_note(
                    draft.review_id,
                    focus_id=focus_id,
                    kind=kind,
                    text=text,
                    activity_id=draft.activity_id,
                    author_id=draft.author_id,
                )
                draft.id = created.id
                made.append(created.id)
                return created.changes
            return self.workspace.edit_note(draft.id, text=text, kind=kind, focus_id=focus_id)

        def saved(_changes: Any) -> None:
            self._saving -= 1
            self._remember(draft, text, kind, focus_id, author)
            self.status.setText(self.tr("Saved"))
            if made:  # its undo deletes it (a tombstone, as Delete does), its photos with it
                note_id = made[0]
                self.undoable.emit(
                    Undoable(self.tr("add note"), lambda ws: ws.delete_note(note_id))
                )

        def failed(
            exc: BaseException,
        ) -> None:  # a bad value is shown, and the text stays in the box
            self._saving -= 1
            show_exception(self, exc)

        self._saving += 1
        CollectionOp(self, save).success(saved).failure(failed).run_in_background(initiator=self)

    def _remember(self, draft: Draft, text: str, kind: str, focus_id: str, author: str) -> None:
        """Keep the shown review in step with what was just saved, without reading the whole
        review again (a 2,000-note review takes tens of milliseconds to read)."""
        if not self.review or self.review.id != draft.review_id or draft.id is None:
            return
        note = self.review.note(draft.id) or NoteRow(
            id=draft.id,
            focus_id=focus_id,
            activity_id=draft.activity_id,
            kind=kind,
            text=text,
            author=author or None,
            captured_at="",  # not read back yet; nothing on this page shows it
            author_id=draft.author_id,
        )
        self.review = self.review.with_note(replace(note, text=text, kind=kind, focus_id=focus_id))
        a = self.activity()
        if a is not None and a.id == draft.activity_id and draft is not self.draft:
            self._show_notes()  # a finished note joins the list

    def finish_draft(self) -> None:
        if self.entry.text().strip():
            self.save_draft()
        if self.draft is not None:
            self.last_note = self.draft
        self.draft = None
        # setText, not clear(): it also empties the box's typing undo, so Ctrl+Z in the box
        # cannot put a finished note's words back as the start of a second, duplicate note.
        self.entry.setText("")

    def _on_entry_up(self) -> None:
        """Up from an empty note box goes to the last note listed, to edit (F2) or delete it."""
        if self.entry.text().strip() or self.notes.count() == 0:
            return
        self.notes.setFocus()
        self.notes.setCurrentRow(self.notes.count() - 1)

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
            self,
            self.tr("Photos of pupils' work (never of faces)"),
            "",
            self.tr("Photos (%1)").replace("%1", PHOTO_FILES),
            options=QFileDialog.Option.DontUseNativeDialog,
        )
        if paths:
            self.attach_photos([Path(p) for p in paths])

    def attach_photos(self, paths: list[Path]) -> None:
        """Put photos on the note being typed, else the last note of this activity, else a new
        note that says it is a photo. Storing (normalising to JPEG) runs off the GUI thread."""
        a, area = self.activity(), self.focus_area()
        if self.review is None or a is None or area is None:
            return
        if self.entry.text().strip():
            self.save_draft()
        note = (
            self.draft or self.last_note or Draft(self.review.id, a.id, self.author.currentData())
        )
        self.last_note = note if self.draft is None else self.last_note
        kind, focus_id, placeholder = self.kind(), area.id, self.tr("Photo of pupils' work")
        self._jobs += 1
        self.status.setText(self.tr("Storing %n photo(s)…", "", len(paths)))

        def store() -> Any:
            changes = []
            if note.id is None:  # no note yet: one that says it is a photo
                created = self.workspace.add_note(
                    note.review_id,
                    focus_id=focus_id,
                    kind=kind,
                    text=placeholder,
                    activity_id=note.activity_id,
                    author_id=note.author_id,
                )
                note.id = created.id
                changes.append(created.changes)
            for path in paths:
                changes.append(self.workspace.attach_photo(note.id, path).changes)
            return changes[0].union(*changes[1:])

        def done(_changes: Any) -> None:
            self._jobs -= 1
            self.status.setText(self.tr("%n photo(s) added to the note.", "", len(paths)))

        def failed(exc: BaseException) -> None:
            self._jobs -= 1
            self.status.setText("")
            show_exception(self, exc)

        # Not the initiator: the shown review is read again (the note's photos are shown).
        CollectionOp(self, store).success(done).failure(failed).with_progress(
            self.tr("Storing photos…")
        ).run_in_background(initiator=None)

    # --- a finished note: edited in place, deleted, a photo taken off --------------------
    def note(self, note_id: str) -> NoteRow | None:
        return self.review.note(note_id) if self.review else None

    def _let_go_of(self, note_id: str) -> None:
        """A note changed or deleted from the list is no longer the one being typed or the
        one photos go on (later keystrokes start a new note)."""
        if self.draft is not None and self.draft.id == note_id:
            self.draft = None
            self.entry.setText("")
        if self.last_note is not None and self.last_note.id == note_id:
            self.last_note = None

    def _show_saved(self, review_id: str, change: Callable[[ReviewDetail], ReviewDetail]) -> None:
        """Keep the shown review in step with a saved change (a copy: read models are frozen)
        and redraw the notes, without reading the whole review again."""
        if self.review is not None and self.review.id == review_id:
            self.review = change(self.review)
            self._show_notes()

    def edit_note_text(self, note_id: str, text: str) -> None:
        """Save a listed note's new words (F2, then Enter). A note is never emptied: Delete
        removes one."""
        note = self.note(note_id)
        if note is None or text == note.text:
            return
        if not text:
            self.status.setText(self.tr("A note cannot be left empty; press Delete to delete it."))
            return
        self._edit_note(note_id, self.tr("edit note"), text=text)

    def set_note_kind(self, note_id: str, kind: str) -> None:
        note = self.note(note_id)
        if note is not None and kind != note.kind:
            self._edit_note(note_id, self.tr("change kind of note"), kind=kind)

    def set_note_focus(self, note_id: str, focus_id: str) -> None:
        note = self.note(note_id)
        if note is not None and focus_id != note.focus_id:
            self._edit_note(note_id, self.tr("change focus area"), focus_id=focus_id)

    def _edit_note(self, note_id: str, label: str, **change: str) -> None:
        """Save ``change`` (text, kind and/or focus_id) to a listed note as one transaction,
        and offer its undo: the same edit with the old values."""
        note = self.note(note_id)
        if note is None or self.review is None:
            return
        old = {k: getattr(note, k) for k in change}
        review_id = self.review.id
        self._let_go_of(note_id)

        def done(_changes: Any) -> None:
            def edited(r: ReviewDetail) -> ReviewDetail:
                now = r.note(note_id)
                if now is None:
                    return r
                return r.with_note(
                    replace(
                        now,
                        text=change.get("text", now.text),
                        kind=change.get("kind", now.kind),
                        focus_id=change.get("focus_id", now.focus_id),
                    )
                )

            self._show_saved(review_id, edited)
            self.status.setText(self.tr("Note changed."))
            self.undoable.emit(Undoable(label, lambda ws: ws.edit_note(note_id, **old)))

        CollectionOp(self, lambda: self.workspace.edit_note(note_id, **change)).success(
            done
        ).run_in_background(initiator=self)

    def delete_note(self, note_id: str) -> None:
        """Delete a listed note (a tombstone that travels); Ctrl+Z brings it back."""
        if self.note(note_id) is None or self.review is None:
            return
        review_id = self.review.id
        self._let_go_of(note_id)

        def done(_changes: Any) -> None:
            self._show_saved(
                review_id,
                lambda r: replace(r, notes=tuple(n for n in r.notes if n.id != note_id)),
            )
            self.status.setText(self.tr("Note deleted. Ctrl+Z brings it back."))
            self.undoable.emit(
                Undoable(self.tr("delete note"), lambda ws: ws.restore_note(note_id))
            )

        CollectionOp(self, lambda: self.workspace.delete_note(note_id)).success(
            done
        ).run_in_background(initiator=self)

    def remove_photo(self, note_id: str, sha256: str) -> None:
        """Take one photo off a note (the note stays); Ctrl+Z puts it back."""
        note = self.note(note_id)
        if note is None or self.review is None or sha256 not in note.photos:
            return
        review_id = self.review.id

        def done(_changes: Any) -> None:
            def taken_off(r: ReviewDetail) -> ReviewDetail:
                now = r.note(note_id)
                if now is None:
                    return r
                return r.with_note(
                    replace(
                        now,
                        photos=tuple(p for p in now.photos if p != sha256),
                        report_photos=tuple(p for p in now.report_photos if p != sha256),
                    )
                )

            self._show_saved(review_id, taken_off)
            self.status.setText(self.tr("Photo taken off the note. Ctrl+Z puts it back."))
            self.undoable.emit(
                Undoable(self.tr("remove photo"), lambda ws: ws.restore_photo(note_id, sha256))
            )

        CollectionOp(self, lambda: self.workspace.remove_photo(note_id, sha256)).success(
            done
        ).run_in_background(initiator=self)

    def note_menu(self, note_id: str) -> QMenu:
        """What a right-click on a listed note offers: edit its words, its kind or its focus
        area, delete it, and take off each photo (shown small, so the right one is chosen)."""
        from PySide6.QtGui import QIcon, QPixmap

        menu = QMenu(self)
        note = self.note(note_id)
        for lst in (self.notes, self.partner_notes):
            rows = [lst.item(i) for i in range(lst.count())]
            item = next((r for r in rows if r.data(ID_ROLE) == note_id), None)
            if item is not None:
                edit = menu.addAction(self.tr("Edit the words (F2)"))
                edit.triggered.connect(lambda _=False, lst=lst, item=item: lst.editItem(item))
        kinds = menu.addMenu(self.tr("Kind of note"))
        for kind in labels.NOTE_KINDS:
            action = kinds.addAction(labels.label(labels.NOTE_KINDS, kind))  # type: ignore[arg-type]
            action.setCheckable(True)
            action.setChecked(note is not None and note.kind == kind)
            action.triggered.connect(lambda _=False, k=kind: self.set_note_kind(note_id, k))
        areas = menu.addMenu(self.tr("Focus area"))
        for area in self.review.focus_areas if self.review else ():
            action = areas.addAction(area.title)
            action.setCheckable(True)
            action.setChecked(note is not None and note.focus_id == area.id)
            action.triggered.connect(lambda _=False, f=area.id: self.set_note_focus(note_id, f))
        menu.addAction(self.tr("Delete the note (Del)"), lambda: self.delete_note(note_id))
        photos = note.photos if note is not None else ()
        if photos:
            menu.addSeparator()
        for i, sha in enumerate(photos, 1):
            icon = QIcon(QPixmap(str(self.workspace.photo_path(sha))))
            menu.addAction(
                icon,
                self.tr("Remove photo %1 of %2")
                .replace("%1", str(i))
                .replace("%2", str(len(photos))),
                lambda sha=sha: self.remove_photo(note_id, sha),
            )
        return menu

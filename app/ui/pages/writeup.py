"""Write-up: WWW and EBI statements composed beside the evidence, for one focus area at a time.

A statement with no evidence, and an EBI with no next step, are flagged: challenge, not a cosy
chat. Statement text is saved as it is typed. The preview shows what the report will say.

Everything listed can be changed and deleted, and each change tells Edit > Undo how to take it
back. A statement is edited in the editor below the list (F2 or a double-click on it goes
there); its rewording is one undoable edit from choosing it to leaving it (Ctrl+Z inside the
editor is the editor's own typing undo). Delete on the list deletes it. A next step's words are
edited in place in its list (F2, Enter saves, Esc cancels); a right-click changes its owner
or its date (app/ui/pages/next_steps.py).
A statement is never stored empty or as only its placeholder ("What went well:"): the service
refuses it, and while it is being typed the page just waits for words of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.dates import display_date
from app.errors import EmptyStatement, ImplausibleDate
from app.services.read_models import ActionRow, FindingRow, ReviewDetail, ReviewSummary
from app.ui import labels
from app.ui.date_field import DateField
from app.ui.errors import show_exception
from app.ui.inplace import with_keys_and_menu
from app.ui.operations import CollectionOp, Latest, QueryOp
from app.ui.pages.last_visit import LastVisitPanel
from app.ui.pages.next_step_status import NextStepStatus
from app.ui.pages.next_steps import NextStepList
from app.ui.pages.writeup_side import WriteUpSide
from app.ui.pages.writeup_team import TeamOnlyNotice
from app.ui.review_status import ReviewStatusLabel
from app.ui.undo import Undoable
from app.ui.widgets import fill_review_box, key_for, searchable

if TYPE_CHECKING:
    from app.services.changes import Changes
    from app.services.workspace import Workspace

NO_EVIDENCE = QT_TRANSLATE_NOOP("WriteUpPage", "⚠ no evidence linked")
NO_NEXT_STEP = QT_TRANSLATE_NOOP("WriteUpPage", "⚠ no next step")
HALF_LIGHT = 128  # QColor.lightness() runs 0-255: below the middle is a dark palette


def statement_flags(finding: FindingRow, actions: Sequence[ActionRow]) -> list[str]:
    flags = []
    if not finding.evidence:
        flags.append(QCoreApplication.translate("WriteUpPage", NO_EVIDENCE))
    if finding.kind == "ebi" and not any(a.finding_id == finding.id for a in actions):
        flags.append(QCoreApplication.translate("WriteUpPage", NO_NEXT_STEP))
    return flags


def statement_label(finding: FindingRow, actions: Sequence[ActionRow]) -> str:
    flags = statement_flags(finding, actions)
    tail = (
        "  ".join(flags)
        if flags
        else QCoreApplication.translate("WriteUpPage", "(%n evidence)", "", len(finding.evidence))
    )
    star = "★ " if finding.good_practice else ""
    return f"{star}{finding.kind.upper()}: {finding.text}   {tail}"


def flag_colour(widget: QWidget) -> QColor:
    """A warning red that reads on the system's palette, light or dark."""
    dark = widget.palette().color(QPalette.ColorRole.Base).lightness() < HALF_LIGHT
    return QColor("#ff8a80") if dark else QColor("#b00020")


@dataclass
class NewStatement:
    """A statement begun with Alt+W / Alt+E: stored only once it has words of its own (never
    as an empty or placeholder statement); saves keep their order on the writing thread, so
    the first creates it and sets ``id`` there, and the later ones edit it."""

    review_id: str
    focus_id: str
    kind: str
    id: str | None = None


@dataclass
class Rewording:
    """A statement being reworded in the editor: its words when it was chosen, the words last
    stored, and the saves still on their way. Once it is left and every save has answered,
    the difference is offered to Edit > Undo as one edit (a refused save changes nothing)."""

    finding_id: str
    before: str
    saved: str
    pending: int = 0
    ended: bool = False
    offered: bool = False


class WriteUpPage(QWidget):
    loaded = Signal(str)  # a review has opened (its id)
    undoable = Signal(object)  # an Undoable for Edit > Undo, after each edit or deletion
    statement_saved = Signal(str)  # a statement's new words are stored (its id)

    def __init__(self, workspace: Workspace) -> None:  # noqa: PLR0915 (builds the page's widgets, top to bottom)
        super().__init__()
        self.workspace = workspace
        self.review: ReviewDetail | None = None
        self.new: NewStatement | None = None
        self.rewording: Rewording | None = None
        self.shown_id: str | None = None  # the statement whose words the editor holds
        self._stale = False
        self.review_box = searchable(QComboBox())
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
        self.editor.setPlaceholderText(
            self.tr("Choose a statement to edit it; changes are saved as you type.")
        )
        self.good_practice = QCheckBox(self.tr("Good practice"))
        self.good_practice.setToolTip(
            self.tr("Good practice to share with the network (in the report, Alt+P)")
        )
        self.release = QPushButton(self.tr("Release to the network…"))
        self.release.setToolTip(
            self.tr(
                "The host school shares this strength, a summary and a contact with every "
                "school of its networks; nothing else of the review goes with it."
            )
        )
        self.release.clicked.connect(self._release_dialog)
        self.suggestion = QLabel(wordWrap=True)
        self.suggestion.setAccessibleName(self.tr("Schools to learn from"))
        self.suggestion.hide()
        self._suggesting = Latest()
        self.add_www = QPushButton(self.tr("Add WWW"))
        self.add_ebi = QPushButton(self.tr("Add EBI"))
        self.link = QPushButton(self.tr("Link selected evidence →"))
        self.unlink = QPushButton(self.tr("Unlink"))
        self.unlink.setToolTip(self.tr("Take the selected evidence off the chosen statement"))
        self.next_text = QLineEdit(placeholderText=self.tr("Next step for the chosen statement"))
        self.next_owner = QComboBox()
        self.next_due = DateField("due date")
        self.next_due.setAccessibleName(self.tr("Due date of the next step"))
        self.add_next = QPushButton(self.tr("Add next step"))
        self.next_steps = NextStepList(
            workspace,
            review=lambda: self.review,
            apply=self._apply,
            owners=self._team,
            say=self._say,
            failed=self._failed,
            initiator=self,
        )
        self.next_steps.undoable.connect(self.undoable)
        self.step_status = NextStepStatus(  # the chosen next step's status and impact note
            workspace,
            self.next_steps,
            review=lambda: self.review,
            apply=self._apply,
            say=self._say,
            failed=self._failed,
            initiator=self,
        )
        self.step_status.undoable.connect(self.undoable)
        self.loaded.connect(self.step_status.review_loaded)
        self.last_visit = LastVisitPanel(  # the visit this one follows up, and our view now
            workspace,
            review=lambda: self.review,
            writing=True,
            reload=self._reload,
            failed=self._failed,
            initiator=self,
        )
        self.loaded.connect(self.last_visit.review_loaded)
        self.preview = QTextBrowser()
        self.preview.setAccessibleName(self.tr("Report preview"))
        # The school's own view, comments, summary and photos beside the preview (issue 11).
        self.team_only = TeamOnlyNotice()  # on the host's laptop: why it cannot write them
        self.side = WriteUpSide(self, workspace, self.preview, self.last_visit)
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
        mv.addWidget(self.team_only)
        mv.addWidget(self.statements, 3)
        mv.addLayout(buttons)
        mv.addWidget(self.editor, 2)
        gp_row = QHBoxLayout()
        gp_row.addWidget(self.good_practice, 1)
        gp_row.addWidget(self.release)
        mv.addLayout(gp_row)
        mv.addWidget(self.suggestion)
        form = QFormLayout()
        form.addRow(self.tr("Next step"), self.next_text)
        form.addRow(self.tr("Owner"), self.next_owner)
        form.addRow(self.tr("By"), self.next_due)
        mv.addLayout(form)
        mv.addWidget(self.add_next)
        mv.addWidget(self.next_steps, 1)
        mv.addWidget(self.step_status)
        split = QSplitter(Qt.Orientation.Horizontal)
        right = self.side  # a follow-up's last visit is in its top box
        for w in (left, mid, right):
            split.addWidget(w)
        split.setSizes([360, 440, 340])
        split.setChildrenCollapsible(False)
        for w in (left, mid, right):
            w.setMinimumWidth(220)
        top = QHBoxLayout()
        top.addWidget(self.review_box, 2)
        top.addWidget(self.focus, 3)
        self.status_line = ReviewStatusLabel(workspace)  # "Accuracy check — draft sent …"
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status_line)
        layout.addWidget(split, 1)

        self.review_box.currentIndexChanged.connect(self._on_review_box_changed)
        self.focus.currentIndexChanged.connect(self._on_focus_changed)
        self.filter.textChanged.connect(self._fill_evidence)
        self.statements.currentRowChanged.connect(self._on_statements_row_changed)
        self.statements.setToolTip(self.tr("F2 edits the chosen statement, Delete deletes it"))
        self.statements.itemDoubleClicked.connect(lambda _item: self.editor.setFocus())
        QShortcut(
            QKeySequence(Qt.Key.Key_F2),
            self.statements,
            context=Qt.ShortcutContext.WidgetShortcut,
        ).activated.connect(self.editor.setFocus)
        with_keys_and_menu(self.statements, self.delete_statement, self.statement_menu)
        self.editor.textChanged.connect(
            lambda: None if self._save.isActive() else self._save.start()
        )
        self.editor.setTabChangesFocus(True)
        self._save.timeout.connect(self.save_statement)
        self.add_www.clicked.connect(lambda: self._add("www"))
        self.add_ebi.clicked.connect(lambda: self._add("ebi"))
        self.link.clicked.connect(self._on_link_clicked)
        self.unlink.clicked.connect(self._on_unlink_clicked)
        self.add_next.clicked.connect(self._on_add_next_clicked)
        self.good_practice.toggled.connect(self._on_good_practice_toggled)
        for button, keys in (
            (self.add_www, "Alt+W"),
            (self.add_ebi, "Alt+E"),
            (self.link, "Alt+L"),
            (self.unlink, "Alt+U"),
            (self.good_practice, "Alt+P"),
            (self.add_next, "Alt+N"),
        ):
            key_for(self, button, keys)

    def activate(self) -> None:
        self.reload_reviews()

    def on_changes(self, changes: Changes, initiator: object) -> None:
        """Redraw from what changed elsewhere (this page's own edits are already shown, but
        the first statement moves the review to "written up": its status is read again)."""
        if initiator is self:
            if self.review is not None and changes.touches("findings"):
                self._refresh_status()
            return
        if not changes.touches("reviews", "people"):
            return
        if self.isVisible():
            self.reload_reviews()
        else:
            self._stale = True

    def reload_reviews(self, select: str | None = None) -> None:
        """List the reviews and open the chosen one, off the GUI thread (``loaded`` says when)."""
        current = select or (self.review.id if self.review else None)
        self._stale = False
        QueryOp(
            self, self.workspace.list_reviews, lambda rows: self._on_reviews_listed(rows, current)
        ).superseding(self._loader).run_in_background()

    def _refresh_status(self) -> None:
        """The status line and the chooser's "(written up)" again, without reading the review
        (a long one takes tens of ms) or disturbing what is being typed."""
        if self.review is None:
            return
        self.status_line.show_for(self.review.id)
        QueryOp(
            self,
            self.workspace.list_reviews,
            lambda rows: fill_review_box(
                self.review_box, rows, self.review_box.currentData(), notify=False
            ),
        ).run_in_background()

    def _on_reviews_listed(self, rows: list[ReviewSummary], current: str | None) -> None:
        fill_review_box(self.review_box, rows, current, notify=False)
        self._on_review_box_changed()

    def _reload(self, *_: Any) -> None:
        """Read the review again (after a failure: show what is really saved). Successful edits
        update the shown review in place instead: a 2,000-note review takes tens of ms to read."""
        if self.review:
            review_id = self.review.id
            QueryOp(
                self, lambda: self.workspace.review_detail(review_id), self._show_review
            ).superseding(self._loader).run_in_background()

    def _on_review_box_changed(self, *_: Any) -> None:
        review_id = self.review_box.currentData()
        if not self.review or self.review.id != review_id:
            self.finish_statement()  # what was being typed belongs to the review it was typed in
        if not review_id:
            self._show_review(None)
            return
        QueryOp(
            self, lambda: self.workspace.review_detail(review_id), self._show_review
        ).superseding(self._loader).run_in_background()

    def _show_review(self, detail: ReviewDetail | None) -> None:
        same = bool(detail and self.review and detail.id == self.review.id)
        keep_focus = self.focus.currentData() if same else None  # coming back keeps the place
        keep_statement = self._current_id() if same else None
        if not same:
            self.new = None
        self.review = detail
        self.focus.blockSignals(True)
        self.focus.clear()
        for area in self.review.focus_areas if self.review else ():
            self.focus.addItem(area.title, area.id)
        if keep_focus:
            self.focus.setCurrentIndex(max(self.focus.findData(keep_focus), 0))
        self.focus.blockSignals(False)
        self.next_owner.clear()
        for t in self.review.team if self.review else ():
            if t.role != "host-staff":
                self.next_owner.addItem(t.name or "", t.person_id)
        self._fill_evidence()
        self._fill_statements(keep=keep_statement)
        self.next_steps.refill()
        self._fill_preview()
        self.status_line.show_for(self.review.id if self.review else None)
        if self.review:
            self.loaded.emit(self.review.id)

    def _on_focus_changed(self, *_: Any) -> None:
        self.finish_statement()
        self.new = None
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
        for n in self.review.notes:
            if n.focus_id != focus_id:
                continue
            text = n.text.casefold()
            if all(w in text for w in words):
                item = QListWidgetItem(
                    f"[{labels.label(labels.NOTE_KINDS, n.kind)}] {n.text} — {n.author or ''}"
                )
                item.setData(Qt.ItemDataRole.UserRole, n.id)
                self.evidence.addItem(item)
        self._bold_linked()

    def findings(self) -> list[FindingRow]:
        focus_id = self.focus.currentData()
        return [f for f in (self.review.findings if self.review else ()) if f.focus_id == focus_id]

    def _current_id(self) -> str | None:
        item = self.statements.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _fill_statements(self, keep: str | None = None, *, show: bool = True) -> None:
        self.statements.blockSignals(True)
        self.statements.clear()
        actions = self.review.actions if self.review else ()
        for f in self.findings():
            item = QListWidgetItem(statement_label(f, actions))
            item.setData(Qt.ItemDataRole.UserRole, f.id)
            if statement_flags(f, actions):
                item.setForeground(flag_colour(self.statements))
                item.setToolTip(
                    self.tr(
                        "Challenge, not a cosy chat: every statement should rest on evidence, and "
                        "every EBI should have a next step."
                    )
                )
            self.statements.addItem(item)
            if f.id == keep:
                self.statements.setCurrentItem(item)
        self.statements.blockSignals(False)
        if show:
            self._show_current()
        else:
            self._bold_linked()

    def _finding(self, finding_id: str | None) -> FindingRow | None:
        """One of the review's statements, whichever focus area it is in."""
        return self.review.finding(finding_id) if self.review and finding_id else None

    def current_finding(self) -> FindingRow | None:
        fid = self._current_id()
        return next((f for f in self.findings() if f.id == fid), None)

    def _on_statements_row_changed(self, *_: Any) -> None:
        self.finish_statement()
        self.new = None
        self._show_current()

    def _show_current(self) -> None:
        """The chosen statement in the editor (a new one being begun keeps what is typed)."""
        if self.new is not None:
            return
        f = self.current_finding()
        self._end_rewording()
        self.rewording = Rewording(f.id, f.text, f.text) if f else None
        self.shown_id = f.id if f else None
        self.editor.blockSignals(True)
        self.editor.setPlainText(f.text if f else "")
        self.editor.setPlaceholderText(
            self.tr("Choose a statement to edit it; changes are saved as you type.")
        )
        self.editor.blockSignals(False)
        self.good_practice.blockSignals(True)
        self.good_practice.setChecked(bool(f and f.good_practice))
        self.good_practice.blockSignals(False)
        self.release.setEnabled(bool(f and f.kind == "www"))
        self._suggest(f)
        self._bold_linked()

    def _bold_linked(self) -> None:
        f = self.current_finding()
        linked = set(f.evidence) if f else set()
        for i in range(self.evidence.count()):
            item = self.evidence.item(i)
            font = item.font()
            font.setBold(item.data(Qt.ItemDataRole.UserRole) in linked)
            item.setFont(font)

    def _add(self, kind: str) -> None:
        """Begin a WWW or EBI statement: the editor is cleared and says which; nothing is stored
        until words are typed."""
        if not self.review or self.focus.currentData() is None:
            return
        self.finish_statement()
        self.rewording = None  # typing a new statement is not an edit to undo
        self.shown_id = None
        self.new = NewStatement(self.review.id, self.focus.currentData(), kind)
        self.statements.blockSignals(True)
        self.statements.clearSelection()
        self.statements.setCurrentRow(-1)
        self.statements.blockSignals(False)
        self.editor.blockSignals(True)
        self.editor.clear()
        self.editor.setPlaceholderText(
            self.tr("What went well: type the statement (saved as you type)")
            if kind == "www"
            else self.tr("Even better if: type the statement (saved as you type)")
        )
        self.editor.blockSignals(False)
        self.good_practice.blockSignals(True)
        self.good_practice.setChecked(False)
        self.good_practice.blockSignals(False)
        self._bold_linked()
        self.editor.setFocus()

    def save_statement(self) -> None:
        """Save the editor's words, off the GUI thread: a new statement is created by its first
        save; an empty editor stores nothing."""
        self._save.stop()
        text = self.editor.toPlainText().strip()
        # The statement the editor holds, not the row just chosen: choosing another statement
        # saves the words typed into the one that was chosen before.
        new, f = self.new, self._finding(self.shown_id)
        if not text or not self.review or (new is None and (f is None or text == f.text)):
            return
        review = self.review
        if new is not None:
            made: list[str] = []  # the statement, when this save is the one that creates it

            def save() -> Any:
                if new.id is None:
                    created = self.workspace.add_finding(
                        new.review_id, focus_id=new.focus_id, kind=new.kind, text=text
                    )
                    new.id = created.id
                    made.append(created.id)
                    return created.changes
                return self.workspace.edit_finding(new.id, text=text)

            def saved(_changes: Any) -> None:
                assert new.id is not None
                if made:  # its undo deletes it (its words typed since go with it)
                    fid = made[0]
                    self.undoable.emit(
                        Undoable(self.tr("add statement"), lambda ws: ws.delete_finding(fid))
                    )
                if self.review is None or self.review.id != review.id:
                    return
                found = self.review.finding(new.id) or FindingRow(
                    id=new.id, focus_id=new.focus_id, kind=new.kind, text=text, good_practice=False
                )
                self.review = self.review.with_finding(replace(found, text=text))
                typing = self.new is new
                if typing:
                    self.new = None  # from now on it is a statement like the others
                    self.shown_id = new.id
                # The editor keeps what was typed since this save was asked for.
                self._fill_statements(keep=new.id if typing else self._current_id(), show=False)
                self._fill_preview()
                self.statement_saved.emit(new.id)

            CollectionOp(self, save).success(saved).failure(self._not_saved).run_in_background(
                initiator=self
            )
            return
        assert f is not None
        fid = f.id
        rewording = self.rewording if self.rewording and self.rewording.finding_id == fid else None
        if rewording is not None:
            rewording.pending += 1

        def edited(_changes: Any) -> None:
            g = self._patch(review.id, fid, text=text)
            for i in range(self.statements.count()):
                item = self.statements.item(i)
                if g is not None and item.data(Qt.ItemDataRole.UserRole) == fid:
                    item.setText(statement_label(g, self.review.actions if self.review else ()))
            self._fill_preview()
            self.statement_saved.emit(fid)
            if rewording is not None:
                rewording.saved = text
                self._answered(rewording)

        def refused(exc: BaseException) -> None:
            if rewording is not None:
                self._answered(rewording)
            self._not_saved(exc)

        CollectionOp(self, lambda: self.workspace.edit_finding(fid, text=text)).success(
            edited
        ).failure(refused).run_in_background(initiator=self)

    def _not_saved(self, exc: BaseException) -> None:
        """A statement with no words of its own yet ("Even better if:") is not stored, and
        not an error while it is being typed: the editor keeps it and says so."""
        if isinstance(exc, EmptyStatement):
            self._say(exc.user_message)
            return
        self._failed(exc)

    def _say(self, sentence: str) -> None:
        bar = getattr(self.window(), "statusBar", None)
        if bar is not None:
            bar().showMessage(sentence, 6000)

    def finish_statement(self) -> None:
        """Save what the editor holds and close the rewording of the chosen statement: one
        undoable edit, from the words it had when chosen to what was saved. The same
        statement stays open for a new rewording."""
        if not self.editor.toPlainText().strip() and self._finding(self.shown_id) is not None:
            self._say(self.tr("A statement is never left empty; press Delete to delete it."))
        self.save_statement()
        self._end_rewording()

    def _end_rewording(self) -> None:
        r = self.rewording
        if r is None:
            return
        r.ended = True
        # The same statement, afresh, from what is stored (or on its way to being stored;
        # pages read the review again after any change made elsewhere, undo included).
        text = self.editor.toPlainText().strip() if r.pending else ""
        stored = text or r.saved
        self.rewording = Rewording(r.finding_id, stored, stored)
        self._answered(r, 0)

    def _answered(self, r: Rewording, saves: int = 1) -> None:
        """A save of ``r`` has answered (or ``r`` was left): once it is left and nothing is
        on its way, offer its one undo."""
        r.pending -= saves
        if not r.ended or r.pending > 0 or r.offered or r.saved == r.before:
            return
        r.offered = True
        fid, before = r.finding_id, r.before
        self.undoable.emit(
            Undoable(self.tr("edit statement"), lambda ws: ws.edit_finding(fid, text=before))
        )

    def _failed(self, exc: BaseException) -> None:
        show_exception(self, exc)
        self._reload()  # after a failure, show what is really saved

    def _selected_notes(self) -> list[str]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self.evidence.selectedItems()]

    def _on_link_clicked(self) -> None:
        self._link(True)

    def _on_unlink_clicked(self) -> None:
        self._link(False)

    def _link(self, on: bool) -> None:
        self.save_statement()
        f = self.current_finding()
        notes = self._selected_notes()
        if f is None or not notes:
            return
        notes = [n for n in notes if (n not in f.evidence) == on]
        fid, review_id = f.id, self.review.id if self.review else ""

        def done(_changes: Any) -> None:
            g = self.review.finding(fid) if self.review is not None else None
            if g is not None:
                self._patch(
                    review_id,
                    fid,
                    evidence=(*g.evidence, *notes)
                    if on
                    else tuple(n for n in g.evidence if n not in notes),
                )
            self._fill_statements(keep=fid)
            self._fill_preview()
            self.undoable.emit(
                Undoable(self.tr("link evidence"), lambda ws: ws.unlink_evidence(fid, notes))
                if on
                else Undoable(self.tr("unlink evidence"), lambda ws: ws.link_evidence(fid, notes))
            )

        op = (
            (lambda: self.workspace.link_evidence(fid, notes))
            if on
            else (lambda: self.workspace.unlink_evidence(fid, notes))
        )
        CollectionOp(self, op).success(done).failure(self._failed).run_in_background(initiator=self)

    def _on_add_next_clicked(self) -> None:
        self.save_statement()
        f = self.current_finding()
        text, owner_id = self.next_text.text().strip(), self.next_owner.currentData()
        if not self.review or not text or not owner_id:
            return
        due = self.next_due.value()
        if due is None:  # the field says why in red; nothing is stored
            return
        review, owner = self.review, self.next_owner.currentText()
        fid = f.id if f else None

        def done(created: Any) -> None:
            self.next_text.clear()
            action_id = created.id
            self.undoable.emit(
                Undoable(self.tr("add next step"), lambda ws: ws.delete_action(action_id))
            )
            if self.review is not None and self.review.id == review.id:
                self.review = self.review.with_action(
                    ActionRow(
                        id=created.id,
                        text=text,
                        owner=owner,
                        owner_id=owner_id,
                        due=due.isoformat(),
                        status="open",
                        finding_id=fid,
                    )
                )
            self._fill_statements(keep=fid)
            self.next_steps.refill()
            self._fill_preview()

        CollectionOp(
            self,
            lambda: self.workspace.add_action(
                review.id, text=text, owner_id=owner_id, due=due, finding_id=fid
            ),
        ).success(done).failure(self._on_add_next_failed).run_in_background(initiator=self)

    def _on_add_next_failed(self, exc: BaseException) -> None:
        """A due date the services refuse (before the visit) is said beside the field."""
        if isinstance(exc, ImplausibleDate) and exc.what == "due date":
            self.next_due.show_error(exc.user_message)
        else:
            self._failed(exc)

    def _on_good_practice_toggled(self, on: bool) -> None:
        self.save_statement()
        f = self.current_finding()
        if f is None:
            return
        fid, review_id = f.id, self.review.id if self.review else ""

        def done(_changes: Any) -> None:
            self._patch(review_id, fid, good_practice=on)
            self._fill_statements(keep=fid)
            self._fill_preview()
            self.undoable.emit(
                Undoable(
                    self.tr("mark good practice") if on else self.tr("unmark good practice"),
                    lambda ws: ws.edit_finding(fid, good_practice=not on),
                )
            )

        CollectionOp(self, lambda: self.workspace.edit_finding(fid, good_practice=on)).success(
            done
        ).failure(self._failed).run_in_background(initiator=self)

    def _patch(self, review_id: str, finding_id: str, **changed: Any) -> FindingRow | None:
        """Keep the shown review in step with a saved edit of one statement, without reading
        the whole review again; the statement as it now is (None when it is not shown)."""
        if self.review is None or self.review.id != review_id:
            return None
        found = self.review.finding(finding_id)
        if found is None:
            return None
        found = replace(found, **changed)
        self.review = self.review.with_finding(found)
        return found

    def _fill_preview(self) -> None:
        if not self.review:
            self.preview.clear()
            return
        notes = {n.id: n for n in self.review.notes}
        parts = [
            f"<h3>{escape(self.review.host_school.name if self.review.host_school else '')}</h3>"
        ]
        if self.review.summary:  # the writer's overall summary opens the report
            parts.append(
                f"<h4>{escape(self.tr('Summary'))}</h4><p>{escape(self.review.summary)}</p>"
            )
        for area in self.review.focus_areas:
            parts.append(f"<a name='focus-{escape(area.id)}'></a><h4>{escape(area.title)}</h4>")
            written = [f for f in self.review.findings if f.focus_id == area.id]
            if not written:  # else what follows (the next steps) reads as this area's
                parts.append(f"<p><i>{escape(self.tr('No statements yet.'))}</i></p>")
            for f in written:
                label = escape(labels.label(labels.FINDING_KINDS, f.kind))
                quotes = "".join(
                    f"<br><small>“{escape(notes[e].text[:120])}”</small>"
                    for e in f.evidence
                    if e in notes
                )
                shared = (
                    f" <i>({escape(self.tr('good practice, shared with the network'))})</i>"
                    if f.good_practice
                    else ""
                )
                parts.append(f"<p><b>{label}</b>: {escape(f.text)}{shared}{quotes}</p>")
        if self.review.actions:
            parts.append(
                f"<h4>{escape(self.tr('Agreed next steps'))}</h4><ul>"
                + "".join(
                    f"<li>{escape(a.text)} ({escape(a.owner or '')}, {display_date(a.due)})</li>"
                    for a in self.review.actions
                )
                + "</ul>"
            )
        self.preview.setHtml("".join(parts))
        if self.focus.currentIndex() > 0:  # the preview follows the focus area being written
            self.preview.scrollToAnchor(f"focus-{self.focus.currentData()}")

    # --- deleting statements; editing and deleting next steps ----------------------------
    def delete_statement(self, finding_id: str) -> None:
        """Delete a statement (a tombstone that travels); its next steps stay, unlinked.
        Ctrl+Z brings it back with its evidence and next steps."""
        if self._current_id() == finding_id:
            self.finish_statement()
        if self.review is None or self.review.finding(finding_id) is None:
            return
        review_id = self.review.id

        def done(_changes: Any) -> None:
            if self.rewording is not None and self.rewording.finding_id == finding_id:
                self.rewording = None
            if self.review is not None and self.review.id == review_id:
                r = self.review
                self.review = replace(
                    r,
                    findings=tuple(f for f in r.findings if f.id != finding_id),
                    actions=tuple(  # its next steps stay, no longer linked
                        replace(a, finding_id=None) if a.finding_id == finding_id else a
                        for a in r.actions
                    ),
                )
                self._fill_statements(keep=self._current_id())
                self.next_steps.refill()
                self._fill_preview()
            self._say(self.tr("Statement deleted. Ctrl+Z brings it back."))
            self.undoable.emit(
                Undoable(self.tr("delete statement"), lambda ws: ws.restore_finding(finding_id))
            )

        CollectionOp(self, lambda: self.workspace.delete_finding(finding_id)).success(done).failure(
            self._failed
        ).run_in_background(initiator=self)

    def statement_menu(self, finding_id: str) -> QMenu:
        menu = QMenu(self)
        menu.addAction(self.tr("Edit the words (F2)"), self.editor.setFocus)
        menu.addAction(
            self.tr("Delete the statement (Del)"), lambda: self.delete_statement(finding_id)
        )
        return menu

    # --- the network: release a strength, suggest where to go for an EBI -----------------
    def _suggest(self, f: FindingRow | None) -> None:
        """Beside an EBI, the schools whose released practice matches it (so its next step can
        name where to go); nothing for a WWW."""
        if f is None or f.kind != "ebi":
            self.suggestion.hide()
            return
        fid = f.id
        QueryOp(self, lambda: self.workspace.suggestions(fid), self._show_suggestions).superseding(
            self._suggesting
        ).run_in_background()

    def _show_suggestions(self, found: list[Any]) -> None:
        current = self.current_finding()
        if not found or current is None or current.kind != "ebi":
            self.suggestion.hide()
            return
        names = "; ".join(
            f"{escape(x.school)} ({escape(x.contact)}): {escape(x.area)}"
            if x.contact
            else f"{escape(x.school)}: {escape(x.area)}"
            for x in found
        )
        self.suggestion.setText(self.tr("Schools that released matching practice: ") + names)
        self.suggestion.show()

    def _release_dialog(self) -> None:
        f = self.current_finding()
        if f is None or self.review is None or f.kind != "www":
            return
        host = self.review.host_school.id if self.review.host_school else None
        fid = f.id
        QueryOp(
            self,
            lambda: [p for p in self.workspace.people() if p.school_id == host],
            lambda people: self._ask_release(fid, people),
        ).run_in_background()

    def _ask_release(self, finding_id: str, people: list[Any]) -> None:
        from PySide6.QtWidgets import QDialog, QDialogButtonBox

        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Release good practice to the network"))
        contact = QComboBox()
        for p in people:
            contact.addItem(p.name, p.id)
        summary = QLineEdit(placeholderText=self.tr("What a visitor would come to see"))
        form = QFormLayout(dialog)
        form.addRow(
            QLabel(
                self.tr(
                    "The statement, this summary and the contact go to every school of the "
                    "host's networks. Nothing else of the review does."
                ),
                wordWrap=True,
            )
        )
        form.addRow(self.tr("&Contact"), contact)
        form.addRow(self.tr("&Summary"), summary)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(dialog.accept)
        box.rejected.connect(dialog.reject)
        form.addRow(box)
        if dialog.exec() != QDialog.DialogCode.Accepted or contact.currentData() is None:
            return
        person, words = str(contact.currentData()), summary.text()
        CollectionOp(
            self, lambda: self.workspace.release_practice(finding_id, person, words)
        ).success(
            lambda _r: self._say(
                self.tr("Released: the host's networks receive it with the next packages.")
            )
        ).failure(self._failed).run_in_background(initiator=self)

    def _team(self) -> list[tuple[str, str]]:
        """Who a next step may be given to: the whole team, host staff included (next steps
        are mostly the host school's to carry out)."""
        team = self.review.team if self.review else ()
        return list({t.person_id: t.name or "" for t in team}.items())

    def _apply(self, review: ReviewDetail) -> None:
        """The shown review, as a saved change to a next step left it: redraw the next steps,
        the statements' flags (an EBI may have lost its only one) and the preview."""
        self.review = review
        self.next_steps.refill()
        self._fill_statements(keep=self._current_id(), show=False)
        self._fill_preview()

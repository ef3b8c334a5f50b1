"""Lines of enquiry from last time: on Review day and in Write-up of a visit that follows up an
earlier one, a compact panel "From our last visit (12 Nov 2026)" with that visit's EBIs, the
next steps agreed from them, their status and impact notes.

In Write-up each earlier EBI has a field "Our view now": the team's view of it on this visit,
saved as it is typed (like a statement), as a statement of this review that answers the EBI
(app.services.followup.record_view_now); the report prints it under "Since our last visit".
The panel is hidden when the review follows none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.dates import display_date
from app.errors import EmptyStatement
from app.ui.operations import CollectionOp
from app.ui.pages.next_step_status import status_words

if TYPE_CHECKING:
    from app.services.read_models import ReviewDetail
    from app.services.workspace import Workspace

SAVE_DELAY_MS = 300  # as Review day's notes and Write-up's statements


def stacked(top: QWidget, bottom: QWidget, sizes: tuple[int, int]) -> QSplitter:
    """``top`` above ``bottom``, the line between them movable (how the pages mount the panel)."""
    split = QSplitter(Qt.Orientation.Vertical)
    split.addWidget(top)
    split.addWidget(bottom)
    split.setSizes(list(sizes))
    split.setChildrenCollapsible(False)
    return split


def step_html(a: dict[str, Any]) -> str:
    """One earlier next step: its words, owner and date, status, and impact note."""
    who = ", ".join(x for x in (a.get("owner") or "", display_date(a.get("due"))) if x)
    line = (
        f"• {escape(a['text'])} <i>({escape(who)})</i> — <b>{escape(status_words(a['status']))}</b>"
    )
    if a.get("impact"):
        line += f"<br>&nbsp;&nbsp;Impact: {escape(a['impact'])}"
    return line


class _ViewField(QLineEdit):
    """A view-now field that scrolls itself into sight when it takes the focus (by Tab, a
    click, or a test)."""

    def __init__(self, shown: Callable[[QWidget], None]) -> None:
        super().__init__()
        self._shown = shown

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._shown(self)


@dataclass
class ViewNow:
    """The team's view now of one earlier EBI: its field and the statement that holds it (None
    until the first save creates it, on the writing thread, so later saves edit it)."""

    review_id: str
    ebi_id: str
    field: QLineEdit
    kind: QComboBox  # met (a WWW) or still to do (an EBI)
    finding_id: str | None = None
    pending: int = 0


class LastVisitPanel(QGroupBox):
    def __init__(
        self,
        workspace: Workspace,
        *,
        review: Callable[[], ReviewDetail | None],
        writing: bool = False,
        reload: Callable[[], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
        initiator: object = None,
    ) -> None:
        """``review()``: the review the page shows; ``writing``: offer "Our view now" fields
        (Write-up); ``reload``: read the page's review again after a view is saved (its
        statements and preview show it); ``failed``: where a refused save goes."""
        super().__init__()
        self.workspace, self._review, self.writing = workspace, review, writing
        self._reload, self._failed, self._initiator = reload, failed, initiator
        self.views: dict[str, ViewNow] = {}  # by earlier EBI id
        self.shown_for: str | None = None  # the review whose earlier visit is shown
        self.setAccessibleName(self.tr("From our last visit"))
        self.body = QWidget()
        self.rows = QVBoxLayout(self.body)
        self.rows.setContentsMargins(4, 4, 4, 4)
        self.scroller = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QVBoxLayout(self).addWidget(scroll)
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_views)
        self._typed: set[str] = set()  # EBIs whose view was typed since the last save
        self.hide()

    def sizeHint(self) -> QSize:
        return QSize(300, 220)

    def review_loaded(self, *_: object) -> None:
        """The page has opened (or read again) a review: show its earlier visit, or hide."""
        review = self._review()
        last = review.since_last_visit if review is not None else None
        if review is None or not last:
            self.save_views()
            self.shown_for = None
            self.hide()
            return
        if review.id == self.shown_for:
            self._update_views(review)
            return
        self.save_views()  # what was typed belongs to the review it was typed in
        self.shown_for = review.id
        self._fill(review, last)
        self.show()

    def _fill(self, review: ReviewDetail, last: dict[str, Any]) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.views.clear()
        self.setTitle(
            self.tr("From our last visit ({date})").format(date=display_date(last["start_date"]))
        )
        if not last["ebis"] and not last["other_actions"]:
            self.rows.addWidget(QLabel(self.tr("No EBIs were recorded on the last visit.")))
        for ebi in last["ebis"]:
            steps = "<br>".join(step_html(a) for a in ebi["actions"]) or escape(
                self.tr("No next step was agreed.")
            )
            label = QLabel(
                f"<b>{escape(self.tr('EBI'))}</b> <i>({escape(ebi['focus'])})</i>: "
                f"{escape(ebi['text'])}<br><small>{steps}</small>"
            )
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.rows.addWidget(label)
            if self.writing:
                self._add_view(review, ebi)
        if last["other_actions"]:
            other = "<br>".join(step_html(a) for a in last["other_actions"])
            head = escape(self.tr("Other next steps agreed then"))
            label = QLabel(f"<b>{head}</b><br><small>{other}</small>")
            label.setWordWrap(True)
            self.rows.addWidget(label)
        self.rows.addStretch(1)

    def _add_view(self, review: ReviewDetail, ebi: dict[str, Any]) -> None:
        ebi_id = str(ebi["id"])
        field = _ViewField(self.scroller.ensureWidgetVisible)
        field.setPlaceholderText(self.tr("Our view now (saved as you type)"))
        field.setAccessibleName(self.tr("Our view now of: {ebi}").format(ebi=ebi["text"][:60]))
        field.setToolTip(
            self.tr(
                "The team's view of this EBI on this visit; the report prints it under "
                "“Since our last visit”."
            )
        )
        kind = QComboBox()
        kind.addItem(self.tr("Met (WWW)"), "www")
        kind.addItem(self.tr("Still to do (EBI)"), "ebi")
        kind.setAccessibleName(self.tr("Is it met?"))
        kind.setToolTip(self.tr("Met prints as 'What went well', still to do as 'Even better if'"))
        existing = self._view_of(review, ebi_id)
        view = ViewNow(review.id, ebi_id, field, kind, existing[0] if existing else None)
        field.setText(existing[2] if existing else "")
        field.setCursorPosition(0)
        kind.setCurrentIndex(max(kind.findData(existing[1]), 0) if existing else 0)
        field.textEdited.connect(lambda _text, e=ebi_id: self._on_view_edited(e))
        field.editingFinished.connect(self.save_views)
        kind.activated.connect(lambda _i, e=ebi_id: self._on_kind_activated(e))
        self.views[ebi_id] = view
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(QLabel(f"<b>{escape(self.tr('Our view now'))}</b>"))
        line.addStretch(1)
        line.addWidget(kind)
        self.rows.addWidget(row)
        self.rows.addWidget(field)

    @staticmethod
    def _view_of(review: ReviewDetail, ebi_id: str) -> tuple[str, str, str] | None:
        """This review's statement answering the earlier EBI (its id, kind and words), if any."""
        found = next((f for f in review.findings if f.follows_finding_id == ebi_id), None)
        return (found.id, found.kind, found.text) if found else None

    def _update_views(self, review: ReviewDetail) -> None:
        """The same review read again: learn the statements' ids, and show words changed
        elsewhere in the fields nobody is typing in."""
        for ebi_id, view in self.views.items():
            existing = self._view_of(review, ebi_id)
            if existing is None:
                continue
            if view.finding_id is None:
                view.finding_id = existing[0]
            busy = view.field.hasFocus() or view.pending or ebi_id in self._typed
            if not busy and view.field.text() != existing[2]:
                view.field.setText(existing[2])
            if not busy:
                view.kind.setCurrentIndex(max(view.kind.findData(existing[1]), 0))

    # --- saving as typed -----------------------------------------------------------------
    def _on_view_edited(self, ebi_id: str) -> None:
        self._typed.add(ebi_id)
        if not self._timer.isActive():
            self._timer.start()

    def save_views(self) -> None:
        """Save every view typed since the last save, off the GUI thread: the first save of a
        view creates its statement, the later ones edit it. An empty field stores nothing."""
        self._timer.stop()
        typed, self._typed = self._typed, set()
        for ebi_id in typed:
            view = self.views.get(ebi_id)
            text = view.field.text().strip() if view else ""
            if view is None or not text:
                continue
            self._save(view, text)

    def _on_kind_activated(self, ebi_id: str) -> None:
        """Met or still to do: a view already saved is made again as the other kind; one not
        yet saved takes the kind when its words are saved."""
        view = self.views.get(ebi_id)
        if view is None:
            return
        self.save_views()
        text, kind = view.field.text().strip(), str(view.kind.currentData())
        if not text:
            return

        def change() -> Any:
            if view.finding_id is None:  # its first save has not made it yet
                return self._create(view, text, kind)
            created = self.workspace.change_view_kind(
                view.review_id, view.ebi_id, view.finding_id, kind, text
            )
            view.finding_id = created.id
            return created.changes

        self._run(view, change)

    def _create(self, view: ViewNow, text: str, kind: str) -> Any:
        created = self.workspace.record_view_now(view.review_id, view.ebi_id, text, kind)
        view.finding_id = created.id
        return created.changes

    def _save(self, view: ViewNow, text: str) -> None:
        kind = str(view.kind.currentData())

        def save() -> Any:
            if view.finding_id is None:
                return self._create(view, text, kind)
            return self.workspace.edit_finding(view.finding_id, text=text)

        self._run(view, save)

    def _run(self, view: ViewNow, save: Callable[[], Any]) -> None:
        """One save of a view, on the writing thread after the earlier ones; the page reads
        its review again once the last has answered."""

        def saved(_changes: Any) -> None:
            view.pending -= 1
            if self._reload is not None and view.pending == 0:
                self._reload()

        def refused(exc: BaseException) -> None:
            view.pending -= 1
            if isinstance(exc, EmptyStatement):
                return  # words of its own are still being typed
            if self._failed is not None:
                self._failed(exc)

        view.pending += 1
        CollectionOp(self, save).success(saved).failure(refused).run_in_background(
            initiator=self._initiator
        )

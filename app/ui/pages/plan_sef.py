"""Plan's second tab, "The school's own view": the host school's context and, per focus area,
its self-evaluation and what it wants the team to look at, saved as they are typed; and who
may read the report, changed at once (with Edit > Undo) on the host school's laptops.

On any other laptop both are shown read-only, with the reason in one line: they are the host
school's words and decisions, and reach the visiting team in its packages.

Saving follows Review day and Write-up: a keystroke starts a 300 ms timer (a throttle, not a
debounce: a steady typist is saved every 300 ms), and a field's words are saved for the review
they were typed into before another review, another tab or another page is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.ui import labels
from app.ui.date_field import warning_colour
from app.ui.errors import show_exception
from app.ui.operations import CollectionOp, Latest, QueryOp
from app.ui.undo import Undoable

if TYPE_CHECKING:
    from PySide6.QtGui import QHideEvent

    from app.services.changes import Changes
    from app.services.workspace import Outcome, PlanForm, Workspace
    from app.services.workspace_plan import OwnView
    from app.ui.pages.plan import PlanPage

SAVE_DELAY_MS = 300  # as Review day's note box and Write-up's statement editor
Field = tuple[str | None, str]  # (focus area id, or None for the context; "sef" / "look_at")


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlanOwnView", text)


def _editor(name: str, placeholder: str, lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    # A fixed height: a short text is a few lines, and the tab scrolls, not the boxes' sizes.
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


def _read_only(edit: QPlainTextEdit, read_only: bool) -> None:
    """Read-only boxes take the window's colour, so they do not look like boxes to type in."""
    edit.setReadOnly(read_only)
    palette = edit.palette()
    palette.setColor(
        QPalette.ColorRole.Base,
        QApplication.palette().color(
            QPalette.ColorRole.Window if read_only else QPalette.ColorRole.Base
        ),
    )
    edit.setPalette(palette)


class OwnViewPanel(QWidget):
    """The host school's own view of the review open on Plan (``show_form``)."""

    def __init__(self, workspace: Workspace, page: PlanPage) -> None:
        super().__init__()
        self.workspace = workspace
        self.page = page  # the initiator of its saves: the plan form is not read again for them
        self.view: OwnView | None = None
        self._dirty: set[Field] = set()
        self._loader = Latest()
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(_tr("Who writes the school's own view"))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.context = _editor(
            _tr("The school's context"),
            _tr("The school in a few lines: its pupils, its recent history, what it is working on"),
            5,
        )
        self.context.textChanged.connect(lambda: self._typed((None, "context")))
        self.editors: dict[Field, QPlainTextEdit] = {(None, "context"): self.context}
        self.areas = QWidget()
        self.areas_grid = QGridLayout(self.areas)
        self.areas_grid.setContentsMargins(0, 0, 0, 0)
        self.areas_grid.setColumnStretch(0, 1)
        self.areas_grid.setColumnStretch(1, 1)
        inner = QWidget()
        column = QVBoxLayout(inner)
        heading = QLabel(_tr("<b>Context</b>"))
        heading.setBuddy(self.context)
        column.addWidget(heading)
        column.addWidget(self.context)
        column.addWidget(QLabel(_tr("<b>Each focus area, in the school's own words</b>")))
        column.addWidget(self.areas)
        column.addStretch(1)
        self.body = QScrollArea()
        self.body.setWidgetResizable(True)
        self.body.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.problem)
        layout.addWidget(self.body, 1)
        self.show_form(None)

    # --- which review ------------------------------------------------------------------
    def show_form(self, form: PlanForm | None) -> QueryOp[Any] | None:
        """Show the own view of the visit open on Plan (None: a new visit, not saved yet).
        Words typed for the review shown before are saved first, for that review."""
        self.flush()
        if form is None:
            self._loader.cancel()
            self.view = None
            self.body.hide()
            self.notice.setText(
                _tr(
                    "Plan the visit first, or choose one above and press Change this visit: "
                    "then the host school writes its context and its own view of each focus area "
                    "here, for the visiting team."
                )
            )
            return None
        return self.load(form.id)

    def load(self, review_id: str) -> QueryOp[Any]:
        ws = self.workspace
        return (
            QueryOp(self, lambda: ws.own_view(review_id), self._show)
            .superseding(self._loader)
            .run_in_background()
        )

    def on_changes(self, changes: Changes, initiator: object) -> None:
        """A change made elsewhere (a package, an undo) to the review shown: read it again,
        keeping what is being typed here."""
        view = self.view
        if view is not None and view.review_id in changes.reviews and initiator is not self.page:
            self.load(view.review_id)

    def _show(self, view: OwnView) -> None:
        same = (
            self.view is not None
            and self.view.review_id == view.review_id
            and [a.id for a in self.view.areas] == [a.id for a in view.areas]
        )
        if not same:
            self.flush()
            self._dirty.clear()
            self._build(view)
        self.view = view
        stored: dict[Field, str] = {(None, "context"): view.context}
        for a in view.areas:
            stored[(a.id, "sef")] = a.self_evaluation
            stored[(a.id, "look_at")] = a.look_at
        for key, edit in self.editors.items():
            _read_only(edit, not view.may_write)
            if key in self._dirty or (same and edit.hasFocus()):
                continue  # the words being typed win over what was read
            if edit.toPlainText() != stored.get(key, ""):
                edit.blockSignals(True)
                edit.setPlainText(stored.get(key, ""))
                edit.blockSignals(False)
        self.problem.hide()
        self.body.show()
        if view.may_write:
            self.notice.setText(
                _tr(
                    "Saved as you type. The visiting team receives it in your school's next "
                    "package, and in the pre-visit pack (File > Pre-visit pack)."
                )
            )
        else:
            self.notice.setText(
                _tr(
                    "Written by %1, the host school, for the visiting team: read-only here."
                ).replace("%1", view.host_school)
            )

    def _build(self, view: OwnView) -> None:
        """One row per focus area: its title, then two boxes side by side."""
        while self.areas_grid.count():
            item = self.areas_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.editors = {(None, "context"): self.context}
        for i, area in enumerate(view.areas):
            title = QLabel(area.title)
            title.setTextFormat(Qt.TextFormat.PlainText)  # the school's words, never markup
            title.setWordWrap(True)
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            sef = _editor(
                _tr("Our self-evaluation: %1").replace("%1", area.title),
                _tr("Where we think we are, and why"),
                4,
            )
            look = _editor(
                _tr("What we want the team to look at: %1").replace("%1", area.title),
                _tr("Where and what the team should see, and whom to talk to"),
                4,
            )
            for key, edit in (((area.id, "sef"), sef), ((area.id, "look_at"), look)):
                self.editors[key] = edit
                edit.textChanged.connect(lambda key=key: self._typed(key))
            row = 4 * i
            self.areas_grid.addWidget(title, row, 0, 1, 2)
            for column, (caption, edit) in enumerate(
                ((_tr("Our self-evaluation"), sef), (_tr("What we want the team to look at"), look))
            ):
                label = QLabel(caption)
                label.setBuddy(edit)
                self.areas_grid.addWidget(label, row + 1, column)
                self.areas_grid.addWidget(edit, row + 2, column)
            self.areas_grid.setRowMinimumHeight(row + 3, 12)

    # --- saving as typed -------------------------------------------------------------------
    def _typed(self, key: Field) -> None:
        if self.view is None or not self.view.may_write:
            return
        self._dirty.add(key)
        if not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        """Save every field typed into since the last save, for the review it belongs to, one
        transaction per field (changes run one at a time, in order, so a later save never
        overtakes an earlier one)."""
        self._timer.stop()
        view, dirty = self.view, sorted(self._dirty, key=lambda k: (k[0] or "", k[1]))
        self._dirty.clear()
        if view is None:
            return
        for key in dirty:
            edit = self.editors.get(key)
            if edit is not None:
                CollectionOp(self, self._save(view.review_id, key, edit.toPlainText())).success(
                    self._saved
                ).failure(self._not_saved).run_in_background(initiator=self.page)

    def _save(self, review_id: str, key: Field, text: str) -> Callable[[], Changes]:
        """The Workspace call that saves one field's words (run on the writer thread)."""
        ws, (focus_id, field) = self.workspace, key
        if focus_id is None:
            return lambda: ws.save_context(review_id, text)
        return lambda: ws.save_self_evaluation(
            review_id,
            focus_id,
            text=text if field == "sef" else None,
            look_at=text if field == "look_at" else None,
        )

    def _saved(self, _changes: Any) -> None:
        self.problem.hide()

    def _not_saved(self, exc: BaseException) -> None:
        """Refused words (too long, another school's laptop) stay in the box, and the reason
        is said under the notice: no dialog while someone types."""
        if not isinstance(exc, AppError):
            show_exception(self, exc)
            return
        self.problem.setStyleSheet(f"color: {warning_colour(self)};")
        self.problem.setText(exc.user_message)
        self.problem.show()

    def hideEvent(self, event: QHideEvent) -> None:  # another tab, page or the window closing
        self.flush()
        super().hideEvent(event)


class DistributionControl:
    """Plan's "Report goes to": chosen when the visit is planned, and afterwards changed at once
    on the host school's laptops (one transaction, Edit > Undo takes it back); elsewhere it is
    read-only and a line says who decides."""

    def __init__(self, page: PlanPage) -> None:
        self.page = page
        self.box: QComboBox = page.distribution
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.hide()
        self.row = QWidget()
        column = QVBoxLayout(self.row)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.box)
        column.addWidget(self.reason)
        self.box.activated.connect(self._on_box_activated)

    def show_form(self, form: PlanForm | None) -> None:
        """A new visit: chosen with the rest of the plan. A planned one: the host school's
        laptops change it at once; others read it with the reason."""
        self.box.setEnabled(form is None or form.may_plan)
        if form is None:
            self.reason.hide()
            return
        self.reason.setText(
            _tr("Saved as soon as it is chosen (not with Save changes); Edit > Undo takes it back.")
            if form.may_plan
            else _tr("Decided by %1, the host school, on its own laptops.").replace(
                "%1", form.host_school
            )
        )
        self.reason.show()

    def _on_box_activated(self, index: int) -> None:
        form = self.page.editing
        to = self.box.itemData(index)
        if form is None or to == form.distribution:
            return
        ws, review_id, before = self.page.workspace, form.id, form.distribution

        def done(_outcome: Outcome[str]) -> None:
            editing = self.page.editing
            if editing is not None and editing.id == review_id:
                self.page.editing = replace(editing, distribution=to)
            self.page.undoable.emit(
                Undoable(
                    _tr("change who receives the report"),
                    lambda w: w.set_distribution(review_id, before).changes,
                )
            )
            self.page._say(
                _tr("The report now goes to: %1. Edit > Undo takes it back.").replace(
                    "%1", labels.label(labels.DISTRIBUTIONS, to).lower()
                )
            )

        def refused(exc: BaseException) -> None:
            self.box.setCurrentIndex(max(self.box.findData(before), 0))
            show_exception(self.page, exc)

        CollectionOp(self.page, lambda: ws.set_distribution(review_id, to)).success(done).failure(
            refused
        ).run_in_background(initiator=self.page)


def plan_tabs(page: PlanPage, plan: QWidget) -> QTabWidget:
    """Plan's two tabs: the plan itself (``plan``), and the school's own view
    (``page.own_view``). The plan's button shows only beside the plan."""
    tabs = QTabWidget()
    tabs.setDocumentMode(True)
    tabs.addTab(plan, _tr("The p&lan"))
    tabs.addTab(page.own_view, _tr("The school's &own view"))
    tabs.currentChanged.connect(lambda index: page.plan.setVisible(index == 0))
    return tabs

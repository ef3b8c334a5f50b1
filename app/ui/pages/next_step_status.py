"""Under Write-up's next steps: the chosen next step's status (Open / In progress / Done) and its
impact note, set by the host school.

Only the host school's laptops say how its next steps are going (the service refuses anyone
else, app.services.followup.set_action_progress); on another school's laptop the controls are
shown disabled, with the reason in one line. The status is saved when it is chosen; the impact
note when Enter is pressed or the field is left (like a next step's words, edited in place).
Each save offers its undo: the same call with the old status and note.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.inplace import ID_ROLE
from app.ui.operations import CollectionOp, Latest, QueryOp
from app.ui.undo import Undoable

if TYPE_CHECKING:
    from app.services.changes import Changes
    from app.services.read_models import ActionRow, ReviewDetail, SiteInfo
    from app.services.workspace import Workspace
    from app.ui.pages.next_steps import NextStepList

STATUSES = (("open", "Open"), ("in-progress", "In progress"), ("done", "Done"))


def status_words(status: str) -> str:
    """'Open', 'In progress' or 'Done' (a status the window does not know is shown as it is)."""
    words = dict(STATUSES).get(status, status)
    return QCoreApplication.translate("NextStepStatus", words)


def why_not_here(site: SiteInfo, review: ReviewDetail) -> str | None:
    """None when this laptop may mark the review's next steps (it is the host school's, or has
    not been told its school yet: the service does not check that either); else why not."""
    host = review.host_school
    if site.school_id is None or host is None or site.school_id == host.id:
        return None
    return QCoreApplication.translate(
        "NextStepStatus",
        "Only {host}'s laptops mark how its next steps are going; this laptop belongs to {mine}.",
    ).format(host=host.name, mine=site.school or site.school_id)


class NextStepStatus(QWidget):
    undoable = Signal(object)  # an Undoable, after each saved change

    def __init__(
        self,
        workspace: Workspace,
        steps: NextStepList,
        *,
        review: Callable[[], ReviewDetail | None],
        apply: Callable[[ReviewDetail], None],
        say: Callable[[str], None],
        failed: Callable[[BaseException], None],
        initiator: object,
    ) -> None:
        """``steps``: the list whose chosen next step these controls show; the rest as for
        NextStepList."""
        super().__init__()
        self.workspace, self.steps = workspace, steps
        self._review, self._apply, self._say = review, apply, say
        self._failed, self._initiator = failed, initiator
        self.reason: str | None = None  # why this laptop may not mark them (None: it may)
        self._reading = Latest()
        self.status = QComboBox()
        for key, _words in STATUSES:
            self.status.addItem(status_words(key), key)
        self.status.setAccessibleName(self.tr("Status of the chosen next step"))
        self.impact = QLineEdit(
            placeholderText=self.tr("Impact: what difference it made (Enter saves)")
        )
        self.impact.setAccessibleName(self.tr("Impact note of the chosen next step"))
        self.notice = QLabel(wordWrap=True)
        self.notice.setAccessibleName(self.tr("Who may mark next steps"))
        self.notice.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.status)
        row.addWidget(self.impact, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.notice)
        self.status.activated.connect(self._on_status_activated)
        self.impact.editingFinished.connect(self._on_impact_editing_finished)
        steps.currentItemChanged.connect(self._on_steps_current_item_changed)
        self._show(None)

    # --- what is shown ---------------------------------------------------------------
    def review_loaded(self, *_: object) -> None:
        """A review has opened on the page: read again whose laptop this is (it may have been
        told its school since) and show the chosen next step."""
        review = self._review()
        if review is None:
            return
        QueryOp(self, self.workspace.site, self._on_site_read).superseding(
            self._reading
        ).run_in_background()

    def _on_site_read(self, site: SiteInfo) -> None:
        review = self._review()
        self.reason = why_not_here(site, review) if review is not None else None
        self.notice.setText(self.reason or "")
        self.notice.setToolTip(self.reason or "")
        self.notice.setVisible(self.reason is not None)
        self._show(self._chosen())

    def _chosen(self) -> ActionRow | None:
        item = self.steps.currentItem()
        return self.steps.step(str(item.data(ID_ROLE))) if item is not None else None

    def _on_steps_current_item_changed(self, *_: QListWidgetItem | None) -> None:
        self._show(self._chosen())

    def _show(self, a: ActionRow | None) -> None:
        may = a is not None and self.reason is None
        self.status.setEnabled(may)
        self.impact.setEnabled(may)
        self.status.blockSignals(True)
        self.status.setCurrentIndex(max(self.status.findData(a.status), 0) if a else 0)
        self.status.blockSignals(False)
        self.impact.setText(a.impact if a else "")
        self.impact.setCursorPosition(0)  # a long note shows its beginning
        if a is None:
            self.status.setToolTip(self.tr("Choose a next step to mark how it is going"))
        else:
            self.status.setToolTip(self.reason or self.tr("How the chosen next step is going"))

    # --- saving ----------------------------------------------------------------------
    def _on_status_activated(self, _index: int) -> None:
        a = self._chosen()
        status = str(self.status.currentData())
        if a is not None and status != a.status:
            self._save(a, status, None, self.tr("mark next step"))

    def _on_impact_editing_finished(self) -> None:
        a = self._chosen()
        words = self.impact.text().strip()
        if a is None or words == a.impact or not self.impact.isEnabled():
            return
        if not words:
            self.impact.setText(a.impact)
            self._say(self.tr("An impact note is never left empty; type what difference it made."))
            return
        self._save(a, a.status, words, self.tr("edit impact note"))

    def _save(self, a: ActionRow, status: str, impact: str | None, label: str) -> None:
        """Store the status (and the note, when given), show it, and offer the undo. A first
        note cannot be taken back to no note (the service keeps a note once written): writing
        one offers no undo of its own."""
        action_id, old_status, old_impact = a.id, a.status, a.impact

        def done(_changes: Changes) -> None:
            review, now = self._review(), self.steps.step(action_id)
            if review is not None and now is not None:
                shown = replace(now, status=status, impact=impact if impact else now.impact)
                self._apply(review.with_action(shown))
            if old_impact or status != old_status:  # else there is nothing to take back to
                self.undoable.emit(
                    Undoable(
                        label,
                        lambda ws: ws.set_action_progress(
                            action_id, old_status, old_impact or None
                        ),
                    )
                )
            self._say(self.tr("Next step marked: {status}.").format(status=status_words(status)))

        def refused(exc: BaseException) -> None:
            self._show(self._chosen())
            self._failed(exc)

        op = CollectionOp(
            self, lambda: self.workspace.set_action_progress(action_id, status, impact)
        ).success(done)
        op.failure(refused)
        op.run_in_background(initiator=self._initiator)

"""The review's status in words, with the day of the fact it rests on ("Accuracy check — draft
sent 24 Nov 2026"), shown at the top of Write-up. It is read again each time the page shows a
review, and the page shows it again whenever a change names the review (a draft made, a
report signed, a countersigned copy recorded): the status follows the facts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.dates import display_date
from app.ui.labels import STATUSES, label
from app.ui.operations import Latest, QueryOp

if TYPE_CHECKING:
    from app.services.workspace import Workspace
    from app.services.workspace_signoff import StatusLine

# "%1" is the day of the fact.
SINCE = {
    "accuracy-check": QT_TRANSLATE_NOOP("ReviewStatus", "Accuracy check — draft sent %1"),
    "signed": QT_TRANSLATE_NOOP("ReviewStatus", "Signed by the writer %1"),
    "countersigned": QT_TRANSLATE_NOOP("ReviewStatus", "Countersigned %1"),
    "shared": QT_TRANSLATE_NOOP("ReviewStatus", "Shared %1"),
}


def status_words(line: StatusLine) -> str:
    """The status as a sentence's start: "Written up", "Accuracy check — draft sent …"."""
    if line.since is not None and line.status in SINCE:
        return QCoreApplication.translate("ReviewStatus", str(SINCE[line.status])).replace(
            "%1", display_date(line.since)
        )
    words = str(label(STATUSES, line.status))
    return words[:1].upper() + words[1:]


class ReviewStatusLabel(QLabel):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setAccessibleName(self.tr("Status of the review"))
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._latest = Latest()

    def show_for(self, review_id: str | None) -> None:
        if not review_id:
            self._latest.cancel()
            self.clear()
            return
        QueryOp(self, lambda: self.workspace.review_status(review_id), self._show).superseding(
            self._latest
        ).run_in_background()

    def _show(self, line: StatusLine) -> None:
        text = self.tr("Status: %1").replace("%1", status_words(line))
        if line.changed_since_signed:
            text += self.tr(
                " · changed since it was signed: produce and sign the report again (Ctrl+R)"
            )
        self.setText(text)

"""File › Mark the report shared…: the last step of a review, once the host headteacher's
countersignature is recorded and the report has been given to those it goes to. The window's
status stopped at "countersigned" before (only the command line recorded "shared").

The review is chosen as for the other sign-off actions (the one on screen is chosen already);
one question makes sure it is meant; a review not yet countersigned is refused with the
service's sentence, and nothing changes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from app.ui.errors import show_exception
from app.ui.operations import CollectionOp, QueryOp

if TYPE_CHECKING:
    from app.services.read_models import ReviewSummary
    from app.services.workspace import Workspace


def _tr(text: str) -> str:
    return QCoreApplication.translate("SharedAction", text)


def mark_shared(window: Any, workspace: Workspace) -> None:
    """Choose the review, confirm, record it (off the GUI thread); say the outcome."""
    from app.ui.dialogs import ChooseReviewDialog

    def listed(reviews: list[ReviewSummary]) -> None:
        dialog = ChooseReviewDialog(window, reviews, window.current_review())
        dialog.setWindowTitle(_tr("Mark the report shared"))
        try:
            chosen = dialog.chosen() if dialog.exec() == dialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
        review = next((r for r in reviews if r.id == chosen), None)
        if review is not None:
            _confirm(window, workspace, review)

    QueryOp(window, workspace.list_reviews, listed).run_in_background()


def _confirm(window: Any, workspace: Workspace, review: ReviewSummary) -> None:
    answer = QMessageBox.question(
        window,
        _tr("Mark the report shared"),
        _tr(
            "Have you given the countersigned report of %1 to those it goes to? Its status "
            "becomes shared, the last step."
        ).replace("%1", review.host_school),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    CollectionOp(window, lambda: workspace.mark_shared(review.id)).success(
        lambda _changes: window.statusBar().showMessage(
            _tr("The report of %1 is marked shared.").replace("%1", review.host_school), 8000
        )
    ).failure(lambda exc: show_exception(window, exc)).run_in_background(initiator=window)

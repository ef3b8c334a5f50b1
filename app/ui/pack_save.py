"""File > Pre-visit pack…: the pack PDF of the current review (app/services/pack.py), saved
where the person chooses; a short box then says where it went and offers to open it
(app/ui/saved_file.py), and the status bar keeps the line. A file that cannot be
written, or a review no longer here, is one sentence through the error sink (app/ui/errors.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.ui.operations import CollectionOp, QueryOp

if TYPE_CHECKING:
    from app.services.read_models import ReviewSummary
    from app.services.workspace_plan import PackWritten
    from app.ui.file_menu import FileActions
    from app.ui.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("PackSave", text)


def current_review(window: MainWindow) -> str | None:
    """The visit open on Plan when Plan is shown, else the window's current review."""
    plan = window._made.get("plan")
    editing = getattr(plan, "editing", None)
    if plan is not None and window.stack.currentWidget() is plan and editing is not None:
        return str(editing.id)
    found = window.current_review()
    return str(found) if found else None


def save_pre_visit_pack(files: FileActions, review_id: str | None = None) -> None:
    """Ask where to save the pack of ``review_id`` (else the current review; with none, the
    review is chosen first), then write it off the GUI thread. Words still being typed on any
    page are saved first, and the pack is written after them (changes run in order)."""
    window = files.window
    window._save_open_work()
    wanted = review_id or current_review(window)

    def listed(reviews: list[ReviewSummary]) -> None:
        chosen = wanted
        if chosen is None:
            from app.ui.dialogs import ChooseReviewDialog

            chosen = ChooseReviewDialog.ask(window, reviews, None)
            if not chosen:
                return
        review = next((r for r in reviews if r.id == chosen), None)
        name = (
            f"{review.host_school} {review.start_date} pre-visit pack.pdf".replace("/", "-")
            if review is not None
            else "pre-visit pack.pdf"
        )
        path = files._save_name(_tr("Save the pre-visit pack"), name, "PDF (*.pdf)")
        if path:
            write(window, chosen, Path(path))

    QueryOp(window, files.workspace.list_reviews, listed).run_in_background()


def write(window: MainWindow, review_id: str, out: Path) -> CollectionOp[PackWritten]:
    """Written on the writer thread, so after every save asked for before it; it changes no
    record, so nothing is broadcast. Failures go to the error sink."""
    ws = window.workspace

    def done(written: PackWritten) -> None:
        window.statusBar().showMessage(
            _tr("Pre-visit pack saved to %1 (%2 pages).")
            .replace("%1", str(written.path))
            .replace("%2", str(written.pages)),
            15_000,
        )
        from app.ui.saved_file import offer_to_open

        offer_to_open(
            window,
            _tr("Pre-visit pack saved"),
            _tr("Pre-visit pack saved to %1.").replace("%1", str(written.path)),
            written.path,
        )

    return (
        CollectionOp(window, lambda: ws.write_pack(review_id, out))
        .success(done)
        .with_progress(_tr("Writing the pre-visit pack…"))
        .run_in_background(initiator=window)
    )

"""Sign-off from the File menu: the checklist before Ctrl+R signs, the draft for factual
accuracy, and a countersigned copy recorded from a received PDF. Each call to the core is an
operation through the Workspace (app/services/workspace_signoff.py); each change is broadcast,
so the review's status, wherever it is shown, follows what happened.

File dialogs are Qt's own (tests answer them; native ones cannot be driven).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.ui.labels import STATUSES, label
from app.ui.operations import CollectionOp, QueryOp
from app.ui.saved_file import offer_to_open
from app.ui.signoff_dialog import Answer, SignOffDialog

if TYPE_CHECKING:
    from app.services.read_models import ReviewSummary
    from app.services.workspace_signoff import Checklist, ChecklistItem
    from app.ui.main_window import MainWindow

NO_NATIVE = QFileDialog.Option.DontUseNativeDialog
WRITEUP_ROW = 3  # Write-up's place in the window's list of sections


class SignOffActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = window.workspace

    # --- the checklist before signing ----------------------------------------------------
    def check_before_signing(self, review_id: str, then: Callable[[], None]) -> None:
        """Show the review's checklist; ``then()`` (the signing) only when the person signs.
        "Go to it" opens the first blocker instead."""

        def checked(check: Checklist) -> None:
            answer = SignOffDialog.ask(self.window, check)
            if answer is Answer.SIGN:
                then()
            elif answer is Answer.GO_TO and check.blocking:
                self.go_to(check.review_id, check.blocking[0])

        QueryOp(
            self.window, lambda: self.workspace.signoff_check(review_id), checked
        ).run_in_background()

    def go_to(self, review_id: str, item: ChecklistItem) -> None:
        """An empty statement: Write-up, on its focus area, the statement chosen and its words
        ready to type. An open conflict: the conflicts, to keep one version."""
        if item.code != "empty-statement":
            self.window.files.conflicts_dialog()
            return
        page = self.window.writeup

        def loaded(rid: str) -> None:
            if rid != review_id:
                return
            page.loaded.disconnect(loaded)
            finding = page.review.finding(item.record_id) if page.review else None
            if finding is None:
                return
            page.focus.setCurrentIndex(max(page.focus.findData(finding.focus_id), 0))
            for row in range(page.statements.count()):
                if page.statements.item(row).data(Qt.ItemDataRole.UserRole) == item.record_id:
                    page.statements.setCurrentRow(row)
            page.editor.setFocus()

        page.loaded.connect(loaded)
        self.window.nav.setCurrentRow(WRITEUP_ROW)
        page.reload_reviews(review_id)

    # --- choosing the review -----------------------------------------------------------
    def _choose(self, title: str, then: Callable[[ReviewSummary], None]) -> None:
        from app.ui.dialogs import ChooseReviewDialog

        def listed(reviews: list[ReviewSummary]) -> None:
            dialog = ChooseReviewDialog(self.window, reviews, self.window.current_review())
            dialog.setWindowTitle(title)
            try:
                chosen = dialog.chosen() if dialog.exec() == dialog.DialogCode.Accepted else None
            finally:
                dialog.deleteLater()
            review = next((r for r in reviews if r.id == chosen), None)
            if review is not None:
                then(review)

        self.window._save_open_work()
        QueryOp(self.window, self.workspace.list_reviews, listed).run_in_background()

    # --- the draft for factual accuracy --------------------------------------------------
    def draft_dialog(self) -> None:
        """File > Draft for factual accuracy: refused in one sentence while anything blocks
        the report (before a file is asked for); otherwise saved where the person chooses,
        and the review moves to accuracy check."""
        self._choose(self.tr("Draft for factual accuracy"), self._draft_checked)

    def _draft_checked(self, review: ReviewSummary) -> None:
        def checked(check: Checklist) -> None:
            if not check.ready:
                QMessageBox.warning(
                    self.window, self.tr("Draft for factual accuracy"), check.sentence
                )
                return
            name = f"{review.host_school} {review.start_date} draft for factual accuracy.pdf"
            path, _ = QFileDialog.getSaveFileName(
                self.window,
                self.tr("Save the draft for factual accuracy"),
                name.replace("/", "-"),
                "PDF (*.pdf)",
                options=NO_NATIVE,
            )
            if path:
                self._write_draft(review.id, Path(path))

        QueryOp(
            self.window, lambda: self.workspace.signoff_check(review.id), checked
        ).run_in_background()

    def _write_draft(self, review_id: str, out: Path) -> None:
        def done(outcome: Any) -> None:
            r = outcome.value
            offer_to_open(
                self.window,
                self.tr("Draft saved"),
                self.tr(
                    "The draft is saved in %1 (%2 pages), unsigned and marked \u201cDraft for "
                    "factual accuracy\u201d on every page. Send it to the host school to check; "
                    "the review is now at %3."
                )
                .replace("%1", r["path"])
                .replace("%2", str(r["pages"]))
                .replace("%3", label(STATUSES, r["status"])),
                Path(r["path"]),
            )

        CollectionOp(self.window, lambda: self.workspace.produce_draft(review_id, out)).success(
            done
        ).with_progress(self.tr("Writing the draft…"), cancellable=True).run_in_background(
            initiator=self.window
        )

    # --- a countersigned copy received --------------------------------------------------
    def countersigned_dialog(self) -> None:
        """File > Record a countersigned copy: the PDF is verified first; a copy changed after
        signing, of another review, or signed by someone not trusted here is refused in one
        sentence and nothing is recorded."""
        self._choose(self.tr("Record a countersigned copy"), self._pick_countersigned)

    def _pick_countersigned(self, review: ReviewSummary) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("The countersigned report you received"),
            "",
            "PDF (*.pdf)",
            options=NO_NATIVE,
        )
        if path:
            self.record_countersigned(review.id, Path(path))

    def record_countersigned(self, review_id: str, pdf: Path) -> None:
        def done(outcome: Any) -> None:
            r = outcome.value
            status = label(STATUSES, r["status"])
            text = (
                self.tr("Countersignature recorded: the review is now %1.")
                if "countersigned" in r["recorded"]
                else self.tr("The countersignature was already recorded; the review is %1.")
            ).replace("%1", status)
            QMessageBox.information(self.window, self.tr("Countersigned copy"), text)

        CollectionOp(
            self.window, lambda: self.workspace.record_countersigned(review_id, pdf)
        ).success(done).with_progress(
            self.tr("Checking the signatures…"), cancellable=True
        ).failure(lambda exc: self._not_recorded(review_id, pdf, exc)).run_in_background(
            initiator=self.window
        )

    def _not_recorded(self, review_id: str, pdf: Path, exc: BaseException) -> None:
        """A copy signed with a certificate not trusted here: offer to trust it (app/ui/
        trust_offer.py), then record again; declined, nothing changes. Anything else is said."""
        from app.errors import UntrustedCertificate
        from app.ui.errors import show_exception
        from app.ui.trust_offer import TrustCertificateDialog

        if not isinstance(exc, UntrustedCertificate):
            show_exception(self.window, exc)
            return
        if not TrustCertificateDialog.ask(self.window, exc.signer, exc.fingerprint):
            return
        pem = exc.pem
        CollectionOp(self.window, lambda: self.workspace.trust_signing_certificate(pem)).success(
            lambda _: self.record_countersigned(review_id, pdf)
        ).run_in_background(initiator=self.window)

"""The File menu's work: the signed report, countersigning, verifying a PDF, packages in and
out, conflicts, and this laptop's set-up. Each is an operation off the GUI thread; the slow
ones show progress and can be cancelled (a cancel changes nothing).

Typed errors decide what happens next, never the wording of a message: an untrusted sender is
asked about, a wrong passphrase is asked again, a laptop without a school or a signing
identity opens the set-up dialog (no dialog ever tells a headteacher to open a terminal).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.errors import UntrustedSender, WrongPassphrase
from app.ui import labels
from app.ui.errors import show_exception
from app.ui.operations import CollectionOp, QueryOp
from app.ui.passphrase import Passphrases

if TYPE_CHECKING:
    from app.services.read_models import ReviewSummary, SchoolRow, SiteInfo
    from app.ui.main_window import MainWindow

NO_NATIVE = (
    QFileDialog.Option.DontUseNativeDialog
)  # Qt's own dialogs: the same everywhere, testable


class FileActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = window.workspace
        self.passphrases = Passphrases(window)

    # --- a key that may need its passphrase -----------------------------------------------
    def _with_key(self, start: Callable[[Callable[[BaseException], None]], None]) -> None:
        """Run ``start(failure)``; when the key's passphrase was wrong, ask again and rerun."""

        def failure(exc: BaseException) -> None:
            if isinstance(exc, WrongPassphrase):
                self.passphrases.wrong()
                start(failure)
            else:
                show_exception(self.window, exc)

        start(failure)

    def _ready_to_sign(self, then: Callable[[], None]) -> None:
        """Go on only when this laptop has a signing identity (else offer to make one)."""

        def checked(identity: object | None) -> None:
            if identity is not None:
                then()
                return
            answer = QMessageBox.question(
                self.window,
                self.tr("Your signature"),
                self.tr(
                    "This laptop has no signing identity yet. Set it up now? It takes a minute: "
                    "your name, email and school."
                ),
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.welcome(then)

        QueryOp(self.window, self.workspace.identity, checked).run_in_background()

    def _ready_to_exchange(self, then: Callable[[], None]) -> None:
        """Go on only when this laptop knows its school (packages are addressed to schools)."""

        def checked(site: SiteInfo) -> None:
            if site.school_id:
                then()
                return
            answer = QMessageBox.question(
                self.window,
                self.tr("This laptop's school"),
                self.tr(
                    "Packages go from school to school, and this laptop does not know its school "
                    "yet. Choose it now?"
                ),
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.welcome(then)

        QueryOp(self.window, self.workspace.site, checked).run_in_background()

    def welcome(self, then: Callable[[], None] | None = None) -> None:
        """This laptop's school, its person and the signing identity (app/ui/welcome.py)."""
        from app.ui.welcome import WelcomeDialog

        WelcomeDialog.start(self.window, self.workspace, self.passphrases, then)

    def first_run(self) -> None:
        from app.ui.welcome import first_run

        first_run(self.window, self.workspace, self.passphrases)

    def _save_name(self, title: str, name: str, kind: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self.window, title, name, kind, options=NO_NATIVE)
        return path

    def pre_visit_pack(self, review_id: str | None = None) -> None:
        """File > Pre-visit pack… (app/ui/pack_save.py)."""
        from app.ui.pack_save import save_pre_visit_pack

        save_pre_visit_pack(self, review_id)

    # --- the signed report ----------------------------------------------------------------
    def produce_report(self) -> None:
        """Ctrl+R, from any page: choose the review (the current one is chosen already), where
        to save it, then render and sign it off the GUI thread."""
        from app.ui.dialogs import ChooseReviewDialog

        def listed(reviews: list[ReviewSummary]) -> None:
            review_id = ChooseReviewDialog.ask(self.window, reviews, self.window.current_review())
            review = next((r for r in reviews if r.id == review_id), None)
            if review is not None:
                name = f"{review.host_school} {review.start_date} peer review.pdf".replace("/", "-")
                self.window.signoff.check_before_signing(  # the checklist first (Before you sign)
                    review.id, lambda: self._ready_to_sign(lambda: self._produce(review.id, name))
                )

        self.window._save_open_work()
        QueryOp(self.window, self.workspace.list_reviews, listed).run_in_background()

    def _produce(self, review_id: str, name: str) -> None:
        path = self._save_name(self.tr("Save the signed report"), name, "PDF (*.pdf)")
        if not path:
            return
        provider = self.passphrases.provider()

        def done(result: dict[str, Any]) -> None:
            from app.services.changes import Changes

            self.window.broadcast(Changes.of(reviews=review_id))  # its status is now signed
            answer = QMessageBox.question(
                self.window,
                self.tr("Report signed"),
                self.tr("Saved %1 (%2 pages), signed by %3. Open it to preview?")
                .replace("%1", result["path"])
                .replace("%2", str(result["pages"]))
                .replace("%3", result["signer"]),
            )
            if answer == QMessageBox.StandardButton.Yes:
                from PySide6.QtCore import QUrl
                from PySide6.QtGui import QDesktopServices

                QDesktopServices.openUrl(QUrl.fromLocalFile(result["path"]))

        self._with_key(
            lambda failure: (
                QueryOp(
                    self.window,
                    lambda: self.workspace.produce_report(review_id, Path(path), provider),
                    done,
                )
                .with_progress(self.tr("Producing and signing the report…"), cancellable=True)
                .failure(failure)
                .run_in_background()
            )
        )

    def countersign_dialog(self) -> None:
        source, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Report to sign"), "", "PDF (*.pdf)", options=NO_NATIVE
        )
        if source:
            self._ready_to_sign(lambda: self._countersign(Path(source)))

    def _countersign(self, source: Path) -> None:
        out = self._save_name(
            self.tr("Save the countersigned report"),
            str(source.with_name(source.stem + "-signed.pdf")),
            "PDF (*.pdf)",
        )
        if not out:
            return
        provider = self.passphrases.provider()

        def done(r: dict[str, Any]) -> None:
            if r.get("review"):  # a report of a review held here: its status follows
                from app.services.changes import Changes

                self.window.broadcast(Changes.of(reviews=r["review"]))
            QMessageBox.information(
                self.window,
                self.tr("Signed"),
                self.tr("Signed by %1 as %2: %3")
                .replace("%1", r["signer"])
                .replace("%2", labels.signature_box(r["field"]))
                .replace("%3", r["path"]),
            )

        self._with_key(
            lambda failure: (
                QueryOp(
                    self.window,
                    lambda: self.workspace.sign_report(source, Path(out), provider),
                    done,
                )
                .with_progress(self.tr("Signing…"), cancellable=True)
                .failure(failure)
                .run_in_background()
            )
        )

    def verify_pdf_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Verify a signed PDF"), "", "PDF (*.pdf)", options=NO_NATIVE
        )
        if path:
            self.verify_pdf(Path(path))

    def verify_pdf(self, path: Path) -> QueryOp[Any]:
        def done(result: dict[str, Any]) -> None:
            lines = []
            for s in result["signatures"]:
                if s["trusted"] and s["in_own_box"] and s["stamp_names_signer"]:
                    said = self.tr("signed by someone you trust (%1), in their own box").replace(
                        "%1", s["trusted_because"]
                    )
                elif s["trusted"]:
                    said = self.tr("signed by someone you trust, but not in their own box")
                else:
                    said = self.tr(
                        "signed, but this laptop cannot tell by whom (the certificate is not one "
                        "it trusts)"
                    )
                lines.append(f"{s['box_role'] or s['field']}: {s['signer']} — {said}")
            if result["outcome"] == "verified":
                QMessageBox.information(self.window, self.tr("Signatures verify"), "\n".join(lines))
            elif result["outcome"] == "unvouched":
                QMessageBox.warning(
                    self.window,
                    self.tr("Intact, but not every signer is vouched for"),
                    (result["problem"] or "") + "\n\n" + "\n".join(lines),
                )
            else:
                QMessageBox.warning(
                    self.window, self.tr("Signatures do not verify"), result["problem"] or ""
                )

        return (
            QueryOp(self.window, lambda: self.workspace.verify_pdf(path), done)
            .with_progress(self.tr("Checking the signatures…"), cancellable=True)
            .run_in_background()
        )  # type: ignore[return-value]

    # --- packages ----------------------------------------------------------------------
    def export_package_dialog(self) -> None:
        self.window._save_open_work()
        self._ready_to_exchange(
            lambda: QueryOp(
                self.window,
                lambda: (self.workspace.site().school_id, self.workspace.schools()),
                lambda found: self._export_to(export_choices(*found)),
            ).run_in_background()
        )

    def _export_to(self, schools: list[SchoolRow]) -> None:
        from app.ui.dialogs import ExportDialog

        if not schools:  # a new laptop: an empty list to choose from was a dead end
            QMessageBox.information(
                self.window,
                self.tr("Export a package"),
                self.tr(
                    "A package goes to a partner school, and this laptop knows none yet. Import "
                    "your network's school list first (Set-up › Import a school list), or import "
                    "a package a partner school sent you."
                ),
            )
            return
        school = ExportDialog.ask(self.window, schools)
        if not school:
            return
        name = next((s.name for s in schools if s.id == school), school)
        out = self._save_name(
            self.tr("Save the package"),
            f"for {name}.peerwalk".replace("/", "-"),
            "Peerwalk (*.peerwalk)",
        )
        if not out:
            return
        provider = self.passphrases.provider()

        def done(outcome: Any) -> None:
            r = outcome.value
            text = (
                self.tr("%n change(s)", "", r["changes"])
                + " "
                + self.tr("and %n photo(s) in %1.", "", r["photos"]).replace("%1", r["path"])
            )
            QMessageBox.information(
                self.window,
                self.tr("Package ready"),
                text + ("\n\n" + r["warning"] if r["warning"] else ""),
            )

        self._with_key(
            lambda failure: (
                CollectionOp(
                    self.window, lambda: self.workspace.export_for(school, Path(out), provider)
                )
                .success(done)
                .with_progress(self.tr("Writing the package…"), cancellable=True)
                .failure(failure)
                .run_in_background()
            )
        )

    def import_package_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Import a package"), "", "Peerwalk (*.peerwalk)", options=NO_NATIVE
        )
        if path:
            self.import_package(Path(path))

    def import_package(self, path: Path, trust: bool = False) -> None:
        """Verify, then apply, off the GUI thread (cancel: nothing changes). A sender not yet
        trusted is shown with its key's fingerprint and asked about."""
        self.window._save_open_work()
        provider = self.passphrases.provider()  # asked only if the package is sealed to this laptop

        def start(failure: Callable[[BaseException], None]) -> None:
            (
                CollectionOp(
                    self.window, lambda: self.workspace.import_package(path, trust, provider)
                )
                .success(self._imported)
                .with_progress(self.tr("Checking and importing the package…"), cancellable=True)
                .failure(failure)
                .run_in_background()
            )

        def failure(exc: BaseException) -> None:
            if isinstance(exc, UntrustedSender) and not trust:
                answer = QMessageBox.question(
                    self.window,
                    self.tr("New sender"),
                    exc.user_message + " " + self.tr("Choose Yes to trust them."),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No,  # Enter does not trust a stranger
                )
                if answer == QMessageBox.StandardButton.Yes:
                    self.import_package(path, trust=True)
            elif isinstance(exc, WrongPassphrase):
                self.passphrases.wrong()
                start(failure)
            else:
                show_exception(self.window, exc)

        start(failure)

    def _imported(self, outcome: Any) -> None:
        summary = outcome.value
        text = self.tr("%n new change(s) from %1.", "", summary["new_changes"]).replace(
            "%1", summary["sender"]["name"]
        )
        if summary["conflicts"]:
            text += " " + self.tr(
                "%n field(s) were edited on two laptops at once; both versions are kept.",
                "",
                summary["conflicts"],
            )
        for w in summary.get("waiting", []):
            text += " " + self.tr(
                "%1 change(s) from %2's laptop, relayed by %3 and not yet confirmed, wait until a "
                "package comes from that laptop itself."
            ).replace("%1", str(w["changes"])).replace("%2", w["name"]).replace(
                "%3", w["relayed_by"]
            )
        QMessageBox.information(self.window, self.tr("Package imported"), text)
        if summary["conflicts"]:
            self.conflicts_dialog()

    def conflicts_dialog(self) -> None:
        from app.ui.dialogs import ConflictsDialog

        dialog = ConflictsDialog(self.window, self.workspace)
        dialog.exec()
        dialog.deleteLater()


def export_choices(own_school: str | None, schools: list[SchoolRow]) -> list[SchoolRow]:
    """The schools a package may go to: every school but this laptop's own (a package to
    yourself is never what a headteacher means, and it used to be the first offered)."""
    return [s for s in schools if s.id != own_school]

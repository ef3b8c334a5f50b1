"""The main window: a navigation list on the left, one page at a time on the right, menus
with their shortcuts, and files dropped onto it (school lists, reports to verify, packages)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QStackedWidget,
    QWidget,
)

from app.errors import UntrustedSender
from app.ui.errors import show_error
from app.ui.ops import run_in_background
from app.ui.pages.home import HomePage


class MainWindow(QMainWindow):
    def __init__(self, workspace: Any, today: date | None = None, initial: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.setWindowTitle(self.tr("Peerwalk"))
        self.setAcceptDrops(True)
        self.resize(1280, 760)
        self.home = HomePage(workspace, today, initial)
        # Pages other than Home are made when first needed: start-up paints Home only.
        self._made: dict[str, QWidget] = {"home": self.home}
        self.pages = [
            (self.tr("Home"), "home", "Ctrl+H"),
            (self.tr("Plan a visit"), "plan", "Ctrl+P"),
            (self.tr("Review day"), "capture", "Ctrl+D"),
            (self.tr("Write-up"), "writeup", "Ctrl+W"),
            (self.tr("Search"), "search", "Ctrl+F"),
            (self.tr("Set-up"), "setup", "Ctrl+,"),
        ]
        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Sections"))
        self.nav.setFixedWidth(170)
        self.stack = QStackedWidget()
        for title, key, _ in self.pages:
            self.nav.addItem(title)
            self.stack.addWidget(self.home if key == "home" else QWidget())
        body = QWidget()
        row = QHBoxLayout(body)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self._menus()
        self.nav.currentRowChanged.connect(self._on_nav_row_changed)
        self.home.open_review.connect(self.open_review)
        self._starting = True
        self.nav.setCurrentRow(0)
        self._starting = False
        self.statusBar().showMessage(self.tr("Everything is saved on this laptop as you type; no network needed."))

    def _menus(self) -> None:
        file = self.menuBar().addMenu(self.tr("&File"))
        for label, shortcut, slot in (
            (self.tr("Produce signed &report…"), "Ctrl+R", self.produce_report),
            (self.tr("&Countersign a report…"), None, self.countersign_dialog),
            (self.tr("&Verify a signed PDF…"), None, self.verify_pdf_dialog),
            (self.tr("&Import a package…"), "Ctrl+I", self.import_package_dialog),
            (self.tr("&Export a package…"), "Ctrl+E", self.export_package_dialog),
            (self.tr("C&onflicts…"), None, self.conflicts_dialog),
            (self.tr("Import a &school list…"), None, lambda: self.setup._on_import_button_clicked()),
        ):
            action = QAction(label, self)
            if shortcut:
                action.setShortcuts([QKeySequence(shortcut)])
            action.triggered.connect(slot)
            file.addAction(action)
        file.addSeparator()
        quit_action = file.addAction(self.tr("&Quit"))
        # setShortcuts([...]), not setShortcut(...): PySide6's overload check for the latter
        # builds Qt's key enums (~16 ms here), on the way to the first paint.
        quit_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        go = self.menuBar().addMenu(self.tr("&Go"))
        for i, (title, _, shortcut) in enumerate(self.pages):
            action = QAction(title, self)
            action.setShortcuts([QKeySequence(shortcut)])
            action.triggered.connect(lambda _=False, i=i: self.nav.setCurrentRow(i))
            go.addAction(action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        keys = help_menu.addAction(self.tr("&Keyboard shortcuts"))
        keys.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.HelpContents))
        keys.triggered.connect(self.show_shortcuts)

    def show_shortcuts(self) -> None:
        """The page shortcuts that are not menu items (they act only on their own page)."""
        rows = [
            (self.tr("Review day"), "Ctrl+L", self.tr("to the note box")),
            ("", "Ctrl+1 … Ctrl+9", self.tr("choose the focus area")),
            ("", "Alt+S / Alt+A / Alt+N", self.tr("strength / area to consider / neutral")),
            ("", "Enter", self.tr("finish the note (it was saved as you typed)")),
            ("", "Alt+B", self.tr("whose note: the visiting reviewer or the host colleague")),
            ("", "Alt+R", self.tr("the room (learning walk)")),
            ("", "Alt+P", self.tr("a photo of pupils' work (work scrutiny, learning walk)")),
            (self.tr("Write-up"), "Alt+W / Alt+E", self.tr("add a WWW / an EBI statement")),
            ("", "Alt+L / Alt+U", self.tr("link / unlink the selected evidence")),
            ("", "Alt+N", self.tr("add the next step")),
            ("", "Alt+P", self.tr("good practice to share with the network")),
            (self.tr("Search"), "Enter", self.tr("to the results; Enter again opens the review")),
        ]
        html = "<table cellpadding=3>" + "".join(f"<tr><td><b>{a}</b></td><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows) + "</table>"
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), html)

    # --- pages, made on first use --------------------------------------------------------
    def _page(self, key: str) -> Any:
        page = self._made.get(key)
        if page is None:
            from app.ui.pages.capture import CapturePage
            from app.ui.pages.plan import PlanPage
            from app.ui.pages.search import SearchPage
            from app.ui.pages.setup import SetupPage
            from app.ui.pages.writeup import WriteUpPage

            kinds = {"plan": PlanPage, "capture": CapturePage, "writeup": WriteUpPage, "search": SearchPage, "setup": SetupPage}
            page = self._made[key] = kinds[key](self.workspace)
            index = [k for _, k, _ in self.pages].index(key)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            if key == "plan":
                page.planned.connect(self._on_plan_planned)
            elif key == "capture":
                page.saved.connect(lambda: self.statusBar().showMessage(self.tr("Saved"), 2000))
            elif key == "search":
                page.open_review.connect(self.open_review)
        return page

    plan = property(lambda self: self._page("plan"))
    capture = property(lambda self: self._page("capture"))
    writeup = property(lambda self: self._page("writeup"))
    search = property(lambda self: self._page("search"))
    setup = property(lambda self: self._page("setup"))

    def _save_open_work(self) -> None:
        if "capture" in self._made:
            self.capture.finish_draft()
        if "writeup" in self._made:
            self.writeup.save_statement()

    # --- navigation -------------------------------------------------------------------
    def _on_nav_row_changed(self, row: int) -> None:
        self._save_open_work()
        page = self._page(self.pages[row][1])
        self.stack.setCurrentWidget(page)
        if not getattr(self, "_starting", False):
            page.activate()

    def open_review(self, review_id: str) -> None:
        self.capture.open_review(review_id)
        self.writeup.reload_reviews(review_id)
        self._starting = True  # already loaded: don't reload on the way in
        self.nav.setCurrentRow(2)
        self._starting = False
        self.capture.entry.setFocus()

    def _on_plan_planned(self, review_id: str) -> None:
        self.statusBar().showMessage(self.tr("Visit planned."), 4000)
        self.capture.reload_reviews(review_id)
        self.open_review(review_id)

    def review_count(self) -> int:
        return self.home.total

    # --- reports, packages, dropped files ----------------------------------------------
    def ask_passphrase(self, kind: str) -> str:
        text, ok = QInputDialog.getText(self, self.tr("Passphrase"), self.tr("Passphrase for your signing key:"), QLineEdit.EchoMode.Password)
        if not ok:
            from app.errors import AppError

            raise AppError("No passphrase was given; nothing was signed.")
        return text

    def produce_report(self) -> None:
        review_id = (self.writeup.review_box.currentData() if "writeup" in self._made else None) or (self.capture.review_box.currentData() if "capture" in self._made else None)
        if not review_id:
            return
        path, provider = self._save_as_signed(self.tr("Save the signed report"), "report.pdf", "PDF (*.pdf)")
        if not path:
            return

        def done(result: dict[str, Any]) -> None:
            answer = QMessageBox.question(
                self, self.tr("Report signed"),
                self.tr("Saved %1 (%2 pages), signed by %3. Open it to preview?").replace("%1", result["path"]).replace("%2", str(result["pages"])).replace("%3", result["signer"]),
            )
            if answer == QMessageBox.StandardButton.Yes:
                from PySide6.QtCore import QUrl

                QDesktopServices.openUrl(QUrl.fromLocalFile(result["path"]))

        self._in_background(self.tr("Producing and signing the report…"), lambda: self.workspace.produce_report(review_id, Path(path), provider), done)

    def _passphrase_provider(self):  # type: ignore[no-untyped-def]
        from app.identity.keystore import real_keychain

        if real_keychain():
            return None
        phrase = self.ask_passphrase("existing")
        return lambda _kind: phrase

    def _save_as_signed(self, title: str, name: str, kind: str):  # type: ignore[no-untyped-def]
        """Where to save something this laptop signs, and how to unlock the key ("" if not)."""
        path, _ = QFileDialog.getSaveFileName(self, title, name, kind, options=QFileDialog.Option.DontUseNativeDialog)
        if not path:
            return "", None
        try:
            return path, self._passphrase_provider()
        except Exception as exc:
            show_error(self, exc)
            return "", None

    def _in_background(self, label: str, job, on_done) -> None:  # type: ignore[no-untyped-def]
        """Slow work off the GUI thread, with a busy indicator; errors become one dialog."""
        from PySide6.QtCore import Qt  # not at import: building Qt's enums costs the first paint

        progress = QProgressDialog(label, "", 0, 0, self)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.show()

        def done(result: Any) -> None:
            progress.close()
            on_done(result)

        def failed(exc: Exception) -> None:
            progress.close()
            show_error(self, exc)

        run_in_background(job, done, failed)

    def countersign_dialog(self) -> None:
        source, _ = QFileDialog.getOpenFileName(self, self.tr("Report to sign"), "", "PDF (*.pdf)", options=QFileDialog.Option.DontUseNativeDialog)
        if not source:
            return
        out, provider = self._save_as_signed(self.tr("Save the countersigned report"), source.replace(".pdf", "-signed.pdf"), "PDF (*.pdf)")
        if not out:
            return
        self._in_background(
            self.tr("Signing…"), lambda: self.workspace.sign_report(Path(source), Path(out), provider),
            lambda r: QMessageBox.information(self, self.tr("Signed"), self.tr("Signed by %1 as %2: %3").replace("%1", r["signer"]).replace("%2", r["field"]).replace("%3", r["path"])),
        )

    def export_package_dialog(self) -> None:
        from app.ui.dialogs import ExportDialog

        dialog = ExportDialog(self, self.workspace.schools())
        if dialog.exec() != ExportDialog.DialogCode.Accepted:
            return
        school = dialog.school.currentData()
        out, provider = self._save_as_signed(self.tr("Save the package"), f"for-{school}.peerwalk", "Peerwalk (*.peerwalk)")
        if not out:
            return

        def done(r: dict[str, Any]) -> None:
            text = self.tr("%1 changes and %2 photos in %3.").replace("%1", str(r["changes"])).replace("%2", str(r["photos"])).replace("%3", r["path"])
            QMessageBox.information(self, self.tr("Package ready"), text + ("\n\n" + r["warning"] if r["warning"] else ""))

        self._in_background(self.tr("Writing the package…"), lambda: self.workspace.export_for(school, Path(out), provider), done)

    def conflicts_dialog(self) -> None:
        from app.ui.dialogs import ConflictsDialog

        ConflictsDialog(self, self.workspace).exec()
        if "writeup" in self._made:
            self.writeup.reload_reviews()

    def verify_pdf_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Verify a signed PDF"), "", "PDF (*.pdf)", options=QFileDialog.Option.DontUseNativeDialog)
        if path:
            self.verify_pdf(Path(path))

    def verify_pdf(self, path: Path) -> None:
        try:
            result = self.workspace.verify_pdf(path)
        except Exception as exc:
            show_error(self, exc)
            return
        lines = []
        for s in result["signatures"]:
            if s["trusted"] and s["in_own_box"] and s["stamp_names_signer"]:
                said = self.tr("signed by someone you trust (%1), in their own box").replace("%1", s["trusted_because"])
            elif s["trusted"]:
                said = self.tr("signed by someone you trust, but not in their own box")
            else:
                said = self.tr("signed, but this laptop cannot tell by whom (the certificate is not one it trusts)")
            lines.append(f"{s['box_role'] or s['field']}: {s['signer']} — {said}")
        if result["outcome"] == "verified":
            QMessageBox.information(self, self.tr("Signatures verify"), "\n".join(lines))
        elif result["outcome"] == "unvouched":
            QMessageBox.warning(self, self.tr("Intact, but not every signer is vouched for"), (result["problem"] or "") + "\n\n" + "\n".join(lines))
        else:
            QMessageBox.warning(self, self.tr("Signatures do not verify"), result["problem"] or "")

    def import_package_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a package"), "", "Peerwalk (*.peerwalk)", options=QFileDialog.Option.DontUseNativeDialog)
        if path:
            self.import_package(Path(path))

    def import_package(self, path: Path, trust: bool = False) -> None:
        try:
            with path.open("rb") as fh:
                sealed = fh.read(32).startswith(b"age-encryption.org/v1")
            # An encrypted package opens with this laptop's key: ask for its passphrase only then.
            summary = self.workspace.import_package(path, trust, self._passphrase_provider() if sealed else None)
        except Exception as exc:
            if isinstance(exc, UntrustedSender) and not trust:
                answer = QMessageBox.question(self, self.tr("New sender"), exc.user_message + " " + self.tr("Choose Yes to trust them."))
                if answer == QMessageBox.StandardButton.Yes:
                    self.import_package(path, trust=True)
                return
            show_error(self, exc)
            return
        text = self.tr("%1 new changes from %2.").replace("%1", str(summary["new_changes"])).replace("%2", summary["sender"]["name"])
        if summary["conflicts"]:
            text += " " + self.tr("%n field(s) were edited on two laptops at once; both versions are kept.", "", summary["conflicts"])
        for w in summary.get("waiting", []):
            text += " " + self.tr("%1 change(s) from %2's laptop, relayed by %3 and not yet confirmed, wait until a package comes from that laptop itself.").replace("%1", str(w["changes"])).replace("%2", w["name"]).replace("%3", w["relayed_by"])
        QMessageBox.information(self, self.tr("Package imported"), text)
        if summary["conflicts"]:
            self.conflicts_dialog()
        self.home.refresh()

    def dragEnterEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt's name)
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        photos = [p for p in paths if p.suffix.lower() in (".jpg", ".jpeg", ".png")]
        if photos and self.stack.currentWidget() is self._made.get("capture"):
            self.capture.attach_photos(photos)  # several photos of work go on one note together
            paths = [p for p in paths if p not in photos]
        for path in paths:
            self.open_file(path)

    def open_file(self, path: Path) -> None:
        suffix = path.suffix.lower()
        if suffix == ".csv":
            self.nav.setCurrentRow(5)
            self.setup.activate()
            self.setup.import_csv(path)
        elif suffix == ".pdf":
            self.verify_pdf(path)
        elif suffix == ".peerwalk":
            self.import_package(path)
        elif suffix in (".jpg", ".jpeg", ".png") and self.stack.currentWidget() is self._made.get("capture"):
            self.capture.attach_photos([path])
        else:
            QMessageBox.information(self, "Peerwalk", self.tr("Peerwalk opens school lists (.csv), signed reports (.pdf) and packages (.peerwalk); on Review day, a photo of pupils' work (.jpg, .png) goes on the note."))

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        self._save_open_work()
        super().closeEvent(event)

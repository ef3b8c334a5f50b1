"""The main window: a navigation list on the left, one page at a time on the right, menus
with their shortcuts, files dropped onto it, and the broadcast of what each change changed.

Every call to the core goes through app/ui/operations.py; a change comes back as a
``Changes`` that the window broadcasts (``operation_did_execute``) to every page made so far,
and each page redraws what it shows from it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from app.ui.pages.home import HomePage
from app.ui.undo import UndoStack

if TYPE_CHECKING:
    from app.services.changes import Changes
    from app.services.workspace import Workspace
    from app.ui.file_menu import FileActions
    from app.ui.signoff_actions import SignOffActions

DEFAULT_SIZE = (1280, 760)
SETTINGS_FILE = "window.ini"  # in the data folder, never the user's home (tests stay apart)


class MainWindow(QMainWindow):
    operation_did_execute = Signal(object, object)  # (Changes, the page or dialog that asked)

    def __init__(
        self, workspace: Workspace, today: date | None = None, initial: dict[str, Any] | None = None
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.today = today or date.today()
        self.setWindowTitle(self.tr("Peerwalk"))
        self.setAcceptDrops(True)
        self.settings = QSettings(
            str(workspace.data_dir / SETTINGS_FILE), QSettings.Format.IniFormat
        )
        self.home = HomePage(workspace, self.today, initial)
        # Pages other than Home are made when first needed: start-up paints Home only.
        self._made: dict[str, QWidget] = {"home": self.home}
        self.pages = [
            (self.tr("Home"), "home", "Ctrl+H"),
            (self.tr("Plan a visit"), "plan", "Ctrl+P"),
            (self.tr("Review day"), "capture", "Ctrl+D"),
            (self.tr("Write-up"), "writeup", "Ctrl+W"),
            (self.tr("Search"), "search", "Ctrl+F"),
            (self.tr("Set-up"), "setup", "Ctrl+,"),
            # After Set-up so the rows above keep their places (and their shortcuts' order).
            (self.tr("Network"), "network", "Ctrl+K"),
        ]
        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Sections"))
        self.nav.setFixedWidth(150)
        self.stack = QStackedWidget()
        for title, key, _ in self.pages:
            self.nav.addItem(title)
            self.stack.addWidget(self.home if key == "home" else QWidget())
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(4, 4, 4, 4)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self._files: FileActions | None = None
        self._signoff: SignOffActions | None = None
        self.undo_stack = UndoStack(self)
        self._menus()
        self.nav.currentRowChanged.connect(self._on_nav_row_changed)
        self.home.open_review.connect(self.open_review)
        self.home.check_draft.connect(self.open_comments)
        self.home.empty.set_up_school.connect(lambda: self.files.welcome())
        self.home.empty.open_setup.connect(lambda: self.nav.setCurrentRow(5))  # Set-up
        self.home.empty.plan_visit.connect(lambda: self.nav.setCurrentRow(1))  # Plan a visit
        self.operation_did_execute.connect(self.home.on_changes)
        self._starting = True
        self.nav.setCurrentRow(0)
        self._starting = False
        self.statusBar().showMessage(
            self.tr("Everything is saved on this laptop as you type; no network needed.")
        )
        self._fit_to_screen()

    @property
    def files(self) -> FileActions:
        """The File menu's work, made on first use (not on the way to the first paint)."""
        if self._files is None:
            from app.ui.file_menu import FileActions

            self._files = FileActions(self)
        return self._files

    @property
    def signoff(self) -> SignOffActions:
        """Sign-off's work (the checklist, the draft, a countersigned copy), made on first use."""
        if self._signoff is None:
            from app.ui.signoff_actions import SignOffActions

            self._signoff = SignOffActions(self)
        return self._signoff

    # --- size and place: fit the screen, remember what the person chose --------------------
    def _fit_to_screen(self) -> None:
        """Restore the last geometry if it still fits this screen; else open at a size that
        fits the screen's available area (a 1280x720 laptop loses its task bar height)."""
        from PySide6.QtGui import QGuiApplication

        screen = self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else None
        saved = self.settings.value("geometry")
        self._restored = saved
        if (
            saved is not None
            and self.restoreGeometry(saved)
            and (area is None or area.contains(self.frameGeometry().center()))
        ):
            if area is not None and (self.width() > area.width() or self.height() > area.height()):
                self.resize(min(self.width(), area.width()), min(self.height(), area.height()))
            return
        if area is None:
            self.resize(*DEFAULT_SIZE)
            return
        # The borders and title bar the window manager adds (unknown before the first show):
        # a 1280-wide laptop screen cannot take a 1280-wide window plus its borders.
        sides, frame = 16, 40
        width, height = (
            min(DEFAULT_SIZE[0], area.width() - sides),
            min(DEFAULT_SIZE[1], area.height() - frame),
        )
        self.resize(width, height)
        self.move(
            area.x() + (area.width() - width - sides) // 2,
            area.y() + max((area.height() - height - frame) // 2, 0),
        )

    def _remember_geometry(self) -> None:
        """Written only when it changed (writing the file costs a closing window ~5 ms)."""
        geometry = self.saveGeometry()
        if geometry != self._restored:
            self.settings.setValue("geometry", geometry)
            self.settings.sync()

    def _menus(self) -> None:
        from app.ui.shared_action import mark_shared as shared_action

        file = self.menuBar().addMenu(self.tr("&File"))
        for label, shortcut, slot in (
            (self.tr("&Draft for factual accuracy…"), None, lambda: self.signoff.draft_dialog()),
            (self.tr("Produce signed &report…"), "Ctrl+R", lambda: self.files.produce_report()),
            (self.tr("Pre-visit &pack…"), None, lambda: self.files.pre_visit_pack()),
            (self.tr("&Countersign a report…"), None, lambda: self.files.countersign_dialog()),
            (
                self.tr("Record a countersigned co&py…"),
                None,
                lambda: self.signoff.countersigned_dialog(),
            ),
            (
                self.tr("Mark the report s&hared…"),
                None,
                lambda: shared_action(self, self.workspace),
            ),
            (self.tr("&Verify a signed PDF…"), None, lambda: self.files.verify_pdf_dialog()),
            (self.tr("&Import a package…"), "Ctrl+I", lambda: self.files.import_package_dialog()),
            (self.tr("&Export a package…"), "Ctrl+E", lambda: self.files.export_package_dialog()),
            (self.tr("C&onflicts…"), None, lambda: self.files.conflicts_dialog()),
            (
                self.tr("Import a &school list…"),
                None,
                lambda: self.setup._on_import_button_clicked(),
            ),
            (self.tr("This &laptop and your signature…"), None, lambda: self.files.welcome()),
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
        self._edit_menu()
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

    # --- Edit > Undo -------------------------------------------------------------------
    def _edit_menu(self) -> None:
        """Edit > Undo (Ctrl+Z) undoes the last edit or deletion made on a page, newest first.

        The rule for Ctrl+Z: a text field with the keyboard focus (the note box, the statement
        editor, a note being edited in place, any line edit) keeps Ctrl+Z for its own typing,
        as everywhere else on the desktop (Qt gives such a field the key before any menu
        shortcut). Anywhere else (a list, a button, the page itself), and always from the menu,
        Ctrl+Z undoes the last saved edit or deletion. The menu item names it ("Undo delete
        note"), so which of the two happens is never a guess."""
        # Alt+D, not Alt+E: Alt+E adds an EBI statement on Write-up.
        edit = self.menuBar().addMenu(self.tr("E&dit"))
        self.undo_action = QAction(self.tr("&Undo"), self)
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.undo_action.setEnabled(False)
        self.undo_action.triggered.connect(self.undo)
        edit.addAction(self.undo_action)
        self.undo_stack.changed.connect(self._on_undo_stack_changed)

    def _on_undo_stack_changed(self) -> None:
        label = self.undo_stack.peek_label()
        self.undo_action.setEnabled(label is not None)
        self.undo_action.setText(
            self.tr("&Undo %1").replace("%1", label) if label else self.tr("&Undo")
        )

    def undo(self) -> None:
        """Run the inverse of the newest edit or deletion as one change (it travels in
        packages like any edit); every page redraws from its broadcast. A statement still
        being typed is saved first, so its edit is the one undone; so is a note being typed
        (its creation is then the one undone)."""
        if "writeup" in self._made:
            self.writeup.finish_statement()
        if "capture" in self._made:
            self.capture.finish_draft()
        item = self.undo_stack.pop()
        if item is None:
            return
        from app.ui.operations import CollectionOp

        workspace = self.workspace
        CollectionOp(self, lambda: item.inverse(workspace)).success(
            lambda _changes: self.statusBar().showMessage(
                self.tr("Undone: %1").replace("%1", item.label), 4000
            )
        ).run_in_background(initiator=self)

    def show_shortcuts(self) -> None:
        """The page shortcuts that are not menu items (they act only on their own page)."""
        rows = [
            (self.tr("Review day"), "Ctrl+L", self.tr("to the note box")),
            ("", "Ctrl+1 … Ctrl+9", self.tr("choose the focus area")),
            ("", "Alt+S / Alt+A / Alt+N", self.tr("strength / area to consider / neutral")),
            ("", "Enter", self.tr("finish the note (it was saved as you typed)")),
            (
                "",
                "Alt+B",
                self.tr("whose note: yours, the visiting reviewer's or the host colleague's"),
            ),
            ("", "Alt+R", self.tr("the room (learning walk)")),
            ("", "Alt+P", self.tr("a photo of pupils' work (work scrutiny, learning walk)")),
            ("", "Up", self.tr("from the empty note box to the notes listed")),
            ("", "F2 / Delete", self.tr("edit / delete the chosen note in the list")),
            ("", "Ctrl+Shift+G", self.tr("a safeguarding concern (kept on this laptop only)")),
            (self.tr("Write-up"), "Alt+W / Alt+E", self.tr("add a WWW / an EBI statement")),
            ("", "Alt+L / Alt+U", self.tr("link / unlink the selected evidence")),
            ("", "Alt+N", self.tr("add the next step")),
            ("", "F2 / Delete", self.tr("edit / delete the chosen statement or next step")),
            ("", "F2 / Delete", self.tr("in Comments: reword / withdraw the chosen comment")),
            (self.tr("Anywhere"), "Ctrl+Z", self.tr("undo the last edit, deletion or addition")),
            ("", "Alt+P", self.tr("good practice to share with the network")),
            (self.tr("Search"), "Enter", self.tr("to the results; Enter again opens the review")),
        ]
        html = (
            "<table cellpadding=3>"
            + "".join(f"<tr><td><b>{a}</b></td><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows)
            + "</table>"
        )
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), html)

    # --- pages, made on first use --------------------------------------------------------
    def _page(self, key: str) -> Any:
        page = self._made.get(key)
        if page is None:
            from app.ui.pages.capture import CapturePage
            from app.ui.pages.network import NetworkPage
            from app.ui.pages.plan import PlanPage
            from app.ui.pages.search import SearchPage
            from app.ui.pages.setup import SetupPage
            from app.ui.pages.writeup import WriteUpPage

            kinds = {
                "plan": PlanPage,
                "capture": CapturePage,
                "writeup": WriteUpPage,
                "search": SearchPage,
                "setup": SetupPage,
            }
            page = self._made[key] = (
                NetworkPage(self.workspace, self.today)
                if key == "network"
                else kinds[key](self.workspace)
            )
            index = [k for _, k, _ in self.pages].index(key)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.operation_did_execute.connect(page.on_changes)
            if hasattr(page, "undoable"):  # a page whose edits and deletions can be undone
                page.undoable.connect(self.undo_stack.push)
            if key == "plan":
                page.planned.connect(self._on_plan_planned)
            elif key == "capture":
                page.saved.connect(lambda: self.statusBar().showMessage(self.tr("Saved"), 2000))
            elif key in ("search", "network"):
                page.open_review.connect(self.open_review)
        return page

    plan = property(lambda self: self._page("plan"))
    capture = property(lambda self: self._page("capture"))
    writeup = property(lambda self: self._page("writeup"))
    search = property(lambda self: self._page("search"))
    setup = property(lambda self: self._page("setup"))
    network = property(lambda self: self._page("network"))

    def _save_open_work(self) -> None:
        if "plan" in self._made:
            self.plan.own_view.flush()
        if "capture" in self._made:
            self.capture.finish_draft()
        if "writeup" in self._made:
            self.writeup.finish_statement()

    def current_review(self) -> str | None:
        """The review the person is working on: the one open on the page shown, else the one
        last opened on Review day or Write-up, else the visit chosen on Home."""
        shown = self.stack.currentWidget()
        for key in (
            ("writeup", "capture")
            if shown is not self._made.get("capture")
            else ("capture", "writeup")
        ):
            page = self._made.get(key)
            if page is not None and getattr(page, "review", None):
                return str(page.review.id)
        return self.home.chosen_review()

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
        self._starting = True  # already loading: don't reload on the way in
        self.nav.setCurrentRow(2)
        self._starting = False
        self.capture.entry.setFocus()

    def open_comments(self, review_id: str) -> None:
        """A draft to check for factual accuracy: Write-up on it, its Comments tab in front."""
        page = self.writeup

        def first_statement(opened: str) -> None:  # something to comment on at once
            page.loaded.disconnect(first_statement)
            if opened == review_id and page.statements.count() and page.statements.currentRow() < 0:
                page.statements.setCurrentRow(0)

        page.loaded.connect(first_statement)
        self.nav.setCurrentRow(3)
        page.reload_reviews(review_id)  # after the page's own reload on the way in
        page.side.tabs.setCurrentWidget(page.side.comments)

    def _on_plan_planned(self, review_id: str) -> None:
        self.statusBar().showMessage(self.tr("Visit planned."), 4000)
        self.open_review(review_id)

    def review_count(self) -> int:
        return self.home.total

    def load_in_background(self) -> None:
        """Open the database layer just after the first paint (errors resurface on use)."""
        from app.ui.operations import QueryOp

        QueryOp(self, self.workspace.warm, lambda _: None).failure(
            lambda _exc: None
        ).run_in_background()

    def broadcast(self, changes: Changes, initiator: object | None = None) -> None:
        self.operation_did_execute.emit(changes, initiator)

    # --- dropped files -------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # type: ignore[no-untyped-def]
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
            self.setup.import_csv(path)
        elif suffix == ".pdf":
            self.files.verify_pdf(path)
        elif suffix == ".peerwalk":
            self.files.import_package(path)
        elif suffix in (".jpg", ".jpeg", ".png") and self.stack.currentWidget() is self._made.get(
            "capture"
        ):
            self.capture.attach_photos([path])
        else:
            QMessageBox.information(
                self,
                "Peerwalk",
                self.tr(
                    "Peerwalk opens school lists (.csv), signed reports (.pdf) and packages "
                    "(.peerwalk); on Review day, a photo of pupils' work (.jpg, .png) goes on the "
                    "note."
                ),
            )

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._save_open_work()
        self._remember_geometry()
        super().closeEvent(event)

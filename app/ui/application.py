"""Start the window: wiring only (the workspace, the main window, errors)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from app.errors import AppError

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"


def install_translators(
    app: QApplication, language: str | None = None, folder: Path = TRANSLATIONS
) -> list[QTranslator]:
    """Load the window's translation (resources/translations/peerwalk_<lang>.qm, made with
    pyside6-lrelease) and Qt's own for the system language, or for PEERWALK_LANG (e.g. ``cy``).
    English needs nothing; a missing file leaves the English text. Returned so they stay alive."""
    locale = QLocale(language or os.environ.get("PEERWALK_LANG") or QLocale.system().name())
    loaded = []
    for name, where in (
        ("peerwalk", str(folder)),
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", where):
            app.installTranslator(translator)
            loaded.append(translator)
    return loaded


def run_gui(data_dir: Path, *, smoke_test: bool = False, files: list[str] | None = None) -> int:
    started = time.perf_counter()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Peerwalk")
    app.setOrganizationName("Peerwalk")
    translators = install_translators(app)  # noqa: F841 (kept alive for the run)
    from app.services.workspace import Workspace
    from app.ui.main_window import MainWindow

    try:
        workspace, initial = Workspace.for_window(data_dir)
    except AppError as exc:
        if smoke_test:
            print(f"peerwalk: {exc.user_message}", file=sys.stderr)
            return 1
        QMessageBox.critical(None, "Peerwalk", exc.user_message)
        return 1
    if not smoke_test:
        from app.ui import errors

        errors.install(data_dir)  # bugs and Qt's warnings go to <data folder>/logs/crash.log
    window = MainWindow(workspace, today=workspace.today(), initial=initial)
    if smoke_test:

        def painted() -> None:
            window.home.painted.disconnect(painted)
            print(
                f"painted with data in {time.perf_counter() - started:.3f} s "
                f"({window.review_count()} reviews)",
                flush=True,
            )
            QTimer.singleShot(0, app.quit)

        window.home.painted.connect(painted)
    window.show()
    if not smoke_test:
        QTimer.singleShot(0, window.load_in_background)
        QTimer.singleShot(0, window.files.first_run)  # a new laptop opens on the welcome
    for name in files or []:
        window.open_file(Path(name))
    code = app.exec()
    operations = sys.modules.get("app.ui.operations")
    if operations is not None:
        operations.wait_for_all()  # the last saves reach the database before it closes
    workspace.close()
    if not smoke_test:
        errors.uninstall()
    return code

"""Open the real window on the screen this process was given (the offscreen platform's screen
from a config file, and QT_SCALE_FACTOR), make every page, and print what fits as JSON:
``python -m tests.gui.fit_probe DATA_DIR``. Run by tests/gui/test_fits_the_laptop.py in a
subprocess, since a scale factor and a screen size are fixed for the life of a process."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget


def main(data_dir: Path) -> int:
    app = QApplication(sys.argv[:1])
    from app.services.workspace import Workspace
    from app.ui.main_window import MainWindow
    from tests.gui.helpers import settle

    ws = Workspace(data_dir)
    window = MainWindow(ws, today=date(2026, 11, 24))
    window.show()
    pages = {}
    for row, (_, key, _) in enumerate(window.pages):
        window.nav.setCurrentRow(row)
        settle(None)
        page: QWidget = window._page(key)
        hint = page.minimumSizeHint()
        pages[key] = [hint.width(), hint.height()]
    screen = window.screen()
    area, hint = screen.availableGeometry(), window.minimumSizeHint()
    print(
        json.dumps(
            {
                "scale": screen.devicePixelRatio(),
                "available": [area.width(), area.height()],
                "window": [window.width(), window.height()],
                "inside": area.contains(window.geometry()),
                "minimum": [hint.width(), hint.height()],
                "pages": pages,
            }
        )
    )
    window.close()
    ws.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))

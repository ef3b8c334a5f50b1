"""Drive the real window on a fresh demo database and save a PNG of each main screen.

The window sizes itself to the screen it opens on (as it does for a person), so run it on a
screen of the size to check (scripts/screenshots takes WIDTHxHEIGHT and a scale factor)."""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def main(out: Path) -> int:  # noqa: PLR0915 (one screen after another, as a person walks them)
    app = QApplication(sys.argv[:1])
    from app.services.demo import demo_id
    from app.services.workspace import Workspace
    from app.ui.main_window import MainWindow

    ws = Workspace(Path(tempfile.mkdtemp(prefix="peerwalk-shots-")))
    ws.load_demo()
    w = MainWindow(ws, today=date(2026, 11, 24))
    w.show()
    w.activateWindow()
    QTest.qWait(300)
    screen = w.screen().availableGeometry()
    print(
        f"screen {screen.width()}x{screen.height()} (scale {w.devicePixelRatio()}), window "
        f"{w.width()}x{w.height()}"
    )

    def until(ready) -> None:  # type: ignore[no-untyped-def]  # reviews open off the GUI thread
        for _ in range(500):
            if ready():
                return
            QTest.qWait(20)

    def shot(name: str) -> None:
        QTest.qWait(250)
        w.grab().save(str(out / f"{name}.png"))
        print(out / f"{name}.png")

    until(lambda: w.home.total > 0)
    shot("home")
    w.nav.setCurrentRow(1)
    until(lambda: w.plan.framework.count() > 0)
    w.plan.framework.setCurrentIndex(w.plan.framework.findData("estyn"))
    shot("plan")
    tech = demo_id("review", "tech")
    w.open_review(tech)
    until(
        lambda: (
            w.capture.review is not None
            and w.capture.review.id == tech
            and w.capture.entry.isEnabled()
        )
    )
    w.capture.agenda.setCurrentRow(2)
    QTest.keyClicks(
        w.capture.entry, "Y9: two students could not say how their work would be assessed"
    )
    shot("review-day")
    w.capture.finish_draft()
    walk = next(i for i, a in enumerate(w.capture.review.activities) if a.kind == "learning-walk")
    w.capture.agenda.setCurrentRow(walk)
    w.capture.room.setText("D3 workshop")
    QTest.keyClicks(w.capture.entry, "benches tidy, tools signed out; design briefs on the wall")
    shot("review-day-walk")
    w.capture.finish_draft()
    w.nav.setCurrentRow(3)
    w.writeup.reload_reviews(tech)
    until(lambda: w.writeup.review is not None and w.writeup.review.id == tech)
    w.writeup.focus.setCurrentIndex(0)
    w.writeup.statements.setCurrentRow(3)
    shot("write-up")
    w.nav.setCurrentRow(4)
    QTest.keyClicks(w.search.box, "feedback")
    until(lambda: w.search.results.count() > 0)
    shot("search")
    w.nav.setCurrentRow(5)
    until(lambda: w.setup.tabs.count() > 0)
    shot("setup")
    w.setup.tabs.setCurrentIndex(2)
    shot("setup-networks")
    network_shots(w, until, shot)
    w.close()
    welcome(out)
    from app.ui.operations import wait_for_all

    wait_for_all()
    ws.close()
    app.quit()
    return 0


def network_shots(w, until, shot) -> None:  # type: ignore[no-untyped-def]
    """The Network page's three tabs, on the Welsh SIG (the demo shares a little there)."""
    from app.services.demo import demo_id

    sig = demo_id("network", "Partneriaeth Bae a Glannau SIG")  # the demo planned its rota
    w.nav.setCurrentRow(6)
    page = w.network
    until(lambda: page.network.count() > 0)
    page.network.setCurrentIndex(page.network.findData(sig))
    QTest.keyClicks(page.search_box, "language patterns")
    until(lambda: page.found.rowCount() > 0)
    shot("network-directory")
    page.tabs.setCurrentIndex(1)
    until(lambda: page.grid.rowCount() > 0)
    shot("network-grid")
    page.tabs.setCurrentIndex(2)
    until(lambda: page.visits.rowCount() > 0)
    shot("network-visits")


def welcome(out: Path) -> None:
    """What a new laptop opens on (an empty data folder), filled in as a headteacher would."""
    from PySide6.QtCore import QTimer

    from app.services.workspace import Workspace
    from app.ui.main_window import MainWindow
    from app.ui.welcome import WelcomeDialog

    fresh = Workspace(Path(tempfile.mkdtemp(prefix="peerwalk-new-")))
    w = MainWindow(fresh)
    w.show()
    QTest.qWait(300)
    shots: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, WelcomeDialog):
            QTimer.singleShot(50, look)
            return
        dialog.name.setText("Rhian Evans")
        dialog.email.setText("rhian.evans@browyr.example")
        dialog.urn.setText("6702345")
        dialog.school_name.setText("Ysgol Gymraeg Bro Ŵyr")
        QTest.qWait(200)
        dialog.grab().save(str(out / "welcome.png"))
        shots.append(str(out / "welcome.png"))
        dialog.reject()

    QTimer.singleShot(0, look)
    w.files.first_run()
    for _ in range(200):
        if shots:
            break
        QTest.qWait(50)
    print(*shots)
    w.close()
    from app.ui.operations import wait_for_all

    wait_for_all()
    fresh.close()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))

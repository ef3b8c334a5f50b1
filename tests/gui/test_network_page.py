"""The Network page on the real window: who can I go to, the published grid, the year's visits
(planned by the real dialog, one turned into a review)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QDialog, QInputDialog, QLabel, QLineEdit
from sqlalchemy import select

from app.models import Review, RotaVisit
from tests.gui.helpers import answer_next, poll, settle

SIG = "Partneriaeth Bae a Glannau SIG"
NETWORK_ROW = 6


def _network_page(window, qtbot):  # type: ignore[no-untyped-def]
    window.nav.setCurrentRow(NETWORK_ROW)
    settle(qtbot)
    page = window.network
    page.network.setCurrentIndex(page.network.findText(SIG))
    settle(qtbot)
    return page


def test_practice_released_by_a_school_is_found_by_a_word(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _network_page(window, qtbot)  # the demo's Bro Ŵyr released its oracy practice
    page.search_box.setText("language patterns")
    qtbot.waitUntil(lambda: page.found.rowCount() == 1, timeout=5_000)
    assert page.found.item(0, 0).text() == "Ysgol Gymraeg Bro Ŵyr"
    assert page.found.item(0, 4).text().startswith("Siân Llywelyn")
    assert page.found.item(0, 5).text().startswith("Peer review, ")
    page.search_box.setText("astronomy club")
    qtbot.waitUntil(lambda: page.found.rowCount() == 0, timeout=5_000)


def test_the_grid_shows_published_stages_in_words_and_colour(window, workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    workspace.publish_stage("6612210", "Attendance", 2, "Better since September")
    page = _network_page(window, qtbot)
    page.tabs.setCurrentIndex(1)

    def headers() -> list[str]:
        return [page.grid.horizontalHeaderItem(i).text() for i in range(page.grid.columnCount())]

    qtbot.waitUntil(lambda: "Attendance" in headers(), timeout=5_000)
    assert headers()[0] == "School" and headers()[-1] == "Next steps done"
    col = headers().index("Attendance")
    row = next(
        i
        for i in range(page.grid.rowCount())
        if page.grid.item(i, 0).text() == "Ysgol Gynradd Tŷ Coch"
    )
    cell = page.grid.item(row, col)
    assert cell.text() == "2 developing (amber)"
    assert cell.toolTip() == "Better since September"
    assert cell.background().color().name() == "#fbe3c4"
    others = [page.grid.item(i, col).text() for i in range(page.grid.rowCount()) if i != row]
    assert set(others) == {"–"}


def test_the_years_visits_are_planned_in_the_dialog_and_one_becomes_a_review(  # type: ignore[no-untyped-def]
    window, workspace, qtbot
) -> None:
    page = _network_page(window, qtbot)
    page.tabs.setCurrentIndex(2)
    settle(qtbot)

    seen: list[str] = []

    def fill_rota(dialog: QDialog) -> None:
        from PySide6.QtWidgets import QDialogButtonBox

        start, end, blocked = dialog.findChildren(QLineEdit)[:3]
        dialog.findChild(QCheckBox).setChecked(True)  # the demo has planned this term already
        start.setText("2027-02-30")  # no such day: a red sentence, the dialog stays
        end.setText("2027-03-26")
        blocked.setText("2027-02-15")
        dialog.findChild(QDialogButtonBox).accepted.emit()

        tries: list[int] = []

        def then() -> bool:
            texts = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
            tries.append(1)
            if not any("There is no" in t for t in texts) and len(tries) < 100:
                return False  # the refusal is on its way
            seen.extend(texts)
            start.setText("2027-01-04")
            dialog.findChild(QDialogButtonBox).accepted.emit()
            return True

        poll(then, every=100)

    answer_next(QDialog, fill_rota, every=100)
    page.plan_rota_button.click()
    settle(qtbot)
    qtbot.waitUntil(lambda: page.visits.rowCount() == 6, timeout=10_000)
    assert "There is no 30 February 2027." in seen
    assert page.visits.item(0, 0).text() == "4 Jan 2027"
    with workspace.db.read() as s:
        days = sorted(v.day for v in s.scalars(select(RotaVisit).where(~RotaVisit.deleted)))
    assert len(days) == 6 and date(2027, 2, 15) not in days

    page.visits.selectRow(0)

    def give_focus(dialog: QInputDialog) -> None:
        dialog.setTextValue("Oracy across the curriculum")
        dialog.accept()

    answer_next(QInputDialog, give_focus, every=100)
    with qtbot.waitSignal(window.capture.loaded, timeout=15_000):
        page.start_visit.click()
    settle(qtbot)
    with workspace.db.read() as s:
        visit = s.scalars(
            select(RotaVisit).where(~RotaVisit.deleted).order_by(RotaVisit.day)
        ).first()
        assert visit is not None and visit.review_id
        review = s.get(Review, visit.review_id)
        assert review is not None and review.start_date == date(2027, 1, 4)
    assert window.stack.currentWidget() is window.capture


def test_a_head_sees_the_visits_their_school_makes_and_hosts(window, workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    workspace.set_site("6702345", "Siân Llywelyn")  # Bro Ŵyr's laptop
    page = _network_page(window, qtbot)
    page.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: page.visits.rowCount() == 6, timeout=10_000)  # the demo's rota
    page.ours.setChecked(True)
    qtbot.waitUntil(lambda: page.visits.rowCount() < 6, timeout=10_000)
    rows = [
        (page.visits.item(i, 1).text(), page.visits.item(i, 2).text())
        for i in range(page.visits.rowCount())
    ]
    assert rows and all("Bro Ŵyr" in host + visiting for host, visiting in rows)
    assert sum("Bro Ŵyr" in host for host, _ in rows) == 1  # it hosts once

"""Write-up and the network: beside an EBI, the schools whose released practice matches it;
a strength released from the window, with its contact and summary (issue 12)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLineEdit
from sqlalchemy import select

from app.models import ReleasedPractice
from app.services.demo import demo_id
from tests.gui.helpers import answer_next, open_write_up, settle

TECH, BRO_WYR = demo_id("review", "tech"), demo_id("review", "bro-wyr")
STRETCH = "Stretch and challenge for the most able comes from open-ended problems in every class."


def _choose(page, qtbot, kind: str, words: str) -> None:  # type: ignore[no-untyped-def]
    for i in range(page.statements.count()):
        fid = page.statements.item(i).data(0x0100)
        f = next(x for x in page.findings() if x.id == fid)
        if f.kind == kind and words in f.text:
            page.statements.setCurrentRow(i)
            settle(qtbot)
            return
    raise AssertionError(f"no {kind} with {words!r} in this focus area")


def test_an_ebi_shows_schools_whose_released_practice_matches_it(window, workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    detail = workspace.review_detail(BRO_WYR)
    made = workspace.add_finding(
        BRO_WYR, focus_id=detail.focus_areas[0].id, kind="www", text=STRETCH
    )
    workspace.release_practice(made.id, "Siân Llywelyn", "Open-ended problems in Years 5 and 6")
    page = open_write_up(window, qtbot, TECH)
    _choose(page, qtbot, "ebi", "stretch and challenge")
    qtbot.waitUntil(page.suggestion.isVisible, timeout=5_000)
    assert "Ysgol Gymraeg Bro Ŵyr (Siân Llywelyn)" in page.suggestion.text()
    _choose(page, qtbot, "www", "")  # a strength: no suggestion
    qtbot.waitUntil(lambda: not page.suggestion.isVisible(), timeout=5_000)


def test_a_strength_is_released_from_write_up_with_its_contact(window, workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = open_write_up(window, qtbot, TECH)
    _choose(page, qtbot, "www", "Teachers plan and build on knowledge")
    assert page.release.isEnabled()

    def fill(dialog: QDialog) -> None:
        contact = dialog.findChild(QComboBox)
        contact.setCurrentIndex(contact.findText("Claire Goodwin"))
        dialog.findChild(QLineEdit).setText("Year 7 to 9 planning meetings")
        dialog.findChild(QDialogButtonBox).accepted.emit()

    answer_next(QDialog, fill)
    page.release.click()
    settle(qtbot)
    with workspace.db.read() as s:
        items = s.scalars(
            select(ReleasedPractice).where(ReleasedPractice.school_id == "137451")
        ).all()
    assert [(i.summary, i.contact_id) for i in items] == [
        ("Year 7 to 9 planning meetings", demo_id("person", "claire"))
    ]
    assert items[0].statement.startswith("Teachers plan and build on knowledge")
    _choose(page, qtbot, "ebi", "stretch and challenge")
    assert not page.release.isEnabled()  # only a strength can be released

"""Review day fitted to each activity (rooms, photos of work), Set-up's forms, Write-up from the
keyboard, Home's lists, and the translation mechanism: real widgets, a real database."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from app.services.demo import demo_id
from app.ui.pages.setup_dialogs import NetworkDialog, PersonDialog
from tests.conftest import ROOT
from tests.gui.helpers import answer_next, open_review, open_write_up, settle

TECH = demo_id("review", "tech")


def _row_of(cap, kind: str) -> int:  # type: ignore[no-untyped-def]
    return next(i for i, a in enumerate(cap.review.activities) if a.kind == kind)


def test_learning_walk_goes_room_by_room_from_the_keyboard(window, qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    open_review(window, qtbot, TECH)
    cap = window.capture
    cap.agenda.setCurrentRow(_row_of(cap, "learning-walk"))
    assert not cap.room.isHidden() and "Room by room" in cap.hint.text()
    cap.entry.setFocus()
    qtbot.keyClick(cap.entry, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert cap.room.hasFocus()
    qtbot.keyClicks(cap.room, "D3 workshop")
    qtbot.keyClick(cap.room, Qt.Key.Key_Return)  # on to the note
    assert cap.entry.hasFocus()
    qtbot.keyClicks(cap.entry, "benches tidy, tools signed out")
    qtbot.keyClick(cap.entry, Qt.Key.Key_Return)
    qtbot.keyClicks(cap.entry, "design briefs on the wall")
    qtbot.keyClick(cap.entry, Qt.Key.Key_Return)
    settle(qtbot)
    texts = [n.text for n in workspace.review_detail(TECH).notes]
    assert "D3 workshop: benches tidy, tools signed out" in texts
    assert "D3 workshop: design briefs on the wall" in texts  # the room stays until changed
    cap.agenda.setCurrentRow(_row_of(cap, "interview"))
    assert cap.room.isHidden() and cap.photo.isHidden()  # an interview has no rooms or photos
    cap.agenda.setCurrentRow(_row_of(cap, "joint-observation"))
    first, partner = cap.author.itemText(0), cap.author.itemText(1)
    cap.entry.setFocus()
    qtbot.keyClick(
        cap.entry, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier
    )  # the host colleague's note
    qtbot.keyClicks(cap.entry, "partner saw the quiet table")
    qtbot.keyClick(cap.entry, Qt.Key.Key_Return)
    settle(qtbot)
    assert cap.author.currentText() == partner != first
    assert any(
        "partner saw the quiet table" in cap.partner_notes.item(i).text()
        for i in range(cap.partner_notes.count())
    )


def test_a_photo_of_work_dropped_on_review_day_goes_on_the_note(
    window, qtbot, workspace, data_dir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    photo = tmp_path / "book.png"
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("#c8e0f0"))
    assert image.save(str(photo))
    open_review(window, qtbot, TECH)
    cap = window.capture
    cap.agenda.setCurrentRow(_row_of(cap, "work-scrutiny"))
    assert not cap.photo.isHidden() and "photo" in cap.hint.text()
    qtbot.keyClicks(cap.entry, "Y9 portfolio: annotated iterations")
    window.open_file(photo)  # what dropping it on the window does

    def has_photo() -> bool:
        return any(
            n.text == "Y9 portfolio: annotated iterations" and n.photos
            for n in workspace.review_detail(TECH).notes
        )

    qtbot.waitUntil(has_photo, timeout=5000)
    note = next(
        n
        for n in workspace.review_detail(TECH).notes
        if n.text == "Y9 portfolio: annotated iterations"
    )
    assert (data_dir / "attachments" / f"{note.photos[0]}.jpg").exists()  # normalised to JPEG
    qtbot.waitUntil(
        lambda: "photo" in cap.status.text() and "added" in cap.status.text(), timeout=5000
    )
    qtbot.keyClick(cap.entry, Qt.Key.Key_Return)
    settle(qtbot)
    assert any("📷 1" in cap.notes.item(i).text() for i in range(cap.notes.count()))


def _answer(dialog_type, fill) -> None:  # type: ignore[no-untyped-def]
    """Fill and accept the next modal dialog of ``dialog_type`` when it opens."""

    def go(dialog: Any) -> None:
        fill(dialog)
        dialog.accept()

    answer_next(dialog_type, go)


def test_set_up_a_person_and_a_network_with_ground_rules(window, qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    window.nav.setCurrentRow(5)
    setup = window.setup
    settle(qtbot)

    def person(d: PersonDialog) -> None:
        d.name.setText("Siân Ŵyn Prosser")  # QTest cannot type beyond Latin-1 (Ŵ)
        d.role.setCurrentIndex(d.role.findData("governor"))
        d.school.setCurrentIndex(d.school.findData("6702345"))

    _answer(PersonDialog, person)
    qtbot.mouseClick(setup.person_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert any(p.name == "Siân Ŵyn Prosser" and p.role == "governor" for p in workspace.people())

    def network(d: NetworkDialog) -> None:
        qtbot.keyClicks(d.name, "Governors' triad")
        d.kind.setCurrentIndex(d.kind.findData("triad"))
        for i in range(3):
            d.schools.item(i).setCheckState(Qt.CheckState.Checked)
        qtbot.keyClicks(d.ground_rules, "Responsible to each other, not for each other.")

    _answer(NetworkDialog, network)
    qtbot.mouseClick(setup.network_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    net = next(n for n in workspace.networks() if n.name == "Governors' triad")
    assert (
        len(net.schools) == 3
        and net.ground_rules == "Responsible to each other, not for each other."
    )
    nets = setup.tabs.widget(2)
    assert any(
        "Responsible to each other" in nets.item(r, 3).text() for r in range(nets.rowCount())
    )


def test_write_up_from_the_keyboard_and_good_practice(window, qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    page = open_write_up(window, qtbot, TECH)
    page.filter.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # Add WWW
    assert page.editor.hasFocus()
    qtbot.keyClicks(
        page.editor, "Students critique each other's prototypes with real users in mind"
    )
    qtbot.wait(400)  # saved as typed
    settle(qtbot)
    f = next(
        f for f in workspace.review_detail(TECH).findings if f.text.startswith("Students critique")
    )
    qtbot.keyClick(page, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # good practice
    settle(qtbot)
    assert page.statements.currentItem().text().startswith("★ WWW")
    assert next(x for x in workspace.review_detail(TECH).findings if x.id == f.id).good_practice
    assert "good practice, shared with the network" in page.preview.toPlainText()
    page.filter.setFocus()
    qtbot.keyClicks(page.filter, "prototypes")
    page.evidence.setFocus()
    page.evidence.setCurrentRow(0)
    qtbot.keyClick(page, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # link
    settle(qtbot)
    assert (
        len(next(x for x in workspace.review_detail(TECH).findings if x.id == f.id).evidence) == 1
    )
    page.evidence.setCurrentRow(0)
    qtbot.keyClick(page, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # unlink
    settle(qtbot)
    assert next(x for x in workspace.review_detail(TECH).findings if x.id == f.id).evidence == ()
    assert "⚠ no evidence linked" in page.statements.currentItem().text()


def test_home_lists_recent_visits_and_opens_a_review_from_a_next_step(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    home = window.home
    recent = [home.recent.item(i).text() for i in range(home.recent.count())]
    assert any("Colne Valley High School" in t for t in recent)
    home.actions.setFocus()
    home.actions.setCurrentRow(0)
    with qtbot.waitSignal(window.capture.loaded, timeout=10_000):
        qtbot.keyClick(home.actions, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.capture and window.capture.entry.hasFocus()


def test_strings_go_through_qt_translation(qtbot, tmp_path: Path, workspace) -> None:  # type: ignore[no-untyped-def]
    """pyside6-lupdate finds the window's strings (the vocabulary tables too); a compiled
    translation loaded at start-up changes what the widgets say."""
    ts, qm = tmp_path / "peerwalk_cy.ts", tmp_path / "peerwalk_cy.qm"
    bin_dir = Path(sys.executable).parent
    sources = [str(p) for p in (ROOT / "app" / "ui").rglob("*.py")]
    subprocess.run(
        [str(bin_dir / "pyside6-lupdate"), *sources, "-ts", str(ts)],
        check=True,
        capture_output=True,
    )
    tree = ET.parse(ts)
    welsh = {"Strength": "Cryfder", "Learning walk": "Taith ddysgu", "Home": "Hafan"}
    found = set()
    for message in tree.iter("message"):
        source = message.findtext("source")
        if source in welsh:
            translation = message.find("translation")
            translation.text = welsh[source]
            translation.attrib.pop("type", None)
            found.add(source)
    assert found == set(welsh)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run(
        [str(bin_dir / "pyside6-lrelease"), str(ts), "-qm", str(qm)],
        check=True,
        capture_output=True,
    )
    from app.ui.application import install_translators
    from app.ui.main_window import MainWindow

    app = QApplication.instance()
    translators = install_translators(app, "cy", tmp_path)
    try:
        assert translators
        w = MainWindow(workspace)
        qtbot.addWidget(w)
        settle(qtbot)
        assert w.nav.item(0).text() == "Hafan"
        open_review(w, qtbot, TECH)
        assert w.capture.kinds.button(0).text().startswith("Cryfder")
        assert any(
            "Taith ddysgu" in w.capture.agenda.item(i).text()
            or "Learning walk" in w.capture.agenda.item(i).text()
            for i in range(w.capture.agenda.count())
        )
    finally:
        for t in translators:
            app.removeTranslator(t)

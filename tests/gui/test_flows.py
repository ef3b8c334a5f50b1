"""The window's flows, driven through the real widgets on a real database (demo network)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget

from app.services.demo import demo_id
from app.ui.pages.setup import CsvPreview
from app.ui.pages.writeup import NO_EVIDENCE, NO_NEXT_STEP
from tests.conftest import ROOT, cli_env
from tests.gui.helpers import answer_next, open_review, open_write_up, settle

TECH = demo_id("review", "tech")


def test_home_shows_what_is_coming_and_what_is_open(window) -> None:  # type: ignore[no-untyped-def]
    home = window.home
    upcoming = [home.upcoming.item(i).text() for i in range(home.upcoming.count())]
    assert any("Medlock Primary School" in t for t in upcoming) and any(
        "Tŷ Coch" in t for t in upcoming
    )
    actions = [home.actions.item(i).text() for i in range(home.actions.count())]
    assert any("Triad moderation afternoon" in t for t in actions)
    networks = [home.networks.item(i).text() for i in range(home.networks.count())]
    assert any("Ysgol Gymraeg Bro Ŵyr" in t for t in networks)


def test_plan_a_visit(window, qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    window.nav.setCurrentRow(1)
    plan = window.plan
    settle(qtbot)  # the choosers are read off the GUI thread
    plan.host.setCurrentIndex(plan.host.findData("105522"))
    qtbot.keyClicks(plan.date.edit, "8 Dec 2026")
    plan.framework.setCurrentIndex(plan.framework.findData("enquiry"))
    plan.focus.item(1).setCheckState(Qt.CheckState.Checked)
    qtbot.keyClicks(plan.own_focus, "Reading for pleasure in Key Stage 2")
    qtbot.keyClick(plan.own_focus, Qt.Key.Key_Return)
    names = {
        plan.reviewers.item(i).text().split(" — ")[0]: plan.reviewers.item(i)
        for i in range(plan.reviewers.count())
    }
    names["Nadia Rahman"].setCheckState(Qt.CheckState.Checked)
    names["Marcus Lowe"].setCheckState(Qt.CheckState.Checked)
    plan.writer.setCurrentText("Marcus Lowe")
    for column, name in (
        (3, "Nadia Rahman"),
        (4, "Bernadette Quinn"),
    ):  # the joint observation pairs
        box = plan.agenda.cellWidget(2, column)  # a visitor with a host colleague
        box.setCurrentIndex(box.findText(name))
    with qtbot.waitSignal(window.capture.loaded, timeout=10_000):
        qtbot.mouseClick(plan.plan, Qt.MouseButton.LeftButton)
    settle(qtbot)
    reviews = [r for r in workspace.list_reviews() if r.host_school_id == "105522"]
    assert len(reviews) == 1
    detail = workspace.review_detail(reviews[0].id)
    assert [a.title for a in detail.focus_areas] == [
        plan.focus.item(1).text(),
        "Reading for pleasure in Key Stage 2",
    ]
    assert detail.writer == "Marcus Lowe" and {t.name for t in detail.team} == {
        "Nadia Rahman",
        "Marcus Lowe",
    }
    assert [a.kind for a in detail.activities][:3] == [
        "meeting",
        "learning-walk",
        "joint-observation",
    ]
    joint = detail.activities[2]
    assert (joint.reviewer, joint.host_colleague) == ("Nadia Rahman", "Bernadette Quinn")
    assert window.stack.currentWidget() is window.capture  # straight on to the day


def test_capture_a_note_in_every_kind_of_activity_from_the_keyboard(
    window, qtbot, workspace
) -> None:  # type: ignore[no-untyped-def]
    open_review(window, qtbot, TECH)
    cap = window.capture
    before = len(workspace.review_detail(TECH).notes)
    kinds_done = {}
    cap.agenda.setFocus()
    for row in range(cap.agenda.count()):
        if row:
            qtbot.keyClick(cap.agenda, Qt.Key.Key_Down)
        activity = cap.activity()
        if activity.kind in kinds_done:
            continue
        qtbot.keyClick(cap, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # to the note box
        qtbot.keyClick(cap.entry, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # focus area 2
        qtbot.keyClick(cap.entry, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # area to consider
        text = f"Keyboard note in {activity.kind}"
        qtbot.keyClicks(cap.entry, text)
        qtbot.keyClick(cap.entry, Qt.Key.Key_Return)
        kinds_done[activity.kind] = text
        cap.agenda.setFocus()
    settle(qtbot)
    assert set(kinds_done) == {
        "learning-walk",
        "joint-observation",
        "interview",
        "pupil-discussion",
        "work-scrutiny",
        "meeting",
    }
    detail = workspace.review_detail(TECH)
    acts = {a.id: a.kind for a in detail.activities}
    new = [n for n in detail.notes if n.text.startswith("Keyboard note")]
    assert len(detail.notes) == before + 6
    assert {acts[n.activity_id] for n in new} == set(kinds_done)
    assert all(n.kind == "area" and n.focus_id == detail.focus_areas[1].id for n in new)
    assert cap.entry.text() == "" and "Impact of new initiatives" in cap.focus.currentText()


def test_a_note_is_saved_while_it_is_typed(window, qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    open_review(window, qtbot, TECH)
    cap = window.capture
    qtbot.keyClicks(cap.entry, "Half a thought in the corridor")
    qtbot.waitUntil(
        lambda: any(
            n.text == "Half a thought in the corridor" for n in workspace.review_detail(TECH).notes
        ),
        timeout=2000,
    )
    qtbot.keyClicks(cap.entry, ", finished")
    qtbot.waitUntil(
        lambda: any(
            n.text == "Half a thought in the corridor, finished"
            for n in workspace.review_detail(TECH).notes
        ),
        timeout=2000,
    )
    assert (
        sum(n.text.startswith("Half a thought") for n in workspace.review_detail(TECH).notes) == 1
    )
    assert cap.prompts.text()  # the framework's prompts are on screen while capturing


def test_write_up_flags_unsupported_statements(window, qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    page = open_write_up(window, qtbot, TECH)
    page.focus.setCurrentIndex(1)
    qtbot.mouseClick(page.add_ebi, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.editor, "Moderate Year 9 portfolios across the triad")
    page.save_statement()
    settle(qtbot)
    label = page.statements.currentItem().text()
    assert NO_EVIDENCE in label and NO_NEXT_STEP in label
    qtbot.keyClicks(page.filter, "written feedback")
    assert page.evidence.count() == 1
    page.evidence.item(0).setSelected(True)
    qtbot.mouseClick(page.link, Qt.MouseButton.LeftButton)
    settle(qtbot)
    label = page.statements.currentItem().text()
    assert NO_EVIDENCE not in label and NO_NEXT_STEP in label
    qtbot.keyClicks(page.next_text, "Book a moderation afternoon")
    qtbot.keyClicks(page.next_due.edit, "2027-01-29")
    qtbot.mouseClick(page.add_next, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert "⚠" not in page.statements.currentItem().text()
    f = next(
        f
        for f in workspace.review_detail(TECH).findings
        if f.text == "Moderate Year 9 portfolios across the triad"
    )
    assert len(f.evidence) == 1
    assert "Moderate Year 9 portfolios" in page.preview.toPlainText()


def test_search_as_you_type(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.nav.setCurrentRow(4)
    qtbot.keyClicks(window.search.box, "moderat")
    qtbot.waitUntil(lambda: window.search.results.count() > 0, timeout=3000)
    texts = [window.search.results.item(i).text() for i in range(window.search.results.count())]
    assert any("Colne Valley" in t for t in texts)


def test_school_list_dropped_on_the_window_opens_the_import_preview(
    window, qtbot, tmp_path: Path, workspace
) -> None:  # type: ignore[no-untyped-def]
    csv = tmp_path / "schools.csv"
    csv.write_text(
        "urn,name,phase,local_authority\n999001,Ysgol Newydd Ŵyn,Primary,Powys\n", encoding="utf-8"
    )
    seen: list[str] = []

    def accept_preview(dialog: CsvPreview) -> None:
        table = dialog.findChild(QTableWidget)
        seen.append(table.item(0, 1).text())
        assert not any(s.name == "Ysgol Newydd Ŵyn" for s in workspace.schools())  # nothing yet
        dialog.accept()

    answer_next(CsvPreview, accept_preview)
    with qtbot.waitSignal(window.setup.imported, timeout=5000) as imported:
        window.open_file(csv)  # what a drop does
    settle(qtbot)
    assert seen == ["Ysgol Newydd Ŵyn"]
    assert imported.args[0] == {"added": 1, "updated": 0, "unchanged": 0}
    assert window.stack.currentWidget() is window.setup
    assert any(s.name == "Ysgol Newydd Ŵyn" for s in workspace.schools())
    schools = window.setup.tabs.widget(0)
    assert any(
        schools.item(r, 1).text() == "Ysgol Newydd Ŵyn" for r in range(schools.rowCount())
    )  # redrawn from the change


def test_smoke_test_paints_with_data_and_exits(data_dir: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), "demo"],
        check=True,
        env=cli_env(),
        cwd=ROOT,
        capture_output=True,
    )
    out = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), "gui", "--smoke-test"],
        env=cli_env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "painted with data in" in out.stdout and "(6 reviews)" in out.stdout

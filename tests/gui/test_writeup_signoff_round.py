"""Write-up's side panel in the real window (issue 11): the school's own view of the chosen focus
area; the factual-accuracy round between the host's laptop and the writer's, by a real package
(the host comments in the window, the writer sees it beside the statement, amends, and marks
it answered); the overall summary saved as typed; a photo ticked "In report" printed in the
draft report. The demo Technology review: Colne Valley High School (137451) hosts, Rob Ellis of
Blackwater Academy (137450) writes."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.services.demo import demo_id
from app.services.followup import set_self_evaluation
from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.operations import wait_for_all
from tests.conftest import run_peerwalk, today_env
from tests.gui.conftest import TODAY
from tests.gui.helpers import answer_next, open_write_up, pump, settle
from tests.sync.laptops import Laptop

TECH = demo_id("review", "tech")
HOST, WRITER_SCHOOL = "137451", "137450"
TEACHING = "Quality of teaching, learning and assessment"
OWN_VIEW = "We judge teaching in Technology good; Year 10 practical lessons are our worry."
LOOK_AT = "Year 10 engineering: do the most able move on quickly enough?"


def _area(page: Any, words: str) -> None:
    index = next(i for i in range(page.focus.count()) if words in page.focus.itemText(i))
    page.focus.setCurrentIndex(index)
    pump(20)  # the side panel follows once the page has refilled its lists
    settle(None)


def _choose(page: Any, finding_id: str) -> None:
    row = next(
        i
        for i in range(page.statements.count())
        if page.statements.item(i).data(Qt.ItemDataRole.UserRole) == finding_id
    )
    page.statements.setCurrentRow(row)
    pump(20)
    settle(None)


def test_the_schools_own_view_is_shown_for_the_chosen_area(window, workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    with workspace.db.transaction() as s:  # over the demo's own view; none for one area
        set_self_evaluation(s, TECH, TEACHING, text=OWN_VIEW, look_at=LOOK_AT)
        set_self_evaluation(s, TECH, "Impact of new", text="", look_at="", may_clear=True)
    page = open_write_up(window, qtbot, TECH)
    view = page.side.view
    assert view.title.text() == "<b>The school's own view</b>"
    _area(page, TEACHING)
    shown = view.shown_text()
    assert OWN_VIEW in shown and LOOK_AT in shown
    assert "What we want the team to look at" in shown
    assert view.text.isReadOnly()
    _area(page, "Impact of new initiatives")
    assert view.shown_text() == "The school has not written its view of this area."
    one_line = page.side.split.sizes()[0]  # no empty box: the room goes to the tabs
    _area(page, TEACHING)
    assert OWN_VIEW in view.shown_text()
    assert page.side.split.sizes()[0] > one_line + 40  # the box is back


# --- the factual-accuracy round between two laptops, each in its own window ---------------
@pytest.fixture
def laptops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Path]]:
    """The writer's and the host's laptops, each with the demo, having exchanged packages."""
    monkeypatch.setenv("PEERWALK_TODAY", TODAY.isoformat())
    writer = Laptop(tmp_path, "Rob Ellis", WRITER_SCHOOL)
    host = Laptop(tmp_path, "Claire Goodwin", HOST)
    writer.import_(host.export_for(writer))
    host.import_(writer.export_for(host))
    writer.close()
    host.close()
    yield writer.dir, host.dir


def _open(qtbot: Any, folder: Path, school: str, person: str) -> tuple[Workspace, MainWindow]:
    ws = Workspace(folder)
    ws.set_site(school, "", demo_id("person", person))
    w = MainWindow(ws, today=TODAY)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    settle(qtbot)
    return ws, w


def _close(ws: Workspace, w: MainWindow) -> None:
    settle(None)
    w.close()
    wait_for_all()
    ws.close()


def _dismiss_the_import_message() -> None:
    answer_next(QMessageBox, lambda box: box.accept(), every=50)


def test_host_comments_travel_and_the_writer_answers_them_in_the_window(  # noqa: PLR0915 (one round, step by step)
    qtbot, laptops: tuple[Path, Path], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    writer_dir, host_dir = laptops

    # The host head, on Colne Valley's laptop, comments on a statement of the draft.
    ws, w = _open(qtbot, host_dir, HOST, "claire")
    page = open_write_up(w, qtbot, TECH)
    _area(page, TEACHING)
    statement = page.findings()[0]
    _choose(page, statement.id)
    side = page.side
    side.tabs.setCurrentWidget(side.comments)
    panel = side.comments
    assert panel.box.isEnabled() and not panel.comment_reason.isVisible()
    qtbot.keyClicks(panel.box, "We have had a reading lead since September.")
    assert panel.add.isEnabled()
    qtbot.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    settle(qtbot)
    (made,) = ws.comments(TECH)
    assert (made.finding_id, made.text, made.author, made.answered) == (
        statement.id,
        "We have had a reading lead since September.",
        "Claire Goodwin",
        False,
    )
    assert panel.box.toPlainText() == ""
    assert panel.list.item(0).text().startswith("● Not answered yet · Claire Goodwin, ")
    # The host may not mark its own comment answered: disabled, with the services' reason.
    assert not panel.answer.isEnabled()
    assert panel.answer_reason.isVisible()
    assert "Only the visiting team's laptops may mark a comment answered" in (
        panel.answer_reason.text()
    )
    package = tmp_path / "host-to-writer.peerwalk"
    ws.export_for(WRITER_SCHOOL, package, None)
    _close(ws, w)

    # The writer, on Rob Ellis's laptop, has Write-up open when the package comes in.
    ws, w = _open(qtbot, writer_dir, WRITER_SCHOOL, "rob")
    page = open_write_up(w, qtbot, TECH)
    _area(page, TEACHING)
    side, panel = page.side, page.side.comments
    assert ws.comments(TECH) == ()
    assert side.tabs.tabText(1) == "Comments"
    _dismiss_the_import_message()
    w.files.import_package(package, trust=True)
    settle(qtbot)
    qtbot.waitUntil(lambda: side.tabs.tabText(1) == "Comments (1)", timeout=10_000)
    pump(20)
    settle(qtbot)
    # Beside the statement it is about: a mark on the statement, and the comment with who/when.
    row = next(
        page.statements.item(i)
        for i in range(page.statements.count())
        if page.statements.item(i).data(Qt.ItemDataRole.UserRole) == statement.id
    )
    assert not row.icon().isNull()
    assert row.statusTip() == "1 comment(s) from the host school, 1 not answered"
    _choose(page, statement.id)
    side.tabs.setCurrentWidget(panel)
    shown = panel.list.item(0).text()
    # Its state first, where a short list still shows it (a long comment wraps below).
    assert shown.startswith("● Not answered yet · Claire Goodwin, 24 Nov 2026 ")
    assert shown.endswith("\nWe have had a reading lead since September.")
    # This laptop may not comment: the box is disabled, with the reason in a line.
    assert not panel.box.isEnabled() and not panel.add.isEnabled()
    assert "Only the host school's laptops may comment" in panel.comment_reason.text()

    # The writer amends the statement, then marks the comment answered.
    page.editor.setFocus()
    page.editor.selectAll()
    qtbot.keyClicks(page.editor, "Teachers, led since September by a reading lead, plan well.")
    assert panel.answer.isEnabled()
    qtbot.mouseClick(panel.answer, Qt.MouseButton.LeftButton)
    settle(qtbot)
    (answered,) = ws.comments(TECH)
    assert answered.answered
    assert ws.review_detail(TECH).finding(statement.id).text == (  # type: ignore[union-attr]
        "Teachers, led since September by a reading lead, plan well."
    )
    assert panel.list.item(0).text().startswith("✓ Answered · Claire Goodwin, ")
    assert not panel.answer.isEnabled()
    assert side.tabs.tabText(1) == "Comments"
    assert row.statusTip() == "1 comment(s) from the host school, 0 not answered"
    package = tmp_path / "writer-to-host.peerwalk"
    ws.export_for(HOST, package, None)
    _close(ws, w)

    # Back on the host's laptop: the comment is answered beside the amended statement.
    ws, w = _open(qtbot, host_dir, HOST, "claire")
    page = open_write_up(w, qtbot, TECH)
    _area(page, TEACHING)
    _dismiss_the_import_message()
    w.files.import_package(package, trust=True)
    settle(qtbot)
    panel = page.side.comments
    qtbot.waitUntil(lambda: bool(panel.all) and panel.all[0].answered, timeout=10_000)
    _choose(page, statement.id)
    assert panel.list.item(0).text().startswith("✓ Answered · Claire Goodwin, ")
    assert "led since September by a reading lead" in panel.about.text()
    _close(ws, w)


def test_the_overall_summary_is_saved_as_typed(window, workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = open_write_up(window, qtbot, TECH)
    summary = page.side.summary
    page.side.tabs.setCurrentWidget(summary)
    assert not summary.editor.isReadOnly()
    words = "A department that plans well; the next step is challenge in Year 10."
    assert summary.editor.toPlainText() == workspace.review_detail(TECH).summary  # the demo's
    summary.editor.setFocus()
    summary.editor.selectAll()
    qtbot.keyClicks(summary.editor, words)
    qtbot.waitUntil(lambda: workspace.review_detail(TECH).summary == words, timeout=5_000)
    # Leaving the field saves at once (before a report is made from the menu, say).
    qtbot.keyClicks(summary.editor, " Leaders know it.")
    page.editor.setFocus()
    settle(qtbot)
    assert workspace.review_detail(TECH).summary == words + " Leaders know it."
    words += " Leaders know it."
    # Coming back to the review shows what was saved.
    page.side.tabs.setCurrentIndex(0)
    window.nav.setCurrentRow(0)
    open_write_up(window, qtbot, TECH)
    pump(20)
    settle(qtbot)
    assert summary.editor.toPlainText() == words
    assert words in page.preview.toPlainText()  # the preview opens with it, as the report does


def test_a_laptop_outside_the_review_sees_the_summary_read_only_with_the_reason(
    window, workspace, qtbot
) -> None:  # type: ignore[no-untyped-def]
    with workspace.db.transaction() as s:
        from app.services.followup import set_summary

        set_summary(s, TECH, "The team's summary.")
    workspace.set_site("105521")  # Medlock Primary: not the host, not on the visiting team
    page = open_write_up(window, qtbot, TECH)
    pump(20)
    settle(qtbot)
    summary = page.side.summary
    assert summary.editor.toPlainText() == "The team's summary."
    assert summary.editor.isReadOnly()
    assert (
        summary.line.isVisibleTo(summary)
        and (
            "Only the host school and the visiting team may write the summary of this review; "
            "this laptop belongs to Medlock Primary School."
        )
        in summary.line.text()
    )
    photos = page.side.photos
    assert "this laptop belongs to Medlock Primary School" in photos.line.text()


def _images(pdf: Path) -> int:
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    return sum(len(p.images) for p in reader.pages)


def test_a_photo_ticked_in_report_prints_in_the_draft(window, workspace, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    photo = tmp_path / "work.jpg"
    Image.radial_gradient("L").resize((800, 600)).convert("RGB").save(photo, "JPEG")
    note = workspace.review_detail(TECH).notes[0]
    workspace.attach_photo(note.id, photo)
    before = tmp_path / "before.pdf"
    made = run_peerwalk(
        workspace.data_dir, "report", TECH, "--draft", "-o", str(before), env=today_env()
    )
    assert made.code == 0, made.err
    page = open_write_up(window, qtbot, TECH)
    photos = page.side.photos
    page.side.tabs.setCurrentWidget(photos)
    pump(20)
    settle(qtbot)
    ((photo_id, box),) = photos.boxes.items()
    assert box.text() == "In report" and not box.isChecked() and box.isEnabled()
    box.click()
    settle(qtbot)
    assert [p.in_report for p in workspace.report_photos(TECH)] == [True]
    after = tmp_path / "after.pdf"
    made = run_peerwalk(
        workspace.data_dir, "report", TECH, "--draft", "-o", str(after), env=today_env()
    )
    assert made.code == 0, made.err
    assert _images(after) == _images(before) + 1
    # Edit > Undo takes it out again, and the box follows.
    assert window.undo_action.text().replace("&", "") == "Undo put a photo in the report"
    window.undo_action.trigger()
    settle(qtbot)
    assert [p.in_report for p in workspace.report_photos(TECH)] == [False]
    pump(20)
    settle(qtbot)
    assert not photos.boxes[photo_id].isChecked()

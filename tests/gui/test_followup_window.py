"""Follow-up in the window (issue 11): the host school marks a next step done with its impact
(and the real program sees it), another school's laptop sees the controls disabled with the
reason, Home lists what is overdue and opens its review, a follow-up visit shows last time's
EBIs on Review day and in Write-up, and the team's view now typed in the window prints in the
report under "Since our last visit"."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.services.demo import demo_id
from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.operations import wait_for_all
from tests.conftest import run_peerwalk, today_env
from tests.gui.conftest import TODAY
from tests.gui.helpers import open_review, open_write_up, pump, settle

TECH = demo_id("review", "tech")  # Colne Valley, 12 November 2026
FOLLOW = demo_id("review", "tech-follow")  # its follow-up visit, 10 March 2027
RODNEY = demo_id("review", "mcr-rodney")  # follows no earlier review
ROTATION = demo_id("action", "tech", "2")  # open, due 31 March 2027
MODERATION = demo_id("action", "tech", "0")  # in progress, due 5 February 2027
STRETCH_EBI = demo_id("finding", "tech", "3")


def _choose_step(page, qtbot, action_id: str) -> None:  # type: ignore[no-untyped-def]
    lst = page.next_steps
    row = next(
        i for i in range(lst.count()) if lst.item(i).data(Qt.ItemDataRole.UserRole) == action_id
    )
    lst.setCurrentRow(row)
    settle(qtbot)


def _listed(data_dir: Path, action_id: str) -> dict:  # type: ignore[type-arg]
    r = run_peerwalk(data_dir, "--json", "actions", "list", env=today_env(TODAY.isoformat()))
    assert r.code == 0, r.err
    return next(a for a in r.json() if a["id"] == action_id)  # type: ignore[no-any-return]


def test_the_host_marks_a_next_step_done_with_its_impact(
    window, qtbot, workspace, data_dir
) -> None:  # type: ignore[no-untyped-def]
    workspace.set_site("137451", "Claire Goodwin")  # Colne Valley's laptop: the host
    page = open_write_up(window, qtbot, TECH)
    _choose_step(page, qtbot, ROTATION)
    controls = page.step_status
    assert controls.status.isEnabled() and controls.impact.isEnabled()
    assert not controls.notice.isVisible()
    done = controls.status.findData("done")
    controls.status.setCurrentIndex(done)
    controls.status.activated.emit(done)  # as a person choosing "Done" does
    settle(qtbot)
    controls.impact.setFocus()
    qtbot.keyClicks(controls.impact, "Food in Year 7 from September.")
    qtbot.keyClick(controls.impact, Qt.Key.Key_Return)
    settle(qtbot)
    listed = _listed(data_dir, ROTATION)
    assert (listed["status"], listed["impact"]) == ("done", "Food in Year 7 from September.")
    shown = page.next_steps.currentItem().text()
    assert "Done" in shown and "Impact: Food in Year 7 from September." in shown
    # Edit > Undo takes the status back (a first impact note has nothing to go back to)
    assert window.undo_action.text().replace("&", "") == "Undo mark next step"
    window.undo_action.trigger()
    settle(qtbot)
    listed = _listed(data_dir, ROTATION)
    assert listed["status"] == "open" and listed["impact"] == "Food in Year 7 from September."


def test_a_visiting_schools_laptop_sees_why_it_cannot_mark_them(
    window, qtbot, workspace, data_dir
) -> None:  # type: ignore[no-untyped-def]
    workspace.set_site("137450", "Rob Ellis")  # Blackwater: on the visiting team
    page = open_write_up(window, qtbot, TECH)
    _choose_step(page, qtbot, MODERATION)
    controls = page.step_status
    assert not controls.status.isEnabled() and not controls.impact.isEnabled()
    assert controls.notice.isVisible()
    assert controls.notice.text() == (
        "Only Colne Valley High School's laptops mark how its next steps are going; "
        "this laptop belongs to Blackwater Academy."
    )
    assert _listed(data_dir, MODERATION)["status"] == "in-progress"


@pytest.fixture
def february(qtbot, data_dir: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The window on 10 February 2027: Colne Valley's moderation afternoon (due 5 February,
    in progress) is overdue."""
    today = date(2027, 2, 10)
    monkeypatch.setenv("PEERWALK_TODAY", today.isoformat())
    ws = Workspace(data_dir)
    ws.load_demo()
    w = MainWindow(ws, today=today)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    settle(qtbot)
    yield w
    wait_for_all()
    ws.close()


def test_home_lists_an_overdue_step_and_opens_its_review(february, qtbot) -> None:  # type: ignore[no-untyped-def]
    due = february.home.due.list
    rows = [due.item(i).text() for i in range(due.count())]
    (late,) = [i for i, t in enumerate(rows) if "Triad moderation" in t]
    assert rows[late].startswith("⚠ Overdue by 5 days (5 Feb 2027) · Colne Valley High School")
    assert rows[late].endswith("— Jess Lucas")
    assert not any("Review the KS3 rotation" in t for t in rows)  # due 31 March: not yet
    assert not any("student becomes the teacher" in t for t in rows)  # done
    due.setFocus()
    due.setCurrentRow(late)
    with qtbot.waitSignal(february.capture.loaded, timeout=10_000):
        qtbot.keyClick(due, Qt.Key.Key_Return)
    settle(qtbot)
    assert february.stack.currentWidget() is february.capture
    assert february.capture.review.id == TECH


def _panel_text(panel) -> str:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    html = " ".join(label.text() for label in panel.findChildren(QLabel))
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'")


def test_a_follow_up_shows_last_times_ebis_on_review_day_and_in_write_up(
    window, qtbot, workspace
) -> None:  # type: ignore[no-untyped-def]
    ebi = workspace.review_detail(TECH).finding(STRETCH_EBI)
    assert ebi is not None
    words = ebi.text[:40]
    capture = open_review(window, qtbot, FOLLOW)
    panel = capture.last_visit
    assert panel.isVisible() and panel.title() == "From our last visit (12 Nov 2026)"
    text = _panel_text(panel)
    assert words in text and "Done" in text and "Impact: Two after-school sessions" in text
    assert "In progress" in text  # the moderation afternoon
    page = open_write_up(window, qtbot, FOLLOW)
    assert page.last_visit.isVisible() and words in _panel_text(page.last_visit)
    assert STRETCH_EBI in page.last_visit.views  # "Our view now" for each earlier EBI
    page = open_write_up(window, qtbot, RODNEY)  # follows no earlier visit
    assert not page.last_visit.isVisible()
    assert not open_review(window, qtbot, RODNEY).last_visit.isVisible()


def test_our_view_now_typed_in_write_up_prints_under_since_our_last_visit(
    window, qtbot, data_dir, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    page = open_write_up(window, qtbot, FOLLOW)
    field = page.last_visit.views[STRETCH_EBI].field
    field.setFocus()
    qtbot.keyClicks(field, "Quick finishers move on to a tolerance challenge")
    pump(400)  # saved as typed: no Enter
    settle(qtbot)
    qtbot.keyClicks(field, " in every lesson seen")
    pump(400)
    settle(qtbot)
    kind = page.last_visit.views[STRETCH_EBI].kind  # not met after all: still to do
    kind.setCurrentIndex(kind.findData("ebi"))
    kind.activated.emit(kind.currentIndex())
    settle(qtbot)
    pdf = tmp_path / "draft.pdf"
    r = run_peerwalk(
        data_dir, "report", FOLLOW, "--draft", "-o", str(pdf), env=today_env(TODAY.isoformat())
    )
    assert r.code == 0, r.err
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    text = re.sub(r"\s+", " ", out.stdout)
    since = text.index("Since our last visit")
    view = text.index(
        "Even better if: Quick finishers move on to a tolerance challenge in every lesson seen"
    )
    assert since < view
    assert text.count("tolerance challenge in every lesson") == 1  # one statement, edited
    # the statement is the follow-up's own, answering the EBI, shown among its statements
    (shown,) = [f for f in page.review.findings if f.follows_finding_id == STRETCH_EBI]
    assert shown.kind == "ebi" and shown.text.endswith("in every lesson seen")

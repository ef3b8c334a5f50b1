"""Plan's "The school's own view" tab, who may read the report, and File > Pre-visit pack, in
the real window on a real database: the host school's context and self-evaluation saved as
typed (read back by the real program), nothing typed lost when the review or the page changes,
read-only with the reason on a visiting laptop, distribution changed (and undone) by the host
only, and the pack PDF holding what was just typed."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.errors import NotThisSchool
from app.services.demo import demo_id
from tests.conftest import db_fingerprint, run_peerwalk
from tests.gui.helpers import settle
from tests.gui.test_first_run import Butler, _save_to

TECH = demo_id("review", "tech")  # Colne Valley's Technology review; Rob Ellis (Blackwater) leads
FOLLOW = demo_id("review", "tech-follow")  # the follow-up visit to Colne Valley in March
COLNE, BLACKWATER = "137451", "137450"
IS_ROOT = hasattr(__import__("os"), "geteuid") and __import__("os").geteuid() == 0


def _open(window: Any, qtbot: Any, review_id: str, tab: int = 1) -> Any:
    """Plan, the visit opened with Change this visit, on the tab asked for (1: own view)."""
    window.nav.setCurrentRow(1)
    settle(qtbot)
    page = window.plan
    page.existing.setCurrentIndex(page.existing.findData(review_id))
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    page.tabs.setCurrentIndex(tab)
    settle(qtbot)
    assert page.editing is not None and page.editing.id == review_id
    return page


def _boxes(page: Any) -> dict[str, tuple[Any, Any]]:
    """Each focus area's title: (its self-evaluation box, its look-at box)."""
    panel = page.own_view
    return {
        a.title: (panel.editors[(a.id, "sef")], panel.editors[(a.id, "look_at")])
        for a in panel.view.areas
    }


def _stored(data_dir: Path, review_id: str) -> dict[str, Any]:
    """The review's own view and distribution as the database holds them (plain sqlite3)."""
    con = sqlite3.connect(data_dir / "peerwalk.db")
    try:
        context, distribution = con.execute(
            "SELECT context, distribution FROM reviews WHERE id = ?", (review_id,)
        ).fetchone()
        areas = {
            t: (s, lk)
            for t, s, lk in con.execute(
                "SELECT title, self_evaluation, look_at FROM review_focus_areas "
                "WHERE review_id = ? AND NOT deleted",
                (review_id,),
            )
        }
    finally:
        con.close()
    return {"context": context, "distribution": distribution, "areas": areas}


def _show_json(data_dir: Path, review_id: str) -> dict[str, Any]:
    r = run_peerwalk(data_dir, "--json", "reviews", "show", review_id)
    assert r.code == 0, r.err
    return r.json()  # type: ignore[no-any-return]


def test_the_host_writes_its_own_view_and_it_is_saved_as_typed(
    window, qtbot, workspace, data_dir
) -> None:  # type: ignore[no-untyped-def]
    workspace.set_site(COLNE, "Claire Goodwin")
    page = _open(window, qtbot, TECH)
    panel = page.own_view
    assert not panel.context.isReadOnly() and "Saved as you type" in panel.notice.text()
    first = next(iter(_boxes(page)))
    sef, look = _boxes(page)[first]
    panel.context.clear()
    qtbot.keyClicks(panel.context, "An 11-16 comprehensive; Technology is a faculty of seven.")
    sef.clear()  # the demo's own view, written before: this test writes it anew
    look.clear()
    qtbot.keyClicks(sef, "Practical lessons are strong; stretch in Year 10 is patchy.")
    qtbot.keyClicks(look, "Year 10 engineering, Tuesday period 3")
    # Saved while typed: no page change, no button.
    qtbot.waitUntil(
        lambda: (
            _stored(data_dir, TECH)["areas"][first][1] == "Year 10 engineering, Tuesday period 3"
        ),
        timeout=5000,
    )
    settle(qtbot)
    shown = _show_json(data_dir, TECH)  # the real program reads what the window saved
    assert shown["context"] == "An 11-16 comprehensive; Technology is a faculty of seven."
    area = next(a for a in shown["focus_areas"] if a["title"] == first)
    assert area["self_evaluation"].endswith(
        "Practical lessons are strong; stretch in Year 10 is patchy."
    )
    assert area["look_at"] == "Year 10 engineering, Tuesday period 3"
    assert panel.problem.isHidden()


def test_words_typed_are_kept_when_the_review_or_the_page_changes(
    window, qtbot, workspace, data_dir
) -> None:  # type: ignore[no-untyped-def]
    workspace.set_site(COLNE, "Claire Goodwin")
    follow_before = _stored(data_dir, FOLLOW)
    page = _open(window, qtbot, TECH)
    panel = page.own_view
    panel.context.clear()
    qtbot.keyClicks(panel.context, "Typed, then another visit chosen at once")
    # Straight to the other visit, before the save timer has had a chance to run.
    page.existing.setCurrentIndex(page.existing.findData(FOLLOW))
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert _stored(data_dir, TECH)["context"] == "Typed, then another visit chosen at once"
    assert _stored(data_dir, FOLLOW)["context"] == follow_before["context"]  # not over it
    assert panel.view.review_id == FOLLOW
    assert panel.context.toPlainText() == follow_before["context"]
    title, (sef, _look) = next(iter(_boxes(page).items()))
    sef.setFocus()
    qtbot.keyClick(sef, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(sef, " Then Home, at once.")
    window.nav.setCurrentRow(0)  # another page
    settle(qtbot)
    assert _stored(data_dir, FOLLOW)["areas"][title][0] == (
        follow_before["areas"][title][0] + " Then Home, at once."
    )
    # Back on Plan, the words are there, read from the database.
    window.nav.setCurrentRow(1)
    settle(qtbot)
    assert _boxes(page)[title][0].toPlainText().endswith("Then Home, at once.")


def test_on_a_visiting_laptop_the_own_view_and_distribution_are_read_only_with_the_reason(
    window, qtbot, workspace, data_dir
) -> None:  # type: ignore[no-untyped-def]
    workspace.set_site(BLACKWATER, "Rob Ellis")  # leads the Technology review; not the host
    before = db_fingerprint(data_dir)
    page = _open(window, qtbot, TECH)
    panel = page.own_view
    editors = list(panel.editors.values())
    assert len(editors) == 1 + 2 * len(panel.view.areas) and len(editors) > 1
    assert all(e.isReadOnly() for e in editors)
    assert panel.notice.text().startswith("Written by Colne Valley High School, the host school")
    assert "\n" not in panel.notice.text()
    qtbot.keyClicks(panel.context, "A visitor's words")
    assert "A visitor's words" not in panel.context.toPlainText()
    page.tabs.setCurrentIndex(0)
    assert not page.distribution.isEnabled()
    assert page.distribution_control.reason.text() == (
        "Decided by Colne Valley High School, the host school, on its own laptops."
    )
    settle(qtbot)
    assert db_fingerprint(data_dir) == before
    # And were the box enabled, the Workspace would refuse it, with the reason.
    with pytest.raises(NotThisSchool, match="host school"):
        workspace.set_distribution(TECH, "review-team")
    assert _stored(data_dir, TECH)["distribution"] == "host-only"


def test_the_host_changes_who_receives_the_report_at_once_and_can_undo_it(
    window, qtbot, workspace, data_dir
) -> None:  # type: ignore[no-untyped-def]
    workspace.set_site(COLNE, "Claire Goodwin")
    page = _open(window, qtbot, TECH, tab=0)
    box = page.distribution
    assert box.isEnabled() and box.currentData() == "host-only"
    assert "Edit > Undo" in page.distribution_control.reason.text()
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)  # the next choice: the host school and the team
    settle(qtbot)
    assert _stored(data_dir, TECH)["distribution"] == "review-team"
    assert _show_json(data_dir, TECH)["distribution"] == "review-team"
    assert window.undo_stack.peek_label() == "change who receives the report"
    assert "The report now goes to" in window.statusBar().currentMessage()
    window.undo()
    settle(qtbot)
    assert _stored(data_dir, TECH)["distribution"] == "host-only"
    assert box.currentData() == "host-only" and page.editing.distribution == "host-only"


def _pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return " ".join(out.split())


def _pack_action(window: Any) -> Any:
    file_menu = window.menuBar().actions()[0].menu()
    return next(a for a in file_menu.actions() if a.text() == "Pre-visit &pack…")


def _answers(out: Path, seen: list[str]) -> Butler:
    def message(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    return Butler({QFileDialog: _save_to(out), QMessageBox: message})


def test_file_pre_visit_pack_holds_the_self_evaluation_just_typed(
    window, qtbot, workspace, data_dir, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    workspace.set_site(COLNE, "Claire Goodwin")
    page = _open(window, qtbot, TECH)
    title, (sef, _look) = next(iter(_boxes(page).items()))
    sef.clear()
    qtbot.keyClicks(sef, "Quick finishers in Year 10 wait for the next task.")
    out = tmp_path / "pack" / "colne pack.pdf"
    out.parent.mkdir()
    seen: list[str] = []
    butler = _answers(out, seen)
    try:
        _pack_action(window).trigger()  # straight after typing: the words go first
        qtbot.waitUntil(out.exists, timeout=30_000)
        settle(qtbot, timeout=30_000)
    finally:
        butler.stop()
    assert seen == [f"Pre-visit pack saved to {out}."]  # no error: where it went
    assert str(out) in window.statusBar().currentMessage()
    text = _pdf_text(out)
    assert "Quick finishers in Year 10 wait for the next task." in text
    assert " ".join(title.split()) in text


@contextmanager
def _read_only(folder: Path) -> Iterator[None]:
    """A folder nobody may write to: a read-only bind mount as root (chmod does not stop root),
    else chmod 0500."""
    if IS_ROOT:
        subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True)
        try:
            subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=True)
            yield
        finally:
            subprocess.run(["umount", "-l", str(folder)], check=False)
    else:
        folder.chmod(0o500)
        try:
            yield
        finally:
            folder.chmod(0o700)


@pytest.mark.skipif(shutil.which("mount") is None, reason="needs mount for a read-only folder")
def test_the_pack_that_cannot_be_written_is_one_sentence(
    window, qtbot, workspace, data_dir, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    page = _open(window, qtbot, TECH, tab=0)
    assert page.editing is not None
    locked = tmp_path / "locked"
    locked.mkdir()
    seen: list[str] = []
    out = locked / "pack.pdf"
    butler = _answers(out, seen)
    try:
        with _read_only(locked):
            _pack_action(window).trigger()
            qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
            settle(qtbot)
    finally:
        butler.stop()
    assert seen == [seen[0]] and "\n" not in seen[0]
    assert f"The folder {locked} is read-only" in seen[0]
    assert not out.exists() and list(locked.iterdir()) == []
    # A review that is not (or no longer) on this laptop: one sentence too.
    seen.clear()
    butler = _answers(tmp_path / "ghost.pdf", seen)
    try:
        window.files.pre_visit_pack("no-such-review")
        qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
        settle(qtbot)
    finally:
        butler.stop()
    assert seen == ["There is no review with id 'no-such-review'."]
    assert not (tmp_path / "ghost.pdf").exists()


def test_words_too_long_to_save_stay_in_the_box_with_the_reason(
    window, qtbot, workspace, data_dir
) -> None:  # type: ignore[no-untyped-def]
    """A whole SEF pasted in: refused in one sentence under the notice (no dialog while
    typing), the database as it was, the words still in the box to be cut down."""
    workspace.set_site(COLNE, "Claire Goodwin")
    page = _open(window, qtbot, TECH)
    panel = page.own_view
    before = _stored(data_dir, TECH)
    pasted = "Our whole self-evaluation form, pasted in. " * 300  # about 13,000 characters
    panel.context.setFocus()
    panel.context.insertPlainText(pasted)
    qtbot.waitUntil(panel.problem.isVisible, timeout=5000)
    settle(qtbot)
    length = len(panel.context.toPlainText().strip())  # what was there, and the paste
    assert panel.problem.text() == (
        f"The context is {length:,} characters long, more than the 10,000 it may have; keep to "
        "the points the team needs."
    )
    assert _stored(data_dir, TECH) == before
    assert pasted in panel.context.toPlainText()
    panel.context.setPlainText("A short context.")  # cut down: saved, and the reason goes
    qtbot.waitUntil(lambda: _stored(data_dir, TECH)["context"] == "A short context.", timeout=5000)
    settle(qtbot)
    assert panel.problem.isHidden()

"""Safeguarding on the day, in the window: a concern recorded from Review day in a few
keystrokes, with its handover, and then looked for everywhere it must never be. Its words and
where it was seen carry a random token; the real program then produces the draft and the
signed report, the pre-visit pack and a package for the host school, the host's laptop
imports that package, and the token is searched for in each PDF's text and bytes, in the
package's unpacked contents and bytes, in every table but the two safeguarding ones (the
change log among them), and in the host laptop's database file."""

from __future__ import annotations

import gzip
import re
import secrets
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from app.services.demo import demo_id
from app.services.workspace_safeguarding import local_text
from app.ui.safeguarding_dialog import ConcernDialog, HandoverDialog
from tests.conftest import cli_env, run_peerwalk
from tests.gui.conftest import TODAY
from tests.gui.helpers import open_review, pump, settle

TECH = demo_id("review", "tech")  # host Colne Valley (137451); Rob Ellis of Blackwater writes
ENV = cli_env(PEERWALK_TODAY=TODAY.isoformat(), PEERWALK_PASSPHRASE="a long enough passphrase")
SAFEGUARDING_TABLES = {"safeguarding_concerns", "safeguarding_handovers"}


@pytest.fixture
def window(qtbot, workspace):  # type: ignore[no-untyped-def]
    """Rob Ellis's laptop (Blackwater Academy), so "by whom" has a name to start from."""
    from app.ui.main_window import MainWindow

    workspace.set_site("137450", "Rob Ellis", demo_id("person", "rob"))
    w = MainWindow(workspace, today=TODAY)
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitActive(w)
    settle(qtbot)
    return w


def _text_columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [
        r[1]
        for r in con.execute(f'PRAGMA table_info("{table}")')
        if not r[2] or any(t in r[2].upper() for t in ("CHAR", "TEXT", "CLOB", "JSON"))
    ]


def _rows_with(db: Path, token: str, skip: set[str]) -> list[tuple[str, str]]:
    """(table, column) of every text cell holding ``token``, in every table but ``skip``."""
    con = sqlite3.connect(db)
    try:
        tables = [
            r[0]
            for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if r[0] not in skip
        ]
        found = []
        for table in tables:
            for col in _text_columns(con, table):
                hit = con.execute(
                    f'SELECT count(*) FROM "{table}" WHERE CAST("{col}" AS TEXT) LIKE ?',
                    (f"%{token}%",),
                ).fetchone()[0]
                if hit:
                    found.append((table, col))
        return found
    finally:
        con.close()


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _package_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "\n".join(
            (gzip.decompress(z.read(n)) if n.endswith(".gz") else z.read(n)).decode(
                "utf-8", "replace"
            )
            for n in z.namelist()
        )


def _says_kept_here(widget: Any) -> bool:
    from PySide6.QtWidgets import QLabel

    return any(
        "Kept on this laptop only. Never in a report, a pack, a package or the change log. "
        "Pass it to the host headteacher today." in label.text()
        for label in widget.findChildren(QLabel)
        if label.isVisible()
    )


def _ok(data: Path, *args: str) -> Any:
    r = run_peerwalk(data, *args, env=ENV)
    assert r.code == 0, r.err
    return r


def test_a_concern_recorded_in_the_window_is_in_no_pdf_package_or_change_log(  # noqa: PLR0915 (one story, start to end)
    qtbot, window, workspace, tmp_path: Path
) -> None:
    token, place_token = f"SG{secrets.token_hex(5)}", f"PL{secrets.token_hex(5)}"
    # A concern of another visit first, so this review's are not stored as 1, 2, ...
    workspace.record_concern(demo_id("review", "mcr-rodney"), "Another visit's concern", "", "", "")
    capture = open_review(window, qtbot, TECH)
    panel = capture.safeguarding
    settle(qtbot)
    assert _says_kept_here(panel)

    # Ctrl+Shift+G from the note box: the dialog opens with the cursor in "What was seen".
    capture.entry.setFocus()
    qtbot.keyClick(
        capture.entry,
        Qt.Key.Key_G,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = panel.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.words)
    assert _says_kept_here(dialog)
    assert dialog.raised_by.text() == "Rob Ellis"  # this laptop's person
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", dialog.seen_at.text())  # now, editable
    qtbot.keyClicks(dialog.words, f"Pupil {token} flinched when an adult raised a hand")
    dialog.place.selectAll()
    qtbot.keyClicks(dialog.place, f"Corridor by D3 {place_token}")
    qtbot.keyClick(dialog.words, Qt.Key.Key_Return)  # Enter saves
    settle(qtbot)
    qtbot.waitUntil(lambda: panel.dialog is None)
    settle(qtbot)
    mine = [c for c in panel.rows if token in c.text]
    assert len(mine) == 1 and mine[0].place == f"Corridor by D3 {place_token}"
    assert mine[0].raised_by == "Rob Ellis"
    shown = [panel.list.item(i).text() for i in range(panel.list.count())]
    line = next(t for t in shown if token in t)
    assert "Not yet passed to the host headteacher" in line
    # numbered as listed (the demo's concern is 1, this one 2), whatever ids they were stored as
    assert [t.split(".")[0] for t in shown] == [str(n) for n in range(1, len(shown) + 1)]

    # Its handover, by keyboard: the list's Enter opens "Record handover…".
    panel.list.setFocus()
    panel.list.setCurrentRow(shown.index(line))
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    handover = panel.dialog
    assert isinstance(handover, HandoverDialog) and handover.isVisible()
    assert handover.to.currentData() == "host-head"
    qtbot.keyClick(handover.how, Qt.Key.Key_Down)  # in person -> by phone
    assert handover.how.currentData() == "phone"
    qtbot.keyClicks(handover.name, "Claire Goodwin")
    qtbot.keyClick(handover.name, Qt.Key.Key_Return)
    settle(qtbot)
    qtbot.waitUntil(lambda: panel.dialog is None)
    settle(qtbot)
    line = next(
        panel.list.item(i).text()
        for i in range(panel.list.count())
        if token in panel.list.item(i).text()
    )
    assert "Passed to the host headteacher (Claire Goodwin) by phone" in line
    assert "Not yet" not in line

    # A typo corrected where it is listed: F2, the words, Enter (the token stays in them).
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_F2)
    editor = panel.list.findChild(QLineEdit)  # the row's editor (over the list's viewport)
    assert isinstance(editor, QLineEdit) and token in editor.text()
    editor.selectAll()
    qtbot.keyClicks(editor, f"Pupil {token} flinched when an adult raised a hand to point")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    pump(50)  # the item editor commits on the next turn of the event loop
    settle(qtbot)
    assert [c.text for c in panel.rows if token in c.text] == [
        f"Pupil {token} flinched when an adult raised a hand to point"
    ]

    # It is on this laptop, with its handover ...
    listed = _ok(workspace.data_dir, "--json", "safeguarding", "list", TECH).json()
    ours = next(c for c in listed if token in c["text"])
    assert [h["recipient"] for h in ours["handovers"]] == ["host-head"]
    # ... and nowhere else: not in search, nor in the review as Write-up reads it.
    assert not workspace.search(token)
    assert token not in str(workspace.review_detail(TECH).to_json())

    # The real program: a draft, a signed report, the pack and a package for the host school.
    data = workspace.data_dir
    _ok(
        data,
        "identity",
        "create",
        "--name",
        "Rob Ellis",
        "--email",
        "rob@blackwater.example",
        "--school",
        "137450",
    )
    draft, signed, pack = tmp_path / "draft.pdf", tmp_path / "signed.pdf", tmp_path / "pack.pdf"
    _ok(data, "report", TECH, "--draft", "-o", str(draft))
    _ok(data, "report", TECH, "-o", str(signed))
    _ok(data, "pack", TECH, "-o", str(pack))
    package = tmp_path / "for-colne-valley.peerwalk"
    _ok(data, "export", "--for", "137451", "--full", "-o", str(package))
    for pdf in (draft, signed, pack):
        text = _pdf_text(pdf)
        assert "Technology" in text  # the text was read
        for t in (token, place_token):
            assert t not in text and t.encode() not in pdf.read_bytes(), pdf.name
    unpacked = _package_text(package)
    assert "Y9 product design" in unpacked  # the review's notes went, read unpacked
    for t in (token, place_token, "Claire Goodwin by phone"):
        assert t not in unpacked and t.encode() not in package.read_bytes()
    assert "safeguarding" not in unpacked

    # The change log (and every other table) on this laptop never held it.
    db = data / "peerwalk.db"
    assert _rows_with(db, token, SAFEGUARDING_TABLES) == []
    assert _rows_with(db, place_token, SAFEGUARDING_TABLES) == []
    assert _rows_with(db, token, set()) == [("safeguarding_concerns", "text")]  # the probe works

    # The host's laptop imports the package: the concern does not arrive.
    from tests.sync.laptops import Laptop

    host = Laptop(tmp_path / "host", "Claire Goodwin", "137451")
    try:
        host.import_(package)
        with host.db.read() as s:
            from sqlalchemy import text as sql

            notes = s.execute(sql("SELECT count(*) FROM notes")).scalar_one()
        assert notes > 0
    finally:
        host.close()
    assert _rows_with(host.dir / "peerwalk.db", token, set()) == []
    assert _rows_with(host.dir / "peerwalk.db", place_token, set()) == []
    for f in host.dir.glob("peerwalk.db*"):
        assert token.encode() not in f.read_bytes() and place_token.encode() not in f.read_bytes()


def test_a_refused_concern_stays_in_the_dialog_with_its_sentence(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    """Enter with nothing typed, or a time still to come: the sentence is shown in the dialog,
    what was typed stays, and nothing is written."""
    capture = open_review(window, qtbot, TECH)
    panel = capture.safeguarding
    before = len(workspace.concerns(TECH))
    panel.add.click()  # the visible button does what the shortcut does
    dialog = panel.dialog
    assert isinstance(dialog, ConcernDialog)
    qtbot.keyClick(dialog.words, Qt.Key.Key_Return)
    settle(qtbot)
    assert panel.dialog is dialog and dialog.isVisible()
    assert "The concern is empty" in dialog.problem.text() and dialog.problem.isVisible()
    qtbot.keyClicks(dialog.words, "Child left alone in the corridor")
    dialog.seen_at.selectAll()
    qtbot.keyClicks(dialog.seen_at, "2030-01-01 09:00")
    qtbot.keyClick(dialog.seen_at, Qt.Key.Key_Return)
    settle(qtbot)
    assert "in the future" in dialog.problem.text()
    assert dialog.words.toPlainText() == "Child left alone in the corridor"
    assert len(workspace.concerns(TECH)) == before
    dialog.seen_at.selectAll()
    qtbot.keyClicks(dialog.seen_at, "00:00")  # a bare time: today (never ahead of the clock)
    qtbot.keyClick(dialog.seen_at, Qt.Key.Key_Return)
    settle(qtbot)
    qtbot.waitUntil(lambda: panel.dialog is None)
    settle(qtbot)
    rows = workspace.concerns(TECH)
    new = [c for c in rows if c.text == "Child left alone in the corridor"]
    assert len(rows) == before + 1 and len(new) == 1
    assert local_text(new[0].seen_at).endswith(" 00:00")  # typed in local time, kept in UTC

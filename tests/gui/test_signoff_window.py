"""Sign-off in the real window: the checklist Ctrl+R shows before signing (a blocker offers no
way to sign; warnings make Cancel the default), the draft for factual accuracy from the File
menu, and a countersigned copy received from the host's laptop recorded after it is verified.
Real SQLite, real PDFs checked with pyHanko and ``pdfsig``; the host's laptop is the real
program in its own data folder.

The demo Technology review: Colne Valley High School (137451) hosts, Rob Ellis of Blackwater
Academy (137450) writes; its one warning is that Trevor Mayhew, a co-reviewer, has not
signed yet.
"""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
)

from app.services.demo import demo_id
from app.ui import operations
from app.ui.dialogs import ChooseReviewDialog
from app.ui.signoff_dialog import Answer, SignOffDialog
from tests.conftest import (
    Result,
    assert_one_line_error,
    cli_env,
    db_fingerprint,
    run_peerwalk,
    today_env,
)
from tests.gui.helpers import ANSWERED, keep_until_test_ends, modal_dialog, settle

TECH = demo_id("review", "tech")
MARK = "Draft for factual accuracy"
PHRASE = "a long enough passphrase"


class Answers:
    """Answers each modal dialog as it opens, by its kind, in the order given for that kind,
    and keeps every one it saw (kind name, the dialog) for the test to look at."""

    def __init__(self) -> None:
        self.queue: list[tuple[type, Callable[[Any], None]]] = []
        self.seen: list[tuple[str, Any]] = []
        self.texts: list[str] = []
        self.unexpected: list[str] = []
        self.timer = keep_until_test_ends(QTimer(interval=20))
        self.timer.timeout.connect(self._look)
        self.timer.start()

    def then(self, kind: type, act: Callable[[Any], None]) -> Answers:
        self.queue.append((kind, act))
        return self

    def _look(self) -> None:
        dialog = modal_dialog()
        # Marked on the dialog itself, not remembered as the last Python object: a new dialog
        # made where a deleted one was can come back as the same wrapper, and was then never
        # answered (the run waited 60 s for it).
        if dialog is None or dialog.property(ANSWERED):
            return
        dialog.setProperty(ANSWERED, True)
        self.seen.append((type(dialog).__name__, dialog))
        if isinstance(dialog, QMessageBox):
            self.texts.append(dialog.text())
        for i, (kind, act) in enumerate(self.queue):
            if isinstance(dialog, kind):
                del self.queue[i]
                act(dialog)
                return
        self.unexpected.append(type(dialog).__name__)
        dialog.reject()  # not one the test expects: closed, so the test fails rather than hangs

    def kinds(self) -> list[str]:
        return [k for k, _ in self.seen]

    def wait(self, qtbot: Any, until: Callable[[], bool], timeout: int = 60_000) -> None:
        """Wait for ``until``; if it never comes, say which dialogs were seen and what they
        said (a bare timeout in CI told us nothing)."""
        try:
            qtbot.waitUntil(until, timeout=timeout)
        except Exception as exc:
            raise AssertionError(
                f"waited {timeout} ms; dialogs seen: {self.kinds()}, texts: {self.texts}, "
                f"not expected: {self.unexpected}, still queued: "
                f"{[k.__name__ for k, _ in self.queue]}, open now: {_open_now()}, "
                f"operations running: {operations.busy()}, status bar: {_status_bars()}"
            ) from exc

    def stop(self) -> None:
        self.timer.stop()


def _status_bars() -> list[str]:
    return [
        w.statusBar().currentMessage()
        for w in QApplication.topLevelWidgets()
        if hasattr(w, "statusBar")
    ]


def _open_now() -> str:
    dialog = QApplication.activeModalWidget()
    if dialog is None:
        return "none"
    text = dialog.labelText() if isinstance(dialog, QProgressDialog) else ""
    return f"{type(dialog).__name__} {text!r} visible={dialog.isVisible()}"


@pytest.fixture
def answers(qtbot):  # type: ignore[no-untyped-def]
    a = Answers()
    yield a
    a.stop()
    assert a.unexpected == [], f"dialogs the test did not expect: {a.unexpected}"


@pytest.fixture
def rob(workspace):  # type: ignore[no-untyped-def]
    """This laptop is Rob Ellis's, who writes the Technology report (key in the keychain)."""
    people = {p.name: p.id for p in workspace.people()}
    workspace.set_site("137450", "Rob Ellis", people["Rob Ellis"])
    workspace.create_identity("Rob Ellis", "rob.ellis@blackwater.example", "137450", None)
    return workspace


def _choose_tech(d: ChooseReviewDialog) -> None:
    rows = [d.reviews.item(i) for i in range(d.reviews.count())]
    d.reviews.setCurrentItem(next(r for r in rows if r.data(Qt.ItemDataRole.UserRole) == TECH))
    d.accept()


def _save_to(path: Path) -> Callable[[QFileDialog], None]:
    def answer(d: QFileDialog) -> None:
        d.findChild(QLineEdit, "fileNameEdit").setText(str(path))
        d.accept()

    return answer


def _ok(box: QMessageBox) -> None:
    box.button(QMessageBox.StandardButton.No).click() if box.button(
        QMessageBox.StandardButton.No
    ) else box.accept()


def _look_then(key: Qt.Key, into: list[dict[str, Any]]) -> Callable[[SignOffDialog], None]:
    """Note what the checklist shows (the dialog is deleted once answered), then press ``key``
    on the widget that has the keyboard focus in it; its outcome is noted as it closes."""

    def answer(d: SignOffDialog) -> None:
        rows = [d.items.item(i) for i in range(d.items.count())]
        seen: dict[str, Any] = {
            "summary": d.summary.text(),
            "rows": [(r.text(), r.foreground().color().name()) for r in rows],
            "buttons": [b.text().replace("&", "") for b in d.buttons.buttons()],
            "has_sign": d.sign is not None,
            "default": next(
                (b.text().replace("&", "") for b in d.buttons.buttons() if b.isDefault()), None
            ),
            "focus": d.focusWidget().text().replace("&", "")
            if hasattr(d.focusWidget(), "text")
            else None,
        }
        into.append(seen)
        d.finished.connect(lambda code: seen.update(result=code, answer=d.answer))
        QTest.keyClick(d.focusWidget(), key)

    return answer


def _ctrl_r(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """What Ctrl+R does: the window's one action with that shortcut, triggered. (The keystroke
    itself is pressed in test_attribution_and_keys; here, after several modal dialogs, the
    offscreen platform sometimes leaves no window active under load, and a shortcut then goes
    nowhere: the run waited 60 s for a dialog that was never asked for.)"""
    bound = [
        a
        for a in window.findChildren(QAction)
        if a.shortcut() == QKeySequence("Ctrl+R") and a.isEnabled()
    ]
    assert len(bound) == 1, [a.text() for a in bound]
    bound[0].trigger()


def _menu(window, words: str) -> Any:  # type: ignore[no-untyped-def]
    """The File menu's item whose words (without the & of its key) are ``words``."""
    for top in window.menuBar().actions():
        for action in top.menu().actions() if top.menu() else ():
            if action.text().replace("&", "") == words:
                return action
    raise AssertionError(f"no menu item {words!r}")


def _placeholder(workspace) -> str:  # type: ignore[no-untyped-def]
    """Leave the Technology review's first statement as only its placeholder (as an older laptop
    may send it; the window itself never stores one)."""
    finding = workspace.review_detail(TECH).findings[0].id
    con = sqlite3.connect(workspace.data_dir / "peerwalk.db")
    con.execute("UPDATE findings SET text = 'What went well:' WHERE id = ?", (finding,))
    con.commit()
    con.close()
    return str(finding)


def _status(workspace) -> str:  # type: ignore[no-untyped-def]
    return str(next(r.status for r in workspace.list_reviews() if r.id == TECH))


def _pdfsig(path: Path) -> str:
    done = subprocess.run(["pdfsig", str(path)], check=False, capture_output=True, text=True)
    return done.stdout + done.stderr


def test_ctrl_r_shows_the_blocker_and_offers_no_way_to_sign(
    window, qtbot, rob, answers, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    statement = _placeholder(rob)
    area = next(
        a.title
        for a in rob.review_detail(TECH).focus_areas
        if a.id == rob.review_detail(TECH).findings[0].focus_id
    )
    before = db_fingerprint(rob.data_dir)
    shown: list[dict[str, Any]] = []
    answers.then(ChooseReviewDialog, _choose_tech).then(
        SignOffDialog,
        _look_then(Qt.Key.Key_Return, shown),  # Enter: only closes
    )
    _ctrl_r(qtbot, window)
    qtbot.waitUntil(lambda: bool(shown) and "answer" in shown[0], timeout=10_000)
    settle(qtbot)
    d = shown[0]
    assert d["answer"] is Answer.CANCEL and d["result"] == QDialog.DialogCode.Rejected.value
    assert not d["has_sign"] and sorted(d["buttons"]) == ["Close", "Go to it"]
    assert d["default"] == "Close" and d["focus"] == "Close"
    # It says so in one line, and the blocker names its statement and focus area, in red.
    assert d["summary"] == (
        "✖ The report cannot be made while 1 statement is empty or only its placeholder."
    )
    texts = [text for text, _ in d["rows"]]
    assert texts[0] == "Blocks the report"
    blocker, colour = d["rows"][1]
    assert f"in '{area}' is empty or only its placeholder (statement {statement[:8]})" in blocker
    assert blocker.startswith("✖ ") and colour == "#b00020"
    assert "To look at (does not block)" in texts
    assert (
        "⚠ Trevor Mayhew, a co-reviewer, has not signed yet (they can add their signature "
        "to the signed PDF on their own laptop)." in texts
    )
    assert "QFileDialog" not in answers.kinds()  # never asked where to save
    assert list(tmp_path.rglob("*.pdf")) == [] and db_fingerprint(rob.data_dir) == before

    # "Go to it": Write-up, the empty statement chosen, its words ready to type.
    go: list[SignOffDialog] = []
    answers.then(ChooseReviewDialog, _choose_tech).then(
        SignOffDialog, lambda d: (go.append(d), d.go_to.click())
    )
    _ctrl_r(qtbot, window)
    page = window.writeup
    qtbot.waitUntil(lambda: page.current_finding() is not None, timeout=10_000)
    settle(qtbot)
    assert window.stack.currentWidget() is page
    assert page.review.id == TECH and page.current_finding().id == statement
    assert window.focusWidget() is page.editor and page.editor.toPlainText() == "What went well:"
    assert list(tmp_path.rglob("*.pdf")) == [] and _status(rob) == "written-up"


def test_with_warnings_only_cancel_is_the_default_and_sign_anyway_signs(
    window, qtbot, rob, answers, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    statement = _placeholder(rob)
    # Fixed in Write-up, as "Go to it" leaves it: the statement's words typed in the editor.
    answers.then(ChooseReviewDialog, _choose_tech).then(SignOffDialog, lambda d: d.go_to.click())
    _ctrl_r(qtbot, window)
    page = window.writeup
    qtbot.waitUntil(lambda: window.focusWidget() is page.editor, timeout=10_000)
    page.editor.selectAll()
    qtbot.keyClicks(page.editor, "Pupils talk about their designs.")
    page.finish_statement()
    settle(qtbot)
    assert rob.review_detail(TECH).finding(statement).text == "Pupils talk about their designs."

    out = tmp_path / "tech.pdf"
    seen: list[dict[str, Any]] = []
    answers.then(ChooseReviewDialog, _choose_tech).then(
        SignOffDialog, _look_then(Qt.Key.Key_Return, seen)
    )
    _ctrl_r(qtbot, window)
    qtbot.waitUntil(lambda: bool(seen) and "answer" in seen[0], timeout=10_000)
    settle(qtbot)
    d = seen[0]
    assert d["has_sign"] and sorted(d["buttons"]) == ["Cancel", "Sign anyway"]
    assert d["default"] == "Cancel" and d["focus"] == "Cancel"  # Enter presses Cancel
    assert d["answer"] is Answer.CANCEL and d["result"] == QDialog.DialogCode.Rejected.value
    assert d["summary"] == "Nothing blocks the report, but one thing deserves a second look."
    assert d["rows"][1] == (
        "⚠ Trevor Mayhew, a co-reviewer, has not signed yet (they can add their signature "
        "to the signed PDF on their own laptop).",
        "#8a4b00",
    )
    assert not out.exists() and "QFileDialog" not in answers.kinds()
    assert _status(rob) == "written-up"

    # Esc cancels too.
    answers.then(ChooseReviewDialog, _choose_tech).then(
        SignOffDialog, lambda d: QTest.keyClick(d, Qt.Key.Key_Escape)
    )
    _ctrl_r(qtbot, window)
    answers.wait(qtbot, lambda: answers.kinds().count("SignOffDialog") == 3, timeout=10_000)
    settle(qtbot)
    assert not out.exists()

    # Sign anyway: the sign flow goes on as before (where to save, then signed as the writer).
    answers.then(ChooseReviewDialog, _choose_tech).then(
        SignOffDialog, lambda d: d.sign.click()
    ).then(QFileDialog, _save_to(out)).then(QMessageBox, _ok)
    _ctrl_r(qtbot, window)
    answers.wait(
        qtbot, lambda: any("signed by Rob Ellis" in t for t in answers.texts), timeout=60_000
    )
    settle(qtbot)
    result = rob.verify_pdf(out)
    assert result["ok"] and [s["signer"] for s in result["signatures"]] == ["Rob Ellis"]
    assert "Signature is Valid" in _pdfsig(out)
    assert _status(rob) == "signed"
    qtbot.waitUntil(lambda: "Signed by the writer 24 Nov 2026" in page.status_line.text())
    assert "changed since" not in page.status_line.text()

    # A typo fixed after signing: Write-up says the signed PDF no longer matches.
    rob.edit_finding(statement, text="Pupils talk about their designs, and why.")
    page.reload_reviews(TECH)
    qtbot.waitUntil(
        lambda: (
            page.status_line.text()
            == "Status: Signed by the writer 24 Nov 2026 · changed since it was signed: "
            "produce and sign the report again (Ctrl+R)"
        ),
        timeout=10_000,
    )


def test_draft_for_factual_accuracy_from_the_file_menu(
    window, qtbot, workspace, answers, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    # While a statement is only its placeholder the draft is refused, in one sentence.
    statement = _placeholder(workspace)
    before = db_fingerprint(workspace.data_dir)
    answers.then(ChooseReviewDialog, _choose_tech).then(QMessageBox, lambda b: b.accept())
    _menu(window, "Draft for factual accuracy…").trigger()
    answers.wait(qtbot, lambda: bool(answers.texts), timeout=60_000)  # a loaded CI machine is slow
    settle(qtbot)
    assert answers.texts == [
        "The report cannot be made while 1 statement is empty or only its placeholder."
    ]
    assert "QFileDialog" not in answers.kinds() and list(tmp_path.rglob("*.pdf")) == []
    assert db_fingerprint(workspace.data_dir) == before

    workspace.edit_finding(statement, text="Pupils talk about their designs.")
    page = window.writeup
    window.nav.setCurrentRow(3)
    page.reload_reviews(TECH)
    qtbot.waitUntil(lambda: page.status_line.text() == "Status: Written up", timeout=10_000)
    out = tmp_path / "draft.pdf"
    buttons: list[str] = []

    def close(box: QMessageBox) -> None:  # the box offers to open the draft; Close here
        buttons.extend(b.text() for b in box.buttons())
        box.reject()

    answers.then(ChooseReviewDialog, _choose_tech).then(QFileDialog, _save_to(out)).then(
        QMessageBox, close
    )
    _menu(window, "Draft for factual accuracy…").trigger()
    answers.wait(qtbot, lambda: len(answers.texts) == 2, timeout=60_000)
    settle(qtbot)
    said = answers.texts[1]
    assert said.startswith(f"The draft is saved in {out} (") and "at accuracy check." in said
    assert buttons == ["&Open", "&Close"]
    pages = PdfReader(out).pages
    assert len(pages) >= 4 and all(MARK in p.extract_text() for p in pages)
    with out.open("rb") as fh:
        assert PdfFileReader(fh, strict=False).embedded_signatures == []
    assert "does not contain any signatures" in _pdfsig(out)
    assert _status(workspace) == "accuracy-check"
    # The status follows on Write-up (with the day the draft was sent) and on Home.
    qtbot.waitUntil(
        lambda: page.status_line.text() == "Status: Accuracy check — draft sent 24 Nov 2026",
        timeout=10_000,
    )
    assert "(accuracy check)" in page.review_box.currentText()
    window.nav.setCurrentRow(0)
    settle(qtbot)
    home = [window.home.recent.item(i).text() for i in range(window.home.recent.count())]
    home += [window.home.drafts.item(i).text() for i in range(window.home.drafts.count())]
    assert any("Colne Valley" in t and "(accuracy check)" in t for t in home)


def _host_countersigns(tmp_path: Path, report: Path) -> tuple[Path, Path]:
    """The host headteacher's own laptop (the real program, its own data folder): Claire
    Goodwin countersigns the report she received. Returns the signed copy and her certificate."""
    host = tmp_path / "host"
    env = cli_env(PEERWALK_PASSPHRASE=PHRASE, PEERWALK_TODAY="2026-11-24")
    signed, cert = tmp_path / "tech-countersigned.pdf", tmp_path / "claire.pem"
    for args in (
        ("demo",),
        ("site", "set", "--school", "137451", "--name", "Claire Goodwin"),
        ("identity", "create", "--name", "Claire Goodwin", "--email", "c@colne.example"),
        ("identity", "export-cert", "-o", str(cert)),
        ("sign", str(report), "-o", str(signed)),
    ):
        result = run_peerwalk(host, *args, env=env)
        assert result.code == 0, result.err
    return signed, cert


def _record(qtbot, window, answers, pdf: Path) -> str:  # type: ignore[no-untyped-def]
    """File > Record a countersigned copy… of the Technology review, from ``pdf``: what it
    said."""
    said = len(answers.texts)
    answers.then(ChooseReviewDialog, _choose_tech).then(QFileDialog, _save_to(pdf)).then(
        QMessageBox, lambda b: b.accept()
    )
    _menu(window, "Record a countersigned copy…").trigger()
    answers.wait(qtbot, lambda: len(answers.texts) > said, timeout=60_000)
    settle(qtbot)
    return str(answers.texts[said])


def _one_line(text: str, *fragments: str) -> None:
    assert_one_line_error(Result(1, "", text), *fragments)


def test_a_countersigned_copy_from_the_hosts_laptop_is_verified_then_recorded(
    window, qtbot, rob, answers, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "tech.pdf"
    rob.produce_report(TECH, report, None)  # Rob signed it (as Ctrl+R does, tested above)
    signed, cert = _host_countersigns(tmp_path, report)
    page = window.writeup
    window.nav.setCurrentRow(3)
    page.reload_reviews(TECH)
    qtbot.waitUntil(lambda: "Signed by the writer" in page.status_line.text(), timeout=10_000)

    # (Claire's certificate not trusted here yet: the offer to trust it, tests/gui/
    # test_trust_offer.py.) A copy changed after it was signed: refused.
    before = db_fingerprint(rob.data_dir)
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(signed.read_bytes().replace(b"Colne Valley", b"Colne Vallez"))
    _one_line(_record(qtbot, window, answers, tampered))
    # Rob's own copy, not yet countersigned: refused.
    _one_line(_record(qtbot, window, answers, report), "has not been countersigned")
    assert db_fingerprint(rob.data_dir) == before and _status(rob) == "signed"

    trusted = run_peerwalk(
        rob.data_dir, "identity", "trust-cert", str(cert), "--yes", env=today_env("2026-11-24")
    )
    assert trusted.code == 0, trusted.err
    said = _record(qtbot, window, answers, signed)
    assert said == "Countersignature recorded: the review is now countersigned."
    assert _status(rob) == "countersigned"
    qtbot.waitUntil(
        lambda: page.status_line.text() == "Status: Countersigned 24 Nov 2026", timeout=10_000
    )
    assert "(countersigned)" in page.review_box.currentText()
    assert "Signature is Valid" in _pdfsig(signed)


def test_countersigning_here_moves_the_status_on_at_once(
    window, qtbot, workspace, answers, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Claire Goodwin countersigns, in the window on her own laptop, the report Rob Ellis signed
    on his (the real program in its own data folder): Write-up's status line says so straight
    away, without leaving the page."""
    writer = tmp_path / "rob"
    env = cli_env(PEERWALK_PASSPHRASE=PHRASE, PEERWALK_TODAY="2026-11-24")
    report, signed = tmp_path / "tech.pdf", tmp_path / "tech-countersigned.pdf"
    for args in (
        ("demo",),
        ("site", "set", "--school", "137450", "--name", "Rob Ellis"),
        ("identity", "create", "--name", "Rob Ellis", "--email", "rob@blackwater.example"),
        ("report", TECH, "-o", str(report)),
    ):
        result = run_peerwalk(writer, *args, env=env)
        assert result.code == 0, result.err
    people = {p.name: p.id for p in workspace.people()}
    workspace.set_site("137451", "Claire Goodwin", people["Claire Goodwin"])
    workspace.create_identity("Claire Goodwin", "claire@colne.example", "137451", None)
    page = window.writeup
    window.nav.setCurrentRow(3)
    page.reload_reviews(TECH)
    qtbot.waitUntil(lambda: page.status_line.text().startswith("Status:"), timeout=10_000)
    assert "Countersigned" not in page.status_line.text()

    done: list[str] = []
    answers.then(QFileDialog, _save_to(report)).then(QFileDialog, _save_to(signed)).then(
        QMessageBox, lambda b: (done.append(b.text()), b.accept())
    )
    _menu(window, "Countersign a report…").trigger()
    qtbot.waitUntil(lambda: bool(done), timeout=60_000)
    assert "Signed by Claire Goodwin as the receiving headteacher" in done[0]  # not a field
    qtbot.waitUntil(
        lambda: page.status_line.text() == "Status: Countersigned 24 Nov 2026", timeout=10_000
    )
    assert "(countersigned)" in page.review_box.currentText()

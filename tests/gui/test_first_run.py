"""A new laptop in the window, no terminal: the welcome sets up the school, the person and the
signing identity, and a report is signed; the passphrase is asked at most once while the app
is open, a wrong one is asked again, and PEERWALK_PASSPHRASE is honoured."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QMessageBox

from app.services.demo import demo_id
from app.services.workspace import Workspace
from app.ui.dialogs import ChooseReviewDialog
from app.ui.main_window import MainWindow
from app.ui.passphrase import PassphraseDialog
from app.ui.signoff_dialog import SignOffDialog
from app.ui.welcome import WelcomeDialog
from tests.gui.helpers import ANSWERED, keep_until_test_ends, modal_dialog, settle

PHRASE = "correct horse battery"
TECH = demo_id("review", "tech")


class Butler:
    """Answers every modal dialog as it opens, by its kind, and notes what each said."""

    def __init__(self, answers: dict[type, Callable[[Any], None]]) -> None:
        self.answers = answers
        self.seen: list[tuple[str, str]] = []
        self.timer = keep_until_test_ends(QTimer(interval=20))
        self.timer.timeout.connect(self._look)
        self.timer.start()

    def _look(self) -> None:
        dialog = modal_dialog()
        # Marked on the dialog itself, not remembered as the last Python object: a new dialog
        # made where a deleted one was can come back as the same wrapper, and was then never
        # answered (the run waited 60 s for it).
        if dialog is None or dialog.property(ANSWERED):
            return
        for kind, answer in self.answers.items():
            if isinstance(dialog, kind):
                dialog.setProperty(ANSWERED, True)
                labels = (
                    [dialog] if isinstance(dialog, QMessageBox) else dialog.findChildren(QLabel)
                )
                text = " ".join(label.text() for label in labels)
                self.seen.append((type(dialog).__name__, text))
                answer(dialog)
                return

    def stop(self) -> None:
        self.timer.stop()


def _save_to(path: Path) -> Callable[[QFileDialog], None]:
    def answer(d: QFileDialog) -> None:
        d.findChild(QLineEdit, "fileNameEdit").setText(str(path))
        d.accept()

    return answer


def _sign_anyway(d: SignOffDialog) -> None:
    """The checklist before signing: only warnings here (a focus area with no statement, a
    co-reviewer who has not signed), so "Sign anyway"."""
    assert d.sign is not None and d.check.ready
    d.sign.click()


def _phrase(*phrases: str) -> Callable[[PassphraseDialog], None]:
    queue = list(phrases)

    def answer(d: PassphraseDialog) -> None:
        phrase = queue.pop(0)
        d.phrase.setText(phrase)
        d.repeat.setText(phrase)
        d._on_buttons_accepted()

    return answer


@pytest.fixture
def no_keychain(monkeypatch):  # type: ignore[no-untyped-def]
    """A computer whose keychain Peerwalk cannot use: the key is sealed with a passphrase."""
    keyring.set_keyring(fail.Keyring())
    monkeypatch.delenv("PEERWALK_PASSPHRASE", raising=False)


def _window(qtbot, ws: Workspace) -> MainWindow:  # type: ignore[no-untyped-def]
    w = MainWindow(ws, today=date(2026, 11, 24))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitActive(w)
    settle(qtbot)
    return w


def _sign_report(qtbot, window: MainWindow, out: Path) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitActive(window)  # the menu's keys go to the active window
    window.home.upcoming.setFocus()
    # Through the window, as a real key press arrives (after dialogs have come and gone, a key
    # sent to a widget directly no longer reaches the window's shortcuts).
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(out.exists, timeout=60_000)
    settle(qtbot, timeout=60_000)


def test_first_run_from_an_empty_folder_to_a_signed_report(
    qtbot, data_dir: Path, tmp_path: Path, no_keychain
) -> None:  # type: ignore[no-untyped-def]
    ws = Workspace(data_dir)
    window = _window(qtbot, ws)

    def welcome(d: WelcomeDialog) -> None:
        assert d.new_school  # a laptop with no school list yet: the school is typed in
        d.name.setText("Rhian Evans")
        d.email.setText("rhian.evans@browyr.example")
        d.role.setCurrentIndex(d.role.findData("headteacher"))
        d.urn.setText("6702345")
        d.school_name.setText("Ysgol Gymraeg Bro Ŵyr")
        d._on_buttons_accepted()

    out = tmp_path / "report.pdf"
    butler = Butler(
        {
            WelcomeDialog: welcome,
            PassphraseDialog: _phrase(PHRASE),
            ChooseReviewDialog: lambda d: d.accept(),
            SignOffDialog: _sign_anyway,
            QFileDialog: _save_to(out),
            QMessageBox: lambda box: (
                box.button(QMessageBox.StandardButton.No).click()
                if box.button(QMessageBox.StandardButton.No)
                else box.accept()
            ),
        }
    )
    try:
        window.files.first_run()  # what a new laptop opens on
        qtbot.waitUntil(lambda: ws.identity() is not None, timeout=30_000)
        settle(qtbot)
        site = ws.site()
        assert site.school_id == "6702345" and site.person and site.person.name == "Rhian Evans"
        assert ws.identity().name == "Rhian Evans" and ws.identity().protection == "passphrase"
        # A visit where Rhian writes the report (set up through the window's gateway).
        ws.import_schools(
            [
                {
                    "id": "6612210",
                    "name": "Ysgol Gynradd Tŷ Coch",
                    "phase": "Primary",
                    "type": "",
                    "local_authority": "Gwynedd",
                    "welsh_medium": True,
                }
            ]
        )
        ws.plan_review(
            host_id="6612210",
            start=date(2026, 12, 3),
            focus=["Oracy"],
            reviewer_ids=[site.person.id],
            writer_id=site.person.id,
            framework="developmental",
            distribution="host-only",
        )
        _sign_report(qtbot, window, out)
    finally:
        butler.stop()
    kinds = [kind for kind, _ in butler.seen]
    assert kinds.count("PassphraseDialog") == 1  # chosen once; never asked again while open
    assert kinds[:2] == ["WelcomeDialog", "PassphraseDialog"] and "ChooseReviewDialog" in kinds
    assert not any("terminal" in text or "peerwalk " in text for _, text in butler.seen)
    result = ws.verify_pdf(out)
    assert result["ok"] and [s["signer"] for s in result["signatures"]] == ["Rhian Evans"]
    ws.close()


def _choose_tech(d: ChooseReviewDialog) -> None:
    """The Technology review: Rob Ellis writes it, and the laptop's signature is Rob's (a
    report is signed only by the person its box names)."""
    rows = [d.reviews.item(i) for i in range(d.reviews.count())]
    d.reviews.setCurrentItem(next(r for r in rows if r.data(Qt.ItemDataRole.UserRole) == TECH))
    d.accept()


def _signed_laptop(data_dir: Path) -> Workspace:
    ws = Workspace(data_dir)
    ws.load_demo()
    people = {p.name: p.id for p in ws.people()}
    ws.set_site("137450", "Rob Ellis", people["Rob Ellis"])
    ws.create_identity("Rob Ellis", "rob.ellis@blackwater.example", "137450", lambda _kind: PHRASE)
    return ws


def test_a_wrong_passphrase_is_asked_again_not_the_end_of_the_work(
    qtbot, data_dir: Path, tmp_path: Path, no_keychain
) -> None:  # type: ignore[no-untyped-def]
    ws = _signed_laptop(data_dir)
    window = _window(qtbot, ws)
    out = tmp_path / "report.pdf"
    butler = Butler(
        {
            ChooseReviewDialog: _choose_tech,
            SignOffDialog: _sign_anyway,
            QFileDialog: _save_to(out),
            PassphraseDialog: _phrase("not the one", PHRASE),
            QMessageBox: lambda box: box.button(QMessageBox.StandardButton.No).click(),
        }
    )
    try:
        _sign_report(qtbot, window, out)
    finally:
        butler.stop()
    asked = [text for kind, text in butler.seen if kind == "PassphraseDialog"]
    assert len(asked) == 2 and "not right" in asked[1]
    result = ws.verify_pdf(out)
    assert result["ok"] and [s["signer"] for s in result["signatures"]] == ["Rob Ellis"]
    ws.close()


def test_the_passphrase_in_the_environment_is_used(
    qtbot, data_dir: Path, tmp_path: Path, no_keychain, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    ws = _signed_laptop(data_dir)
    monkeypatch.setenv("PEERWALK_PASSPHRASE", PHRASE)
    window = _window(qtbot, ws)
    out = tmp_path / "report.pdf"
    butler = Butler(
        {
            ChooseReviewDialog: _choose_tech,
            SignOffDialog: _sign_anyway,
            QFileDialog: _save_to(out),
            PassphraseDialog: lambda d: d.reject(),
            QMessageBox: lambda box: box.button(QMessageBox.StandardButton.No).click(),
        }
    )
    try:
        _sign_report(qtbot, window, out)
    finally:
        butler.stop()
    assert "PassphraseDialog" not in [kind for kind, _ in butler.seen]
    result = ws.verify_pdf(out)
    assert result["ok"] and [s["signer"] for s in result["signatures"]] == ["Rob Ellis"]
    ws.close()

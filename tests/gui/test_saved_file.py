"""File > Pre-visit pack… in the real window: once the pack is written, a box says where it went
("Pre-visit pack saved to <path>.") with Open and Close; Open hands that very file to the
computer's viewer, Close does not. The viewer is the operating system's: QDesktopServices.openUrl
is the one thing replaced, to record what it was asked to open."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.services.demo import demo_id
from tests.gui.helpers import settle
from tests.gui.test_first_run import Butler, _save_to

TECH = demo_id("review", "tech")
SHOTS = os.environ.get("PEERWALK_SHOTS")  # a folder to save a 1280x720 screenshot in


def _pack_action(window: Any) -> Any:
    file_menu = window.menuBar().actions()[0].menu()
    return next(a for a in file_menu.actions() if a.text() == "Pre-visit &pack…")


def _press(text: str, seen: list[str], shot: Path | None = None) -> Any:
    def answer(box: QMessageBox) -> None:
        seen.append(box.text())
        seen.extend(b.text() for b in box.buttons())
        if shot is not None:  # the window at 1280x720 with the box drawn where it opened
            window = box.parentWidget().window()
            picture = window.grab()
            painter = QPainter(picture)
            painter.drawPixmap(window.mapFromGlobal(box.pos()), box.grab())
            painter.end()
            picture.save(str(shot))
        next(b for b in box.buttons() if b.text() == text).click()

    return answer


@pytest.mark.parametrize("button", ["&Open", "&Close"])
def test_the_saved_pack_is_said_in_a_box_that_opens_it(
    window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, button: str
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window.resize(1280, 720)
    window.home.upcoming.setFocus()
    settle(qtbot)
    out = tmp_path / "Colne pack.pdf"
    seen: list[str] = []
    shot = Path(SHOTS) / "pack-saved.png" if SHOTS and button == "&Open" else None
    butler = Butler(
        {
            QFileDialog: _save_to(out),
            QMessageBox: _press(button, seen, shot),
        }
    )
    try:
        window.open_review(TECH)
        settle(qtbot)
        _pack_action(window).trigger()
        qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
        settle(qtbot)
    finally:
        butler.stop()
    assert out.exists()
    assert seen[0] == f"Pre-visit pack saved to {out}." and sorted(seen[1:]) == ["&Close", "&Open"]
    if button == "&Open":
        assert [u.toLocalFile() for u in opened] == [str(out)]
    else:
        assert opened == []

"""Set-up refuses, as it is typed, a change of a person's name that partners would refuse on
import (docs/authority.md: a person's name and email are their school's, or the laptop's that
alone added them): otherwise every later package from this laptop would be refused whole."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from app.ui.pages.setup_dialogs import PersonDialog
from tests.conftest import db_fingerprint
from tests.gui.helpers import settle
from tests.gui.test_operations import _answer_message_box
from tests.gui.test_setup_edits import PEOPLE, _answer, _choose, _setup

RODNEY, COLNE = "105523", "137451"


def _rename(window: Any, qtbot: Any, finder: str, new: str) -> list[str]:
    """Edit the one person ``finder`` finds in Set-up, giving them ``new`` as their name;
    the text of any message box shown."""
    page = _setup(window, qtbot, PEOPLE)
    _choose(page, finder)
    seen: list[str] = []
    _answer(PersonDialog, lambda d: d.name.setText(new))
    _answer_message_box(seen)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    return seen


def test_another_schools_headteacher_is_locked_here_and_says_why(
    window, qtbot, workspace, data_dir
) -> None:  # type: ignore[no-untyped-def]
    """Claire Goodwin's name, email and role are Colne Valley's: on Rodney House's laptop the
    dialog shows them locked, with the reason, before anything is typed (it used to take the
    typing and refuse it on Save)."""
    workspace.set_site(RODNEY, "Marcus Lowe")
    before = db_fingerprint(data_dir)
    page = _setup(window, qtbot, PEOPLE)
    _choose(page, "claire goodwin")
    shown: dict[str, Any] = {}

    def look(d: PersonDialog) -> None:
        shown.update(
            name_locked=d.name.isReadOnly(),
            email_locked=d.email.isReadOnly(),
            role_enabled=d.role.isEnabled(),
            why=d.why_locked.text(),
            why_shown=not d.why_locked.isHidden(),
            save_enabled=d.findChild(QDialogButtonBox)
            .button(QDialogButtonBox.StandardButton.Ok)
            .isEnabled(),
        )
        QTest.keyClicks(d.name, " Hale")  # typed as a person would: nothing goes in
        shown["name"] = d.name.text()

    seen: list[str] = []
    _answer(PersonDialog, look)
    _answer_message_box(seen)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    settle(qtbot)
    assert shown == {
        "name_locked": True,
        "email_locked": True,
        "role_enabled": False,
        "why": "Only Colne Valley High School's laptops may change Claire Goodwin's name, "
        "email or role; this laptop belongs to Rodney House Special School.",
        "why_shown": True,
        "save_enabled": False,
        "name": "Claire Goodwin",
    }, shown
    assert seen == []  # nothing to refuse on Save: nothing could be typed
    assert db_fingerprint(data_dir) == before and len(window.undo_stack) == 0


def test_a_locked_name_is_still_refused_by_the_service(workspace) -> None:  # type: ignore[no-untyped-def]
    """The lock is a courtesy: the rule is the service's (and partners' on import)."""
    from app.errors import NotThisSchool

    workspace.set_site(RODNEY, "Marcus Lowe")
    claire = next(p for p in workspace.people() if p.name == "Claire Goodwin")
    with pytest.raises(NotThisSchool, match="Only Colne Valley High School's laptops may"):
        workspace.edit_person(claire.id, name="Gary Hale")
    assert set(workspace.person_edit_refusals(claire.id)) == {"name", "email", "role"}


def test_a_person_this_laptop_added_is_still_its_to_correct(window, qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    """The control: a teacher of Colne Valley typed in here, their typo fixed here."""
    workspace.set_site(RODNEY, "Marcus Lowe")
    person = workspace.add_person("Ffion Hael", "teacher", COLNE).id
    seen = _rename(window, qtbot, "ffion hael", "Ffion Hale")
    assert seen == []
    assert next(p for p in workspace.people() if p.id == person).name == "Ffion Hale"
    assert window.undo_stack.peek_label() == "edit person"

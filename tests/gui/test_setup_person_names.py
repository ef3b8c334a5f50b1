"""Set-up refuses, as it is typed, a change of a person's name that partners would refuse on
import (docs/authority.md: a person's name and email are their school's, or the laptop's that
alone added them): otherwise every later package from this laptop would be refused whole."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

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


def test_another_schools_headteacher_is_not_renamed_here(
    window, qtbot, workspace, data_dir
) -> None:  # type: ignore[no-untyped-def]
    workspace.set_site(RODNEY, "Marcus Lowe")
    before = db_fingerprint(data_dir)
    seen = _rename(window, qtbot, "claire goodwin", "Gary Hale")
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen[0].startswith(
        "Only Colne Valley High School's laptops may change Claire Goodwin's name"
    ), seen
    assert db_fingerprint(data_dir) == before and len(window.undo_stack) == 0
    assert any(p.name == "Claire Goodwin" for p in workspace.people())


def test_a_person_this_laptop_added_is_still_its_to_correct(window, qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    """The control: a teacher of Colne Valley typed in here, their typo fixed here."""
    workspace.set_site(RODNEY, "Marcus Lowe")
    person = workspace.add_person("Ffion Hael", "teacher", COLNE).id
    seen = _rename(window, qtbot, "ffion hael", "Ffion Hale")
    assert seen == []
    assert next(p for p in workspace.people() if p.id == person).name == "Ffion Hale"
    assert window.undo_stack.peek_label() == "edit person"

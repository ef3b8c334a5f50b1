"""Conflicts in the window: both versions, who wrote them and when; keep one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.services.demo import demo_id
from app.services.workspace import Workspace
from app.services.writeup import edit_finding
from app.ui.dialogs import ConflictsDialog
from tests.gui.helpers import settle
from tests.sync.laptops import Laptop

FINDING = demo_id("finding", "tech", "0")


def test_conflict_view_keeps_the_chosen_version(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rob, trevor = (
        Laptop(tmp_path, "Rob Ellis", "137450"),
        Laptop(tmp_path, "Trevor Mayhew", "137452"),
    )
    rob.do(edit_finding, FINDING, text="Rob's wording")
    trevor.do(edit_finding, FINDING, text="Trevor's wording")
    rob.import_(trevor.export_for(rob))
    rob.close()
    trevor.close()
    ws = Workspace(rob.dir)
    dialog = ConflictsDialog(None, ws)
    qtbot.addWidget(dialog)
    settle(qtbot)  # read off the GUI thread
    assert dialog.conflicts.count() == 1
    versions = [dialog.versions.item(i).text() for i in range(dialog.versions.count())]
    assert any(v.startswith("Rob Ellis") and "Rob's wording" in v for v in versions)
    assert any(v.startswith("Trevor Mayhew") and "Trevor's wording" in v for v in versions)
    trevor_row = next(i for i, v in enumerate(versions) if "Trevor's wording" in v)
    dialog.versions.setCurrentRow(trevor_row)
    qtbot.mouseClick(dialog.keep, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert ws.conflicts() == []
    assert dialog.versions.item(0).text() == "No conflicts."
    assert any(
        f.text == "Trevor's wording" for f in ws.review_detail(demo_id("review", "tech")).findings
    )
    ws.close()

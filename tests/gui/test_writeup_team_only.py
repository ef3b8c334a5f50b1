"""Write-up on the host school's laptop: the statements, their evidence and the agreed next
steps' words are the visiting team's (docs/authority.md), so the editor is read-only, the
buttons that write them are disabled and one line says why; the host's own say (comments,
and how its next steps are going) stays open. On the writer's laptop all of it is open.

The demo Technology review: Colne Valley High School (137451) hosts, Rob Ellis of Blackwater
Academy (137450) writes; its follow-up asks the team's view now of the earlier EBIs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractItemView

from app.errors import NotThisSchool
from app.services.demo import demo_id
from tests.gui.helpers import open_write_up, settle

TECH = demo_id("review", "tech")
FOLLOW = demo_id("review", "tech-follow")
NOTICE = "Statements are written by the visiting team; comment on them in the Comments tab."
SHOTS = os.environ.get("PEERWALK_SHOTS")  # a folder to save a 1280x720 screenshot in


def _writers(page: Any) -> list[Any]:
    return [
        page.add_www,
        page.add_ebi,
        page.link,
        page.unlink,
        page.good_practice,
        page.next_text,
        page.next_owner,
        page.next_due,
        page.add_next,
    ]


def test_the_host_laptop_reads_the_statements_and_comments_on_them(
    window: Any, workspace: Any, qtbot: Any
) -> None:
    workspace.set_site("137451", "", demo_id("person", "claire"))
    page = open_write_up(window, qtbot, TECH)
    qtbot.waitUntil(lambda: page.side.rights is not None, timeout=10_000)
    assert page.team_only.isVisible()
    assert page.team_only.text() == NOTICE
    assert "visiting team's laptops" in page.team_only.toolTip()
    assert page.editor.isReadOnly()
    assert not any(w.isEnabled() for w in _writers(page))
    assert page.next_steps.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert page.side.comments.isEnabled()  # the host's say: its comments
    assert page.side.rights.comment is None
    if SHOTS:
        window.resize(1280, 720)
        settle(qtbot)
        window.grab().save(str(Path(SHOTS) / "writeup-host-read-only.png"))
    finding = page.current_finding() or page.findings()[0]
    with pytest.raises(NotThisSchool, match="visiting team's laptops"):
        workspace.edit_finding(finding.id, text="Reworded by the host.")


def test_the_host_laptop_cannot_type_the_teams_view_now(
    window: Any, workspace: Any, qtbot: Any
) -> None:
    workspace.set_site("137451", "", demo_id("person", "claire"))
    page = open_write_up(window, qtbot, FOLLOW)
    qtbot.waitUntil(lambda: page.side.rights is not None, timeout=10_000)
    views = list(page.last_visit.views.values())
    assert views
    assert all(v.field.isReadOnly() and not v.kind.isEnabled() for v in views)


def test_the_writers_laptop_writes_the_statements(window: Any, workspace: Any, qtbot: Any) -> None:
    workspace.set_site("137450", "", demo_id("person", "rob"))
    page = open_write_up(window, qtbot, TECH)
    qtbot.waitUntil(lambda: page.side.rights is not None, timeout=10_000)
    assert not page.team_only.isVisible()
    assert not page.editor.isReadOnly()
    assert page.add_www.isEnabled() and page.add_next.isEnabled()
    assert page.next_steps.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
    assert all(not v.field.isReadOnly() for v in page.last_visit.views.values())

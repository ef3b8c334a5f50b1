"""The window's gateway: what each change changed (read from the change log), and cancelling
slow work, which rolls its transaction back."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from app.errors import Cancelled
from app.services.changes import Changes
from app.services.demo import demo_id
from app.services.workspace import Interrupt, Workspace, interruptible
from tests.conftest import db_fingerprint

TECH = demo_id("review", "tech")


@pytest.fixture
def ws(data_dir: Path):  # type: ignore[no-untyped-def]
    workspace = Workspace(data_dir)
    workspace.load_demo()
    yield workspace
    workspace.close()


def test_changes_union_and_truth() -> None:
    a = Changes.of(notes=["n1"], reviews=["r1", None])
    b = Changes.of(notes=["n2"], people=["p1"])
    both = a.union(b)
    assert both.notes == {"n1", "n2"} and both.reviews == {"r1"} and both.people == {"p1"}
    assert both.touches("people") and not both.touches("schools")
    assert not Changes() and both
    with pytest.raises(TypeError):
        Changes.of(sandwiches=["x"])


def test_each_change_says_what_it_changed(ws: Workspace) -> None:
    detail = ws.review_detail(TECH)
    focus, activity = detail.focus_areas[0].id, detail.activities[0].id
    created = ws.add_note(
        TECH, focus_id=focus, kind="strength", text="Clear routines", activity_id=activity
    )
    assert created.changes.notes == {created.id} and created.changes.reviews == {TECH}
    assert not created.changes.people and not created.changes.findings
    finding = ws.add_finding(TECH, focus_id=focus, kind="www", text="Routines are clear")
    linked = ws.link_evidence(finding.id, [created.id])
    assert linked.findings == {finding.id} and linked.reviews == {TECH} and not linked.notes
    person = ws.add_person("Gwen Harries", "headteacher", "6702345")
    assert person.changes == Changes.of(people=[person.id])
    assert ws.edit_note(created.id, text="Clear, calm routines") == Changes.of(
        notes=[created.id], reviews=[TECH]
    )


def test_the_window_names_people_and_focus_areas_by_id(ws: Workspace) -> None:
    detail = ws.review_detail(TECH)
    people = {p.name: p.id for p in ws.people()}
    joint = next(a for a in detail.activities if a.kind == "joint-observation")
    assert joint.reviewer_id == people[joint.reviewer]
    focus = detail.focus_areas[1]
    created = ws.add_note(
        TECH,
        focus_id=focus.id,
        kind="area",
        text="By id",
        activity_id=joint.id,
        author_id=joint.host_colleague_id,
    )
    note = next(n for n in ws.review_detail(TECH).notes if n.id == created.id)
    assert note.focus_id == focus.id and note.author_id == joint.host_colleague_id


def test_a_cancelled_import_rolls_back_everything_it_wrote(ws: Workspace, data_dir: Path) -> None:
    rows = [
        {
            "id": str(400000 + i),
            "name": f"School {i}",
            "phase": "Primary",
            "type": "",
            "local_authority": "Essex",
            "welsh_medium": False,
        }
        for i in range(2000)
    ]
    before = db_fingerprint(data_dir)
    interrupt = Interrupt()
    seen: list[int] = []

    def progress(what: str, done: int, total: int) -> None:
        seen.append(done)
        if done >= 1000:  # two chunks written in the transaction: now the person cancels
            interrupt.cancel()

    interrupt._report = progress
    with interruptible(interrupt), pytest.raises(Cancelled):
        ws.import_schools(rows)
    assert 1000 in seen and db_fingerprint(data_dir) == before
    assert not any(s.id == "400000" for s in ws.schools())


def test_a_cancel_from_another_thread_stops_the_next_statement(
    ws: Workspace, data_dir: Path
) -> None:
    before = db_fingerprint(data_dir)
    interrupt = Interrupt()
    outcome: list[BaseException] = []

    def work() -> None:
        with interruptible(interrupt):
            try:
                ws.add_person("Never Saved", "teacher", "6702345")
            except BaseException as exc:
                outcome.append(exc)

    interrupt.cancel()
    worker = threading.Thread(target=work)
    worker.start()
    worker.join(10)
    assert isinstance(outcome[0], Cancelled) and db_fingerprint(data_dir) == before
    ws.add_person("Saved Later", "teacher", "6702345")  # other work on the same workspace goes on
    assert any(p.name == "Saved Later" for p in ws.people())

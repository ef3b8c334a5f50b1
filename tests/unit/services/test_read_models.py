"""The typed read models: frozen all the way down, and their JSON forms are byte for byte what
``peerwalk --json`` printed before the models existed: reviews show and list, search,
safeguarding, people, schools, networks and frameworks list (tests/data/json, made by commit
46ae46b from the demo, whose content and dates are fixed)."""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError, fields, replace
from pathlib import Path

import pytest

from app.services.demo import demo_id
from app.services.read_models import (
    ConflictRow,
    FrameworkRow,
    NetworkRow,
    PersonRow,
    ReviewDetail,
    ReviewSummary,
    SchoolRow,
    SearchHit,
    SiteInfo,
)
from app.services.workspace import Workspace
from tests.conftest import ROOT, run_peerwalk

TECH = demo_id("review", "tech")
GOLDEN = ROOT / "tests" / "data" / "json"

# README, "JSON shapes": the keys `reviews show` documents (notes also carry report_photos,
# the photos a report prints, as they always have).
DOCUMENTED = {
    "": [
        "id",
        "title",
        "host_school",
        "network",
        "framework",
        "start_date",
        "end_date",
        "status",
        "distribution",
        "context",
        "summary",
        "follows_id",
        "writer",
        "team",
        "focus_areas",
        "activities",
        "notes",
        "findings",
        "actions",
        "since_last_visit",
        "changed_since_signed",
    ],
    "host_school": ["id", "name", "welsh_medium"],
    "team": ["person_id", "name", "role"],
    "focus_areas": ["id", "title", "code", "prompts", "estimate", "self_evaluation", "look_at"],
    "notes": [
        "id",
        "focus_id",
        "activity_id",
        "kind",
        "text",
        "author",
        "captured_at",
        "photos",
        "report_photos",
    ],
    "findings": [
        "id",
        "focus_id",
        "kind",
        "text",
        "good_practice",
        "evidence",
        "follows_finding_id",
    ],
    "actions": ["id", "text", "owner", "due", "status", "finding_id", "impact"],
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    data_dir = tmp_path_factory.mktemp("demo") / "data"
    ws = Workspace(data_dir)
    ws.load_demo()
    yield ws, data_dir
    ws.close()


def _printed(data: object) -> str:
    """As the command line prints ``--json`` (app/cli/__init__.py)."""
    return json.dumps(data, ensure_ascii=False, default=str)


def test_review_detail_is_frozen_all_the_way_down(demo) -> None:  # type: ignore[no-untyped-def]
    ws, _ = demo
    detail = ws.review_detail(TECH)
    assert isinstance(detail, ReviewDetail)
    with pytest.raises(FrozenInstanceError):
        detail.title = "Changed"  # type: ignore[misc]
    for rows in (
        detail.team,
        detail.focus_areas,
        detail.activities,
        detail.notes,
        detail.findings,
        detail.actions,
    ):
        assert isinstance(rows, tuple) and rows
        with pytest.raises(FrozenInstanceError):
            setattr(rows[0], fields(rows[0])[0].name, "changed")
    assert detail.host_school is not None
    with pytest.raises(FrozenInstanceError):
        detail.host_school.name = "Changed"  # type: ignore[misc]
    assert all(isinstance(a.prompts, tuple) for a in detail.focus_areas)
    assert all(isinstance(n.photos, tuple) for n in detail.notes)
    assert all(isinstance(f.evidence, tuple) for f in detail.findings)


def test_a_view_keeps_in_step_by_making_a_new_copy(demo) -> None:  # type: ignore[no-untyped-def]
    ws, _ = demo
    detail = ws.review_detail(TECH)
    first = detail.notes[0]
    changed = detail.with_note(replace(first, text="Edited"))
    assert changed.notes[0].text == "Edited" and changed.notes[1:] == detail.notes[1:]
    assert detail.notes[0] == first and detail.notes[0].text != "Edited"  # the old copy stays
    added = detail.with_note(replace(first, id="new-note", text="Another"))
    assert [n.id for n in added.notes] == [*(n.id for n in detail.notes), "new-note"]
    finding = detail.findings[0]
    assert detail.with_finding(replace(finding, good_practice=True)).finding(finding.id) == (
        replace(finding, good_practice=True)
    )
    assert detail.finding(finding.id) == finding


def test_the_json_form_is_what_reviews_show_printed_before(demo) -> None:  # type: ignore[no-untyped-def]
    ws, _ = demo
    data = ws.review_detail(TECH).to_json()
    assert _printed(data) == (GOLDEN / "reviews-show-tech.json").read_text(encoding="utf-8").strip()
    assert list(data) == DOCUMENTED[""]
    assert (
        data["host_school"] is not None and list(data["host_school"]) == DOCUMENTED["host_school"]
    )
    for key in ("team", "focus_areas", "notes", "findings", "actions"):
        assert data[key] and all(list(row) == DOCUMENTED[key] for row in data[key]), key
    # The ids the window names people by stay out of the command line's JSON.
    assert "writer_id" not in data
    assert not {"reviewer_id", "host_colleague_id"} & set(data["activities"][0])


def test_safeguarding_is_only_there_when_asked_for(demo) -> None:  # type: ignore[no-untyped-def]
    from app.services.reviews import review_detail

    ws, _ = demo
    with ws.db.read() as session:
        plain = review_detail(session, TECH)
        full = review_detail(session, TECH, with_safeguarding=True)
    assert plain.safeguarding is None and "safeguarding" not in plain.to_json()
    assert full.safeguarding
    printed = _printed([c.to_json() for c in full.safeguarding])
    assert printed == (GOLDEN / "safeguarding-list-tech.json").read_text(encoding="utf-8").strip()


def test_lists_and_search_are_frozen_rows_with_the_same_json(demo) -> None:  # type: ignore[no-untyped-def]
    ws, _ = demo
    reviews, hits, site = ws.list_reviews(), ws.search("feedback"), ws.site()
    people, schools, networks = ws.people(), ws.schools(), ws.networks()
    frameworks = ws.frameworks()
    assert reviews and all(isinstance(r, ReviewSummary) for r in reviews)
    assert hits and all(isinstance(h, SearchHit) for h in hits)
    assert people and all(isinstance(p, PersonRow) for p in people)
    assert schools and all(isinstance(s, SchoolRow) for s in schools)
    assert networks and all(
        isinstance(n, NetworkRow) and isinstance(n.schools, tuple) for n in networks
    )
    assert frameworks and all(
        isinstance(f, FrameworkRow) and isinstance(f.focus_areas[0].prompts, tuple)
        for f in frameworks
    )
    assert isinstance(site, SiteInfo)
    for row in (reviews[0], hits[0], people[0], schools[0], networks[0], frameworks[0], site):
        with pytest.raises(FrozenInstanceError):
            setattr(row, fields(row)[0].name, "changed")
    for rows, golden in (
        (reviews, "reviews-list.json"),
        (hits, "search-feedback.json"),
        (people, "people-list.json"),
        (schools, "schools-list.json"),
        (networks, "networks-list.json"),
        (frameworks, "frameworks-list.json"),
    ):
        printed = _printed([r.to_json() for r in rows])
        assert printed == (GOLDEN / golden).read_text(encoding="utf-8").strip()


def test_the_command_line_prints_the_same_json(demo) -> None:  # type: ignore[no-untyped-def]
    """The real program, on the same demo: the shapes scripts rely on did not move."""
    _, data_dir = demo
    for args, golden in (
        (("reviews", "show", TECH), "reviews-show-tech.json"),
        (("safeguarding", "list", TECH), "safeguarding-list-tech.json"),
        (("reviews", "list"), "reviews-list.json"),
        (("search", "feedback"), "search-feedback.json"),
        (("people", "list"), "people-list.json"),
        (("schools", "list"), "schools-list.json"),
        (("networks", "list"), "networks-list.json"),
        (("frameworks", "list"), "frameworks-list.json"),
    ):
        out = run_peerwalk(data_dir, "--json", *args)
        assert out.code == 0, out.err
        assert out.out.strip() == (GOLDEN / golden).read_text(encoding="utf-8").strip()


def test_conflicts_are_typed_and_keep_the_command_lines_shape(tmp_path: Path) -> None:
    """Two laptops word one statement differently: the window gets a frozen ConflictRow whose
    JSON is what ``conflicts list --json`` prints (the sync layer's form)."""
    from app.services.exchange import list_conflicts
    from app.services.writeup import edit_finding
    from tests.sync.laptops import Laptop

    finding = demo_id("finding", "tech", "0")
    rob, trevor = (
        Laptop(tmp_path, "Rob Ellis", "137450"),
        Laptop(tmp_path, "Trevor Mayhew", "137452"),
    )
    rob.do(edit_finding, finding, text="Rob's wording")
    trevor.do(edit_finding, finding, text="Trevor's wording")
    rob.import_(trevor.export_for(rob))
    rob.close()
    trevor.close()
    ws = Workspace(rob.dir)
    try:
        (conflict,) = ws.conflicts()
        assert isinstance(conflict, ConflictRow) and isinstance(conflict.versions, tuple)
        with pytest.raises(FrozenInstanceError):
            conflict.field = "changed"  # type: ignore[misc]
        assert {v.value for v in conflict.versions} == {"Rob's wording", "Trevor's wording"}
        with ws.db.read() as session:
            assert [conflict.to_json()] == list_conflicts(session)
    finally:
        ws.close()

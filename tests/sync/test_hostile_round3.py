"""A hostile partner, third round: two risks docs/authority.md named as residual. A trusted
laptop with its real key signs, by hand, changes that pass every signature check; the real
program on a real laptop's data folder refuses each with one sentence, the database unchanged
row for row, and a control shows the honest route still works.

- A person's name and email were anyone's to change: Marcus Lowe (Rodney House, outside the
  Technology review) could rename Colne Valley's headteacher on Rob's laptop, where Rob writes
  the report, so its receiving headteacher's box named someone whose certificate nobody holds.
- Values were checked for type and size only: a note's kind, a statement's kind, a person's
  role or a next step's status outside Peerwalk's fixed words was stored as sent.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from tests.conftest import assert_one_line_error, db_fingerprint, run_peerwalk
from tests.sync import test_followup_authority as _followup
from tests.sync.laptops import Laptop
from tests.sync.test_authority import _refused
from tests.sync.test_followup_authority import COLNE, TECH
from tests.sync.test_hostile_round2 import _creation, _package

trio = _followup.trio  # the fixture: Claire (host), Rob (writer), Marcus (outside) trust each other


def _person(lap: Laptop, name: str) -> str:
    return str(lap.one("SELECT id FROM people WHERE name = ?", name))


def _receiving_head(lap: Laptop) -> str:
    """The name in the receiving headteacher's box of the Technology review's report."""
    from app.services.report_source import signoff_for_review

    with lap.db.read() as s:
        signoff = signoff_for_review(s, TECH)
    assert signoff is not None
    return signoff.boxes[-1].name


def _imported(lap: Laptop, path: Path) -> None:
    result = run_peerwalk(lap.dir, "import", str(path))
    assert result.code == 0, result.err


# --- a person's name and email -----------------------------------------------------------


def test_a_partner_cannot_rename_another_schools_headteacher(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    """Marcus renames Claire Goodwin on Rob's laptop: the report Rob writes would print the
    new name in the receiving headteacher's box, which then refuses Claire's own certificate
    (its name differs), so she could not countersign."""
    rob = trio["rob"]
    claire = _person(rob, "Claire Goodwin")
    assert _receiving_head(rob) == "Claire Goodwin"
    path = _package(
        tmp_path, trio, "marcus", "rob", [("people", claire, "name", "Gary Hale")], "network"
    )
    _refused(
        rob,
        path,
        "Marcus Lowe",
        "change Claire Goodwin's name",
        "Colne Valley High School's laptops or the laptop that added them",
    )
    assert _receiving_head(rob) == "Claire Goodwin"


def test_a_partner_cannot_change_another_schools_email_nor_a_facilitators(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    """An email is pinned like the name; a person with no school (a facilitator of the demo,
    added alike on every laptop) is the laptop's that alone added them, here none."""
    rob = trio["rob"]
    claire = _person(rob, "Claire Goodwin")
    path = _package(
        tmp_path, trio, "marcus", "rob", [("people", claire, "email", "x@evil.example")], "network"
    )
    _refused(rob, path, "Marcus Lowe", "change Claire Goodwin's email")
    helen = _person(rob, "Helen Frost")
    assert rob.one("SELECT school_id FROM people WHERE id = ?", helen) is None
    path = _package(
        tmp_path, trio, "marcus", "rob", [("people", helen, "name", "Helen Fraud")], "network"
    )
    _refused(rob, path, "change Helen Frost's name", "the laptop where they were added")


def test_a_second_creation_cannot_rename_a_person(trio: dict[str, Laptop], tmp_path: Path) -> None:
    """A copy of the demo's creation of Claire Goodwin with another name is judged as an
    edit of the name, and refused like one."""
    rob = trio["rob"]
    claire = _person(rob, "Claire Goodwin")
    twin = {**_creation(rob, "people", claire), "name": "Gary Hale"}
    path = _package(tmp_path, trio, "marcus", "rob", [("people", claire, "*", twin)], "network")
    _refused(rob, path, "Marcus Lowe", "change Claire Goodwin's name")
    assert _receiving_head(rob) == "Claire Goodwin"


def test_the_persons_own_school_may_rename_them(trio: dict[str, Laptop], tmp_path: Path) -> None:
    """The control: Colne Valley's own laptop corrects its headteacher's name and email."""
    rob = trio["rob"]
    claire = _person(rob, "Claire Goodwin")
    changes = [
        ("people", claire, "name", "Claire Goodwin-Hart"),
        ("people", claire, "email", "head@colne.example"),
    ]
    _imported(rob, _package(tmp_path, trio, "claire", "rob", changes, "network"))
    assert _receiving_head(rob) == "Claire Goodwin-Hart"
    assert rob.one("SELECT email FROM people WHERE id = ?", claire) == "head@colne.example"


def test_the_laptop_that_alone_added_a_person_may_correct_their_name(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    """The control: Marcus typed in a teacher of Colne Valley (the directory is shared) and
    fixes the typo later, in another package."""
    rob = trio["rob"]
    person = str(uuid.uuid4())
    value = {"id": person, "name": "Ffion Hael", "role": "teacher", "school_id": COLNE}
    made = [("people", person, "*", value)]
    _imported(rob, _package(tmp_path, trio, "marcus", "rob", made, "network"))
    fixed = [("people", person, "name", "Ffion Hale")]
    _imported(rob, _package(tmp_path, trio, "marcus", "rob", fixed, "network"))
    assert rob.one("SELECT name FROM people WHERE id = ?", person) == "Ffion Hale"


def test_a_rename_partners_would_refuse_is_refused_as_it_is_typed(
    trio: dict[str, Laptop],
) -> None:
    """`people edit` on Marcus's laptop refuses what Rob's laptop would refuse on import (or
    every later package from Marcus's laptop would be refused whole); a person Marcus's laptop
    added alone is still its to correct."""
    marcus = trio["marcus"]
    before = db_fingerprint(marcus.dir)
    for args, fragments in (
        (
            ("Claire Goodwin", "--name", "Gary Hale"),
            ("Only Colne Valley High School's laptops may change Claire Goodwin's name",),
        ),
        (
            ("Claire Goodwin", "--email", "x@evil.example"),
            ("Only Colne Valley High School's laptops may change Claire Goodwin's email",),
        ),
        (("Helen Frost", "--name", "Helen Fraud"), ("came with the demo", "no laptop may")),
    ):
        result = run_peerwalk(marcus.dir, "people", "edit", *args)
        assert_one_line_error(result, *fragments)
        assert db_fingerprint(marcus.dir) == before
    added = run_peerwalk(
        marcus.dir, "--json", "people", "add", "--name", "Ffion Hael", "--role", "teacher",
        "--school", COLNE,
    )  # fmt: skip
    assert added.code == 0, added.err
    result = run_peerwalk(marcus.dir, "people", "edit", "Ffion Hael", "--name", "Ffion Hale")
    assert result.code == 0, result.err
    assert marcus.one("SELECT name FROM people WHERE id = ?", added.json()["id"]) == "Ffion Hale"
    result = run_peerwalk(marcus.dir, "people", "edit", "Marcus Lowe", "--email", "m@rh.example")
    assert result.code == 0, result.err  # his own school's person


# --- values outside Peerwalk's fixed words -----------------------------------------------


def _first(lap: Laptop, sql: str, *args: Any) -> str:
    found = lap.one(sql, *args)
    assert found is not None, sql
    return str(found)


def _vocabulary_cases(trio: dict[str, Laptop]) -> dict[str, tuple[str, str, str, str, Any]]:
    """name -> (sender, receiver, scope, what the refusal says, change): each a change its
    sender may make (docs/authority.md), with a value outside the field's words."""
    rob, claire = trio["rob"], trio["claire"]
    note = _first(rob, "SELECT id FROM notes WHERE review_id = ?", TECH)
    step = _first(rob, "SELECT id FROM actions WHERE review_id = ?", TECH)
    member = _first(rob, "SELECT id FROM review_team WHERE review_id = ?", TECH)
    activity = _first(rob, "SELECT id FROM activities WHERE review_id = ?", TECH)
    statement = _first(claire, "SELECT id FROM findings WHERE review_id = ?", TECH)
    network = _first(
        rob, "SELECT network_id FROM network_members WHERE school_id = ? AND deleted = 0", COLNE
    )
    teacher = _first(rob, "SELECT id FROM people WHERE school_id = ? AND role = 'teacher'", COLNE)
    new_note = str(uuid.uuid4())
    made = {
        **_creation(rob, "notes", note),
        "id": new_note,
        "kind": "gossip",
        "text": "Overheard in the corridor.",
    }
    stage = str(uuid.uuid4())
    published = {"id": stage, "school_id": COLNE, "area": "Reading", "stage": 9}
    net = "network"
    return {
        "note kind": ("claire", "rob", TECH, "a note a kind", ("notes", note, "kind", "gossip")),
        "new note": ("claire", "rob", TECH, "a note a kind", ("notes", new_note, "*", made)),
        "statement kind": (
            "rob", "claire", TECH, "a statement a kind", ("findings", statement, "kind", "maybe")
        ),
        "role": ("claire", "rob", net, "a person a role", ("people", teacher, "role", "overlord")),
        "step status": (
            "claire", "rob", TECH, "a next step a status", ("actions", step, "status", "forgotten")
        ),
        "team role": (
            "claire", "rob", TECH, "team a role", ("review_team", member, "role", "boss")
        ),
        "agenda kind": (
            "claire", "rob", TECH, "an agenda item a kind",
            ("activities", activity, "kind", "party"),
        ),
        "network kind": (
            "claire", "rob", net, "a network a kind", ("networks", network, "kind", "club")
        ),
        "distribution": (
            "claire", "rob", TECH, "a review a distribution",
            ("reviews", TECH, "distribution", "all"),
        ),
        "review status": (
            "claire", "rob", TECH, "a review a status", ("reviews", TECH, "status", "finished")
        ),
        "stage": (
            "claire", "rob", net, "a school's stage a value",
            ("published_status", stage, "*", published),
        ),
    }  # fmt: skip


def test_a_value_outside_the_vocabulary_is_refused_as_malformed(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    """Each signed by a laptop whose school may make the change (the control below), with a
    word Peerwalk does not have: the window's lists, the report and the rules of who may
    change what were never written for it, so the package is refused whole."""
    for sender, receiver, scope, what, change in _vocabulary_cases(trio).values():
        path = _package(tmp_path, trio, sender, receiver, [change], scope)
        _refused(trio[receiver], path, "malformed change", what, "does not know")


def test_the_same_changes_with_words_peerwalk_has_are_imported(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    """The control: each change above, with a value of the field's words instead, is one its
    sender may make, and is imported."""
    fixes = {
        "gossip": "strength",
        "maybe": "ebi",
        "overlord": "governor",
        "forgotten": "done",
        "boss": "reviewer",
        "party": "meeting",
        "club": "sig",
        "all": "review-team",
        "finished": "written-up",
        9: 3,
    }
    groups: dict[tuple[str, str, str], list[tuple[str, str, str, Any]]] = {}
    for sender, receiver, scope, _, (table, record, fld, value) in _vocabulary_cases(trio).values():
        honest = (
            {k: fixes.get(v, v) if k in ("kind", "stage") else v for k, v in value.items()}
            if fld == "*"
            else fixes[value]
        )
        groups.setdefault((sender, receiver, scope), []).append((table, record, fld, honest))
    for (sender, receiver, scope), changes in groups.items():
        _imported(trio[receiver], _package(tmp_path, trio, sender, receiver, changes, scope))
        for table, record, fld, value in changes:
            column = fld if fld != "*" else "kind" if table == "notes" else "stage"
            got = trio[receiver].one(f"SELECT {column} FROM {table} WHERE id = ?", record)
            assert got == (value[column] if fld == "*" else value), (table, fld)

"""A hostile partner, second round: a trusted laptop with its real key signs, by hand, claims
its school may not make, along routes the first round left open (docs/authority.md). Each
package is imported by the real program on a real laptop's data folder: refused with one
sentence, the database unchanged row for row; a control shows the honest route still works.

The demo's Colne Valley High School (Claire Goodwin) hosts the Technology review that Rob
Ellis of Blackwater Academy writes; Marcus Lowe of Rodney House is a trusted partner outside
it, hosting a confidential review of his own (tests/sync/test_followup_authority.py).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from app.services.reviews import plan_review
from tests.conftest import run_peerwalk
from tests.sync import forge
from tests.sync import test_followup_authority as _followup
from tests.sync.laptops import Laptop
from tests.sync.test_authority import _forged, _next_seq, _refused, _site
from tests.sync.test_followup_authority import COLNE, CONFIDENTIAL, TECH

trio = _followup.trio  # the fixture: Claire (host), Rob (writer), Marcus (outside) trust each other

WELSH_NETWORK = "296106e4-ec96-5333-9c5a-e99f87b714d4"  # the demo's Welsh SIG: no Rodney House
IRWELL = "105520"
YEAR_2000_MS = 946_771_200_000  # 2000-01-02: the earliest clock a change may carry, nearly


def _creation(lap: Laptop, table: str, record: str) -> dict[str, Any]:
    """The creation of ``record`` as ``lap``'s change log holds it."""
    return dict(
        json.loads(
            lap.one(
                "SELECT value FROM changes WHERE table_name = ? AND record_id = ? AND field = '*'",
                table,
                record,
            )
        )
    )


def _package(
    tmp_path: Path,
    trio: dict[str, Laptop],
    attacker: str,
    victim: str,
    changes: list[tuple[str, str, str, Any]],
    scope: str,
    *,
    hlc: Callable[[str, int], str] | None = None,
) -> Path:
    """``attacker``'s laptop signs ``changes`` (table, record, field, value) for ``victim``."""
    lap = trio[attacker]
    site, _, _ = _site(lap)
    seq = _next_seq(trio[victim], site)
    ops = [
        forge.op(
            site,
            seq + n,
            table,
            record,
            fld,
            value,
            author=lap.name,
            hlc=hlc(site, n) if hlc else None,
        )
        for n, (table, record, fld, value) in enumerate(changes)
    ]
    return _forged(tmp_path, lap, ops, scope=scope, recipients=[trio[victim].school])


def test_a_second_creation_cannot_move_another_reviews_note_into_the_senders_review(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    """Rob writes in the Technology review, not in Marcus's confidential one. A "creation" of
    one of Marcus's notes naming the Technology review was judged field by field against the
    review it named: Marcus's note left his confidential review (deleted, too), and its
    words would travel with Rob's review from Marcus's laptop."""
    marcus = trio["marcus"]
    note = str(marcus.one("SELECT id FROM notes WHERE review_id = ? LIMIT 1", CONFIDENTIAL))
    moved = {**_creation(marcus, "notes", note), "review_id": TECH, "deleted": True}
    path = _package(tmp_path, trio, "rob", "marcus", [("notes", note, "*", moved)], TECH)
    _refused(marcus, path, "Rob Ellis", "move an existing record (notes) to another review")
    assert marcus.one("SELECT review_id FROM notes WHERE id = ?", note) == CONFIDENTIAL


def test_a_partner_cannot_name_another_headteacher_of_a_school(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    """Marcus adds a "headteacher" of Colne Valley dated 2000 on Rob's laptop: the report Rob
    writes prints the school's first headteacher on record in the receiving headteacher's
    box, so it named Marcus's invention and Claire Goodwin could not countersign it."""
    from app.services.report_source import signoff_for_review

    fake = str(uuid.uuid4())
    value = {"id": fake, "name": "Gary Hale", "role": "headteacher", "school_id": COLNE}
    path = _package(
        tmp_path,
        trio,
        "marcus",
        "rob",
        [("people", fake, "*", value)],
        "network",
        hlc=lambda site, n: f"{YEAR_2000_MS + n:013d}-00000-{site}",
    )
    _refused(
        trio["rob"],
        path,
        "Marcus Lowe",
        "name another headteacher of Colne Valley High School",
        "Colne Valley High School's laptops",
    )
    with trio["rob"].db.read() as s:
        signoff = signoff_for_review(s, TECH)
        assert signoff is not None
        assert signoff.boxes[-1].name == "Claire Goodwin"


def test_a_partner_may_still_add_staff_of_another_school(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    """The directory stays open: a teacher of Colne Valley added on Marcus's laptop reaches
    Rob's (the control for the test above)."""
    person = str(uuid.uuid4())
    value = {"id": person, "name": "Ffion Hale", "role": "teacher", "school_id": COLNE}
    path = _package(tmp_path, trio, "marcus", "rob", [("people", person, "*", value)], "network")
    result = run_peerwalk(trio["rob"].dir, "import", str(path))
    assert result.code == 0, result.err
    assert trio["rob"].one("SELECT school_id FROM people WHERE id = ?", person) == COLNE


def test_an_outsider_cannot_add_schools_to_a_network_by_repeating_its_creation(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    """A laptop that creates a network may make its members in the same package (planning).
    A copy of the creation of a network Rob's laptop holds already counted as planning it, so
    Rodney House, outside the Welsh network, could put any school in it."""
    rob = trio["rob"]
    twin = _creation(rob, "networks", WELSH_NETWORK)
    member = str(uuid.uuid4())
    joined = {"id": member, "network_id": WELSH_NETWORK, "school_id": IRWELL}
    changes = [
        ("networks", WELSH_NETWORK, "*", twin),
        ("network_members", member, "*", joined),
    ]
    path = _package(tmp_path, trio, "marcus", "rob", changes, "network")
    _refused(rob, path, "Marcus Lowe", "membership or rules of a network it is not in")


def test_a_visiting_laptop_cannot_preset_a_review_a_partner_has_not_received(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    """Claire plans a visit by Rob and Marcus; Marcus's laptop receives it first. Changes to
    a review a laptop does not hold were kept unjudged in its log, so Marcus could give Rob's
    copy, before Claire's package came, another distribution, writer and its deletion (each
    the host's alone); they took effect the moment the review arrived."""
    claire, rob, marcus = trio["claire"], trio["rob"], trio["marcus"]
    visit = claire.do(
        plan_review,
        host=COLNE,
        start=date(2027, 1, 12),
        focus=["Reading"],
        reviewers=["Rob Ellis", "Marcus Lowe"],
        title="Reading visit",
    )
    marcus.import_(claire.export_for(marcus))
    marcus_id = str(marcus.one("SELECT id FROM people WHERE name = 'Marcus Lowe'"))
    changes = [
        ("reviews", visit, "distribution", "network"),
        ("reviews", visit, "writer_id", marcus_id),
        ("reviews", visit, "deleted", True),
    ]
    path = _package(tmp_path, trio, "marcus", "rob", changes, visit)
    _refused(rob, path, "Marcus Lowe", "a review this laptop does not have", "export everything")
    rob.import_(claire.export_for(rob))
    assert rob.one("SELECT distribution FROM reviews WHERE id = ?", visit) == "host-only"
    assert rob.one("SELECT deleted FROM reviews WHERE id = ?", visit) == 0
    assert rob.one("SELECT writer_id FROM reviews WHERE id = ?", visit) != marcus_id


def test_a_partner_cannot_delete_a_school_this_laptop_holds_from_a_list(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    """The laptop that alone typed a school in may correct it. A school Rob's laptop holds
    from a school list is not in its change log yet, so a package that "created" it and then
    deleted it looked like its only creator: the school vanished from Rob's list, no conflict
    shown."""
    from benchmarks.generate import write_gias_csv
    from tests.sync.test_reference_data import import_list

    rob, marcus = trio["rob"], trio["marcus"]
    urn = write_gias_csv(tmp_path / "edubasealldata.csv", 20)[5]
    import_list(rob, tmp_path / "edubasealldata.csv")
    name = str(rob.one("SELECT name FROM schools WHERE id = ?", urn))
    site, _, _ = _site(marcus)
    seq = _next_seq(rob, site)
    made = forge.op(site, seq, "schools", urn, "*", {"id": urn, "name": name})
    gone = forge.op(site, seq + 1, "schools", urn, "deleted", True, seen=[made["id"]])
    path = _forged(tmp_path, marcus, [made, gone], scope="network", recipients=[rob.school])
    _refused(rob, path, "Marcus Lowe", f"change {name}'s own school record")
    assert rob.one("SELECT deleted FROM schools WHERE id = ?", urn) == 0


def test_a_comment_in_nobodys_name_cannot_carry_a_visiting_reviewers_name(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    """A comment made in nobody's name shows who typed it, from the author line of the change
    that made it (Write-up: "Rob Ellis, 1 Dec"). Claire's laptop signed a comment whose
    change said Rob Ellis typed it: the host's comment read as the writer's own."""
    rob = trio["rob"]
    row = str(uuid.uuid4())
    statement = str(rob.one("SELECT id FROM findings WHERE review_id = ? LIMIT 1", TECH))
    value = {"id": row, "review_id": TECH, "finding_id": statement, "text": "Agreed."}
    claire = trio["claire"]
    site, _, _ = _site(claire)
    made = forge.op(site, _next_seq(rob, site), "finding_comments", row, "*", value)
    made["author"] = "Rob Ellis"
    path = _forged(tmp_path, claire, [made], scope=TECH, recipients=[rob.school])
    _refused(rob, path, "Claire Goodwin", "in the name of Rob Ellis", "host school")
    made["author"] = "Claire Goodwin"  # the control: her own name, or none, still travels
    path = _forged(tmp_path, claire, [made], scope=TECH, recipients=[rob.school])
    result = run_peerwalk(rob.dir, "import", str(path))
    assert result.code == 0, result.err
    assert rob.one("SELECT created_by FROM finding_comments WHERE id = ?", row) == "Claire Goodwin"


def test_a_second_headteacher_of_another_school_is_refused_as_it_is_typed(
    trio: dict[str, Laptop],
) -> None:
    """What partners refuse on import is refused when typed, or every later package from this
    laptop to them would be refused whole (app/services/entitled.py)."""
    from tests.conftest import assert_one_line_error, db_fingerprint

    marcus = trio["marcus"]
    before = db_fingerprint(marcus.dir)
    result = run_peerwalk(
        marcus.dir,
        "people",
        "add",
        "--name",
        "Gary Hale",
        "--role",
        "headteacher",
        "--school",
        COLNE,
    )
    assert_one_line_error(result, "name another headteacher of Colne Valley High School")
    assert db_fingerprint(marcus.dir) == before

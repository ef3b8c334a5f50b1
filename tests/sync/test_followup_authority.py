"""A hostile partner and the records issue 11 added: the school's context and own view, the
distribution, comments on the draft, sign-off events, next-step progress, the follow-up link
and the team's view now of an earlier EBI. Every field a package carries is a claim by the
laptop that signed it (docs/authority.md): each package here is correctly signed by a trusted
partner's laptop (tests/sync/forge.py) and claims something its school may not, and the real
program refuses it with one sentence and changes nothing. The controls show the same route
still carries what each school may say.

The demo's Colne Valley High School hosts the Technology review and its follow-up; Rob Ellis of
Blackwater Academy writes it (visiting team). Marcus Lowe of Rodney House is a trusted partner
outside both, hosting a confidential review of his own.
"""

from __future__ import annotations

import sqlite3
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.services import followup
from app.services.demo import demo_id
from app.services.status import record_event
from tests.conftest import assert_one_line_error, db_fingerprint, run_peerwalk
from tests.sync import forge
from tests.sync.laptops import Laptop
from tests.sync.test_authority import _forged, _next_seq, _refused, _site

COLNE, BLACKWATER, RODNEY = "137451", "137450", "105523"
TECH = demo_id("review", "tech")
FOLLOW = demo_id("review", "tech-follow")
CONFIDENTIAL = demo_id("review", "mcr-rodney")  # Rodney House's host-only review
OTHER = demo_id("review", "bro-wyr")  # another school's review, with statements
ROTATION = demo_id("action", "tech", "2")
EBI = demo_id("finding", "tech", "3")
AT = "2026-12-01T10:00:00"


@pytest.fixture
def trio(tmp_path: Path) -> Iterator[dict[str, Laptop]]:
    """Claire (the host), Rob (the writer) and Marcus (outside the review) trust each other."""
    laps = {
        "claire": Laptop(tmp_path, "Claire Goodwin", COLNE),
        "rob": Laptop(tmp_path, "Rob Ellis", BLACKWATER),
        "marcus": Laptop(tmp_path, "Marcus Lowe", RODNEY),
    }
    for a, b in (("claire", "rob"), ("claire", "marcus"), ("rob", "marcus")):
        laps[b].import_(laps[a].export_for(laps[b]))
        laps[a].import_(laps[b].export_for(laps[a]))
    yield laps
    for lap in laps.values():
        lap.close()


def _focus(lap: Laptop) -> str:
    return str(lap.one("SELECT id FROM review_focus_areas WHERE review_id = ? LIMIT 1", FOLLOW))


def _statement(lap: Laptop, review: str = TECH) -> str:
    return str(lap.one("SELECT id FROM findings WHERE review_id = ? LIMIT 1", review))


def _attack(
    tmp_path: Path,
    trio: dict[str, Laptop],
    attacker: str,
    victim: str,
    changes: list[tuple[str, str, str, Any]],
    scope: str,
    *fragments: str,
) -> None:
    """``attacker``'s laptop signs ``changes`` (table, record, field, value) in one package for
    ``victim``, whose real program must refuse it, saying ``fragments``, changing nothing."""
    lap = trio[attacker]
    site, _, _ = _site(lap)
    seq = _next_seq(trio[victim], site)
    ops = [
        forge.op(site, seq + n, table, record, fld, value, author=lap.name)
        for n, (table, record, fld, value) in enumerate(changes)
    ]
    path = _forged(tmp_path, lap, ops, scope=scope, recipients=[trio[victim].school])
    _refused(trio[victim], path, lap.name, *fragments)


def _comment(lap: Laptop, review: str = TECH) -> str:
    """A comment the host made and the team received."""
    return str(lap.do(_add_comment, review))


def _add_comment(s: Any, review: str) -> str:
    from sqlalchemy import select

    from app.models import Finding
    from app.services.comments import add_comment

    finding = s.scalars(select(Finding.id).where(Finding.review_id == review)).first()
    return add_comment(s, finding, "We have had a reading lead since September.").id


# The school's own view, context and distribution: the host's alone.


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("self_evaluation", "Written by the visitors", "write the self-evaluation"),
        ("look_at", "Nothing to see here", "write the self-evaluation"),
    ],
)
def test_a_visiting_laptop_cannot_write_the_schools_own_view(
    trio: dict[str, Laptop], tmp_path: Path, field: str, value: str, fragment: str
) -> None:
    focus = _focus(trio["claire"])
    changes = [("review_focus_areas", focus, field, value)]
    _attack(tmp_path, trio, "rob", "claire", changes, FOLLOW, fragment, "host school")


def test_a_visiting_laptop_cannot_slip_a_self_evaluation_into_a_new_focus_area(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    area = str(uuid.uuid4())
    value = {"id": area, "review_id": FOLLOW, "title": "Homework", "self_evaluation": "Great."}
    changes = [("review_focus_areas", area, "*", value)]
    _attack(tmp_path, trio, "rob", "claire", changes, FOLLOW, "write the self-evaluation")


def test_a_second_creation_of_a_focus_area_cannot_rewrite_its_self_evaluation(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    import json

    focus = _focus(trio["claire"])
    original = json.loads(
        trio["claire"].one(
            "SELECT value FROM changes WHERE table_name = 'review_focus_areas' AND record_id = ? "
            "AND field = '*'",
            focus,
        )
    )
    value = {**original, "self_evaluation": "Rewritten in a creation"}
    changes = [("review_focus_areas", focus, "*", value)]
    _attack(tmp_path, trio, "rob", "claire", changes, FOLLOW, "write the self-evaluation")


def test_an_outsider_cannot_write_the_schools_own_view(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    changes = [("review_focus_areas", _focus(trio["claire"]), "self_evaluation", "Outsider")]
    _attack(tmp_path, trio, "marcus", "claire", changes, FOLLOW, "host school")


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("context", "A context from the visitors", "write the school's context"),
        ("distribution", "network", "change where the review"),
        ("distribution", "host-only", "change where the review"),
    ],
)
def test_a_visiting_laptop_cannot_change_the_context_or_distribution(
    trio: dict[str, Laptop], tmp_path: Path, field: str, value: str, fragment: str
) -> None:
    changes = [("reviews", TECH, field, value)]
    _attack(tmp_path, trio, "rob", "claire", changes, TECH, fragment, "host school")


def test_a_second_creation_of_the_review_cannot_rewrite_its_context(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    import json

    original = json.loads(
        trio["claire"].one(
            "SELECT value FROM changes WHERE table_name = 'reviews' AND record_id = ? "
            "AND field = '*'",
            FOLLOW,
        )
    )
    changes = [("reviews", FOLLOW, "*", {**original, "context": "Rewritten in a creation"})]
    _attack(tmp_path, trio, "rob", "claire", changes, FOLLOW, "context", "host school")


def test_the_hosts_own_view_and_distribution_still_reach_the_team(
    trio: dict[str, Laptop],
) -> None:
    claire, rob = trio["claire"], trio["rob"]
    claire.do(followup.set_self_evaluation, FOLLOW, _focus_title(claire), text="Our own view.")
    claire.do(followup.set_context, FOLLOW, "New head since January.")
    from app.services.signoff import set_distribution

    claire.do(set_distribution, TECH, "review-team")
    result = run_peerwalk(rob.dir, "--json", "import", str(claire.export_for(rob)))
    assert result.code == 0, result.err
    assert rob.one("SELECT self_evaluation FROM review_focus_areas WHERE id = ?", _focus(rob)) == (
        "Our own view."
    )
    assert rob.one("SELECT context FROM reviews WHERE id = ?", FOLLOW) == (
        "New head since January."
    )
    assert rob.one("SELECT distribution FROM reviews WHERE id = ?", TECH) == "review-team"


def _focus_title(lap: Laptop) -> str:
    return str(lap.one("SELECT title FROM review_focus_areas WHERE id = ?", _focus(lap)))


# Comments on the draft: made by the host school, marked answered by the visiting team.


def test_a_host_laptop_cannot_mark_a_comment_answered(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    claire, rob = trio["claire"], trio["rob"]
    comment = _comment(claire)
    rob.import_(claire.export_for(rob))
    changes = [("finding_comments", comment, "answered", True)]
    _attack(tmp_path, trio, "claire", "rob", changes, TECH, "mark a comment", "visiting team")


def test_a_host_laptop_cannot_send_a_comment_already_answered(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    row = str(uuid.uuid4())
    value = {
        "id": row,
        "review_id": TECH,
        "finding_id": _statement(trio["rob"]),
        "text": "Answered already",
        "answered": True,
    }
    changes = [("finding_comments", row, "*", value)]
    _attack(tmp_path, trio, "claire", "rob", changes, TECH, "comment on the statements")


def _new_comment(trio: dict[str, Laptop], **over: Any) -> tuple[str, dict[str, Any]]:
    row = str(uuid.uuid4())
    value = {
        "id": row,
        "review_id": TECH,
        "finding_id": _statement(trio["claire"]),
        "text": "A comment",
        "answered": False,
        **over,
    }
    return row, value


def test_a_team_laptop_cannot_comment_in_the_hosts_name(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    claire_person = demo_id("person", "claire")
    assert trio["claire"].one("SELECT school_id FROM people WHERE id = ?", claire_person) == COLNE
    row, value = _new_comment(trio, author_id=claire_person)
    changes = [("finding_comments", row, "*", value)]
    _attack(tmp_path, trio, "rob", "claire", changes, TECH, "comment on the statements", "host")


@pytest.mark.parametrize(
    ("field", "value"),
    [("text", "Reworded by the team"), ("author_id", None), ("deleted", True)],
)
def test_a_team_laptop_cannot_reword_reattribute_or_withdraw_a_comment(
    trio: dict[str, Laptop], tmp_path: Path, field: str, value: Any
) -> None:
    claire, rob = trio["claire"], trio["rob"]
    comment = _comment(claire)
    rob.import_(claire.export_for(rob))
    changes = [("finding_comments", comment, field, value)]
    _attack(tmp_path, trio, "rob", "claire", changes, TECH, "comment on the statements", "host")


def test_a_comment_cannot_move_to_another_statement(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    claire, rob = trio["claire"], trio["rob"]
    comment = _comment(claire)
    rob.import_(claire.export_for(rob))
    other = str(rob.one("SELECT id FROM findings WHERE review_id = ? LIMIT 1 OFFSET 1", TECH))
    site, _, _ = _site(claire)
    move = forge.op(site, _next_seq(rob, site), "finding_comments", comment, "finding_id", other)
    path = _forged(tmp_path, claire, [move], scope=TECH, recipients=[BLACKWATER])
    _refused(rob, path, "malformed change")


def test_a_comment_cannot_name_a_statement_of_another_review(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    """Claire hosts the Technology review, so may comment on it; a comment there that names a
    statement of Bro Ŵyr's review would show that statement's words among the Technology
    review's comments on Rob's laptop."""
    row, value = _new_comment(trio, finding_id=_statement(trio["rob"], OTHER))
    changes = [("finding_comments", row, "*", value)]
    _attack(tmp_path, trio, "claire", "rob", changes, TECH, "another review")


def test_a_comment_cannot_be_signed_in_the_name_of_the_visiting_team(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    """The host's laptop may comment, but only as one of the host school's people."""
    row, value = _new_comment(trio, author_id=demo_id("person", "rob"))
    changes = [("finding_comments", row, "*", value)]
    _attack(tmp_path, trio, "claire", "rob", changes, TECH, "Rob Ellis", "host school")


def test_an_outsider_cannot_comment_on_a_review(trio: dict[str, Laptop], tmp_path: Path) -> None:
    row, value = _new_comment(trio)
    changes = [("finding_comments", row, "*", value)]
    _attack(tmp_path, trio, "marcus", "claire", changes, TECH, "comment on the statements")


def test_evidence_cannot_tie_a_statement_to_another_reviews_note(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    """A note of Bro Ŵyr's review behind a Technology statement would print in the
    Technology report wherever a laptop holds both."""
    note = str(trio["claire"].one("SELECT id FROM notes WHERE review_id = ? LIMIT 1", OTHER))
    row = str(uuid.uuid4())
    value = {"id": row, "finding_id": _statement(trio["claire"]), "note_id": note}
    changes = [("finding_evidence", row, "*", value)]
    _attack(tmp_path, trio, "rob", "claire", changes, TECH, "another review")


def test_comments_and_their_answers_still_travel(trio: dict[str, Laptop]) -> None:
    from app.services.comments import answer_comment

    claire, rob = trio["claire"], trio["rob"]
    comment = _comment(claire)
    result = run_peerwalk(rob.dir, "--json", "import", str(claire.export_for(rob)))
    assert result.code == 0, result.err
    assert rob.one("SELECT answered FROM finding_comments WHERE id = ?", comment) == 0
    rob.do(answer_comment, comment)
    result = run_peerwalk(claire.dir, "--json", "import", str(rob.export_for(claire)))
    assert result.code == 0, result.err
    assert claire.one("SELECT answered FROM finding_comments WHERE id = ?", comment) == 1


# Next steps: whether they are done, and their impact, are the host school's to say.


@pytest.mark.parametrize(("field", "value"), [("status", "done"), ("impact", "Transformed.")])
@pytest.mark.parametrize("attacker", ["rob", "marcus"])
def test_only_the_host_says_how_a_next_step_is_going(
    trio: dict[str, Laptop], tmp_path: Path, attacker: str, field: str, value: str
) -> None:
    changes = [("actions", ROTATION, field, value)]
    _attack(tmp_path, trio, attacker, "claire", changes, TECH, "host school")


def test_a_team_laptop_cannot_create_a_next_step_already_done(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    row = str(uuid.uuid4())
    value = {"id": row, "review_id": TECH, "text": "Done before agreed", "status": "done"}
    changes = [("actions", row, "*", value)]
    _attack(tmp_path, trio, "rob", "claire", changes, TECH, "mark the next steps done")


def test_a_next_step_cannot_hang_from_another_reviews_statement(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    row = str(uuid.uuid4())
    value = {
        "id": row,
        "review_id": TECH,
        "finding_id": _statement(trio["claire"], OTHER),
        "text": "Borrowed EBI",
    }
    changes = [("actions", row, "*", value)]
    _attack(tmp_path, trio, "rob", "claire", changes, TECH, "another review")


def test_the_hosts_progress_on_a_next_step_reaches_the_team(trio: dict[str, Laptop]) -> None:
    claire, rob = trio["claire"], trio["rob"]
    claire.do(followup.set_action_progress, ROTATION, "done", impact="Food in Year 7.")
    result = run_peerwalk(rob.dir, "--json", "import", str(claire.export_for(rob)))
    assert result.code == 0, result.err
    assert rob.one("SELECT status || '/' || impact FROM actions WHERE id = ?", ROTATION) == (
        "done/Food in Year 7."
    )


# Sign-off events: facts the status follows, only ever added, and consistent.


def _event(review: str, kind: str, person: str | None = None) -> tuple[str, dict[str, Any]]:
    row = str(uuid.uuid4())
    return row, {"id": row, "review_id": review, "kind": kind, "person_id": person, "at": AT}


def _status(lap: Laptop, review: str = TECH) -> str:
    return str(lap.one("SELECT status FROM reviews WHERE id = ?", review))


def test_a_team_laptop_cannot_claim_the_countersignature_before_any_signature(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    assert _status(trio["claire"]) == "written-up"
    row, value = _event(TECH, "countersigned")
    changes = [("review_events", row, "*", value)]
    _attack(tmp_path, trio, "rob", "claire", changes, TECH, "countersign")
    assert _status(trio["claire"]) == "written-up"


def test_no_laptop_claims_the_report_shared_before_it_is_countersigned(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    row, value = _event(TECH, "shared")
    changes = [("review_events", row, "*", value)]
    _attack(tmp_path, trio, "claire", "rob", changes, TECH, "shared")
    assert _status(trio["rob"]) == "written-up"


def test_a_signature_event_names_the_person_whose_box_it_is(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    """The writer's signature is the writer's; a co-reviewer's names one of the visiting
    team. A laptop cannot record that someone outside them signed."""
    row, value = _event(TECH, "signed", demo_id("person", "claire"))
    changes = [("review_events", row, "*", value)]
    _attack(tmp_path, trio, "rob", "claire", changes, TECH, "signature")
    row, value = _event(TECH, "co-signed", demo_id("person", "marcus"))
    changes = [("review_events", row, "*", value)]
    _attack(tmp_path, trio, "rob", "claire", changes, TECH, "signature")


@pytest.mark.parametrize(
    ("field", "value"), [("kind", "countersigned"), ("deleted", True), ("at", AT)]
)
def test_a_sign_off_event_is_only_ever_added(
    trio: dict[str, Laptop], tmp_path: Path, field: str, value: Any
) -> None:
    """A draft event Rob made cannot later be turned into a countersignature, withdrawn or
    redated by anyone."""
    claire, rob = trio["claire"], trio["rob"]
    event = rob.do(record_event, TECH, "draft")
    claire.import_(rob.export_for(claire))
    assert _status(claire) == "accuracy-check"
    changes = [("review_events", event, field, value)]
    _attack(tmp_path, trio, "rob", "claire", changes, TECH, "sign-off")
    _attack(tmp_path, trio, "claire", "rob", changes, TECH, "sign-off")
    assert _status(claire) == "accuracy-check"


def test_an_outsider_cannot_claim_a_signature(trio: dict[str, Laptop], tmp_path: Path) -> None:
    row, value = _event(TECH, "signed")
    changes = [("review_events", row, "*", value)]
    _attack(tmp_path, trio, "marcus", "claire", changes, TECH, "not part of")


def test_the_signatures_still_travel_in_order(trio: dict[str, Laptop]) -> None:
    """The writer's signature, then the host's countersignature recorded on the team's laptop
    from the verified PDF, both from Rob's laptop: Claire's status follows."""
    claire, rob = trio["claire"], trio["rob"]
    rob.do(record_event, TECH, "signed", demo_id("person", "rob"))
    rob.do(record_event, TECH, "countersigned")
    result = run_peerwalk(claire.dir, "--json", "import", str(rob.export_for(claire)))
    assert result.code == 0, result.err
    assert _status(claire) == "countersigned"
    claire.do(record_event, TECH, "shared")
    result = run_peerwalk(rob.dir, "--json", "import", str(claire.export_for(rob)))
    assert result.code == 0, result.err
    assert _status(rob) == "shared"


# The follow-up link and the team's view now: only within the same school's visits.


def test_a_host_cannot_make_its_visit_follow_another_schools_review(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    """Following Rodney House's confidential review would print its EBIs and next steps as
    "Since our last visit" in Colne Valley's follow-up, on every laptop that holds both."""
    changes = [("reviews", FOLLOW, "follows_id", CONFIDENTIAL)]
    _attack(tmp_path, trio, "claire", "rob", changes, FOLLOW, "another school")


def test_a_visiting_lead_cannot_plan_a_follow_up_of_another_schools_review(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    rob = trio["rob"]
    review, member = str(uuid.uuid4()), str(uuid.uuid4())
    plan = {
        "id": review,
        "host_school_id": COLNE,
        "title": "Another visit",
        "start_date": "2027-06-09",
        "end_date": "2027-06-09",
        "distribution": "host-only",
        "follows_id": CONFIDENTIAL,
    }
    team = {
        "id": member,
        "review_id": review,
        "person_id": demo_id("person", "rob"),
        "role": "lead",
    }
    changes = [("reviews", review, "*", plan), ("review_team", member, "*", team)]
    assert rob.one("SELECT school_id FROM people WHERE id = ?", team["person_id"]) == BLACKWATER
    _attack(tmp_path, trio, "rob", "claire", changes, review, "another school")


def test_a_view_now_names_an_ebi_of_the_visit_followed_up(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    """The team's view now may answer only an EBI of the visit this one follows up: pointed
    at a statement of another review, it would vanish from the report's focus areas."""
    row = str(uuid.uuid4())
    value = {
        "id": row,
        "review_id": FOLLOW,
        "focus_id": _focus(trio["claire"]),
        "kind": "www",
        "text": "Moved on",
        "follows_finding_id": _statement(trio["claire"], OTHER),
    }
    changes = [("findings", row, "*", value)]
    _attack(tmp_path, trio, "rob", "claire", changes, FOLLOW, "does not follow up")


def test_the_teams_view_now_still_travels(trio: dict[str, Laptop]) -> None:
    claire, rob = trio["claire"], trio["rob"]
    fid = rob.do(followup.record_view_now, FOLLOW, EBI, text="Quick finishers moved on.")
    result = run_peerwalk(claire.dir, "--json", "import", str(rob.export_for(claire)))
    assert result.code == 0, result.err
    assert claire.one("SELECT follows_finding_id FROM findings WHERE id = ?", fid) == EBI


# What the receiver may not see does not travel through the new records.


def test_comments_and_events_of_a_review_go_only_to_its_schools(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    claire = trio["claire"]
    _comment(claire)
    claire.do(record_event, TECH, "draft")
    out = claire.export_for(trio["marcus"], tmp_path / "to-marcus.peerwalk", full=True)
    with zipfile.ZipFile(out) as z:
        import json

        scopes = {b["scope"] for b in json.loads(z.read("manifest.json"))["batches"]}
    assert TECH not in scopes and FOLLOW not in scopes
    result = run_peerwalk(trio["marcus"].dir, "--json", "import", str(out))
    assert result.code == 0, result.err
    assert trio["marcus"].one("SELECT count(*) FROM finding_comments") == 0
    assert trio["marcus"].one("SELECT count(*) FROM review_events") == 0


def test_a_follow_up_link_that_names_another_schools_review_shows_nothing_of_it(
    trio: dict[str, Laptop],
) -> None:
    """A link that arrived before the review it names (so import could not judge it) still
    shows nothing of another school's review: only an earlier visit to the same school."""
    claire = trio["claire"]
    claire.close()
    con = sqlite3.connect(claire.dir / "peerwalk.db")
    with con:
        con.execute("UPDATE reviews SET follows_id = ? WHERE id = ?", (OTHER, FOLLOW))
    con.close()
    result = run_peerwalk(claire.dir, "--json", "reviews", "show", FOLLOW)
    assert result.code == 0, result.err
    assert result.json()["follows_id"] == OTHER
    assert result.json()["since_last_visit"] is None


def test_the_host_cannot_type_a_comment_in_the_name_of_the_visiting_team(
    trio: dict[str, Laptop],
) -> None:
    """Typed on the host's laptop, the comment its partners would refuse is refused at once."""
    claire = trio["claire"]
    before = db_fingerprint(claire.dir)
    result = run_peerwalk(
        claire.dir,
        "comments",
        "add",
        _statement(claire),
        "--text",
        "Signed as the writer",
        "--author",
        "Rob Ellis",
    )
    assert_one_line_error(result, "Rob Ellis is not of the host school")
    assert db_fingerprint(claire.dir) == before
    result = run_peerwalk(
        claire.dir,
        "comments",
        "add",
        _statement(claire),
        "--text",
        "Ours",
        "--author",
        "Claire Goodwin",
    )
    assert result.code == 0, result.err


def test_a_network_school_reading_a_shared_report_writes_nothing_into_the_review(
    tmp_path: Path,
) -> None:
    """Ysgol Llanrug reads (verifies) the report Bro Ŵyr shared with its network: no sign-off
    event is recorded on its laptop, so its next package to Bro Ŵyr is not refused for writing
    in a review it is not part of (every later package used to be)."""
    from app.services.signoff import record_signatures

    host = Laptop(tmp_path, "Siân Llywelyn", "6702345")
    reader = Laptop(tmp_path, "Dafydd ap Siôn", "6614005")
    host.import_(reader.export_for(host))
    reader.import_(host.export_for(reader))
    assert reader.do(record_signatures, OTHER, ["host-headteacher"]) == []
    result = run_peerwalk(host.dir, "--json", "import", str(reader.export_for(host)))
    assert result.code == 0, result.err
    for lap in (host, reader):
        lap.close()


def test_a_package_whose_zip_says_it_is_password_protected_is_refused_with_a_sentence(
    trio: dict[str, Laptop], tmp_path: Path
) -> None:
    """Found while fuzzing these packages: one flipped bit (zip's "encrypted" flag) stopped
    import with an internal error asking for a password."""
    raw = bytearray(trio["claire"].export_for(trio["rob"]).read_bytes())
    for magic, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = raw.find(magic)
        while start != -1:
            raw[start + at] |= 0x1
            start = raw.find(magic, start + 4)
    path = tmp_path / "flagged.peerwalk"
    path.write_bytes(bytes(raw))
    before = db_fingerprint(trio["rob"].dir)
    assert_one_line_error(run_peerwalk(trio["rob"].dir, "import", str(path)), "damaged")
    assert db_fingerprint(trio["rob"].dir) == before

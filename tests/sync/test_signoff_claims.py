"""A hostile partner and the review's sign-off events: who may claim that a draft was sent,
that the writer signed, that a co-reviewer signed, that the host headteacher countersigned,
that the report was shared (docs/authority.md, app/sync/signoff_claims.py).

Each package here is correctly signed by a trusted partner's laptop that is part of the
review (tests/sync/forge.py), and claims an event its school could not have seen happen: the
real program refuses it with one sentence naming the sender and changes nothing. The controls
show the same route still carries each event from the laptop that may claim it, and the
command line refuses, as it is typed, to record what partners would refuse.

The demo Technology review: Claire Goodwin's Colne Valley High School hosts; Rob Ellis of
Blackwater Academy writes it; Trevor Mayhew of Stour Vale is a co-reviewer.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.services.demo import demo_id
from app.services.signoff import record_signatures
from app.services.status import record_event
from tests.conftest import assert_one_line_error, db_fingerprint, run_peerwalk, today_env
from tests.sync.laptops import Laptop
from tests.sync.test_followup_authority import _attack, _event, _status

COLNE, BLACKWATER, STOUR = "137451", "137450", "137452"
TECH = demo_id("review", "tech")
ROB, TREVOR, CLAIRE = (demo_id("person", p) for p in ("rob", "trevor", "claire"))


@pytest.fixture
def laps(tmp_path: Path) -> Iterator[dict[str, Laptop]]:
    """The host (Claire), the writer (Rob) and a co-reviewer (Trevor); Claire trusts both and
    they trust her."""
    out = {
        "claire": Laptop(tmp_path, "Claire Goodwin", COLNE),
        "rob": Laptop(tmp_path, "Rob Ellis", BLACKWATER),
        "trevor": Laptop(tmp_path, "Trevor Mayhew", STOUR),
    }
    for other in ("rob", "trevor"):
        out[other].import_(out["claire"].export_for(out[other]))
        out["claire"].import_(out[other].export_for(out["claire"]))
    yield out
    for lap in out.values():
        lap.close()


def _claim(kind: str, person: str | None = None) -> list[tuple[str, str, str, object]]:
    row, value = _event(TECH, kind, person)
    return [("review_events", row, "*", value)]


def _send(laps: dict[str, Laptop], src: str, dst: str) -> None:
    result = run_peerwalk(laps[dst].dir, "--json", "import", str(laps[src].export_for(laps[dst])))
    assert result.code == 0, result.err


def test_the_host_cannot_claim_the_writers_signature(
    laps: dict[str, Laptop], tmp_path: Path
) -> None:
    """Rob's laptop would show his report as signed though he never signed it."""
    changes = _claim("signed")
    _attack(tmp_path, laps, "claire", "rob", changes, TECH, "writer's signature", "writer's own")
    assert _status(laps["rob"]) == "written-up"


def test_a_co_reviewer_cannot_claim_the_writers_signature(
    laps: dict[str, Laptop], tmp_path: Path
) -> None:
    for person in (None, ROB):
        changes = _claim("signed", person)
        _attack(tmp_path, laps, "trevor", "claire", changes, TECH, "writer's own school")
    assert _status(laps["claire"]) == "written-up"


def test_the_writer_cannot_claim_a_co_reviewers_signature(
    laps: dict[str, Laptop], tmp_path: Path
) -> None:
    """Trevor is on the team, so the old rule (a person of the team) let Rob sign for him."""
    changes = _claim("co-signed", TREVOR)
    _attack(tmp_path, laps, "rob", "claire", changes, TECH, "Trevor Mayhew's signature")
    _attack(tmp_path, laps, "claire", "rob", changes, TECH, "Trevor Mayhew's own school")


def test_only_the_host_and_the_writer_claim_the_countersignature(
    laps: dict[str, Laptop], tmp_path: Path
) -> None:
    """Even once the writer's signature is held, a co-reviewer's laptop (which neither signed
    nor was sent the countersigned copy) cannot say the host headteacher signed."""
    laps["rob"].do(record_event, TECH, "signed", ROB)
    _send(laps, "rob", "claire")
    _send(laps, "claire", "trevor")
    assert _status(laps["claire"]) == "signed"
    changes = _claim("countersigned")
    _attack(tmp_path, laps, "trevor", "claire", changes, TECH, "countersignature", "host school")
    assert _status(laps["claire"]) == "signed"


def test_a_countersignature_names_only_a_person_of_the_host_school(
    laps: dict[str, Laptop], tmp_path: Path
) -> None:
    changes = _claim("countersigned", ROB)
    _attack(tmp_path, laps, "claire", "rob", changes, TECH, "Rob Ellis", "not of the host school")


def test_the_host_cannot_claim_a_draft_was_sent(laps: dict[str, Laptop], tmp_path: Path) -> None:
    changes = _claim("draft")
    _attack(tmp_path, laps, "claire", "rob", changes, TECH, "draft", "visiting team")
    assert _status(laps["rob"]) == "written-up"


def test_a_co_reviewer_cannot_claim_the_report_shared(
    laps: dict[str, Laptop], tmp_path: Path
) -> None:
    """Countersigned on the host's laptop (and known to Trevor's): only the host and the writer
    hold the countersigned report to give out."""
    laps["claire"].do(record_signatures, TECH, ["host-headteacher"])
    _send(laps, "claire", "trevor")
    assert _status(laps["trevor"]) == "countersigned"
    changes = _claim("shared")
    _attack(tmp_path, laps, "trevor", "claire", changes, TECH, "as shared", "writer's laptops")
    assert _status(laps["claire"]) == "countersigned"


def test_each_event_still_travels_from_the_laptop_that_may_claim_it(
    laps: dict[str, Laptop],
) -> None:
    claire, rob, trevor = laps["claire"], laps["rob"], laps["trevor"]
    rob.do(record_event, TECH, "draft")
    rob.do(record_event, TECH, "signed", ROB)
    trevor.do(record_event, TECH, "co-signed", TREVOR)
    _send(laps, "rob", "claire")
    _send(laps, "trevor", "claire")
    assert _status(claire) == "signed"
    claire.do(record_signatures, TECH, ["host-headteacher"])
    claire.do(record_event, TECH, "shared")
    _send(laps, "claire", "rob")
    _send(laps, "claire", "trevor")
    assert _status(rob) == _status(trevor) == "shared"
    kinds = "SELECT group_concat(kind) FROM (SELECT kind FROM review_events ORDER BY 1)"
    assert claire.one(kinds) == "co-signed,countersigned,draft,shared,signed"


# Typed on a laptop: what its partners would refuse is refused at once, or not recorded.


def _refused_here(lap: Laptop, args: tuple[str, ...], *fragments: str) -> None:
    before = db_fingerprint(lap.dir)
    assert_one_line_error(run_peerwalk(lap.dir, *args, env=today_env()), *fragments)
    assert db_fingerprint(lap.dir) == before


def test_the_host_cannot_make_the_draft_nor_a_co_reviewer_share_the_report(
    laps: dict[str, Laptop], tmp_path: Path
) -> None:
    claire, trevor = laps["claire"], laps["trevor"]
    draft = tmp_path / "draft.pdf"
    _refused_here(
        claire, ("report", TECH, "--draft", "-o", str(draft)), "Only the visiting team's laptops"
    )
    assert not draft.exists()
    claire.do(record_signatures, TECH, ["host-headteacher"])
    _send(laps, "claire", "trevor")
    _refused_here(
        trevor, ("reviews", "status", TECH, "shared"), "Only the host school's and the writer's"
    )


def test_a_verified_signature_is_recorded_only_where_it_may_be_claimed(
    laps: dict[str, Laptop],
) -> None:
    """The host reading the writer's and a co-reviewer's signatures in a PDF it verified does
    not record them as its own claims (its package would then be refused by its partners)."""
    claire = laps["claire"]
    recorded = claire.do(record_signatures, TECH, ["writer", "co-reviewer-1", "host-headteacher"])
    assert recorded == ["countersigned"]
    _send(laps, "claire", "rob")
    assert _status(laps["rob"]) == "countersigned"

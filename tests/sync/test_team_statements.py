"""A review's statements are the visiting team's (docs/authority.md): the WWW/EBI words, their
kind, focus area and good-practice flag, the evidence they rest on, and the words, owner and
date of the next steps agreed at the feedback meeting. The host school comments on them (the
factual-accuracy round) and reports how its next steps are going; a package in which a host
laptop writes, rewords, deletes or re-links them is refused whole, with one sentence, and the
database is unchanged. Otherwise a host could slip words into a report its writer then signs.

Each attack is a correctly signed package from Claire Goodwin's laptop (Colne Valley High
School, the host of the Technology review) to Rob Ellis's (Blackwater Academy, its writer),
made with tests/sync/forge.py. The controls show the same route still carries the team's
statements and evidence to the host, and the host's comments and progress to the team.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.models import link_id
from app.services.demo import demo_id
from tests.conftest import run_peerwalk
from tests.sync import forge
from tests.sync.laptops import Laptop
from tests.sync.test_authority import _forged, _next_seq, _refused, _site

COLNE, BLACKWATER = "137451", "137450"
TECH = demo_id("review", "tech")
FOLLOW = demo_id("review", "tech-follow")
ROTATION = demo_id("action", "tech", "2")
EBI = demo_id("finding", "tech", "3")
WHO = "only the visiting team's laptops may do"


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[dict[str, Laptop]]:
    """Claire (the host) and Rob (the writer) trust each other."""
    laps = {
        "claire": Laptop(tmp_path, "Claire Goodwin", COLNE),
        "rob": Laptop(tmp_path, "Rob Ellis", BLACKWATER),
    }
    laps["rob"].import_(laps["claire"].export_for(laps["rob"]))
    laps["claire"].import_(laps["rob"].export_for(laps["claire"]))
    yield laps
    for lap in laps.values():
        lap.close()


def _statement(lap: Laptop, review: str = TECH) -> str:
    return str(lap.one("SELECT id FROM findings WHERE review_id = ? LIMIT 1", review))


def _host_sends(
    tmp_path: Path, pair: dict[str, Laptop], changes: list[tuple[str, str, str, Any]], *frag: str
) -> None:
    """Claire's laptop signs ``changes`` (table, record, field, value) for Rob, whose real
    program refuses the whole package, saying ``frag``, and changes nothing."""
    claire, rob = pair["claire"], pair["rob"]
    site, _, _ = _site(claire)
    seq = _next_seq(rob, site)
    ops = [
        forge.op(site, seq + n, table, record, fld, value, author=claire.name)
        for n, (table, record, fld, value) in enumerate(changes)
    ]
    scope = TECH if all(c[1] != FOLLOW_RECORD for c in changes) else FOLLOW
    path = _forged(tmp_path, claire, ops, scope=scope, recipients=[BLACKWATER])
    _refused(rob, path, claire.name, WHO, "nothing was imported", *frag)


FOLLOW_RECORD = str(uuid.uuid4())  # the view now the host tries, scoped to the follow-up


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("text", "Reworded by the host: all is well."),
        ("kind", "www"),
        ("good_practice", True),
    ],
)
def test_the_host_cannot_reword_a_statement(
    pair: dict[str, Laptop], tmp_path: Path, field: str, value: Any
) -> None:
    changes = [("findings", _statement(pair["rob"]), field, value)]
    _host_sends(tmp_path, pair, changes, "statements of the review")


def test_the_host_cannot_move_a_statement_to_another_focus_area(
    pair: dict[str, Laptop], tmp_path: Path
) -> None:
    rob = pair["rob"]
    finding = _statement(rob)
    other = rob.one(
        "SELECT id FROM review_focus_areas WHERE review_id = ? AND id != "
        "(SELECT focus_id FROM findings WHERE id = ?) LIMIT 1",
        TECH,
        finding,
    )
    _host_sends(tmp_path, pair, [("findings", finding, "focus_id", other)], "statements")


def test_the_host_cannot_create_a_statement_even_beside_a_comment(
    pair: dict[str, Laptop], tmp_path: Path
) -> None:
    """The host's comment alone would be accepted; with a statement of its own beside it the
    whole package is refused."""
    rob = pair["rob"]
    focus = rob.one("SELECT id FROM review_focus_areas WHERE review_id = ? LIMIT 1", TECH)
    row, comment = str(uuid.uuid4()), str(uuid.uuid4())
    value = {
        "id": row,
        "review_id": TECH,
        "focus_id": focus,
        "kind": "www",
        "text": "Outstanding in every respect.",
        "position": 99,
        "good_practice": True,
    }
    remark = {
        "id": comment,
        "review_id": TECH,
        "finding_id": _statement(rob),
        "text": "A fair comment.",
        "answered": False,
    }
    changes = [("finding_comments", comment, "*", remark), ("findings", row, "*", value)]
    _host_sends(tmp_path, pair, changes, "write, reword or delete the statements")


@pytest.mark.parametrize("value", [True, False])
def test_the_host_cannot_delete_or_restore_a_statement(
    pair: dict[str, Laptop], tmp_path: Path, value: bool
) -> None:
    changes = [("findings", _statement(pair["rob"]), "deleted", value)]
    _host_sends(tmp_path, pair, changes, "delete the statements")


def test_the_host_cannot_link_evidence(pair: dict[str, Laptop], tmp_path: Path) -> None:
    rob = pair["rob"]
    finding = _statement(rob)
    note = str(rob.one("SELECT id FROM notes WHERE review_id = ? LIMIT 1 OFFSET 1", TECH))
    row = link_id(finding, note)
    value = {"id": row, "finding_id": finding, "note_id": note}
    _host_sends(tmp_path, pair, [("finding_evidence", row, "*", value)], "link or unlink")


def test_the_host_cannot_unlink_evidence(pair: dict[str, Laptop], tmp_path: Path) -> None:
    link = str(pair["rob"].one("SELECT id FROM finding_evidence LIMIT 1"))
    _host_sends(tmp_path, pair, [("finding_evidence", link, "deleted", True)], "link or unlink")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("text", "Buy more tablets."),
        ("due", "2027-09-01"),
        ("owner_id", demo_id("person", "claire")),
    ],
)
def test_the_host_cannot_edit_or_delete_a_next_step(
    pair: dict[str, Laptop], tmp_path: Path, field: str, value: Any
) -> None:
    changes = [("actions", ROTATION, field, value)]
    _host_sends(tmp_path, pair, changes, "reword, reassign or delete the next steps")


def test_the_host_cannot_add_a_next_step(pair: dict[str, Laptop], tmp_path: Path) -> None:
    row = str(uuid.uuid4())
    value = {"id": row, "review_id": TECH, "text": "Agreed by nobody", "status": "open"}
    _host_sends(tmp_path, pair, [("actions", row, "*", value)], "next steps")


def test_the_host_cannot_give_the_teams_view_now(pair: dict[str, Laptop], tmp_path: Path) -> None:
    rob = pair["rob"]
    focus = rob.one("SELECT id FROM review_focus_areas WHERE review_id = ? LIMIT 1", FOLLOW)
    value = {
        "id": FOLLOW_RECORD,
        "review_id": FOLLOW,
        "focus_id": focus,
        "kind": "www",
        "text": "Fully met, says the host.",
        "follows_finding_id": EBI,
    }
    _host_sends(tmp_path, pair, [("findings", FOLLOW_RECORD, "*", value)], "statements")


# The legitimate routes.


def test_the_teams_statement_and_evidence_reach_the_host(pair: dict[str, Laptop]) -> None:
    from app.services.writeup import add_finding, edit_action

    claire, rob = pair["claire"], pair["rob"]
    note = str(rob.one("SELECT id FROM notes WHERE review_id = ? LIMIT 1", TECH))
    focus = str(rob.one("SELECT title FROM review_focus_areas WHERE review_id = ?", TECH))
    finding = rob.do(
        lambda s: (
            add_finding(
                s, TECH, focus=focus, kind="ebi", text="Plan the rotation.", evidence=[note]
            ).id
        )
    )
    rob.do(edit_action, ROTATION, text="Plan the rotation by March.")
    result = run_peerwalk(claire.dir, "--json", "import", str(rob.export_for(claire)))
    assert result.code == 0, result.err
    assert claire.one("SELECT text FROM findings WHERE id = ?", finding) == "Plan the rotation."
    link = link_id(finding, note)
    assert claire.one("SELECT deleted FROM finding_evidence WHERE id = ?", link) == 0
    assert claire.one("SELECT text FROM actions WHERE id = ?", ROTATION) == (
        "Plan the rotation by March."
    )


def test_the_hosts_comment_and_progress_reach_the_team(pair: dict[str, Laptop]) -> None:
    from app.services import followup
    from app.services.comments import add_comment

    claire, rob = pair["claire"], pair["rob"]
    finding = _statement(claire)
    comment = claire.do(lambda s: add_comment(s, finding, "We have a reading lead now.").id)
    claire.do(followup.set_action_progress, ROTATION, "done", impact="Food in Year 7.")
    result = run_peerwalk(rob.dir, "--json", "import", str(claire.export_for(rob)))
    assert result.code == 0, result.err
    assert rob.one("SELECT text FROM finding_comments WHERE id = ?", comment) == (
        "We have a reading lead now."
    )
    assert rob.one("SELECT status FROM actions WHERE id = ?", ROTATION) == "done"

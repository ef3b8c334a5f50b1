"""Two visiting reviewers and the host school, on three laptops, on the same day."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest

from app.errors import IntegrityFailure
from app.services import exchange
from app.services.capture import add_note
from app.services.reviews import plan_review
from app.services.writeup import add_action, add_finding, edit_finding
from tests.sync.laptops import Laptop


@pytest.fixture
def trio(tmp_path: Path):  # type: ignore[no-untyped-def]
    rob = Laptop(tmp_path, "Rob Ellis", "137450")  # visiting reviewer (writer)
    trevor = Laptop(tmp_path, "Trevor Mayhew", "137452")  # visiting reviewer
    claire = Laptop(tmp_path, "Claire Goodwin", "137451")  # the host school
    yield rob, trevor, claire
    for x in (rob, trevor, claire):
        x.close()


def _everyone_meets(laptops: list[Laptop], order: list[tuple[int, int]]) -> None:
    for a, b in order:
        laptops[b].import_(laptops[a].export_for(laptops[b]))


def test_a_review_day_merges_on_three_laptops(trio) -> None:  # type: ignore[no-untyped-def]
    rob, trevor, claire = trio
    review = rob.do(
        plan_review,
        host="137451",
        start=date(2026, 12, 10),
        focus=["Reading across the curriculum", "Impact of new initiatives"],
        reviewers=["Rob Ellis", "Trevor Mayhew"],
        distribution="review-team",
    )
    _everyone_meets([rob, trevor, claire], [(0, 1), (0, 2)])
    # The same morning, on two laptops, with no network:
    rob.do(
        add_note,
        review,
        focus="reading",
        kind="strength",
        text="Y5 guided reading: rich talk about the text",
        activity="learning-walk",
        author="Rob Ellis",
    )
    trevor.do(
        add_note,
        review,
        focus="reading",
        kind="area",
        text="Y3 phonics: gaps for two pupils new to English",
        activity="joint-observation",
        author="Trevor Mayhew",
    )
    finding = rob.do(add_finding, review, focus="reading", kind="www", text="Reading is strong")
    # The evening: both reviewers reword the same finding; the writer adds the next step agreed
    # with the host (next steps are the visiting team's words, docs/authority.md).
    pkg = rob.export_for(trevor)
    trevor.import_(pkg)
    with pytest.raises(IntegrityFailure, match="already imported"):
        trevor.import_(pkg)  # the same package twice: refused, nothing changes
    rob.do(edit_finding, finding, text="Reading is strong across the school (Rob)")
    trevor.do(edit_finding, finding, text="Reading is a real strength (Trevor)")
    rob.do(
        add_action,
        review,
        text="Phonics catch-up for new arrivals",
        owner="Claire Goodwin",
        due=date(2027, 2, 1),
    )
    laptops = [rob, trevor, claire]
    # Packages go round in different orders, some twice.
    _everyone_meets(laptops, [(1, 2), (2, 0), (0, 1), (1, 0), (2, 1), (0, 2)])
    _everyone_meets(laptops, [(2, 0), (1, 2), (0, 1)])
    dumps = [x.dump() for x in laptops]
    assert dumps[0] == dumps[1] == dumps[2]
    (conflict,) = dumps[0]["conflicts"]
    assert conflict[1] == (
        "Reading is a real strength (Trevor)",
        "Reading is strong across the school (Rob)",
    )
    notes = dumps[0]["notes"]
    assert any("rich talk" in str(r) for r in notes) and any("phonics" in str(r) for r in notes)
    assert any("Phonics catch-up" in str(r) for r in dumps[0]["actions"])
    # Resolved on one laptop, passed on, resolved everywhere.
    with rob.db.transaction(author="Rob Ellis") as s:
        (c,) = exchange.list_conflicts(s)
        exchange.resolve_conflict(s, c["id"], text_value="Reading is a strength across the school")
    _everyone_meets(laptops, [(0, 1), (0, 2), (1, 2)])
    dumps = [x.dump() for x in laptops]
    assert dumps[0] == dumps[1] == dumps[2]
    assert dumps[0]["conflicts"] == []
    assert any("Reading is a strength across the school" in str(r) for r in dumps[0]["findings"])


def test_packages_in_any_order_give_the_same_data(tmp_path: Path) -> None:
    laptops = [
        Laptop(tmp_path, n, s)
        for n, s in (
            ("Rob Ellis", "137450"),
            ("Trevor Mayhew", "137452"),
            ("Claire Goodwin", "137451"),
        )
    ]
    review = laptops[0].do(
        plan_review,
        host="137451",
        start=date(2026, 12, 10),
        focus=["Reading"],
        reviewers=["Rob Ellis", "Trevor Mayhew"],
    )
    packages = []
    for x in laptops[1:]:
        x.import_(laptops[0].export_for(x))
    for i, x in enumerate(laptops):
        x.do(
            add_note,
            review,
            focus="Reading",
            kind="neutral",
            text=f"note from laptop {i}",
            activity="meeting",
        )
    # Every laptop exports everything for a fresh fourth laptop; it imports them in all orders.
    receivers = []
    for n, order in enumerate(itertools.permutations(range(3))):
        fresh = Laptop(tmp_path / f"r{n}", "Rhian Davies", "6702170")
        for i in order:
            with laptops[i].db.transaction() as s:
                path = tmp_path / f"from{i}-{n}.peerwalk"
                exchange.export_package(s, laptops[i].dir, path, for_school="6702170", full=True)
            packages.append(path)
            try:
                fresh.import_(path)
            except IntegrityFailure as exc:  # Rhian is not in the review team: she gets set-up only
                raise AssertionError(str(exc)) from None
        receivers.append(fresh.dump())
        fresh.close()
    assert all(d == receivers[0] for d in receivers)
    assert not any("note from laptop" in str(r) for r in receivers[0]["notes"])  # confidential

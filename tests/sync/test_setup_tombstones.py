"""Set-up's deletions and a plan's agenda changes travel: a person, a network and an agenda row
deleted on one laptop are deleted on its partners once packages go round (so partners' import
accepts them: the rules of who may change what allow each), and bringing them back (Edit >
Undo) travels the same way."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import InvalidInput, NotThisSchool
from app.services.demo import demo_id
from app.services.plan_models import PlanEdit
from app.services.plans import edit_plan, plan_form
from app.services.read_models import PersonRow
from app.services.schools import list_networks, list_people
from app.services.tombstones import delete_network, delete_person, delete_school, restore_person
from tests.sync.laptops import Laptop

MCR = demo_id("review", "mcr-plan")  # hosted by Medlock (105521)


def _send(a: Laptop, b: Laptop) -> None:
    b.import_(a.export_for(b))


def _people(laptop: Laptop) -> set[str]:
    with laptop.db.read() as s:
        return {p.name for p in list_people(s)}


def test_deletions_from_set_up_and_the_plan_reach_the_partners(tmp_path: Path) -> None:
    owen = Laptop(tmp_path, "Owen Kelly", "105521")  # Medlock: the host
    nadia = Laptop(tmp_path, "Nadia Rahman", "105520")  # Irwell Bank: on the team
    marcus = Laptop(tmp_path, "Marcus Lowe", "105523")  # Rodney House: on the team
    laptops = [owen, nadia, marcus]
    try:
        for a in laptops:
            for b in laptops:
                if a is not b:
                    _send(a, b)
        tom = next(p for p in _list(owen) if p.name == "Tom Ashworth").id
        # Medlock's laptop deletes its teaching assistant and a row of the agenda; Rodney
        # House's deletes the network (a member). A person of another school is refused here.
        with pytest.raises(NotThisSchool):
            nadia.do(delete_person, tom)
        owen.do(delete_person, tom)
        with owen.db.read() as s:
            row = next(a for a in plan_form(s, MCR).agenda if a.title == "Feedback meeting")
        owen.do(lambda s: edit_plan(s, MCR, PlanEdit(delete_agenda=(row.id,)))[0])
        with marcus.db.read() as s:
            network = next(n.id for n in list_networks(s) if n.name.startswith("Manch"))
        marcus.do(delete_network, network)
        with pytest.raises(InvalidInput, match="this laptop's own school"):
            owen.do(delete_school, "105521")
        with pytest.raises(NotThisSchool):
            owen.do(delete_school, "105523")  # Rodney House's record is its own
        for a, b in [(0, 1), (0, 2), (2, 0), (2, 1)]:
            _send(laptops[a], laptops[b])
        for laptop in laptops:
            assert "Tom Ashworth" not in _people(laptop)
            with laptop.db.read() as s:
                assert not any(n.id == network for n in list_networks(s))
                assert row.id not in {a.id for a in plan_form(s, MCR).agenda}
        owen.do(restore_person, tom)  # Edit > Undo on Owen's laptop
        _send(owen, nadia)
        assert "Tom Ashworth" in _people(nadia)
        assert owen.dump()["people"] == nadia.dump()["people"]
    finally:
        for laptop in laptops:
            laptop.close()


def _list(laptop: Laptop) -> list[PersonRow]:
    with laptop.db.read() as s:
        return list_people(s)

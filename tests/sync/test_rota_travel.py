"""A network's rota travels to its schools' laptops; a school outside the network cannot plan
or change it, even with a correctly signed package (docs/authority.md)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.models import RotaVisit
from app.services.demo import demo_id
from app.services.rota import list_rota, save_rota
from tests.sync.forge import op
from tests.sync.laptops import Laptop
from tests.sync.test_authority import _forged, _next_seq, _refused, _site

SIG = "Partneriaeth Bae a Glannau SIG"
BRO_WYR, TY_COCH, BLACKWATER = "6702345", "6612210", "137450"
NEW_VISIT = "ffffffff-0000-4000-8000-000000000000"


def test_the_rota_reaches_a_member_and_an_outsider_cannot_change_it(tmp_path: Path) -> None:
    sian = Laptop(tmp_path, "Siân Llywelyn", BRO_WYR)
    gwen = Laptop(tmp_path, "Gwenllian Roberts", TY_COCH)
    rob = Laptop(tmp_path, "Rob Ellis", BLACKWATER)
    try:
        gwen.import_(rob.export_for(gwen))  # Gwenllian has met Rob: he is a trusted partner
        sian.do(lambda s: save_rota(s, SIG, date(2027, 1, 4), date(2027, 3, 26), replace=True))
        gwen.import_(sian.export_for(gwen))
        with sian.db.read() as s:
            planned = [
                (r.day, r.host_id, r.visitor_ids) for r in list_rota(s, SIG, date(2027, 1, 1))
            ]
        with gwen.db.read() as s:
            arrived = [
                (r.day, r.host_id, r.visitor_ids) for r in list_rota(s, SIG, date(2027, 1, 1))
            ]
        assert len(planned) == 6 and arrived == planned

        # Rob's laptop (Blackwater, not in the SIG) signs a move of a visit and a new visit.
        with gwen.db.read() as s:
            visit = s.query(RotaVisit).first()
            assert visit is not None
            visit_id = visit.id
        site, _, _ = _site(rob)
        seq = _next_seq(rob, site)
        move = op(site, seq, "rota_visits", visit_id, "day", "2027-07-20")
        new = op(
            site,
            seq + 1,
            "rota_visits",
            NEW_VISIT,
            "*",
            {
                "id": NEW_VISIT,
                "network_id": demo_id("network", SIG),
                "day": "2027-07-21",
                "host_school_id": BRO_WYR,
                "visitor_ids": BLACKWATER,
                "review_id": None,
                "deleted": False,
            },
        )
        for forged in ([move], [new]):
            _refused(
                gwen,
                _forged(tmp_path, rob, forged, scope="network", recipients=[TY_COCH]),
                "Rob Ellis",
                "plan the visits of a network it is not in",
            )
    finally:
        for lap in (sian, gwen, rob):
            lap.close()

"""Good practice the host releases travels to its network, alone (issue 12).

The Welsh SIG of the demo: Tŷ Coch hosts a confidential (host-only) review visited by Bro Ŵyr,
Llanrug and Bro Teifi; Townhill is in the network but not in that review. Three laptops, the
real program for every refusal, rows checked on arrival.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.models import Finding, Note, PublishedStatus, ReleasedPractice
from app.services.capture import add_note
from app.services.demo import demo_id
from app.services.directory import directory
from app.services.practice import network_status, publish_status, release, withdraw
from app.services.writeup import add_finding
from tests.sync.forge import op
from tests.sync.laptops import Laptop
from tests.sync.test_authority import _forged, _next_seq, _refused, _review_scopes, _site

TY_COCH, BRO_WYR, TOWNHILL = "6612210", "6702345", "6702170"
REVIEW = demo_id("review", "ty-coch")
FOCUS = "IA2 Wellbeing"
STATEMENT = "Morning check-ins with a trusted adult have turned round persistent absence in Year 5."
PRIVATE_NOTE = "Two families named in the attendance panel minutes (confidential)."
PRIVATE_EBI = "Governors do not yet see the attendance data by group."


@pytest.fixture
def sig(tmp_path: Path):  # type: ignore[no-untyped-def]
    laps = {
        "gwen": Laptop(tmp_path, "Gwenllian Roberts", TY_COCH),
        "sian": Laptop(tmp_path, "Siân Llywelyn", BRO_WYR),
        "rhian": Laptop(tmp_path, "Rhian Davies", TOWNHILL),
    }
    for a in laps.values():
        for b in laps.values():
            if a is not b:
                b.import_(a.export_for(b))
    yield laps
    for lap in laps.values():
        lap.close()


def _release(sig: dict[str, Laptop]) -> str:
    """Siân of the visiting team writes the statements (they are the team's words); Gwen's
    laptop, the host's, receives them and releases the WWW."""
    gwen, sian = sig["gwen"], sig["sian"]

    def write(s):  # type: ignore[no-untyped-def]
        add_note(s, REVIEW, focus=FOCUS, kind="strength", text=PRIVATE_NOTE)
        add_finding(s, REVIEW, focus=FOCUS, kind="ebi", text=PRIVATE_EBI)
        return add_finding(s, REVIEW, focus=FOCUS, kind="www", text=STATEMENT).id

    www = sian.do(write)
    gwen.import_(sian.export_for(gwen))

    def work(s):  # type: ignore[no-untyped-def]
        return release(
            s, www, contact="Gwenllian Ŵyn Roberts", summary="Come and see a check-in."
        ).id

    return str(gwen.do(work))


def test_a_released_item_reaches_the_network_and_nothing_else_of_the_review(
    sig, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    gwen, rhian = sig["gwen"], sig["rhian"]
    item = _release(sig)
    package = gwen.export_for(rhian)
    assert REVIEW not in _review_scopes(package)
    rhian.import_(package)
    with rhian.db.read() as s:
        arrived = s.scalars(select(ReleasedPractice).where(ReleasedPractice.id == item)).all()
        assert [(r.id, r.school_id, r.statement, r.summary) for r in arrived] == [
            (item, TY_COCH, STATEMENT, "Come and see a check-in.")
        ]
        assert arrived[0].focus.startswith("IA2 Wellbeing")
        texts = set(s.scalars(select(Finding.text))) | set(s.scalars(select(Note.text)))
        assert STATEMENT not in texts and PRIVATE_EBI not in texts and PRIVATE_NOTE not in texts
        found = [f for f in directory(s, "absence check-ins") if f.kind == "released practice"]
        assert [(f.kind, f.school_id, f.contact) for f in found] == [
            ("released practice", TY_COCH, "Gwenllian Ŵyn Roberts")
        ]
        assert found[0].evidence.startswith("Peer review, ")

    gwen.do(lambda s: withdraw(s, item))
    rhian.import_(gwen.export_for(rhian))
    with rhian.db.read() as s:
        gone = select(ReleasedPractice.deleted).where(ReleasedPractice.id == item)
        assert s.scalars(gone).all() == [True]
        assert [f.id for f in directory(s, "absence check-ins") if f.id == item] == []


def test_a_release_withdrawal_or_publication_by_another_school_is_refused(
    sig, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    gwen, sian, rhian = sig["gwen"], sig["sian"], sig["rhian"]
    item = _release(sig)
    sian.import_(gwen.export_for(sian))
    site, _, _ = _site(rhian)
    seq = _next_seq(rhian, site)
    fake = "eeeeeeee-0000-4000-8000-000000000000"
    in_their_name = op(
        site,
        seq,
        "released_practice",
        fake,
        "*",
        {
            "id": fake,
            "school_id": TY_COCH,
            "finding_id": "",
            "focus": "Attendance",
            "statement": "Tŷ Coch pays pupils to attend.",
            "summary": "",
            "contact_id": demo_id("person", "gwenllian"),
            "review_date": None,
            "deleted": False,
        },
    )
    withdrawal = op(site, seq + 1, "released_practice", item, "deleted", True)
    stage_id = "dddddddd-0000-4000-8000-000000000000"
    their_stage = op(
        site,
        seq + 2,
        "published_status",
        stage_id,
        "*",
        {
            "id": stage_id,
            "school_id": TY_COCH,
            "area": "Attendance",
            "stage": 1,
            "text": "Tŷ Coch is only starting",
            "steps_done": 0,
            "steps_total": 0,
            "deleted": False,
        },
    )
    for forged, says in (
        ([in_their_name], "release or withdraw good practice for another school"),
        ([withdrawal], "release or withdraw good practice for another school"),
        ([their_stage], "publish where a school is for another school"),
    ):
        _refused(
            sian,
            _forged(tmp_path, rhian, forged, scope="network", recipients=[BRO_WYR]),
            "Rhian Davies",
            says,
        )
    # The school itself cannot name another school's head as its contact.
    gsite, _, _ = _site(gwen)
    other = op(
        gsite,
        _next_seq(gwen, gsite),
        "released_practice",
        item,
        "contact_id",
        demo_id("person", "sian"),
    )
    _refused(
        sian,
        _forged(tmp_path, gwen, [other], scope="network", recipients=[BRO_WYR]),
        "as its contact",
    )


def test_the_network_grid_shows_what_schools_published_only(sig) -> None:  # type: ignore[no-untyped-def]
    gwen, sian, rhian = sig["gwen"], sig["sian"], sig["rhian"]
    _release(sig)  # a released item is not a stage: the grid stays empty of it
    gwen.do(lambda s: publish_status(s, TY_COCH, area="Attendance", stage=2, text="Improving"))
    sian.do(lambda s: publish_status(s, BRO_WYR, area="Welsh beyond lessons", stage=4))
    for lap in (gwen, sian):
        rhian.import_(lap.export_for(rhian))
    with rhian.db.read() as s:
        grid = network_status(s, "Partneriaeth Bae a Glannau SIG")
    assert {"Attendance", "Welsh beyond lessons"} <= set(grid.areas)
    assert grid.cells[(TY_COCH, "Attendance")].words == "2 developing (amber)"
    assert grid.cells[(BRO_WYR, "Welsh beyond lessons")].words == "4 secure (green)"
    # Only published stages: every cell is a PublishedStatus row that some school published.
    with rhian.db.read() as s:
        published = {
            (r.school_id, r.area)
            for r in s.scalars(select(PublishedStatus).where(PublishedStatus.area != ""))
        }
    assert set(grid.cells) == published
    assert len(grid.schools) == 6

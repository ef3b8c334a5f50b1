"""What the demo's schools share with their networks, so the Network page has something to
show on a new laptop: the good practice Bro Ŵyr released from its October review, two declared
strengths, stages and priorities some schools published, and the Welsh SIG's rota for the
spring term. Ids are derived (demo_id), so
loading the demo on two laptops gives the same records, which merge."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from app.models import (
    Finding,
    PublishedStatus,
    ReleasedPractice,
    RotaVisit,
    SchoolStrength,
    link_id,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

BRO_WYR, TY_COCH, BRO_TEIFI, MEDLOCK = "6702345", "6612210", "6672031", "105521"


def load_network_demo(session: Session, add: Any, demo_id: Any) -> None:
    """``add`` adds a record unless its id is already there (load_demo's)."""
    gp = session.get(Finding, demo_id("finding", "bro-wyr", "0"))
    if gp is not None:
        add(
            ReleasedPractice(
                id=demo_id("released", "bro-wyr", "0"),
                school_id=BRO_WYR,
                finding_id=gp.id,
                focus="IA3 Teaching and learning experiences: oracy in Welsh across the curriculum",
                statement=gp.text,
                summary="Language patterns taught from the Foundation Learning years up; "
                "come to a Year 2 and a Year 6 oracy lesson.",
                contact_id=demo_id("person", "sian"),
                review_date=date(2026, 10, 15),
            )
        )
    for key, school, area, text, contact in (
        (
            "ty-coch-belonging",
            TY_COCH,
            "Attendance and belonging",
            "Morning check-ins with a trusted adult; attendance panels with families.",
            "gwenllian",
        ),
        (
            "medlock-send",
            MEDLOCK,
            "Inclusion of pupils with SEND in mainstream classes",
            "Our SENCO runs half-day visits on adapting tasks without lowering challenge.",
            "joanne",
        ),
    ):
        add(
            SchoolStrength(
                id=demo_id("strength", key),
                school_id=school,
                area=area,
                text=text,
                contact_id=demo_id("person", contact),
            )
        )
    for school, area, stage, text, done, total in (
        (BRO_WYR, "Welsh beyond lessons", 3, "Clubs and the yard; not yet at lunchtime.", 1, 3),
        (BRO_WYR, "Assessment for learning", 2, "New approach in its first year.", 1, 3),
        (TY_COCH, "Attendance and belonging", 2, "Persistent absence down a third.", 0, 0),
        (BRO_TEIFI, "Welsh beyond lessons", 1, "", 0, 0),
        (BRO_TEIFI, "Assessment for learning", 3, "", 0, 0),
        (BRO_WYR, "", 0, "Oracy in Welsh across the curriculum; assessment for learning.", 1, 3),
    ):
        add(
            PublishedStatus(
                id=link_id("published-status", school, area.casefold()),
                school_id=school,
                area=area,
                stage=stage,
                text=text,
                steps_done=done,
                steps_total=total,
            )
        )

    _rota(session, add, demo_id)


SIG_SCHOOLS = ("6702170", "6672031", "6702345", "6674012", "6612210", "6614005")  # by name


def _rota(session: Session, add: Any, demo_id: Any) -> None:
    """The SIG's spring-term visits, as `rota plan` makes them (same rules, same order)."""
    from app.services.rota import plan_rota

    sig = demo_id("network", "Partneriaeth Bae a Glannau SIG")
    visits = plan_rota(SIG_SCHOOLS, date(2027, 1, 4), date(2027, 3, 26), [date(2027, 2, 15)])
    for i, v in enumerate(visits):
        add(
            RotaVisit(
                id=demo_id("rota", "sig", str(i)),
                network_id=sig,
                day=v.day,
                host_school_id=v.host,
                visitor_ids=" ".join(v.visitors),
            )
        )

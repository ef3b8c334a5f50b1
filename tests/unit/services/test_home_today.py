"""Home's lists and a visit of today: planned or in progress it is upcoming; once written up,
signed or countersigned it is recent (and a draft while it is being written), never in no
list at all (a countersigned visit of today used to vanish from Home)."""

from __future__ import annotations

from datetime import date

from app.services.queries import summarise

TODAY = date(2026, 11, 24)


def _review(rid: str, start: str, status: str) -> dict[str, str]:
    return {"id": rid, "start_date": start, "status": status}


def test_a_visit_of_today_is_in_a_list_whatever_its_status() -> None:
    reviews = [
        _review("planned-today", "2026-11-24", "planned"),
        _review("written-today", "2026-11-24", "written-up"),
        _review("countersigned-today", "2026-11-24", "countersigned"),
        _review("last-week", "2026-11-17", "signed"),
    ]
    out = summarise(reviews, [], TODAY)
    shown = {r["id"] for key in ("upcoming", "drafts", "recent") for r in out[key]}
    assert shown == {r["id"] for r in reviews}
    assert [r["id"] for r in out["upcoming"]] == ["planned-today"]
    assert [r["id"] for r in out["drafts"]] == ["written-today"]
    assert [r["id"] for r in out["recent"]] == ["written-today", "countersigned-today", "last-week"]

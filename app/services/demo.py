"""The demo network a new user sees first (resources/demo/demo.json), loaded idempotently.

Every demo record gets an id derived from its key in the file, so loading twice (or on two
laptops) gives the same records, and a second load changes nothing.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.config import resources_dir
from app.models import (
    Action,
    Activity,
    Finding,
    FindingEvidence,
    Network,
    NetworkMember,
    Note,
    Person,
    Review,
    ReviewFocus,
    SafeguardingConcern,
    School,
    TeamMember,
    link_id,
)
from app.services.frameworks import match_area


def demo_id(*parts: str) -> str:
    return link_id("peerwalk-demo", *parts)


@cache
def demo_people() -> frozenset[str]:
    """The ids of the demo's people. Every laptop that loads the demo makes them alike, so
    none of those laptops alone added them (docs/authority.md: who corrects a name)."""
    spec = json.loads((resources_dir() / "demo" / "demo.json").read_text(encoding="utf-8"))
    return frozenset(demo_id("person", p["key"]) for p in spec["people"])


def load_demo(session: Session, data_dir: Path | None = None) -> dict[str, Any]:
    spec = json.loads((resources_dir() / "demo" / "demo.json").read_text(encoding="utf-8"))
    counts = {"schools": 0, "people": 0, "networks": 0, "reviews": 0, "notes": 0}

    def add(obj: Any, kind: str | None = None) -> None:
        if session.get(type(obj), obj.id) is None:
            session.add(obj)
            if kind:
                counts[kind] += 1

    for s in spec["schools"]:
        add(School(**s), "schools")
    session.flush()
    people = {p["key"]: demo_id("person", p["key"]) for p in spec["people"]}
    for p in spec["people"]:
        add(
            Person(
                id=people[p["key"]],
                name=p["name"],
                role=p["role"],
                school_id=p.get("school"),
                email=p.get("email") or "",
            ),
            "people",
        )
    session.flush()
    networks = {}
    for n in spec["networks"]:
        nid = networks[n["name"]] = demo_id("network", n["name"])
        add(
            Network(id=nid, name=n["name"], kind=n["kind"], ground_rules=n.get("ground_rules", "")),
            "networks",
        )
        session.flush()
        for sid in n["schools"]:
            add(NetworkMember(id=link_id(nid, sid), network_id=nid, school_id=sid))
    session.flush()
    follow = json.loads((resources_dir() / "demo" / "follow_up.json").read_text(encoding="utf-8"))
    for r in [*spec["reviews"], follow["review"]]:
        _load_review(session, r, people, networks, add, counts, after=_after(follow, r["key"]))
    session.flush()
    from app.services.demo_network import load_network_demo

    load_network_demo(session, add, demo_id)
    session.flush()
    counts["added"] = sum(counts.values())
    return counts


def _load_review(
    session: Session,
    r: dict[str, Any],
    people: dict[str, str],
    networks: dict[str, str],
    add: Any,
    counts: dict[str, int],
    *,
    after: dict[str, Any] | None = None,
) -> None:
    """One demo review, created whole (``after``: what became of it, in follow_up.json, set
    in its records' first versions so that every laptop's demo makes the same records)."""
    after = after or {}
    rid = demo_id("review", r["key"])
    if session.get(Review, rid) is not None:
        return
    start = date.fromisoformat(r["start_date"])
    add(
        Review(
            id=rid,
            host_school_id=r["host"],
            network_id=networks.get(r.get("network", "")),
            framework_key=r["framework"],
            title=r["title"],
            start_date=start,
            end_date=date.fromisoformat(r.get("end_date") or r["start_date"]),
            status=r["status"],
            distribution=r["distribution"],
            context=r.get("context", ""),
            summary=r.get("summary", ""),
            writer_id=people.get(r.get("writer", "")),
            follows_id=after.get("follows"),
        ),
        "reviews",
    )
    session.flush()
    from app.models import Framework

    fw = session.get(Framework, r["framework"])
    focus = {}
    sef = {**r.get("self_evaluation", {}), **after.get("sef", {})}
    for i, title in enumerate(r["focus"]):
        fid = focus[title] = demo_id("focus", r["key"], title)
        area = match_area(fw, title)
        add(
            ReviewFocus(
                id=fid,
                review_id=rid,
                position=i,
                title=title,
                framework_code=area.code if area else "",
                prompts="\n".join(area.prompts) if area else "",
                self_evaluation=sef.get(title, {}).get("text", ""),
                look_at=sef.get(title, {}).get("look_at", ""),
            )
        )
    for t in r["team"]:
        add(
            TeamMember(
                id=link_id(rid, people[t["person"]]),
                review_id=rid,
                person_id=people[t["person"]],
                role=t["role"],
            )
        )
    for key in r.get("host_staff", []):
        add(
            TeamMember(
                id=link_id(rid, people[key]),
                review_id=rid,
                person_id=people[key],
                role="host-staff",
            )
        )
    acts = {}
    for a in r.get("activities", []):
        aid = acts[a["key"]] = demo_id("activity", r["key"], a["key"])
        add(
            Activity(
                id=aid,
                review_id=rid,
                kind=a["kind"],
                title=a.get("title") or "",
                day=start,
                starts=a.get("starts") or "",
                ends=a.get("ends") or "",
                place=a.get("place") or "",
                subject=a.get("subject") or "",
                year_group=a.get("year_group") or "",
                reviewer_id=people.get(a.get("reviewer") or ""),
                host_colleague_id=people.get(a.get("host_colleague") or ""),
            )
        )
    session.flush()
    notes = {}
    for n in r.get("notes", []):
        nid = notes[n["key"]] = demo_id("note", r["key"], n["key"])
        add(
            Note(
                id=nid,
                review_id=rid,
                activity_id=acts.get(n.get("activity") or ""),
                focus_id=focus[n["focus"]],
                kind=n["kind"],
                text=n["text"],
                author_id=people.get(n.get("author") or ""),
                captured_at=datetime.fromisoformat(n["at"]),
            ),
            "notes",
        )
    session.flush()
    finding_ids = []
    for i, f in enumerate(r.get("findings", [])):
        fid = demo_id("finding", r["key"], str(i))
        finding_ids.append(fid)
        add(
            Finding(
                id=fid,
                review_id=rid,
                focus_id=focus[f["focus"]],
                kind=f["kind"],
                text=f["text"],
                position=i,
                good_practice=bool(f.get("good_practice")),
            )
        )
        session.flush()
        for nkey in f.get("evidence", []):
            add(FindingEvidence(id=link_id(fid, notes[nkey]), finding_id=fid, note_id=notes[nkey]))
    for i, a in enumerate(r.get("actions", [])):
        linked = a.get("finding")
        add(
            Action(
                id=demo_id("action", r["key"], str(i)),
                review_id=rid,
                text=a["text"],
                owner_id=people.get(a.get("owner") or ""),
                due=date.fromisoformat(a["due"]) if a.get("due") else None,
                finding_id=finding_ids[linked]
                if isinstance(linked, int) and linked < len(finding_ids)
                else None,
                status=after.get("steps", {}).get(i, {}).get("status", "open"),
                impact=after.get("steps", {}).get(i, {}).get("impact", ""),
            )
        )
    for c in r.get("safeguarding", []):
        session.add(
            SafeguardingConcern(
                review_id=rid,
                text=c["text"],
                raised_by=people_name(session, people.get(c.get("raised_by") or "")),
                # period 2, as its words say; written down a few minutes later
                raised_at=datetime.combine(start, time(10, 25)),
                seen_at=datetime.combine(start, time(10, 20)),
            )
        )


def _after(follow: dict[str, Any], key: str) -> dict[str, Any]:
    """What follow_up.json says became of review ``key``: its next steps' progress, and for
    the follow-up visit, the review it follows and the school's own view of its focus."""
    out: dict[str, Any] = {
        "steps": {s["index"]: s for s in follow["next_steps"] if s["review"] == key}
    }
    if key == follow["review"]["key"]:
        out["follows"] = demo_id("review", follow["follows"])
        out["sef"] = follow["self_evaluation"]
    return out


def people_name(session: Session, pid: str | None) -> str:
    person = session.get(Person, pid) if pid else None
    return person.name if person else ""

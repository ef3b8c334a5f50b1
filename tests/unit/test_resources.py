"""The shipped data files (review frameworks and the demo network) hang together: every key a
review names exists, every note and finding sits under one of its review's focus areas, and the
Welsh names are spelled exactly. Plain json on the files as shipped, no database."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
FRAMEWORKS = RESOURCES / "frameworks"
DEMO = RESOURCES / "demo" / "demo.json"

FRAMEWORK_KEYS = {
    "key",
    "name",
    "version",
    "language",
    "description",
    "estimates",
    "estimate_scale",
    "focus_areas",
}
SHIPPED = {"developmental", "enquiry", "cp-style", "ofsted", "estyn"}
PHASES = {"Primary", "Secondary", "Special", "All-through", "Nursery"}
ROLES = {
    "headteacher",
    "deputy-headteacher",
    "assistant-headteacher",
    "subject-leader",
    "senco",
    "teacher",
    "teaching-assistant",
    "governor",
    "facilitator",
}
NETWORK_KINDS = {"triad", "group", "sig"}
STATUSES = {"planned", "in-progress", "written-up", "signed", "shared"}
DISTRIBUTIONS = {"host-only", "review-team", "network"}
TEAM_ROLES = {"lead", "reviewer"}
ACTIVITY_KINDS = {
    "learning-walk",
    "joint-observation",
    "interview",
    "pupil-discussion",
    "work-scrutiny",
    "meeting",
}
NOTE_KINDS = {"strength", "area", "neutral"}
FINDING_KINDS = {"www", "ebi"}
REVIEW_KEYS = {
    "key",
    "host",
    "network",
    "framework",
    "start_date",
    "end_date",
    "title",
    "status",
    "distribution",
    "context",
    "focus",
    "team",
    "writer",
    "host_staff",
    "activities",
    "notes",
    "findings",
    "actions",
    "safeguarding",
}
ACTIVITY_KEYS = {
    "key",
    "kind",
    "starts",
    "ends",
    "place",
    "subject",
    "year_group",
    "reviewer",
    "host_colleague",
    "title",
}
NOTE_KEYS = {"key", "activity", "focus", "kind", "text", "author", "at"}
HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _frameworks() -> dict[str, dict[str, Any]]:
    return {p.stem: _load(p) for p in sorted(FRAMEWORKS.glob("*.json"))}


@pytest.fixture(scope="module")
def demo() -> dict[str, Any]:
    return _load(DEMO)


# --- frameworks -------------------------------------------------------------------------


def test_the_five_frameworks_are_shipped() -> None:
    assert set(_frameworks()) >= SHIPPED


@pytest.mark.parametrize("stem", sorted(SHIPPED))
def test_framework_shape(stem: str) -> None:
    fw = _frameworks()[stem]
    assert set(fw) == FRAMEWORK_KEYS
    assert fw["key"] == stem
    assert isinstance(fw["version"], int) and fw["version"] >= 1
    assert fw["language"] == "en"
    assert isinstance(fw["name"], str) and fw["name"].strip()
    assert isinstance(fw["description"], str) and fw["description"].strip()
    assert isinstance(fw["estimates"], bool)
    assert isinstance(fw["estimate_scale"], list) and bool(fw["estimate_scale"]) == fw["estimates"]
    areas = fw["focus_areas"]
    assert areas
    assert len({a["code"] for a in areas}) == len(areas), "focus area codes are unique"
    assert len({a["title"].casefold() for a in areas}) == len(areas), "focus area titles are unique"
    for a in areas:
        assert set(a) == {"code", "title", "prompts"}
        assert re.fullmatch(r"[A-Z]+\d+", a["code"]), (
            f"{stem}: code {a['code']!r} should be letters then a number"
        )
        assert a["title"].strip() and a["title"] == a["title"].strip()
        assert a["prompts"] and all(
            isinstance(p, str) and p.strip().endswith("?") for p in a["prompts"]
        )


def test_framework_specifics() -> None:
    fws = _frameworks()
    dev = fws["developmental"]["focus_areas"]
    assert 6 <= len(dev) <= 8 and all(3 <= len(a["prompts"]) <= 5 for a in dev)
    assert all(a["title"].startswith("To what extent") for a in fws["enquiry"]["focus_areas"])
    assert fws["cp-style"]["estimates"] is True
    assert fws["cp-style"]["estimate_scale"] == ["Leading", "Strong", "Effective", "Developing"]
    for key in SHIPPED - {"cp-style"}:
        assert fws[key]["estimates"] is False and fws[key]["estimate_scale"] == []
    assert [a["code"] for a in fws["estyn"]["focus_areas"]] == ["IA1", "IA2", "IA3", "IA4", "IA5"]
    assert [a["title"] for a in fws["estyn"]["focus_areas"]] == [
        "Learning",
        "Wellbeing and attitudes to learning",
        "Teaching and learning experiences",
        "Care, support and guidance",
        "Leadership and management",
    ]
    ofsted = {a["title"].split(" (")[0].casefold() for a in fws["ofsted"]["focus_areas"]}
    assert {
        "inclusion",
        "curriculum and teaching",
        "achievement",
        "attendance and behaviour",
        "personal development and well-being",
        "early years",
        "sixth form",
        "leadership and governance",
        "safeguarding",
    } == ofsted


# --- demo: set-up -------------------------------------------------------------------------


def test_demo_top_level(demo: dict[str, Any]) -> None:
    assert set(demo) == {"format", "schools", "people", "networks", "reviews"}
    assert demo["format"] == 1


def test_demo_schools(demo: dict[str, Any]) -> None:
    schools = demo["schools"]
    assert 12 <= len(schools) <= 15
    assert len({s["id"] for s in schools}) == len(schools)
    for s in schools:
        assert set(s) == {"id", "name", "phase", "type", "local_authority", "welsh_medium"}
        assert isinstance(s["id"], str) and s["id"].isdigit()
        assert s["name"].strip() and s["type"].strip() and s["local_authority"].strip()
        assert s["phase"] in PHASES
        assert isinstance(s["welsh_medium"], bool)


def test_demo_people(demo: dict[str, Any]) -> None:
    schools = {s["id"] for s in demo["schools"]}
    people = demo["people"]
    assert 25 <= len(people) <= 35
    assert len({p["key"] for p in people}) == len(people)
    for p in people:
        assert set(p) == {"key", "name", "role", "school", "email"}
        assert p["role"] in ROLES
        assert p["school"] in schools or (p["school"] is None and p["role"] == "facilitator"), p
        assert p["email"].isascii() and re.fullmatch(
            r"[a-z0-9.\-]+@[a-z0-9.\-]+\.example", p["email"]
        ), p["email"]
    heads = {p["school"] for p in people if p["role"] == "headteacher"}
    assert heads == schools, "every school has a headteacher"


def test_demo_networks(demo: dict[str, Any]) -> None:
    schools = {s["id"]: s for s in demo["schools"]}
    people = demo["people"]
    nets = demo["networks"]
    assert {n["kind"] for n in nets} == NETWORK_KINDS
    assert len({n["name"] for n in nets}) == len(nets)
    for n in nets:
        assert set(n) == {"name", "kind", "schools", "ground_rules"}
        assert n["kind"] in NETWORK_KINDS
        assert (
            n["schools"]
            and set(n["schools"]) <= set(schools)
            and len(set(n["schools"])) == len(n["schools"])
        )
        assert len(n["ground_rules"].splitlines()) >= 3
        assert "responsible to each other, not for each other" in n["ground_rules"].casefold()
    triad = next(n for n in nets if n["kind"] == "triad")
    assert len(triad["schools"]) == 3 and all(
        schools[s]["phase"] == "Secondary" for s in triad["schools"]
    )
    group = next(n for n in nets if n["kind"] == "group")
    assert len(group["schools"]) == 4 and any(
        schools[s]["phase"] == "Special" for s in group["schools"]
    )
    sig = next(n for n in nets if n["kind"] == "sig")
    assert 5 <= len(sig["schools"]) <= 6
    assert all(len(s) == 7 and s.startswith("6") for s in sig["schools"]), "Welsh school numbers"
    assert any(schools[s]["welsh_medium"] for s in sig["schools"])
    assert sum(1 for p in people if p["role"] == "facilitator") >= len(nets)


def test_welsh_names_exactly(demo: dict[str, Any]) -> None:
    names = [s["name"] for s in demo["schools"]]
    assert "Ysgol Gymraeg Bro Ŵyr" in names
    assert any("ŷ" in n for n in names)
    assert any(("ŵ" in p["name"].casefold() or "ŷ" in p["name"]) for p in demo["people"])
    raw = DEMO.read_text(encoding="utf-8")
    assert "\\u0174" not in raw and "\\u0177" not in raw, (
        "stored as the letters themselves, not escapes"
    )


# --- demo: reviews ------------------------------------------------------------------------


def _reviews(demo: dict[str, Any]) -> list[dict[str, Any]]:
    return demo["reviews"]


def test_review_references(demo: dict[str, Any]) -> None:
    schools = {s["id"] for s in demo["schools"]}
    people = {p["key"]: p for p in demo["people"]}
    networks = {n["name"]: n for n in demo["networks"]}
    frameworks = _frameworks()
    assert len({r["key"] for r in _reviews(demo)}) == len(_reviews(demo))
    for r in _reviews(demo):
        key = r["key"]
        assert REVIEW_KEYS <= set(r) <= REVIEW_KEYS | {"summary", "self_evaluation"}, key
        # the school's own view is of the review's own focus areas, both parts written
        for title, view in r.get("self_evaluation", {}).items():
            assert title in r["focus"] and view["text"] and view["look_at"], (key, title)
        assert r["framework"] in frameworks, key
        assert r["host"] in schools, key
        assert r["host"] in networks[r["network"]]["schools"], key
        assert r["status"] in STATUSES and r["distribution"] in DISTRIBUTIONS, key
        start, end = date.fromisoformat(r["start_date"]), date.fromisoformat(r["end_date"])
        assert start <= end and start.weekday() < 5, key
        assert r["title"].strip() and r["context"].strip(), key
        assert r["focus"] and len(set(r["focus"])) == len(r["focus"]), key
        team = [t["person"] for t in r["team"]]
        assert all(set(t) == {"person", "role"} and t["role"] in TEAM_ROLES for t in r["team"]), key
        assert set(team) <= set(people) and len(set(team)) == len(team), key
        assert [t["role"] for t in r["team"]].count("lead") == 1, key
        assert r["writer"] in team, key
        assert all(people[k]["school"] != r["host"] for k in team), (
            f"{key}: visitors come from other schools"
        )
        assert set(r["host_staff"]) <= set(people), key
        assert all(people[k]["school"] == r["host"] for k in r["host_staff"]), (
            f"{key}: host staff work at the host"
        )
        assert not set(team) & set(r["host_staff"]), key


def test_review_day(demo: dict[str, Any]) -> None:
    people = {p["key"] for p in demo["people"]}
    for r in _reviews(demo):
        key = r["key"]
        acts = {a["key"]: a for a in r["activities"]}
        assert len(acts) == len(r["activities"]), key
        for a in r["activities"]:
            assert set(a) == ACTIVITY_KEYS, (key, a["key"])
            assert a["kind"] in ACTIVITY_KINDS, (key, a["key"])
            assert HHMM.match(a["starts"]) and HHMM.match(a["ends"]) and a["starts"] < a["ends"], (
                key,
                a["key"],
            )
            assert a["reviewer"] is None or a["reviewer"] in people, (key, a["key"])
            assert a["host_colleague"] is None or a["host_colleague"] in people, (key, a["key"])
            assert a["title"].strip(), (key, a["key"])
        notes = {n["key"]: n for n in r["notes"]}
        assert len(notes) == len(r["notes"]), key
        start, end = date.fromisoformat(r["start_date"]), date.fromisoformat(r["end_date"])
        for n in r["notes"]:
            assert set(n) == NOTE_KEYS, (key, n["key"])
            assert n["activity"] in acts, (key, n["key"])
            assert n["focus"] in r["focus"], (key, n["key"])
            assert n["kind"] in NOTE_KINDS, (key, n["key"])
            assert n["author"] in people, (key, n["key"])
            assert n["text"].strip(), (key, n["key"])
            at = datetime.fromisoformat(n["at"])
            assert (
                re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d", n["at"]) and start <= at.date() <= end
            ), (key, n["key"])
        for f in r["findings"]:
            assert set(f) == {"focus", "kind", "text", "evidence", "good_practice"}, key
            assert f["focus"] in r["focus"] and f["kind"] in FINDING_KINDS and f["text"].strip(), (
                key
            )
            assert set(f["evidence"]) <= set(notes), key
            assert isinstance(f["good_practice"], bool), key
            if f["kind"] == "ebi":
                assert f["evidence"], f"{key}: an EBI rests on evidence: {f['text']}"
        for a in r["actions"]:
            assert {"text", "owner", "due"} <= set(a) <= {"text", "owner", "due", "finding"}, key
            assert a["owner"] in people and a["text"].strip(), key
            assert date.fromisoformat(a["due"]) > start, key
            if "finding" in a:
                assert isinstance(a["finding"], int) and 0 <= a["finding"] < len(r["findings"]), key
        for s in r["safeguarding"]:
            assert (
                set(s) == {"text", "raised_by"} and s["text"].strip() and s["raised_by"] in people
            ), key
        if r["status"] == "planned":
            assert not r["notes"] and not r["findings"] and not r["actions"], (
                f"{key}: nothing captured before the day"
            )
            assert r["activities"], key


def test_safeguarding_text_is_nowhere_else(demo: dict[str, Any]) -> None:
    for r in _reviews(demo):
        reportable = json.dumps(
            [r["notes"], r["findings"], r["actions"], r["context"]], ensure_ascii=False
        )
        for s in r["safeguarding"]:
            assert s["text"] not in reportable
    # Packages are checked for the very word (tests/sync): nothing that travels may use it.
    travels = json.dumps(
        [
            demo["networks"],
            [{k: v for k, v in r.items() if k != "safeguarding"} for r in _reviews(demo)],
        ],
        ensure_ascii=False,
    )
    assert "safeguarding" not in travels.casefold()


def test_demo_covers_the_scenarios(demo: dict[str, Any]) -> None:
    networks = {n["name"]: n["kind"] for n in demo["networks"]}
    reviews = _reviews(demo)
    tech = next(r for r in reviews if any("in Technology subjects" in f for f in r["focus"]))
    assert networks[tech["network"]] == "triad" and tech["status"] == "written-up"
    assert (
        tech["focus"][0]
        == "Quality of teaching, learning and assessment, including the level of challenge, in "
        "Technology subjects"
    )
    assert "Impact of new initiatives" in tech["focus"]
    assert date(2026, 10, 1) <= date.fromisoformat(tech["start_date"]) <= date(2026, 11, 30)
    assert {a["kind"] for a in tech["activities"]} == ACTIVITY_KINDS
    joint = [a for a in tech["activities"] if a["kind"] == "joint-observation"]
    assert 2 <= len(joint) <= 3 and all(a["reviewer"] and a["host_colleague"] for a in joint)
    assert 15 <= len(tech["notes"]) <= 25
    assert {n["focus"] for n in tech["notes"]} == set(tech["focus"])
    assert {"www", "ebi"} <= {f["kind"] for f in tech["findings"]}
    assert sum(f["good_practice"] for f in tech["findings"]) == 1
    assert 3 <= len(tech["actions"]) <= 4 and len(tech["safeguarding"]) == 1

    group = [r for r in reviews if networks[r["network"]] == "group"]
    assert any(
        r["status"] == "planned" and "2026-12-01" <= r["start_date"] <= "2027-01-31" for r in group
    )
    assert any(r["status"] == "in-progress" and r["notes"] for r in group)

    welsh = [r for r in reviews if networks[r["network"]] == "sig"]
    assert any(
        r["framework"] == "estyn"
        and r["status"] in {"signed", "written-up"}
        and r["notes"]
        and r["findings"]
        for r in welsh
    )

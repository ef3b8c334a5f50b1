"""Generate a large network for benchmarks: 500 schools, 2,500 reviews, 100,000 notes.

    python benchmarks/generate.py --data-dir /tmp/big [--schools 500 --reviews 2500 --notes 100000]

The schema comes from the real migrations (Database.open); rows go in with plain sqlite3
executemany so that generating stays well under a minute. Every synced row also gets its
creation op in the change log, as if typed, so exchange benchmarks see a realistic log.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.db import Database  # noqa: E402

WORDS = (
    "pupils explained design choices confidently challenge questioning feedback books "
    "modelling vocabulary reading fluency scaffolds independent retrieval practice "
    "technology workshop safety routines assessment criteria success adaptive teaching "
    "SEND support teaching assistant deployment behaviour calm purposeful transitions "
    "curriculum sequencing knowledge organisers homework oracy deeper thinking prototype "
    "evaluation iteration marking policy consistency leaders governors wellbeing attendance"
).split()
FOCUS = [
    "Quality of teaching, learning and assessment",
    "Challenge for the most able",
    "Impact of new initiatives",
    "Curriculum in foundation subjects",
    "Inclusion and SEND",
]
KINDS = ["learning-walk", "joint-observation", "interview", "pupil-discussion", "work-scrutiny", "meeting"]
NOTE_KINDS = ["strength", "area", "neutral"]
META = "2026-01-01 09:00:00"


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def generate(data_dir: Path, schools: int, reviews: int, notes: int, seed: int = 1) -> dict[str, int]:
    rng = random.Random(seed)
    Database.open(data_dir).close()
    con = sqlite3.connect(data_dir / "peerwalk.db")
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    site = str(uuid.UUID(int=rng.getrandbits(128)))
    ops: list[tuple] = []

    def uid() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    def op(table: str, rid: str, value: dict) -> None:
        ops.append((uid(), site, len(ops) + 1, f"{len(ops):013d}-00000-{site}", table, rid, "*", json.dumps(value), "generator", "[]"))

    school_rows = []
    for i in range(schools):
        sid = str(200000 + i)
        school_rows.append((sid, f"School {i} {rng.choice(['Academy', 'High School', 'Primary School', 'Ysgol Gynradd'])}", rng.choice(["Primary", "Secondary", "Special"]), "Academy", rng.choice(["Essex", "Manchester", "Swansea", "Gwynedd"]), i % 7 == 0))
        op("schools", sid, {"id": sid})
    con.executemany(
        "INSERT INTO schools (id, name, phase, type, local_authority, welsh_medium, created_at, created_by, updated_at, updated_by, deleted) VALUES (?,?,?,?,?,?,?,'',?,'',0)",
        [(*r, META, META) for r in school_rows],
    )
    people = []
    for i, s in enumerate(school_rows):
        for role in ("headteacher", "deputy-headteacher"):
            pid = uid()
            people.append((pid, f"Person {i}-{role[:3]}", role, s[0]))
            op("people", pid, {"id": pid})
    con.executemany(
        "INSERT INTO people (id, name, role, school_id, email, created_at, created_by, updated_at, updated_by, deleted) VALUES (?,?,?,?,'',?,'',?,'',0)",
        [(*p, META, META) for p in people],
    )
    review_rows, focus_rows, activity_rows = [], [], []
    start = date(2024, 9, 1)
    for i in range(reviews):
        rid = uid()
        host = school_rows[i % schools][0]
        day = start + timedelta(days=rng.randrange(800))
        review_rows.append((rid, host, "developmental", f"Peer review {i}", day.isoformat(), day.isoformat(), rng.choice(["written-up", "signed", "shared", "in-progress"]), "host-only", "", people[(i * 2 + 2) % len(people)][0]))
        op("reviews", rid, {"id": rid})
        for pos, title in enumerate(rng.sample(FOCUS, 2)):
            fid = uid()
            focus_rows.append((fid, rid, pos, title))
        for kind in KINDS:
            activity_rows.append((uid(), rid, kind, kind.replace("-", " ").capitalize(), day.isoformat()))
    con.executemany(
        "INSERT INTO reviews (id, host_school_id, network_id, framework_key, title, start_date, end_date, status, distribution, context, writer_id, estimates_enabled, created_at, created_by, updated_at, updated_by, deleted) VALUES (?,?,NULL,?,?,?,?,?,?,?,?,0,?,'',?,'',0)",
        [(*r, META, META) for r in review_rows],
    )
    con.executemany(
        "INSERT INTO review_focus_areas (id, review_id, position, title, framework_code, prompts, estimate, created_at, created_by, updated_at, updated_by, deleted) VALUES (?,?,?,?,'','','',?,'',?,'',0)",
        [(*f, META, META) for f in focus_rows],
    )
    con.executemany(
        "INSERT INTO activities (id, review_id, kind, title, day, starts, ends, place, subject, year_group, created_at, created_by, updated_at, updated_by, deleted) VALUES (?,?,?,?,?,'','','','','',?,'',?,'',0)",
        [(*a, META, META) for a in activity_rows],
    )
    note_rows = []
    per_review = max(1, notes // reviews)
    for i in range(notes):
        r = min(i // per_review, reviews - 1)
        nid = uid()
        focus = focus_rows[r * 2 + (i % 2)][0]
        act = activity_rows[r * len(KINDS) + (i % len(KINDS))][0]
        note_rows.append((nid, review_rows[r][0], act, focus, NOTE_KINDS[i % 3], sentence(rng, rng.randint(8, 25)), people[(r * 2 + 2) % len(people)][0], META))
        op("notes", nid, {"id": nid})
    con.executemany(
        "INSERT INTO notes (id, review_id, activity_id, focus_id, kind, text, author_id, captured_at, created_at, created_by, updated_at, updated_by, deleted) VALUES (?,?,?,?,?,?,?,?,?,'',?,'',0)",
        [(*n, META, META) for n in note_rows],
    )
    finding_rows = [
        (uid(), review_rows[r][0], focus_rows[r * 2][0], "www" if k == 0 else "ebi", sentence(rng, 12), k, int(k == 0 and r % 10 == 0))
        for r in range(reviews)
        for k in range(2)
    ]
    con.executemany(
        "INSERT INTO findings (id, review_id, focus_id, kind, text, position, good_practice, created_at, created_by, updated_at, updated_by, deleted) VALUES (?,?,?,?,?,?,?,?,'',?,'',0)",
        [(*f, META, META) for f in finding_rows],
    )
    con.executemany(
        "INSERT INTO changes (id, site_id, seq, hlc, table_name, record_id, field, value, author, seen) VALUES (?,?,?,?,?,?,?,?,?,?)", ops
    )
    con.executemany("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [("site_id", site), ("seq", str(len(ops)))])
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return {"schools": schools, "people": len(people), "reviews": reviews, "notes": notes, "findings": len(finding_rows)}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data-dir", type=Path, required=True)
    p.add_argument("--schools", type=int, default=500)
    p.add_argument("--reviews", type=int, default=2500)
    p.add_argument("--notes", type=int, default=100_000)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    if (args.data_dir / "peerwalk.db").exists():
        print(f"{args.data_dir} already has a database; choose an empty folder.", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    counts = generate(args.data_dir, args.schools, args.reviews, args.notes, args.seed)
    print(json.dumps({**counts, "seconds": round(time.perf_counter() - t0, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

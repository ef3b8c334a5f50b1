"""Generate a large network for benchmarks: 500 schools, 2,500 reviews, 100,000 notes.

    python benchmarks/generate.py --data-dir /tmp/big [--schools 500 --reviews 2500 --notes 100000]
                                  [--photos-mb 200]

The schema comes from the real migrations (Database.open); rows go in with plain sqlite3
executemany so that generating stays well under a minute. Every synced row also gets its
creation op in the change log (the whole record, as if typed here), so exchange benchmarks
export and import a realistic log. All schools form one network that shares its reviews.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sqlite3
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.db import Database

WORDS = [
    "pupils",
    "explained",
    "design",
    "choices",
    "confidently",
    "challenge",
    "questioning",
    "feedback",
    "books",
    "modelling",
    "vocabulary",
    "reading",
    "fluency",
    "scaffolds",
    "independent",
    "retrieval",
    "practice",
    "technology",
    "workshop",
    "safety",
    "routines",
    "assessment",
    "criteria",
    "success",
    "adaptive",
    "teaching",
    "SEND",
    "support",
    "teaching",
    "assistant",
    "deployment",
    "behaviour",
    "calm",
    "purposeful",
    "transitions",
    "curriculum",
    "sequencing",
    "knowledge",
    "organisers",
    "homework",
    "oracy",
    "deeper",
    "thinking",
    "prototype",
    "evaluation",
    "iteration",
    "marking",
    "policy",
    "consistency",
    "leaders",
    "governors",
    "wellbeing",
    "attendance",
]
FOCUS = [
    "Quality of teaching, learning and assessment",
    "Challenge for the most able",
    "Impact of new initiatives",
    "Curriculum in foundation subjects",
    "Inclusion and SEND",
]
KINDS = [
    "learning-walk",
    "joint-observation",
    "interview",
    "pupil-discussion",
    "work-scrutiny",
    "meeting",
]
NOTE_KINDS = ["strength", "area", "neutral"]
META = {
    "created_at": "2026-01-01 09:00:00",
    "created_by": "generator",
    "updated_at": "2026-01-01 09:00:00",
    "updated_by": "generator",
    "deleted": 0,
}


class Writer:
    def __init__(self, con: sqlite3.Connection, site: str) -> None:
        self.con, self.site, self.ops = con, site, []

    def rows(self, table: str, rows: list[dict], rng: random.Random) -> None:
        if not rows:
            return
        cols = list(rows[0]) + list(META)
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(':' + c for c in cols)})"
        self.con.executemany(sql, [{**r, **META} for r in rows])
        for r in rows:
            value = {
                k: (
                    bool(v)
                    if k in ("welsh_medium", "good_practice", "estimates_enabled", "in_report")
                    else v
                )
                for k, v in r.items()
            }
            n = len(self.ops) + 1
            self.ops.append(
                (
                    str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    self.site,
                    n,
                    f"{1767258000000 + n:013d}-00000-{self.site}",
                    table,
                    r["id"],
                    "*",
                    json.dumps(value),
                    "generator",
                    "[]",
                )
            )


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def generate(
    data_dir: Path, schools: int, reviews: int, notes: int, seed: int = 1, photos_mb: int = 0
) -> dict[str, int]:
    rng = random.Random(seed)

    def uid() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    Database.open(data_dir).close()
    con = sqlite3.connect(data_dir / "peerwalk.db")
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    site = uid()
    w = Writer(con, site)
    school_rows = [
        {
            "id": str(200000 + i),
            "name": f"School {i} "
            f"{rng.choice(['Academy', 'High School', 'Primary School', 'Ysgol Gynradd'])}",
            "phase": rng.choice(["Primary", "Secondary", "Special"]),
            "type": "Academy",
            "local_authority": rng.choice(["Essex", "Manchester", "Swansea", "Gwynedd"]),
            "welsh_medium": int(i % 7 == 0),
        }
        for i in range(schools)
    ]
    w.rows("schools", school_rows, rng)
    people = [
        {
            "id": uid(),
            "name": f"Person {i}-{role[:3]}",
            "role": role,
            "school_id": s["id"],
            "email": "",
        }
        for i, s in enumerate(school_rows)
        for role in ("headteacher", "deputy-headteacher")
    ]
    w.rows("people", people, rng)
    network = {
        "id": uid(),
        "name": "Generated network",
        "kind": "group",
        "ground_rules": "Responsible to each other.",
    }
    w.rows("networks", [network], rng)
    w.rows(
        "network_members",
        [{"id": uid(), "network_id": network["id"], "school_id": s["id"]} for s in school_rows],
        rng,
    )
    review_rows, focus_rows, activity_rows = [], [], []
    start = date(2024, 9, 1)
    for i in range(reviews):
        day = (start + timedelta(days=rng.randrange(800))).isoformat()
        rid = uid()
        review_rows.append(
            {
                "id": rid,
                "host_school_id": school_rows[i % schools]["id"],
                "network_id": network["id"],
                "framework_key": "developmental",
                "title": f"Peer review {i}",
                "start_date": day,
                "end_date": day,
                "status": rng.choice(["written-up", "signed", "shared", "in-progress"]),
                "distribution": "network",
                "context": "",
                "writer_id": people[(i * 2 + 2) % len(people)]["id"],
                "estimates_enabled": 0,
            }
        )
        for pos, title in enumerate(rng.sample(FOCUS, 2)):
            focus_rows.append(
                {
                    "id": uid(),
                    "review_id": rid,
                    "position": pos,
                    "title": title,
                    "framework_code": "",
                    "prompts": "",
                    "estimate": "",
                }
            )
        for kind in KINDS:
            activity_rows.append(
                {
                    "id": uid(),
                    "review_id": rid,
                    "kind": kind,
                    "title": kind.replace("-", " ").capitalize(),
                    "day": day,
                    "starts": "",
                    "ends": "",
                    "place": "",
                    "subject": "",
                    "year_group": "",
                    "reviewer_id": None,
                    "host_colleague_id": None,
                }
            )
    w.rows("reviews", review_rows, rng)
    w.rows("review_focus_areas", focus_rows, rng)
    w.rows("activities", activity_rows, rng)
    per_review = max(1, notes // reviews)
    note_rows = []
    for i in range(notes):
        r = min(i // per_review, reviews - 1)
        note_rows.append(
            {
                "id": uid(),
                "review_id": review_rows[r]["id"],
                "activity_id": activity_rows[r * len(KINDS) + (i % len(KINDS))]["id"],
                "focus_id": focus_rows[r * 2 + (i % 2)]["id"],
                "kind": NOTE_KINDS[i % 3],
                "text": sentence(rng, rng.randint(8, 25)),
                "author_id": review_rows[r]["writer_id"],
                "captured_at": review_rows[r]["start_date"] + " 10:00:00",
            }
        )
    w.rows("notes", note_rows, rng)
    findings = [
        {
            "id": uid(),
            "review_id": review_rows[r]["id"],
            "focus_id": focus_rows[r * 2]["id"],
            "kind": "www" if k == 0 else "ebi",
            "text": sentence(rng, 12),
            "position": k,
            "good_practice": int(k == 0 and r % 10 == 0),
        }
        for r in range(reviews)
        for k in range(2)
    ]
    w.rows("findings", findings, rng)
    photo_count = _photos(con, w, data_dir, note_rows, photos_mb, rng) if photos_mb else 0
    con.executemany(
        "INSERT INTO changes (id, site_id, seq, hlc, table_name, record_id, field, value, author, "
        "seen) VALUES (?,?,?,?,?,?,?,?,?,?)",
        w.ops,
    )
    con.executemany(
        "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
        [
            ("site_id", site),
            ("seq", str(len(w.ops))),
            ("school_id", school_rows[0]["id"]),
            ("site_name", "Generator"),
        ],
    )
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return {
        "schools": schools,
        "people": len(people),
        "reviews": reviews,
        "notes": notes,
        "findings": len(findings),
        "photos": photo_count,
        "changes": len(w.ops),
    }


def _photos(
    con: sqlite3.Connection,
    w: Writer,
    data_dir: Path,
    notes: list[dict],
    megabytes: int,
    rng: random.Random,
) -> int:
    """Photos of work (noisy JPEGs ~2 MB each, as a phone takes them) attached to notes."""
    from PIL import Image

    folder = data_dir / "attachments"
    folder.mkdir(exist_ok=True)
    total, count, atts, links = 0, 0, [], []
    while total < megabytes * 1024 * 1024:
        img = Image.frombytes("RGB", (1600, 1200), rng.randbytes(1600 * 1200 * 3))
        path = folder / "tmp.jpg"
        img.save(path, quality=80)
        data = path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        path.rename(folder / f"{sha}.jpg")
        atts.append((sha, "image/jpeg", 1600, 1200, len(data)))
        note = notes[(count * 997) % len(notes)]
        links.append(
            {
                "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "note_id": note["id"],
                "sha256": sha,
                "caption": "",
                "in_report": 0,
            }
        )
        total += len(data)
        count += 1
    con.executemany(
        "INSERT INTO attachments (sha256, media_type, width, height, size) VALUES (?,?,?,?,?)", atts
    )
    w.rows("note_attachments", links, rng)
    return count


GIAS_HEADER = [
    "URN",
    "LA (code)",
    "LA (name)",
    "EstablishmentNumber",
    "EstablishmentName",
    "TypeOfEstablishment (name)",
    "EstablishmentTypeGroup (name)",
    "EstablishmentStatus (name)",
    "OpenDate",
    "PhaseOfEducation (name)",
    "StatutoryLowAge",
    "StatutoryHighAge",
    "Gender (name)",
    "ReligiousCharacter (name)",
    "NumberOfPupils",
    "Street",
    "Town",
    "Postcode",
    "SchoolWebsite",
    "TelephoneNum",
    "HeadTitle (name)",
    "HeadFirstName",
    "HeadLastName",
    "UKPRN",
]
GIAS_TYPES = [
    "Academy converter",
    "Community school",
    "Voluntary aided school",
    "Foundation school",
    "Academy sponsor led",
    "Free schools",
]
GIAS_PHASES = ["Primary", "Secondary", "All-through", "Nursery", "16 plus"]
GIAS_LAS = [
    "Essex",
    "Manchester",
    "Leeds",
    "Kent",
    "Cornwall",
    "Camden",
    "Birmingham",
    "Bristol, City of",
]
GIAS_NAMES = [
    "St Mary's",
    "Café Lane",
    "Oakfield",
    "Brontë",
    "Hollybrook",
    "Kingsmead",
    "Riverside",
    "Zoë Barnes Memorial",
]


def write_gias_csv(path: Path, count: int, first_urn: int = 300000, seed: int = 1) -> list[str]:
    """A school list shaped like England's GIAS export (Windows-1252, its column names, quoted
    names with commas). Returns the URNs, in file order."""
    import csv
    import io

    rng = random.Random(seed)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(GIAS_HEADER)
    urns = []
    for i in range(count):
        urn = str(first_urn + i)
        urns.append(urn)
        la = rng.choice(GIAS_LAS)
        phase = rng.choice(GIAS_PHASES)
        name = f"{rng.choice(GIAS_NAMES)} {phase} School {i}" + (
            ", Upper Site" if i % 17 == 0 else ""
        )
        writer.writerow(
            [
                urn,
                800 + i % 150,
                la,
                2000 + i % 7000,
                name,
                rng.choice(GIAS_TYPES),
                "Academies",
                "Open",
                "01-09-2011",
                phase,
                4,
                11,
                "Mixed",
                "None",
                rng.randint(40, 1800),
                f"{i} High Street",
                la.split(",")[0],
                f"AB{i % 99} {i % 9}CD",
                f"www.school{i}.example.org.uk",
                f"01{i:09d}",
                "Mrs",
                "Alex",
                "Smith",
                10000000 + i,
            ]
        )
    path.write_bytes(out.getvalue().encode("cp1252"))
    return urns


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data-dir", type=Path, required=True)
    p.add_argument("--schools", type=int, default=500)
    p.add_argument("--reviews", type=int, default=2500)
    p.add_argument("--notes", type=int, default=100_000)
    p.add_argument("--photos-mb", type=int, default=0)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    if (args.data_dir / "peerwalk.db").exists():
        print(f"{args.data_dir} already has a database; choose an empty folder.", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    counts = generate(
        args.data_dir, args.schools, args.reviews, args.notes, args.seed, args.photos_mb
    )
    print(json.dumps({**counts, "seconds": round(time.perf_counter() - t0, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

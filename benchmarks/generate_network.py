"""Add a region's network life to a generated database (benchmarks/generate.py): 46 clusters
(as a Welsh region has), released good practice, declared strengths and published stages.

    python benchmarks/generate_network.py --data-dir /tmp/big

Plain sqlite3 inserts, like the generator; no change-log ops (these benchmarks only read).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import uuid
from pathlib import Path

CLUSTERS = 46
AREAS = (
    "Early reading and phonics",
    "Attendance and belonging",
    "Oracy across the curriculum",
    "Assessment for learning",
    "Inclusion of pupils with SEND",
    "Welsh beyond lessons",
    "Behaviour and relationships",
    "Curriculum design",
)
META = ("2026-11-01 09:00:00", "generator", "2026-11-01 09:00:00", "generator", 0)


def add_network_data(data_dir: Path, seed: int = 2) -> dict[str, int]:
    rng = random.Random(seed)

    def uid() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    con = sqlite3.connect(data_dir / "peerwalk.db")
    schools = [r[0] for r in con.execute("SELECT id FROM schools ORDER BY id")]
    heads = dict(
        con.execute("SELECT school_id, id FROM people WHERE role = 'headteacher'").fetchall()
    )
    networks, members = [], []
    for c in range(CLUSTERS):
        nid = uid()
        networks.append((nid, f"Cluster {c + 1}", "group", "", *META))
        for s in schools[c::CLUSTERS]:
            members.append((uid(), nid, s, *META))
    con.executemany(
        "INSERT INTO networks (id, name, kind, ground_rules, created_at, created_by, updated_at,"
        " updated_by, deleted) VALUES (?,?,?,?,?,?,?,?,?)",
        networks,
    )
    con.executemany(
        "INSERT INTO network_members (id, network_id, school_id, created_at, created_by,"
        " updated_at, updated_by, deleted) VALUES (?,?,?,?,?,?,?,?)",
        members,
    )
    released = [
        (
            uid(),
            host,
            fid,
            area,
            text,
            "Come and see it in a Year 4 class.",
            heads.get(host),
            day,
            *META,
        )
        for fid, host, area, text, day in con.execute(
            "SELECT f.id, r.host_school_id, fa.title, f.text, r.start_date FROM findings f"
            " JOIN reviews r ON r.id = f.review_id"
            " JOIN review_focus_areas fa ON fa.id = f.focus_id WHERE f.good_practice = 1"
        )
    ]
    con.executemany(
        "INSERT INTO released_practice (id, school_id, finding_id, focus, statement, summary,"
        " contact_id, review_date, created_at, created_by, updated_at, updated_by, deleted)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        released,
    )
    strengths = [
        (uid(), s, rng.choice(AREAS), "Half-day visits for partner schools.", heads.get(s), *META)
        for s in schools[::5]
    ]
    con.executemany(
        "INSERT INTO school_strengths (id, school_id, area, text, contact_id, created_at,"
        " created_by, updated_at, updated_by, deleted) VALUES (?,?,?,?,?,?,?,?,?,?)",
        strengths,
    )
    stages = [
        (uid(), s, area, rng.randint(1, 4), "", rng.randint(0, 5), 5, *META)
        for s in schools
        for area in rng.sample(AREAS, 3)
    ]
    con.executemany(
        "INSERT INTO published_status (id, school_id, area, stage, text, steps_done,"
        " steps_total, created_at, created_by, updated_at, updated_by, deleted)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        stages,
    )
    con.commit()
    con.close()
    return {
        "networks": len(networks),
        "released": len(released),
        "strengths": len(strengths),
        "stages": len(stages),
    }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data-dir", type=Path, required=True)
    print(add_network_data(p.parse_args().data_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())

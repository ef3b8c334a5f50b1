"""Package exchange speed, as ratios against floors measured in the same run.

    python benchmarks/exchange_bench.py [--photos-mb 200]

  export     the whole generated network (100,000 notes, ~130,000 changes, 200 MB of photos)
             for its network, signed                      vs  `zip -0 -r` of the same photos
             (first: every change is put into a signed batch; again: batches already made)
  import     that package into an empty laptop (verify every signature and hash, merge)
                                                          vs  sqlite3 executemany of the same rows
  re-import  the same package again (refused: already imported), and the same content in a
             new package (every change already known)    vs  the first import
Targets (issue 5): export <= 1.3x, import <= 5x, re-import <= 10% of the first import.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import keyring  # noqa: E402

from app.db import Database  # noqa: E402
from app.errors import IntegrityFailure  # noqa: E402
from app.models import SYNCED_TABLES, School  # noqa: E402
from app.services import exchange  # noqa: E402
from benchmarks.generate import generate  # noqa: E402
from benchmarks.report_bench import _Keyring  # noqa: E402


def timed(fn):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def floor_insert(source: Path, target_dir: Path) -> float:
    """The same rows into a fresh database with plain sqlite3 executemany (triggers included)."""
    Database.open(target_dir).close()
    src = sqlite3.connect(source)
    names = ["attachments", *SYNCED_TABLES]  # photos' rows are referenced by note_attachments
    tables = {name: src.execute(f"SELECT * FROM {name}").fetchall() for name in names}
    cols = {name: [r[1] for r in src.execute(f"PRAGMA table_info({name})")] for name in names}
    src.close()
    con = sqlite3.connect(target_dir / "peerwalk.db")
    con.execute("PRAGMA foreign_keys=ON")
    t0 = time.perf_counter()
    with con:
        for name in names:
            if tables[name]:
                marks = ",".join("?" * len(cols[name]))
                con.executemany(f"INSERT INTO {name} ({','.join(cols[name])}) VALUES ({marks})", tables[name])
    elapsed = time.perf_counter() - t0
    con.close()
    return elapsed


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--photos-mb", type=int, default=200)
    p.add_argument("--notes", type=int, default=100_000)
    args = p.parse_args()
    keyring.set_keyring(_Keyring())
    root = Path(tempfile.mkdtemp(prefix="peerwalk-exchange-bench-"))
    sender_dir, receiver_dir = root / "sender", root / "receiver"
    counts = generate(sender_dir, 500, 2500, args.notes, photos_mb=args.photos_mb)
    sender = Database.open(sender_dir)
    pkg = root / "network.peerwalk"
    with sender.transaction() as s:
        export_s, result = timed(lambda: exchange.export_package(s, sender_dir, pkg, network="Generated network"))
    with sender.transaction() as s:  # the same again: every change already in a signed batch
        export2_s, _ = timed(lambda: exchange.export_package(s, sender_dir, root / "network-2.peerwalk", network="Generated network"))
    zip_s, _ = timed(lambda: subprocess.run(["zip", "-0", "-r", "-q", str(root / "photos.zip"), "attachments"], cwd=sender_dir, check=True))
    receiver = Database.open(receiver_dir)
    with receiver.transaction() as s:
        s.add(School(id="200001", name="Receiving school"))
        s.flush()
        exchange.set_home(s, "200001", "Receiver")
    with receiver.transaction() as s:
        import_s, summary = timed(lambda: exchange.import_package(s, receiver_dir, pkg, trust_new_sender=True))
    floor_s = floor_insert(sender_dir / "peerwalk.db", root / "floor")

    def replay() -> None:
        try:
            with receiver.transaction() as s:
                exchange.import_package(s, receiver_dir, pkg)
        except IntegrityFailure:
            pass

    replay_s, _ = timed(replay)
    again = root / "again.peerwalk"
    with sender.transaction() as s:
        exchange.export_package(s, sender_dir, again, network="Generated network")
    with receiver.transaction() as s:
        known_s, known = timed(lambda: exchange.import_package(s, receiver_dir, again))
    out = {
        "network": counts,
        "package_mb": round(result.bytes / 1024**2, 1),
        "export_first": {"app_s": round(export_s, 2), "zip0_s": round(zip_s, 2), "ratio": round(export_s / zip_s, 2), "target": 1.3},
        "export_again": {"app_s": round(export2_s, 2), "zip0_s": round(zip_s, 2), "ratio": round(export2_s / zip_s, 2), "target": 1.3},
        "import": {"app_s": round(import_s, 2), "executemany_s": round(floor_s, 2), "ratio": round(import_s / floor_s, 2), "target": 5, "changes": summary["new_changes"]},
        "reimport_same_package": {"app_s": round(replay_s, 3), "share_of_first": round(replay_s / import_s, 3), "target": 0.10},
        "reimport_known_changes": {"app_s": round(known_s, 2), "share_of_first": round(known_s / import_s, 3), "new_changes": known["new_changes"]},
    }
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Package exchange speed, as ratios against floors measured in the same run, interleaved.

    python benchmarks/exchange_bench.py [--photos-mb 200] [--rounds 5]

  batching   the generated network's changes (~130,000) put into batches as the app does at
             the end of each transaction that writes them (reported per change), and the time
             it adds to one saved note (median of interleaved saves with and without it)
  export     the whole generated network (100,000 notes, 200 MB of photos) for its network,
             signed                                          vs  `zip -0 -r` of the same photos
             (first: the open batches are signed; again: nothing left to sign)
  import     that package into an empty laptop (verify every signature and digest, merge)
                                                 vs  sqlite3 executemany of the same rows
  re-import  the same package again (refused: already imported), and a new package whose
             changes are all already here (its batches skipped by id)   vs  the first import
Each floor and measure alternate (floor, measure, floor, measure, ...); medians are reported.
Targets (issue 8): export first <= 1.5x, export again <= 1.3x, import <= 5x, same package
again <= 10% and a new package of known changes <= 5% of the first import.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import keyring

from app.db import Database
from app.errors import IntegrityFailure
from app.models import SYNCED_TABLES, School
from app.services import exchange
from benchmarks.generate import generate
from benchmarks.report_bench import _Keyring


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def copy_db(src_dir: Path, dst_dir: Path) -> None:
    """The database of one laptop into another folder (backup API: the -wal file included)."""
    dst_dir.mkdir(parents=True, exist_ok=True)
    for name in ("peerwalk.db", "peerwalk.db-wal", "peerwalk.db-shm"):
        (dst_dir / name).unlink(missing_ok=True)
    src, dst = sqlite3.connect(src_dir / "peerwalk.db"), sqlite3.connect(dst_dir / "peerwalk.db")
    src.backup(dst)
    src.close()
    dst.close()


def floor_insert(source: Path, target_dir: Path) -> float:
    """The same rows into a fresh database with plain sqlite3 executemany (triggers included)."""
    shutil.rmtree(target_dir, ignore_errors=True)
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
                con.executemany(
                    f"INSERT INTO {name} ({','.join(cols[name])}) VALUES ({marks})", tables[name]
                )
    elapsed = time.perf_counter() - t0
    con.close()
    return elapsed


def batch_generated_changes(data_dir: Path) -> tuple[float, int]:
    """The generator writes its changes with plain sqlite3; batch them as the app would have
    when they were written."""
    from app.sync.sealing import stage

    db = Database.open(data_dir)
    with db.transaction() as s:
        me = exchange.site_id(s)
        seconds, placed = timed(lambda: stage(s, me))
    db.close()
    return seconds, placed


def save_cost(data_dir: Path, rounds: int) -> tuple[float, float]:
    """Median time of one saved note (its own transaction), with and without batching it."""
    from sqlalchemy import text

    import app.db
    from app.services.capture import add_note
    from app.sync.sealing import stage

    db = Database.open(data_dir)
    with db.read() as s:
        review, focus = s.execute(
            text("SELECT review_id, title FROM review_focus_areas LIMIT 1")
        ).one()
    real = app.db._batch_new_changes
    with_, without = [], []

    def save(n: int) -> None:
        with db.transaction() as s:
            add_note(
                s, review, focus=focus, kind="strength", text=f"A note typed on the day, number {n}"
            )

    for n in range(rounds):
        with_.append(timed(lambda n=n: save(2 * n))[0])  # type: ignore[misc]
        app.db._batch_new_changes = lambda session, recorder: session.flush()  # type: ignore[assignment]
        try:
            without.append(timed(lambda n=n: save(2 * n + 1))[0])  # type: ignore[misc]
        finally:
            app.db._batch_new_changes = real
        with db.transaction() as s:  # not timed: batch what the unbatched save left
            stage(s, exchange.site_id(s))
    db.close()
    return statistics.median(with_), statistics.median(without)


def main() -> int:  # noqa: PLR0915 (the measures run in order, read top to bottom like the docstring)
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--photos-mb", type=int, default=200)
    p.add_argument("--notes", type=int, default=100_000)
    p.add_argument("--rounds", type=int, default=5)
    args = p.parse_args()
    keyring.set_keyring(_Keyring())
    root = Path(tempfile.mkdtemp(prefix="peerwalk-exchange-bench-"))
    sender_dir = root / "sender"
    counts = generate(sender_dir, 500, 2500, args.notes, photos_mb=args.photos_mb)
    batch_s, placed = batch_generated_changes(sender_dir)
    sender = Database.open(sender_dir)
    with sender.transaction() as s:  # the site's keys exist before anything is timed
        from app.sync import keys as sitekeys

        sitekeys.load_or_create(sender_dir, None, exchange.site_id(s))
    copy_db(sender_dir, root / "unsigned")
    pkg = root / "network.peerwalk"

    def export(out: Path) -> Any:
        with sender.transaction() as s:
            return exchange.export_package(s, sender_dir, out, network="Generated network")

    def zip0() -> None:
        (root / "photos.zip").unlink(missing_ok=True)
        subprocess.run(
            ["zip", "-0", "-r", "-q", str(root / "photos.zip"), "attachments"],
            cwd=sender_dir,
            check=True,
        )

    zips, firsts, agains = [], [], []
    for _ in range(args.rounds):
        sender.close()
        copy_db(root / "unsigned", sender_dir)  # as it was before its first export
        sender = Database.open(sender_dir)
        zips.append(timed(zip0)[0])
        t, result = timed(lambda: export(pkg))
        firsts.append(t)
        zips.append(timed(zip0)[0])
        agains.append(timed(lambda: export(root / "again.peerwalk"))[0])
    zip_s = statistics.median(zips)

    receiver_dir = root / "receiver"
    receiver = Database.open(root / "empty")
    with receiver.transaction() as s:
        s.add(School(id="200001", name="Receiving school"))
        s.flush()
        exchange.set_home(s, "200001", "Receiver")
    receiver.close()
    floors, imports = [], []
    for _ in range(max(1, args.rounds // 2)):
        floors.append(floor_insert(sender_dir / "peerwalk.db", root / "floor"))
        shutil.rmtree(receiver_dir, ignore_errors=True)
        copy_db(root / "empty", receiver_dir)
        receiver = Database.open(receiver_dir)
        with receiver.transaction() as s:
            t, summary = timed(
                lambda: exchange.import_package(s, receiver_dir, pkg, trust_new_sender=True)
            )
        imports.append(t)
        if len(imports) < max(1, args.rounds // 2):
            receiver.close()
    import_s, floor_s = statistics.median(imports), statistics.median(floors)

    def replay() -> None:
        try:
            with receiver.transaction() as s:
                exchange.import_package(s, receiver_dir, pkg)
        except IntegrityFailure:
            pass

    replays, knowns = [], []
    for n in range(args.rounds):
        replays.append(timed(replay)[0])
        again = root / f"known-{n}.peerwalk"
        export(again)  # a new package id, every change already held by the receiver
        with receiver.transaction() as s:
            t, known = timed(
                lambda s=s, again=again: exchange.import_package(s, receiver_dir, again)
            )  # type: ignore[misc]
        knowns.append(t)
        again.unlink()
    with_save, without_save = save_cost(sender_dir, 15)
    out = {
        "network": counts,
        "package_mb": round(result.bytes / 1024**2, 1),
        "rounds": args.rounds,
        "batching_as_written": {
            "changes": placed,
            "s": round(batch_s, 2),
            "us_per_change": round(batch_s / max(placed, 1) * 1e6, 1),
            "note_save_ms": round(with_save * 1000, 2),
            "note_save_without_ms": round(without_save * 1000, 2),
        },
        "export_first": {
            "app_s": round(statistics.median(firsts), 2),
            "zip0_s": round(zip_s, 2),
            "ratio": round(statistics.median(firsts) / zip_s, 2),
            "target": 1.5,
        },
        "export_again": {
            "app_s": round(statistics.median(agains), 2),
            "zip0_s": round(zip_s, 2),
            "ratio": round(statistics.median(agains) / zip_s, 2),
            "target": 1.3,
        },
        "import": {
            "app_s": round(import_s, 2),
            "executemany_s": round(floor_s, 2),
            "ratio": round(import_s / floor_s, 2),
            "target": 5,
            "changes": summary["new_changes"],
        },
        "reimport_same_package": {
            "app_s": round(statistics.median(replays), 3),
            "share_of_first": round(statistics.median(replays) / import_s, 3),
            "target": 0.10,
        },
        "reimport_known_changes": {
            "app_s": round(statistics.median(knowns), 3),
            "share_of_first": round(statistics.median(knowns) / import_s, 3),
            "target": 0.05,
            "new_changes": known["new_changes"],
        },
        "samples_s": {
            "zip0": [round(x, 2) for x in zips],
            "export_first": [round(x, 2) for x in firsts],
            "export_again": [round(x, 2) for x in agains],
            "import": [round(x, 2) for x in imports],
            "floor": [round(x, 2) for x in floors],
            "known": [round(x, 3) for x in knowns],
        },
    }
    receiver.close()
    sender.close()
    print(json.dumps(out, indent=2))
    shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

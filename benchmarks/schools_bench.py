"""School list import speed, and what a school list adds to a partner's package, in one run.

    python benchmarks/schools_bench.py [--rows 50000] [--repeat 3]

  import   `peerwalk schools import` of a generated GIAS extract (Windows-1252, 24 columns) into
           a laptop that is set up (the demo network), as a whole process
                                       vs  a Python process that reads the same file with csv and
                                           inserts the same rows (URN, name, type, phase, LA) into
                                           SQLite with executemany
  again    the same file again (every school unchanged)          vs  the same floor
  package  `peerwalk export --for` a partner after the import, against the same export from the
           same laptop without the list: what the list adds (changes, bytes)
Runs are interleaved (floor, import, again, floor, ...) so that other work on the machine falls
on both alike; medians are reported. Target (issue 10): import <= 3x the floor.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import write_gias_csv  # noqa: E402

FLOOR = r"""
import csv, io, sqlite3, sys
text = open(sys.argv[1], "rb").read().decode("cp1252")
rows = csv.reader(io.StringIO(text, newline=""))
head = next(rows)
WANTED = (
    "URN",
    "EstablishmentName",
    "TypeOfEstablishment (name)",
    "PhaseOfEducation (name)",
    "LA (name)",
)
cols = [head.index(c) for c in WANTED]
con = sqlite3.connect(sys.argv[2])
con.execute(
    "CREATE TABLE schools "
    "(id TEXT PRIMARY KEY, name TEXT, type TEXT, phase TEXT, local_authority TEXT)"
)
with con:
    values = ([r[i] for i in cols] for r in rows)
    con.executemany("INSERT INTO schools VALUES (?, ?, ?, ?, ?)", values)
con.close()
"""


def env() -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith("PEERWALK_")}
    e.update(
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        PEERWALK_PASSPHRASE="a benchmark passphrase",
        QT_QPA_PLATFORM="offscreen",
    )
    return e


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def peerwalk(data_dir: Path, *args: str) -> tuple[float, float, dict]:
    """(wall seconds, CPU seconds, JSON output) of one run of the real program."""
    c0, t0 = _cpu(), time.perf_counter()
    r = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), "--json", *args],
        cwd=ROOT,
        env=env(),
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed, cpu = time.perf_counter() - t0, _cpu() - c0
    if r.returncode != 0:
        raise SystemExit(f"peerwalk {' '.join(args)} failed: {r.stderr.strip()}")
    return elapsed, cpu, json.loads(r.stdout or "{}")


def floor(csv: Path, db: Path) -> tuple[float, float]:
    db.unlink(missing_ok=True)
    c0, t0 = _cpu(), time.perf_counter()
    subprocess.run([sys.executable, "-c", FLOOR, str(csv), str(db)], check=True)
    return time.perf_counter() - t0, _cpu() - c0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=50_000)
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    root = Path(tempfile.mkdtemp(prefix="peerwalk-schools-bench-"))
    csv = root / "edubasealldata.csv"
    write_gias_csv(csv, args.rows)
    template = root / "template"
    peerwalk(template, "demo")
    peerwalk(template, "site", "set", "--school", "137451", "--name", "Claire Goodwin")
    floor(csv, root / "floor.db")  # warm the page cache and .pyc files
    runs: dict[str, list[tuple[float, float]]] = {"floor": [], "import": [], "again": []}
    laptop = root / "laptop"
    for _ in range(args.repeat):
        shutil.rmtree(laptop, ignore_errors=True)
        shutil.copytree(template, laptop)
        runs["floor"].append(floor(csv, root / "floor.db"))
        wall, cpu, first = peerwalk(laptop, "schools", "import", str(csv))
        runs["import"].append((wall, cpu))
        wall, cpu, again = peerwalk(laptop, "schools", "import", str(csv))
        runs["again"].append((wall, cpu))
    *_, with_list = peerwalk(
        laptop, "export", "--for", "137450", "-o", str(root / "with-list.peerwalk")
    )
    *_, without = peerwalk(
        template, "export", "--for", "137450", "-o", str(root / "without-list.peerwalk")
    )
    wall = {k: statistics.median(w for w, _ in v) for k, v in runs.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in runs.items()}
    result = {
        "rows": args.rows,
        "csv_mb": round(csv.stat().st_size / 1024**2, 1),
        "floor_s": round(wall["floor"], 2),
        "import_s": round(wall["import"], 2),
        "import_ratio": round(wall["import"] / wall["floor"], 2),
        "again_s": round(wall["again"], 2),
        "again_ratio": round(wall["again"] / wall["floor"], 2),
        # CPU time (user + system) of the same runs: steadier than wall time on a busy machine.
        "cpu_s": {k: round(v, 2) for k, v in cpu.items()},
        "cpu_import_ratio": round(cpu["import"] / cpu["floor"], 2),
        "cpu_again_ratio": round(cpu["again"] / cpu["floor"], 2),
        "load_average": round(os.getloadavg()[0], 1),
        "import_result": first,
        "again_result": again,
        "package_changes_added_by_list": with_list["changes"] - without["changes"],
        "package_bytes_added_by_list": with_list["bytes"] - without["bytes"],
        "package_with_list": {"changes": with_list["changes"], "bytes": with_list["bytes"]},
        "target_ratio": 3.0,
    }
    print(json.dumps(result, indent=1))
    shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Command-line speed on a large network, as ratios against a floor measured in the same run.

    python benchmarks/run.py [--data-dir DIR] [--repeat 9]

The floor is `python -c "import sqlalchemy.orm"`: what any SQLAlchemy program pays before it
does anything. Runs are interleaved (floor, command, floor, command, ...) so that noise from
other work on the machine falls on both alike; the ratio of medians is reported.
Targets (issue 10): each command at most 1.3x the floor.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data-dir", type=Path, help="a generated network (made if missing)")
    p.add_argument("--repeat", type=int, default=9)
    args = p.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="peerwalk-bench-"))
    if not (data_dir / "peerwalk.db").exists():
        out = subprocess.run(
            [sys.executable, str(HERE / "generate.py"), "--data-dir", str(data_dir)],
            check=True,
            capture_output=True,
            text=True,
        )
        print(f"generated: {out.stdout.strip()}")
    floor = [sys.executable, "-c", "import sqlalchemy.orm"]
    peerwalk = [sys.executable, "-m", "app", "--data-dir", str(data_dir), "--json"]
    commands = {
        "reviews list": [*peerwalk, "reviews", "list"],
        "search WORD": [*peerwalk, "search", "feedback"],
    }
    for cmd in commands.values():  # warm the page cache and .pyc files
        timed(cmd)
    timed(floor)
    results = {}
    for name, cmd in commands.items():
        f, c = [], []
        for _ in range(args.repeat):
            f.append(timed(floor))
            c.append(timed(cmd))
        results[name] = {
            "floor_s": round(statistics.median(f), 3),
            "command_s": round(statistics.median(c), 3),
            "ratio": round(statistics.median(c) / statistics.median(f), 2),
            "target": 1.3,
        }
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

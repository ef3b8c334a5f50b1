"""The network's speed on a region-sized database (issue 12), in one run:

    python benchmarks/network_bench.py [--data-dir DIR] [--repeat 9]

- `directory search` against the `import sqlalchemy.orm` floor, interleaved, ratio of medians
  (target <= 1.3x);
- the Network page's grid painted in the window for a 40-school network, from asking to
  painted (target <= 100 ms);
- a rota planned for a 40-school network (target <= 1 s).

The database is benchmarks/generate.py's (500 schools, 2,500 reviews, 100,000 notes) with
benchmarks/generate_network.py's 46 clusters, released practice and stages, plus one network
of 40 schools for the grid and the rota.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def _forty(data_dir: Path) -> str:
    """A 40-school network (the first 40 schools), made once."""
    import sqlite3
    import uuid

    con = sqlite3.connect(data_dir / "peerwalk.db")
    found = con.execute("SELECT id FROM networks WHERE name = 'Forty'").fetchone()
    if found:
        return str(found[0])
    nid = str(uuid.uuid4())
    meta = ("2026-11-01 09:00:00", "bench", "2026-11-01 09:00:00", "bench", 0)
    con.execute(
        "INSERT INTO networks (id, name, kind, ground_rules, created_at, created_by, updated_at,"
        " updated_by, deleted) VALUES (?,?,?,?,?,?,?,?,?)",
        (nid, "Forty", "group", "", *meta),
    )
    schools = [r[0] for r in con.execute("SELECT id FROM schools ORDER BY id LIMIT 40")]
    con.executemany(
        "INSERT INTO network_members (id, network_id, school_id, created_at, created_by,"
        " updated_at, updated_by, deleted) VALUES (?,?,?,?,?,?,?,?)",
        [(str(uuid.uuid4()), nid, s, *meta) for s in schools],
    )
    con.commit()
    con.close()
    return nid


def grid_painted_ms(data_dir: Path, network: str, repeat: int) -> float:
    """Median time from asking the page for the grid to its being painted (offscreen)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.services.workspace import Workspace
    from app.ui.operations import busy
    from app.ui.pages.network import NetworkPage

    app = QApplication.instance() or QApplication(sys.argv[:1])
    ws = Workspace(data_dir)
    ws.warm()
    page = NetworkPage(ws, date(2026, 11, 24))
    page.resize(1280, 680)
    page.show()
    page.network.addItem("Forty", network)
    page.tabs.setCurrentIndex(1)
    times = []
    for _ in range(repeat):
        page.grid.setRowCount(0)
        t0 = time.perf_counter()
        page.refresh()
        while busy() or page.grid.rowCount() == 0:
            app.processEvents()
        page.grid.repaint()
        page.grab()
        times.append((time.perf_counter() - t0) * 1000)
    ws.close()
    return statistics.median(times)


def rota_seconds(repeat: int) -> float:
    from app.services.rota import plan_rota

    schools = [f"s{i:02d}" for i in range(40)]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        plan_rota(schools, date(2026, 9, 7), date(2027, 7, 16), [date(2026, 10, 26)])
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data-dir", type=Path, help="a generated network (made if missing)")
    p.add_argument("--repeat", type=int, default=9)
    args = p.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="peerwalk-bench-"))
    if not (data_dir / "peerwalk.db").exists():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), "--data-dir", str(data_dir)],
            check=True,
            capture_output=True,
        )
    has_clusters = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sqlite3; c = sqlite3.connect({str(data_dir / 'peerwalk.db')!r});"
            " print(c.execute('SELECT count(*) FROM released_practice').fetchone()[0])",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if has_clusters == "0":
        from benchmarks.generate_network import add_network_data

        add_network_data(data_dir)
    network = _forty(data_dir)
    floor = [sys.executable, "-c", "import sqlalchemy.orm"]
    search = [
        sys.executable,
        "-m",
        "app",
        "--data-dir",
        str(data_dir),
        "--json",
        "directory",
        "search",
        "feedback modelling",
    ]
    timed(search)
    timed(floor)
    f, c = [], []
    for _ in range(args.repeat):
        f.append(timed(floor))
        c.append(timed(search))
    results = {
        "directory search": {
            "floor_s": round(statistics.median(f), 3),
            "command_s": round(statistics.median(c), 3),
            "ratio": round(statistics.median(c) / statistics.median(f), 2),
            "target": "<= 1.3x",
        },
        "network grid painted (40 schools)": {
            "ms": round(grid_painted_ms(data_dir, network, args.repeat), 1),
            "target": "<= 100 ms",
        },
        "rota for 40 schools": {"s": round(rota_seconds(args.repeat), 3), "target": "<= 1 s"},
    }
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

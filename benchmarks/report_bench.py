"""Report speed: producing + signing a report, as a whole process and in one process.

    python benchmarks/report_bench.py [--repeat 5] [--process-repeat 9] [--floor PATH]

``process`` (issue 9): ``peerwalk report`` of the demo Technology review as a whole process
(start-up, imports, reading, layout, fields, signature, writing the file) against
``shared/bench/signed_pdf_floor.py --pages 6`` (Python, ReportLab, pyHanko, one signature),
run alternately in the same run; wall-clock medians and their ratio. Two ways of holding the
key: a keychain (the normal desktop path; benchmarks/bench_keyring.py stands in for the OS
keychain in each process) and a passphrase (``PEERWALK_PASSPHRASE``: the key derivation costs
its time there by design). Target: at most 1.5x the floor.

Two cases measured inside one process, alternating app and floor runs (medians):
  demo      the demo Technology review
  photos    a generated 20-page review with 20 photos of work (JPEG, ~1600 px)
The app figure is Peerwalk's whole path (read the review, lay it out, prepare the signature
fields, sign as the writer); the floor renders the same ReportData with plain ReportLab
platypus (Paragraphs and Images, the registered TTF font, no app code). Imports are warmed
before timing. Also reports the peak RSS of the process. Target (issue 4): at most 1.5x the
floor, under 250 MB.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402

from app.db import Database  # noqa: E402
from app.identity import create_identity  # noqa: E402
from app.reports.data import ReportData  # noqa: E402
from app.services.capture import add_note  # noqa: E402
from app.services.demo import demo_id, load_demo  # noqa: E402
from app.services.reporting import report_data  # noqa: E402
from app.services.reviews import plan_review  # noqa: E402
from app.services.signing import produce_report  # noqa: E402
from app.services.writeup import add_finding  # noqa: E402


class _Keyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        self.d: dict = {}

    def get_password(self, s, u):  # type: ignore[no-untyped-def]
        return self.d.get((s, u))

    def set_password(self, s, u, p):  # type: ignore[no-untyped-def]
        self.d[(s, u)] = p

    def delete_password(self, s, u):  # type: ignore[no-untyped-def]
        self.d.pop((s, u), None)


def floor_render(data: ReportData) -> bytes:
    """The same words and photos through bare ReportLab: no app layout code, no signing."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Table

    st = ParagraphStyle("b", fontName="PeerwalkSans", fontSize=10, leading=14)
    h = ParagraphStyle("h", fontName="PeerwalkSans-Bold", fontSize=15, leading=20)
    story = [Paragraph(escape(data.school_name), h), Paragraph(escape(data.dates), st)]
    story += [
        Paragraph(escape(t), st)
        for t in data.focus_titles + data.team + [data.distribution, data.context]
    ]
    story.append(PageBreak())
    story.append(Table([[escape(c) for c in row] for row in data.activities] or [[""]]))
    for sec in data.sections:
        story.append(Paragraph(escape(sec.title), h))
        for s in sec.strengths + sec.areas:
            story.append(Paragraph(escape(s.text), st))
            story += [Paragraph(escape(f"{e.label} {e.source}: {e.quote}"), st) for e in s.evidence]
    story.append(Table([[escape(c) for c in row] for row in data.actions] or [[""]]))
    for path, caption in data.photos:
        img = Image(path)
        scale = min(450 / img.imageWidth, 280 / img.imageHeight)
        img.drawWidth, img.drawHeight = img.imageWidth * scale, img.imageHeight * scale
        story += [img, Paragraph(escape(caption), st)]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, invariant=1).build(story)
    return buf.getvalue()


def photo_review(db: Database, data_dir: Path) -> str:
    from PIL import Image

    rng = random.Random(3)
    with db.transaction() as s:
        review = plan_review(
            s,
            host="6702345",
            start=datetime(2026, 11, 1).date(),
            focus=["Learning", "Teaching", "Wellbeing", "Leadership"],
            reviewers=["Rob Ellis", "Emyr Huws"],
            framework="estyn",
        )  # Rob writes it
        rid = review.id
    for i in range(20):
        img = Image.new(
            "RGB", (1600, 1200), (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        )
        for _ in range(300):  # some texture, like a photo of a book page
            x, y = rng.randrange(1600), rng.randrange(1200)
            img.paste((rng.randrange(256),) * 3, (x, y, min(1600, x + 40), min(1200, y + 8)))
        path = data_dir / f"photo{i}.jpg"
        img.save(path, quality=85)
        focus = ["Learning", "Teaching", "Wellbeing", "Leadership"][i % 4]
        with db.transaction() as s:
            note = add_note(
                s,
                rid,
                focus=focus,
                kind="strength",
                activity="work-scrutiny",
                text=f"Book {i}: " + "careful redrafting after feedback, " * 8,
                photos=[path],
                data_dir=data_dir,
            )
            for na in s.scalars(
                __import__("sqlalchemy")
                .select(__import__("app.models", fromlist=["NoteAttachment"]).NoteAttachment)
                .where(
                    __import__("app.models", fromlist=["NoteAttachment"]).NoteAttachment.note_id
                    == note.id
                )
            ):
                na.in_report = True
            for k in range(3):
                add_finding(
                    s,
                    rid,
                    focus=focus,
                    kind="www" if k else "ebi",
                    text=f"Statement {i}.{k}: "
                    + "pupils explain their thinking with growing confidence; " * 4,
                    evidence=[note.id],
                )
    return rid


PHRASE = "a long enough passphrase"


def default_floor() -> Path | None:
    """shared/bench/signed_pdf_floor.py beside the checkout (main or a worktree)."""
    for up in (ROOT.parent, ROOT.parent.parent):
        path = up / "shared" / "bench" / "signed_pdf_floor.py"
        if path.exists():
            return path
    return None


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.strip()}")
    return elapsed


def bench_process(floor: Path, repeat: int) -> dict:
    """peerwalk report (keychain, passphrase) vs the signed-PDF floor, whole processes,
    interleaved; the first round of each warms the disk cache (and writes the .pyc files) and is
    not counted."""
    from keyring.backends import fail

    from benchmarks.bench_keyring import ENV, BenchKeyring

    review = demo_id("review", "tech")
    base = Path(tempfile.mkdtemp(prefix="peerwalk-report-process-"))
    dirs = {"keychain": base / "keychain", "passphrase": base / "passphrase"}
    for data_dir in dirs.values():
        db = Database.open(data_dir)
        with db.transaction() as s:
            load_demo(s)
        db.close()
    chain = BenchKeyring()
    keyring.set_keyring(chain)
    create_identity(dirs["keychain"], "Rob Ellis", "rob@x.example", "Blackwater Academy (137450)")
    keyring.set_keyring(fail.Keyring())
    create_identity(
        dirs["passphrase"],
        "Rob Ellis",
        "rob@x.example",
        "Blackwater Academy (137450)",
        lambda _k: PHRASE,
    )
    # An installed Peerwalk runs from compiled .pyc files (pip and PyInstaller write them): a
    # shell with PYTHONDONTWRITEBYTECODE would make every run compile Peerwalk's ~70 modules
    # again (~0.1 s), which the floor, a single script, never pays (as gui_bench.py does).
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PEERWALK_", "PYTHON_KEYRING")) and k != "PYTHONDONTWRITEBYTECODE"
    }
    envs = {
        "keychain": {
            **clean,
            "PYTHON_KEYRING_BACKEND": "benchmarks.bench_keyring.BenchKeyring",
            ENV: chain.dump(),
        },
        "passphrase": {
            **clean,
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            "PEERWALK_PASSPHRASE": PHRASE,
        },
    }
    cmds = {
        "floor": [sys.executable, str(floor), "--pages", "6", "--out", str(base / "floor.pdf")],
        **{
            k: [
                sys.executable,
                "-m",
                "app",
                "--data-dir",
                str(d),
                "report",
                review,
                "-o",
                str(base / f"{k}.pdf"),
            ]
            for k, d in dirs.items()
        },
    }
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for i in range(repeat + 1):
        for name, cmd in cmds.items():
            t = _timed(cmd, envs.get(name, clean))
            if i:
                times[name].append(t)
    med = {k: statistics.median(v) for k, v in times.items()}
    return {
        "runs": repeat,
        "floor_s": round(med["floor"], 3),
        "keychain_s": round(med["keychain"], 3),
        "keychain_ratio": round(med["keychain"] / med["floor"], 2),
        "passphrase_s": round(med["passphrase"], 3),
        "passphrase_ratio": round(med["passphrase"] / med["floor"], 2),
        "pages": produce_pages(base / "keychain.pdf"),
    }


def bench(db: Database, data_dir: Path, review: str, repeat: int) -> dict:
    with db.read() as s:
        data = report_data(s, review, data_dir)
    out = data_dir / "out.pdf"
    app_t, floor_t = [], []
    for i in range(repeat + 1):
        t0 = time.perf_counter()
        with db.read() as s:
            produce_report(s, data_dir, review, out, None)
        t1 = time.perf_counter()
        floor_pdf = floor_render(data)
        t2 = time.perf_counter()
        if i:  # the first round warms imports and caches
            app_t.append(t1 - t0)
            floor_t.append(t2 - t1)
    return {
        "pages": produce_pages(out),
        "app_s": round(statistics.median(app_t), 3),
        "floor_s": round(statistics.median(floor_t), 3),
        "ratio": round(statistics.median(app_t) / statistics.median(floor_t), 2),
        "app_pdf_kb": out.stat().st_size // 1024,
        "floor_pdf_kb": len(floor_pdf) // 1024,
    }


def produce_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--process-repeat", type=int, default=9)
    p.add_argument(
        "--floor", type=Path, default=default_floor(), help="shared/bench/signed_pdf_floor.py"
    )
    p.add_argument("--process-only", action="store_true", help="only the whole-process comparison")
    args = p.parse_args()
    results: dict = {}
    if args.floor is not None:
        results["process"] = bench_process(args.floor, args.process_repeat)
        results["process"]["target_ratio"] = 1.5
    if args.process_only:
        print(json.dumps(results, indent=2))
        return 0
    keyring.set_keyring(_Keyring())
    data_dir = Path(tempfile.mkdtemp(prefix="peerwalk-report-bench-"))
    db = Database.open(data_dir)
    with db.transaction() as s:
        load_demo(s)
    create_identity(data_dir, "Rob Ellis", "rob@x.example", "Blackwater Academy (137450)")
    results["demo"] = bench(db, data_dir, demo_id("review", "tech"), args.repeat)
    results["photos"] = bench(db, data_dir, photo_review(db, data_dir), args.repeat)
    results["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    results["targets"] = {"ratio": 1.5, "peak_rss_mb": 250}
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

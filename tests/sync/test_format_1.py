"""Format 1 is still read: a package made by Peerwalk before format 2, and a laptop's database
from then (upgraded on open). Their format-1 batches keep their signatures and travel on,
inside format-2 packages, to laptops that never saw format 1. The fixtures in tests/data were
made with the code of commit b86bdb6 (tests/data/README.md says how)."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
import zipfile
from pathlib import Path

from sqlalchemy import select

from app.db import Database
from app.models import Attachment, Batch, Note, School
from app.services import exchange
from tests.sync.laptops import WORLD, Laptop

DATA = Path(__file__).resolve().parents[1] / "data"
ROB_NOTE = "Y5 guided reading: rich talk about the text (version 1)"
TREVOR_NOTE = "Y3 phonics: a v1-era pending change"


def _laptop(root: Path, name: str, school: str) -> Laptop:
    return Laptop(
        root,
        name,
        school,
        demo=False,
        setup=lambda s: s.add(School(id=school, name=f"School {school}")),
    )


def _notes(laptop: Laptop) -> set[str]:
    with laptop.db.read() as s:
        return set(s.scalars(select(Note.text)))


def test_a_format_1_package_imports_and_its_batches_travel_on(tmp_path: Path) -> None:
    package = DATA / "v1-rob-to-trevor.peerwalk"
    with zipfile.ZipFile(package) as z:
        assert "ops.jsonl" in z.namelist()  # really the old container
    trevor = _laptop(tmp_path, "Trevor Mayhew", "137452")
    summary = trevor.import_(package)
    assert summary["new_changes"] == summary["changes"] > 100
    assert ROB_NOTE in _notes(trevor)
    with trevor.db.read() as s:
        (photo,) = s.scalars(select(Attachment.sha256))
        assert {b.version for b in s.scalars(select(Batch))} == {
            1,
            2,
        }  # Rob's (format 1), Trevor's own
    assert (trevor.dir / "attachments" / f"{photo}.jpg").exists()
    claire = _laptop(tmp_path, "Claire Goodwin", "137451")  # the host: Rob's review is hers
    relayed = trevor.export_for(claire)
    with zipfile.ZipFile(relayed) as z:
        assert "ops.jsonl" not in z.namelist()  # a format-2 package carrying format-1 batches
    summary = claire.import_(relayed)
    # Claire has never met Rob's laptop: his batches were verified (a bad signature would
    # refuse the package) and wait, unapplied, until a package comes from Rob himself.
    (waiting,) = summary["waiting"]
    assert waiting["name"] == "Rob Ellis" and waiting["changes"] > 100
    assert ROB_NOTE not in _notes(claire)
    trevor.close()
    claire.close()


def test_a_format_1_laptop_upgrades_and_relays_what_it_held(tmp_path: Path) -> None:
    folder = tmp_path / "trevor"
    shutil.copytree(DATA / "v1-laptop" / "attachments", folder / "attachments")
    (folder / "peerwalk.db").write_bytes(
        gzip.decompress((DATA / "v1-laptop" / "peerwalk.db.gz").read_bytes())
    )
    con = sqlite3.connect(folder / "peerwalk.db")
    old = dict(con.execute("SELECT id, op_count FROM batches").fetchall())
    pending = con.execute("SELECT count(*) FROM changes WHERE batch_id IS NULL").fetchone()[0]
    con.close()
    assert len(old) == 3 and pending > 0
    trevor = Laptop.__new__(Laptop)
    trevor.dir, trevor.name, trevor.school, trevor.clock = folder, "Trevor Mayhew", "137452", WORLD
    trevor.db = Database.open(folder, WORLD)  # upgrades: each batch's lines move into one blob
    with trevor.db.read() as s:
        for b in s.scalars(select(Batch)):
            lines = gzip.decompress(b.lines).splitlines()
            assert b.version == 1 and len(lines) == old[b.id] == b.op_count
    claire = _laptop(tmp_path, "Claire Goodwin", "137451")
    summary = claire.import_(trevor.export_for(claire))
    # Rob's format-1 batches verified inside a format-2 package (a bad one refuses it); Claire
    # has never met Rob's laptop, so they wait, and so does Trevor's note on Rob's review.
    assert [w["name"] for w in summary["waiting"]] == ["Rob Ellis"] or {
        w["name"] for w in summary["waiting"]
    } == {"Rob Ellis", "Trevor Mayhew"}
    assert ROB_NOTE not in _notes(claire)
    with trevor.db.read() as s:
        assert (
            s.scalar(select(exchange.Change.id).where(exchange.Change.batch_id.is_(None))) is None
        )
    trevor.close()
    claire.close()

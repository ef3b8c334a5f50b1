"""Changes go into batches as they are written (exporting only signs and copies), and a package
whose batches a laptop holds already is not unpacked again."""

from __future__ import annotations

import gzip
import io
import zipfile
from datetime import date
from pathlib import Path

from sqlalchemy import select

from app.models import Batch, Change
from app.services.capture import add_note
from app.services.reviews import plan_review
from app.sync import keys as sitekeys
from app.sync.canonical import batch_statement, chain_hash
from app.sync.sealing import MERGE_AT
from tests.conftest import db_fingerprint
from tests.sync.laptops import Laptop


def _batch_of(laptop: Laptop, text: str) -> Batch:
    with laptop.db.read() as s:
        from app.models import Note

        note = s.scalar(select(Note.id).where(Note.text == text))
        batch_id = s.scalar(select(Change.batch_id).where(Change.record_id == note))
        assert batch_id is not None  # batched when its transaction ended, before any export
        return s.get(Batch, batch_id)  # type: ignore[return-value]


def _note(laptop: Laptop, review: str, text: str) -> None:
    laptop.do(
        add_note, review, focus="Reading", kind="strength", text=text, activity="learning-walk"
    )


def test_changes_are_batched_when_written_and_signed_at_export(tmp_path: Path) -> None:
    rob = Laptop(tmp_path, "Rob Ellis", "137450")
    trevor = Laptop(tmp_path, "Trevor Mayhew", "137452")
    review = rob.do(
        plan_review,
        host="137451",
        start=date(2026, 12, 10),
        focus=["Reading"],
        reviewers=["Rob Ellis", "Trevor Mayhew"],
    )
    _note(rob, review, "First note")
    _note(rob, review, "Second note")
    first, second = _batch_of(rob, "First note"), _batch_of(rob, "Second note")
    assert (
        first.id == second.id
        and first.scope == review
        and first.signature == ""
        and first.version == 2
    )
    lines = gzip.decompress(second.lines).splitlines()  # type: ignore[arg-type]
    assert len(lines) == second.op_count and chain_hash(lines) == second.ops_hash
    assert second.parts == 3  # one gzip member per transaction: planning, then each note
    trevor.import_(rob.export_for(trevor))
    signed = _batch_of(rob, "Second note")
    with rob.db.read() as s:
        from app.services.exchange import site_id

        keys = sitekeys.load_or_create(rob.dir, None, site_id(s))
    assert sitekeys.verify(
        keys.public_key, signed.signature, batch_statement({**signed.__dict__}, 2)
    )
    _note(rob, review, "Third note")
    assert _batch_of(rob, "Third note").id != signed.id  # a signed batch takes nothing more
    rob.close()
    trevor.close()


def test_an_open_batch_is_compressed_again_as_one_member(tmp_path: Path) -> None:
    rob = Laptop(tmp_path, "Rob Ellis", "137450")
    review = rob.do(
        plan_review,
        host="137451",
        start=date(2026, 12, 10),
        focus=["Reading"],
        reviewers=["Rob Ellis"],
    )
    for n in range(MERGE_AT + 1):
        _note(rob, review, f"Note {n}")
    batch = _batch_of(rob, f"Note {MERGE_AT}")
    assert batch.parts < MERGE_AT
    lines = gzip.decompress(batch.lines).splitlines()  # type: ignore[arg-type]
    assert len(lines) == batch.op_count and chain_hash(lines) == batch.ops_hash
    assert all(any(f"Note {n}".encode() in line for line in lines) for n in range(MERGE_AT + 1))
    rob.close()


def test_batches_a_laptop_holds_are_not_unpacked_again(tmp_path: Path) -> None:
    """Rob sends Trevor everything twice (Trevor never acknowledged). In the second package a
    batch Trevor holds is replaced by unreadable (but intact, CRC-correct) bytes: it is skipped
    by its id, so the package imports with nothing new. The same bytes in place of a batch he
    lacks are refused."""
    rob = Laptop(tmp_path, "Rob Ellis", "137450")
    trevor = Laptop(tmp_path, "Trevor Mayhew", "137452")
    review = rob.do(
        plan_review,
        host="137451",
        start=date(2026, 12, 10),
        focus=["Reading"],
        reviewers=["Rob Ellis", "Trevor Mayhew"],
    )
    _note(rob, review, "Held note")
    trevor.import_(rob.export_for(trevor))
    held = _batch_of(rob, "Held note").id
    _note(rob, review, "New note")
    new = _batch_of(rob, "New note").id
    again = rob.export_for(trevor)

    def replaced(batch_id: str) -> Path:
        with zipfile.ZipFile(again) as z:
            members = {n: z.read(n) for n in z.namelist()}
        members[f"ops/{batch_id}.jsonl.gz"] = gzip.compress(b"this is not a change\n")
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            for name, data in members.items():
                z.writestr(name, data)
        out = tmp_path / f"{batch_id}.peerwalk"
        out.write_bytes(buf.getvalue())
        return out

    before = db_fingerprint(trevor.dir)
    try:
        trevor.import_(replaced(new))
    except Exception as exc:
        assert "malformed" in str(exc)
    else:
        raise AssertionError("a batch Trevor lacks was not checked")
    assert db_fingerprint(trevor.dir) == before
    summary = trevor.import_(replaced(held))
    assert summary["new_changes"] > 0  # the new note's changes only
    with trevor.db.read() as s:
        assert s.get(Batch, new) is not None
    rob.close()
    trevor.close()

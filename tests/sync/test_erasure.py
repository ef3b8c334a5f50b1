"""Room for erasure: a value in a package can be replaced by its redaction marker, by anyone
holding the file, and the package still verifies and imports (the value shown as erased), while
any other change to a change's line is refused.

The redaction here is made by hand from the documented format (README, "Packages"), not by
the app's own helper: the line up to ``,"value":`` is kept, and the rest becomes
``,"value":{"redacted":"<sha256 of the rest>"}}``.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import AppError
from app.models import Batch, Change, Note
from app.services.capture import add_note, edit_note
from app.services.reviews import plan_review
from app.sync.canonical import redact_line
from tests.conftest import db_fingerprint
from tests.sync.laptops import Laptop

SECRET = "Sam Jones (Y5) read aloud and explained the text"


def _redact(line: bytes) -> bytes:
    at = line.index(b',"value":')
    digest = hashlib.sha256(line[at:]).hexdigest().encode()
    return line[:at] + b',"value":{"redacted":"' + digest + b'"}}'


def _rewrite(path: Path, out: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """The package with ``change`` applied to the one line that holds SECRET; the manifest
    and its signature are copied untouched."""
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    hits = 0
    for name, data in members.items():
        if name.startswith("ops/"):
            lines = gzip.decompress(data).splitlines()
            new = [change(line) if SECRET.encode() in line else line for line in lines]
            hits += sum(a != b for a, b in zip(lines, new, strict=True))
            members[name] = gzip.compress(b"".join(line + b"\n" for line in new))
    assert hits == 1
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data, zipfile.ZIP_STORED)
    out.write_bytes(buf.getvalue())
    return out


@pytest.fixture
def trio(tmp_path: Path):  # type: ignore[no-untyped-def]
    rob = Laptop(tmp_path, "Rob Ellis", "137450")
    trevor = Laptop(tmp_path, "Trevor Mayhew", "137452")
    claire = Laptop(tmp_path, "Claire Goodwin", "137451")
    review = rob.do(
        plan_review,
        host="137451",
        start=date(2026, 12, 10),
        focus=["Reading"],
        reviewers=["Rob Ellis", "Trevor Mayhew"],
        distribution="review-team",
    )
    claire.import_(
        rob.export_for(claire, tmp_path / "claire-meets-rob.peerwalk")
    )  # so Rob's relayed changes apply
    note = rob.do(
        add_note,
        review,
        focus="Reading",
        kind="strength",
        text="A pupil read aloud",
        activity="learning-walk",
    )
    rob.do(edit_note, note, text=SECRET)
    yield rob, trevor, claire, note, rob.export_for(trevor, tmp_path / "for-trevor.peerwalk")
    for x in (rob, trevor, claire):
        x.close()


def _note_text(laptop: Laptop, note: str) -> str:
    with laptop.db.read() as s:
        return s.get(Note, note).text  # type: ignore[union-attr]


def test_a_redacted_value_still_verifies_imports_erased_and_relays(trio, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _rob, trevor, claire, note, pkg = trio
    redacted = _rewrite(pkg, tmp_path / "redacted.peerwalk", _redact)
    summary = trevor.import_(redacted)
    assert summary["new_changes"] > 0
    assert _note_text(trevor, note) == ""  # the erased text, shown empty
    with trevor.db.read() as s:
        values = [
            v
            for v in s.scalars(
                select(Change.value).where(Change.record_id == note, Change.field == "text")
            )
        ]
        stored = b"".join(gzip.decompress(b) for b in s.scalars(select(Batch.lines)))
    assert len(values) == 1 and set(values[0]) == {"redacted"}
    assert SECRET.encode() not in stored and b"Sam Jones" not in stored
    # Trevor relays the redacted batch as he received it; Claire verifies and imports it too.
    claire.import_(trevor.export_for(claire))
    assert _note_text(claire, note) == ""
    # The app's own redaction is the documented one.
    line = next(
        line
        for line in gzip.decompress(
            next(
                m
                for n, m in _members(pkg).items()
                if n.startswith("ops/") and SECRET.encode() in gzip.decompress(m)
            )
        ).splitlines()
        if SECRET.encode() in line
    )
    assert redact_line(line) == _redact(line)


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _value_changed(line: bytes) -> bytes:
    return line.replace(b"explained the text", b"invented the text")


def _wrong_digest(line: bytes) -> bytes:
    at = line.index(b',"value":')
    return (
        line[:at]
        + b',"value":{"redacted":"'
        + hashlib.sha256(b"something else").hexdigest().encode()
        + b'"}}'
    )


def _redacted_and_moved(line: bytes) -> bytes:
    op = json.loads(line)
    return _redact(line).replace(op["author"].encode(), b"Someone else")


def _salt_dropped(line: bytes) -> bytes:
    op = json.loads(line)
    del op["value_salt"]
    return json.dumps(op, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@pytest.mark.parametrize(
    "change", [_value_changed, _wrong_digest, _redacted_and_moved, _salt_dropped]
)
def test_any_other_change_to_a_line_is_refused(trio, tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    _, trevor, _, _note, pkg = trio
    bad = _rewrite(pkg, tmp_path / "bad.peerwalk", change)
    before = db_fingerprint(trevor.dir)
    with pytest.raises(AppError, match="altered after it was signed"):
        trevor.import_(bad)
    assert db_fingerprint(trevor.dir) == before

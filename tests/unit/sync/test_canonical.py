"""Format 2's signed bytes: each change's envelope and a salted digest of its value, so a value
can be redacted and its batch still verifies; and the gzip blobs batches travel in."""

from __future__ import annotations

import gzip
import hashlib
import json
import uuid
from typing import Any

import pytest

from app.errors import IntegrityFailure
from app.sync import blobs
from app.sync.canonical import chain_hash, dumps, is_redacted, redact_line, sealed_line, split_line

SITE = str(uuid.uuid4())


def _op(value: Any, **kw: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "site_id": SITE,
        "seq": 1,
        "hlc": f"{1796000000000:013d}-00000-{SITE}",
        "table": "notes",
        "record": str(uuid.uuid4()),
        "field": "text",
        "value": value,
        "author": "Rob",
        "seen": [],
        "batch": str(uuid.uuid4()),
        **kw,
    }


def test_the_envelope_is_the_change_without_its_value() -> None:
    op = _op('Quotes "and" the words ,"value": inside', author='O\'Brien ,"value":')
    envelope, digest = split_line(sealed_line(op, "ab" * 16))
    assert json.loads(envelope) == {k: v for k, v in op.items() if k != "value"}
    assert envelope == dumps({k: v for k, v in op.items() if k != "value"})
    assert len(digest) == 64


def test_the_digest_is_salted() -> None:
    """Two changes with the same words do not share a digest, and no digest is the plain hash
    of the words: a redacted line leaves nothing to check a guess against."""
    a, b = _op("Sam Jones"), _op("Sam Jones")
    da, db = (
        split_line(sealed_line(a, uuid.uuid4().hex))[1],
        split_line(sealed_line(b, uuid.uuid4().hex))[1],
    )
    assert da != db
    assert hashlib.sha256(dumps("Sam Jones")).hexdigest() not in (da, db)


def test_a_redacted_line_keeps_envelope_digest_and_chain() -> None:
    lines = [sealed_line(_op(f"note {n}", seq=n), uuid.uuid4().hex) for n in range(1, 4)]
    redacted = [lines[0], redact_line(lines[1]), lines[2]]
    assert split_line(redacted[1]) == split_line(lines[1])
    assert chain_hash(redacted) == chain_hash(lines)
    assert is_redacted(json.loads(redacted[1])["value"]) and b"note 2" not in redacted[1]
    assert redact_line(redacted[1]) == redacted[1]  # redacting twice changes nothing


def test_any_other_change_moves_the_chain() -> None:
    lines = [sealed_line(_op(f"note {n}", seq=n), uuid.uuid4().hex) for n in range(1, 3)]
    base = chain_hash(lines)
    assert chain_hash([lines[0].replace(b"note 1", b"note 9"), lines[1]]) != base
    assert chain_hash([lines[0].replace(b'"Rob"', b'"Bob"'), lines[1]]) != base
    assert chain_hash(lines[::-1]) != base
    with pytest.raises(ValueError):
        chain_hash([b'{"no":"value"}'])


def test_blobs_hold_several_members_and_refuse_bombs() -> None:
    one, two = blobs.pack([b"a", b"b"]), blobs.pack([b"c"])
    assert blobs.lines_of(blobs.unpack(one + two, 10**6)) == [b"a", b"b", b"c"]
    assert gzip.decompress(one + two) == b"a\nb\nc\n"  # any gzip reader reads it
    with pytest.raises(IntegrityFailure, match="compression bomb"):
        blobs.unpack(gzip.compress(b"0" * 40_000_000), 10**9)
    assert (
        len(blobs.unpack(gzip.compress(b"0" * 40_000_000), 10**9, received=False)) == 40_000_000
    )  # this laptop's own
    with pytest.raises(IntegrityFailure, match="compression bomb"):
        blobs.unpack(one, 3)  # more than the caller allows
    with pytest.raises(IntegrityFailure, match="damaged"):
        blobs.unpack((one + two)[:-5], 10**6)
    with pytest.raises(IntegrityFailure, match="damaged"):
        blobs.unpack(one + b"junk", 10**6)

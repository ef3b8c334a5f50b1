"""Canonical JSON (sorted keys, no spaces, UTF-8): the bytes that are hashed and signed.

Format 2 signs each change's *envelope* and a digest of its value, not the value itself, so a
value can later be replaced by a redaction marker everywhere and every signature still holds
(as Matrix does for redactable events). A travelling line is the canonical JSON of the change
with a random ``value_salt``; canonical key order puts ``value`` and ``value_salt`` last, so

    line      = ENVELOPE_PREFIX + ',"value":' + VALUE + ',"value_salt":"' + SALT + '"}'
    envelope  = ENVELOPE_PREFIX + '}'          (the change without value and salt, as JSON)
    digest    = sha256(the line from ',"value":' to its end)
    redacted  = ENVELOPE_PREFIX + ',"value":{"redacted":"' + digest + '"}}'

The salt goes with the value, so a redacted line keeps no guessable hash of what was erased.
A batch's hash chains its changes in sequence order:
``h0 = "0" * 64``, ``h(n) = sha256(h(n-1) "\\n" envelope "\\n" digest)``.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

OP_FIELDS = (
    "id",
    "site_id",
    "seq",
    "hlc",
    "table",
    "record",
    "field",
    "value",
    "author",
    "seen",
    "batch",
)
SALT_FIELD = "value_salt"
CHAIN_START = "0" * 64
CHAINED_BATCHES = 2  # the batch format whose lines are hash-chained (chain_hash)
_VALUE = b',"value":'
_REDACTED_HEAD = b',"value":{"redacted":"'
_REDACTED_LEN = len(_REDACTED_HEAD) + 64 + 3  # the digest, then '"}}'
_HEX64 = re.compile(rb"^[0-9a-f]{64}$")


def dumps(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def op_line(op: dict[str, Any]) -> bytes:
    """One op as format 1 carried it (and hashed it whole): canonical JSON."""
    return dumps({k: op[k] for k in OP_FIELDS})


def sealed_line(op: dict[str, Any], salt: str) -> bytes:
    """One op as format 2 carries it: canonical JSON with the salt of its value."""
    return dumps({**{k: op[k] for k in OP_FIELDS}, SALT_FIELD: salt})


def batch_hash(ops: list[dict[str, Any]]) -> str:
    """What a site signed for a format-1 batch: its ops in sequence order."""
    return lines_hash([op_line(op) for op in sorted(ops, key=lambda o: o["seq"])])


def lines_hash(lines: list[bytes]) -> str:
    """Format 1: the lines themselves, values included."""
    h = hashlib.sha256()
    for line in lines:
        h.update(line)
        h.update(b"\n")
    return h.hexdigest()


def split_line(line: bytes) -> tuple[bytes, str]:
    """(envelope, value digest) of a travelling line, redacted or not. The envelope is the
    line up to its value (``,"value":`` cannot occur earlier: strings escape their quotes
    and ``seen`` is a list); the digest is the hash of the rest, or the one a redaction
    marker keeps. Raises ValueError for a line that has no value at the end."""
    i = line.find(_VALUE)
    if i < 0 or not line.endswith(b"}"):
        raise ValueError("not a change")
    tail = line[i:]
    if len(tail) == _REDACTED_LEN and tail.startswith(_REDACTED_HEAD) and tail.endswith(b'"}}'):
        kept = tail[len(_REDACTED_HEAD) : -3]
        if _HEX64.match(kept):
            return line[:i] + b"}", kept.decode("ascii")
    return line[:i] + b"}", hashlib.sha256(tail).hexdigest()


def chain(previous: str, envelope: bytes, digest: str) -> str:
    h = hashlib.sha256(previous.encode("ascii"))
    h.update(b"\n")
    h.update(envelope)
    h.update(b"\n")
    h.update(digest.encode("ascii"))
    return h.hexdigest()


def chain_hash(lines: list[bytes]) -> str:
    """What a site signs for a format-2 batch (its lines in sequence order). Raises ValueError."""
    h = CHAIN_START
    for line in lines:
        envelope, digest = split_line(line)
        h = chain(h, envelope, digest)
    return h


def batch_statement(batch: dict[str, Any], version: int) -> bytes:
    """What a site signs for a batch. Format 2 names its version, so a format-2 batch can
    never be checked as a format-1 one. Raises KeyError if the batch lacks a part."""
    keys = ("id", "site_id", "scope", "ops_hash", "op_count")
    named = {"version": version} if version == CHAINED_BATCHES else {}
    return dumps({**{k: batch[k] for k in keys}, **named})


def redact_line(line: bytes) -> bytes:
    """The line with its value (and salt) replaced by the redaction marker: what an erasure
    writes everywhere a change is kept. Its batch still verifies. Raises ValueError."""
    envelope, digest = split_line(line)
    return envelope[:-1] + _REDACTED_HEAD + digest.encode("ascii") + b'"}}'


def is_redacted(value: Any) -> bool:
    """A value that was erased (only its digest is left)."""
    return type(value) is dict and len(value) == 1 and "redacted" in value

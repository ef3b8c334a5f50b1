"""Canonical JSON (sorted keys, no spaces, UTF-8): the bytes that are hashed and signed."""

from __future__ import annotations

import hashlib
import json
from typing import Any

OP_FIELDS = ("id", "site_id", "seq", "hlc", "table", "record", "field", "value", "author", "seen", "batch")


def dumps(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def op_line(op: dict[str, Any]) -> bytes:
    """One op as it travels in ops.jsonl (and is hashed): canonical JSON."""
    return dumps({k: op[k] for k in OP_FIELDS})


def batch_hash(ops: list[dict[str, Any]]) -> str:
    """What a site signs for a batch: its ops in sequence order (the batch id is in each op)."""
    return lines_hash([op_line(op) for op in sorted(ops, key=lambda o: o["seq"])])


def lines_hash(lines: list[bytes]) -> str:
    h = hashlib.sha256()
    for line in lines:
        h.update(line)
        h.update(b"\n")
    return h.hexdigest()

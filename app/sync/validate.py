"""Checks on the ops inside a package: shapes, and that every op is signed by its own site."""

from __future__ import annotations

from typing import Any

from app.errors import IntegrityFailure
from app.sync import keys as sitekeys
from app.sync.canonical import OP_FIELDS, batch_hash, dumps, lines_hash

MAX_SEEN = 64


def _columns() -> dict[str, set[str]]:
    from sqlalchemy import inspect

    from app.models import SYNCED_TABLES
    from app.models.base import META_FIELDS

    return {name: {c.key for c in inspect(cls).column_attrs} - META_FIELDS for name, cls in SYNCED_TABLES.items()}


def check_op_shapes(ops: list[dict[str, Any]]) -> None:
    """Every op is a well-formed change of a synced table's content column."""
    columns = _columns()
    for op in ops:
        ok = (
            isinstance(op, dict)
            and set(op) == set(OP_FIELDS)
            and isinstance(op["id"], str) and len(op["id"]) == 36
            and isinstance(op["site_id"], str) and 0 < len(op["site_id"]) <= 36
            and isinstance(op["seq"], int) and not isinstance(op["seq"], bool) and op["seq"] > 0
            and isinstance(op["hlc"], str) and len(op["hlc"]) <= 60
            and op["table"] in columns
            and isinstance(op["record"], str) and 0 < len(op["record"]) <= 36
            and isinstance(op["author"], str) and len(op["author"]) <= 200
            and isinstance(op["seen"], list) and len(op["seen"]) <= MAX_SEEN and all(isinstance(s, str) and len(s) == 36 for s in op["seen"])
            and isinstance(op["batch"], str) and len(op["batch"]) == 36
        )
        if ok:
            cols = columns[op["table"]]
            if op["field"] == "*":
                ok = isinstance(op["value"], dict) and set(op["value"]) <= cols and op["value"].get("id") == op["record"]
            else:
                ok = op["field"] in cols and op["field"] != "id" and isinstance(op["value"], (str, int, float, bool, type(None)))
        if ok and isinstance(op["value"], str) and len(op["value"]) > 100_000:
            ok = False
        if not ok:
            raise IntegrityFailure("The package contains a malformed change; it was not applied.")


def check_batches(manifest: dict[str, Any], ops: list[dict[str, Any]], lines: list[bytes] | None = None) -> None:
    """Every op belongs to a batch signed by the site that made it, with that site's key as
    listed in the manifest. A sender relaying another school's ops cannot alter them."""
    try:
        sites = {s["site_id"]: s for s in manifest["sites"]}
        batches = {b["id"]: b for b in manifest["batches"]}
    except (KeyError, TypeError):
        raise IntegrityFailure("The package's manifest is malformed.") from None
    by_batch: dict[str, list[dict[str, Any]]] = {}
    raw: dict[str, list[tuple[int, bytes]]] = {}
    for i, op in enumerate(ops):
        by_batch.setdefault(op["batch"], []).append(op)
        if lines is not None:
            raw.setdefault(op["batch"], []).append((op["seq"], lines[i]))
    if set(by_batch) != set(batches):
        raise IntegrityFailure("The package's changes do not match its list of signed batches.")
    for batch_id, batch_ops in by_batch.items():
        b = batches[batch_id]
        site = sites.get(b.get("site_id"))
        if site is None or any(op["site_id"] != b["site_id"] for op in batch_ops):
            raise IntegrityFailure("The package contains changes that claim to be from another school's laptop than the one that signed them.")
        # Lines travel in canonical form, so the received bytes are hashed as they are; a line
        # in any other form fails here, like an altered one.
        digest = lines_hash([line for _, line in sorted(raw[batch_id], key=lambda x: x[0])]) if lines is not None else batch_hash(batch_ops)
        if b.get("op_count") != len(batch_ops) or b.get("ops_hash") != digest:
            raise IntegrityFailure("A batch of changes in the package was altered after it was signed.")
        statement = dumps({k: b[k] for k in ("id", "site_id", "scope", "ops_hash", "op_count")})
        if not sitekeys.verify(site["public_key"], b.get("signature", ""), statement):
            raise IntegrityFailure("The package contains changes whose author signature does not verify.")

"""Putting this laptop's changes into batches as they are written, so exporting only copies.

At the end of every transaction that wrote changes (app.db), ``stage`` adds them to this
laptop's open batch for their review (or the network): each change gets its travelling line
(format 2, with a fresh salt for its value), the batch's running hash moves on, and the lines
are appended to the batch's compressed blob. None of this needs the laptop's key, which may
be behind a passphrase. ``sign_open`` signs the open batches when a package is made: one
Ed25519 signature each.
"""

from __future__ import annotations

import json
import secrets
import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.sync import blobs
from app.sync import keys as sitekeys
from app.sync.canonical import CHAIN_START, batch_statement, chain, sealed_line, split_line
from app.sync.scope import UNSHARED, scopes_of

CAP = 256 * 1024  # compressed bytes: an open batch this big takes no more changes
MERGE_AT = 16  # gzip members: beyond this an open batch is compressed again as one


def stage(session: Session, site_id: str) -> int:
    """Put this site's changes that are in no batch yet into its open batches. Must run in the
    caller's transaction; returns how many changes it placed."""
    conn = session.connection()
    pending = conn.exec_driver_sql(
        # "+site_id": look the few unbatched changes up by batch_id, never walk this site's log.
        "SELECT id, seq, hlc, table_name, record_id, field, value, author, seen FROM changes WHERE batch_id IS NULL AND +site_id = ? ORDER BY seq",
        (site_id,),
    ).fetchall()
    if not pending:
        return 0

    def loads(v: Any) -> Any:
        # The column's JSON type has numeric affinity in SQLite: a number's JSON text ("3")
        # comes back as the number itself.
        return json.loads(v) if isinstance(v, str) else v

    ops = [
        {
            "id": r[0],
            "site_id": site_id,
            "seq": r[1],
            "hlc": r[2],
            "table": r[3],
            "record": r[4],
            "field": r[5],
            "value": loads(r[6]),
            "author": r[7],
            "seen": loads(r[8]),
        }
        for r in pending
    ]
    from app.sync.reference import travelling

    ops = travelling(session, ops)  # a school nothing refers to stays out of every batch
    if not ops:
        return 0
    scopes = scopes_of(
        session, [(o["table"], o["record"], o["value"] if o["field"] == "*" else None) for o in ops]
    )
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for o in ops:
        groups[scopes.get((o["table"], o["record"]), UNSHARED)].append(o)
    open_batches = _open_batches(session, site_id, list(groups))
    placed: list[tuple[str, str]] = []
    for scope, group in groups.items():
        batch = open_batches.get(scope)
        if batch is None or group[0]["seq"] <= batch["max_seq"]:
            # A batch is in sequence order: a change held back (a school referred to only now)
            # starts a batch of its own rather than follow later ones.
            batch = {
                "id": str(uuid.uuid4()),
                "ops_hash": CHAIN_START,
                "op_count": 0,
                "parts": 0,
                "lines": b"",
                "new": True,
            }
        h = batch["ops_hash"]
        lines = []
        for o in group:  # in sequence order
            o["batch"] = batch["id"]
            line = sealed_line(o, secrets.token_hex(16))
            h = chain(h, *split_line(line))
            lines.append(line)
            placed.append((batch["id"], o["id"]))
        if batch["parts"] + 1 > MERGE_AT:
            blob, parts = (
                blobs.pack(
                    blobs.lines_of(blobs.unpack(batch["lines"], 2**40, received=False)) + lines
                ),
                1,
            )
        else:
            blob, parts = batch["lines"] + blobs.pack(lines), batch["parts"] + 1
        count = batch["op_count"] + len(group)
        if batch.get("new"):
            conn.exec_driver_sql(
                "INSERT INTO batches (id, site_id, scope, ops_hash, op_count, signature, version, lines, parts) VALUES (?, ?, ?, ?, ?, '', 2, ?, ?)",
                (batch["id"], site_id, scope, h, count, blob, parts),
            )
        else:
            conn.exec_driver_sql(
                "UPDATE batches SET ops_hash = ?, op_count = ?, lines = ?, parts = ? WHERE id = ?",
                (h, count, blob, parts, batch["id"]),
            )
    conn.exec_driver_sql("UPDATE changes SET batch_id = ? WHERE id = ?", placed)
    return len(placed)


def _open_batches(session: Session, site_id: str, scopes: list[str]) -> dict[str, dict[str, Any]]:
    """This site's unsigned batch per scope that still has room."""
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(scopes), 500):
        chunk = scopes[i : i + 500]
        marks = ",".join(f":s{n}" for n in range(len(chunk)))
        rows = session.execute(
            text(
                "SELECT id, scope, ops_hash, op_count, parts, lines, (SELECT max(seq) FROM changes WHERE batch_id = batches.id) "
                f"FROM batches WHERE site_id = :site AND signature = '' AND scope IN ({marks}) AND length(lines) < :cap"
            ),
            {"site": site_id, "cap": CAP, **{f"s{n}": s for n, s in enumerate(chunk)}},
        )
        for bid, scope, h, n, parts, lines, top in rows:
            out[scope] = {
                "id": bid,
                "ops_hash": h,
                "op_count": n,
                "parts": parts,
                "lines": lines,
                "max_seq": top or 0,
            }
    return out


def sign_open(session: Session, site_id: str, keys: sitekeys.SiteKeys) -> int:
    """Sign this site's open batches (they take no more changes after this). Returns how many."""
    conn = session.connection()
    rows = conn.exec_driver_sql(
        "SELECT id, scope, ops_hash, op_count FROM batches WHERE site_id = ? AND signature = ''",
        (site_id,),
    ).fetchall()
    signed = []
    for bid, scope, h, n in rows:
        statement = batch_statement(
            {"id": bid, "site_id": site_id, "scope": scope, "ops_hash": h, "op_count": n}, 2
        )
        signed.append((sitekeys.sign(keys, statement), bid))
    if signed:
        conn.exec_driver_sql("UPDATE batches SET signature = ? WHERE id = ?", signed)
    return len(signed)

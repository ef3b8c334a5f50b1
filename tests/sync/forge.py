"""Packages made by hand: any ops, correctly signed (manifest and batches) by a real site key.

A trusted partner's laptop that is buggy or compromised can sign anything; these packages pass
every signature check, so what they test is that the content itself is checked before apply.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from datetime import UTC, timedelta
from typing import Any

from app.sync import blobs
from app.sync import keys as sitekeys
from app.sync.canonical import (
    batch_statement,
    chain_hash,
    dumps,
    lines_hash,
    op_line,
    sealed_line,
    sha256,
)
from app.sync.package import FORMAT
from tests.sync.laptops import START

# Forged changes are stamped well after anything the test laptops write (their clock starts at
# laptops.START and ticks a second per reading), so a well-formed forged edit is the newest.
FORGED_MS = int((START + timedelta(days=28)).replace(tzinfo=UTC).timestamp() * 1000)


def op(  # noqa: PLR0913 (one argument per field of a change line, as the format has them)
    site: str,
    seq: int,
    table: str,
    record: str,
    field: str,
    value: Any,
    *,
    seen: list[str] | None = None,
    hlc: str | None = None,
    author: str = "Forger",
) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "site_id": site,
        "seq": seq,
        "hlc": hlc or f"{FORGED_MS + seq:013d}-00000-{site}",
        "table": table,
        "record": record,
        "field": field,
        "value": value,
        "author": author,
        "seen": seen or [],
        "batch": "",
    }


def package(
    keys: sitekeys.SiteKeys,
    sender: dict[str, str],
    recipients: list[str],
    ops: list[dict[str, Any]],
    *,
    scope: str = "network",
    package_id: str | None = None,
    sites: list[dict[str, str]] | None = None,
    version: int = 2,
) -> bytes:
    """One batch per site among ``ops``, each signed with ``keys``; ``sites`` replaces the
    manifest's list of sites (the sender's details under each site id by default). ``version``
    1 makes the format-1 container (one ops.jsonl, batches hashed whole)."""
    batches: dict[str, list[dict[str, Any]]] = {}
    ids: dict[str, str] = {}
    for o in ops:
        ids.setdefault(o["site_id"], str(uuid.uuid4()))
        o["batch"] = ids[o["site_id"]]
        batches.setdefault(o["site_id"], []).append(o)
    manifest_batches = []
    members: dict[str, bytes] = {}
    lines: list[bytes] = []
    for site, bops in batches.items():
        in_order = sorted(bops, key=lambda o: o["seq"])
        if version == 1:
            blines = [op_line(o) for o in in_order]
            statement = {
                "id": ids[site],
                "site_id": site,
                "scope": scope,
                "ops_hash": lines_hash(blines),
                "op_count": len(blines),
            }
        else:
            blines = [sealed_line(o, uuid.uuid4().hex) for o in in_order]
            statement = {
                "id": ids[site],
                "site_id": site,
                "scope": scope,
                "ops_hash": chain_hash(blines),
                "op_count": len(blines),
                "version": 2,
            }
            members[f"ops/{ids[site]}.jsonl.gz"] = blobs.pack(blines)
        lines += blines
        manifest_batches.append(
            {**statement, "signature": sitekeys.sign(keys, batch_statement(statement, version))}
        )
    ops_bytes = b"\n".join(lines) + b"\n" if lines else b""
    manifest = {
        "format": FORMAT,
        "version": version,
        "package_id": package_id or str(uuid.uuid4()),
        "created_at": "2026-12-01T10:00:00",
        "sender": sender,
        "recipients": recipients,
        "sites": [{**sender, "site_id": s} for s in batches] or [sender],
        "has": [],
        "batches": sorted(manifest_batches, key=lambda b: b["id"]),
        "attachments": [],
        "ops": {"sha256": sha256(ops_bytes), "count": len(lines), "bytes": len(ops_bytes)}
        if version == 1
        else {"count": len(lines)},
    }
    if sender["site_id"] not in batches:
        manifest["sites"].append(sender)
    if sites is not None:
        manifest["sites"] = sites
    mb = dumps(manifest)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("manifest.json", mb)
        z.writestr("manifest.sig", sitekeys.sign(keys, mb))
        if version == 1:
            z.writestr("ops.jsonl", ops_bytes)
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()

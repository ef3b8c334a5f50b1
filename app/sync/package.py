"""The .peerwalk file: a zip holding a signed manifest, the changes in signed batches, photos.

    manifest.json   canonical JSON: format, version, package id, sender, recipients, the sites
                    whose changes it carries (with their public keys), signed batches, counts
    manifest.sig    Ed25519 signature of manifest.json by the sender
    ops/<batch id>.jsonl.gz    format 2: one member per batch, its changes as JSON lines in
                    sequence order, gzip-compressed (stored: the laptop keeps them compressed)
    attachments/<sha256>.jpg   photos, stored uncompressed, named by their content hash

Format 1 carried every change in one ``ops.jsonl`` whose SHA-256 the manifest signed; it is
still read. Format 2 signs no value bytes anywhere (see app.sync.canonical), so an erased value
can be replaced by its redaction marker and both the batch and the manifest still verify.

A package arrives by email: everything here treats it as hostile. ``read_package`` checks the
whole file before anyone acts on it and raises IntegrityFailure with one plain sentence.
"""

from __future__ import annotations

import json
import os
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import IntegrityFailure
from app.sync import blobs
from app.sync import keys as sitekeys
from app.sync.canonical import SALT_FIELD, dumps, sha256

FORMAT = "peerwalk-package"
VERSION = 2
MAX_PACKAGE_BYTES = 2 * 1024**3
# Everything a package may expand to, checked from the zip directory before any member is
# decompressed: a real network's full package is a few hundred MB, mostly photos.
MAX_UNPACKED_BYTES = 3 * 1024**3
MAX_MANIFEST_BYTES = 8 * 1024**2
MAX_OPS_BYTES = 1024**3
MAX_OPS = 2_000_000
MAX_ATTACHMENT_BYTES = 30 * 1024**2
MAX_ATTACHMENTS = 50_000
MAX_BATCHES = 200_000
MAX_RATIO = 50  # uncompressed / compressed: a zip bomb is far beyond this
AGE_MAGIC = b"age-encryption.org/v1"
_SAFE_NAME = re.compile(
    r"^(manifest\.json|manifest\.sig|ops\.jsonl|ops/[0-9a-f-]{36}\.jsonl\.gz|attachments/[0-9a-f]{64}\.jpg)$"
)
_SHA = re.compile(r"^[0-9a-f]{64}$")


@dataclass
class Package:
    """A checked package. ``ops`` and ``blobs`` (each batch's lines as stored and relayed)
    cover only the batches this laptop did not hold already; ``attachments`` only the photos
    it lacked. The manifest lists everything."""

    manifest: dict[str, Any]
    ops: list[dict[str, Any]]
    attachments: dict[str, bytes] = field(default_factory=dict)
    blobs: dict[str, bytes] = field(default_factory=dict)

    @property
    def sender(self) -> dict[str, Any]:
        sender: dict[str, Any] = self.manifest["sender"]
        return sender


def bad(sentence: str) -> IntegrityFailure:
    return IntegrityFailure(sentence)


def write_package(
    path: Path,
    manifest: dict[str, Any],
    batches: list[tuple[str, bytes]],
    attachments: dict[str, Path],
    keys: sitekeys.SiteKeys,
) -> int:
    """Write a package from batches already in their travelling form (id, gzip blob), to a
    temporary name, then rename. Nothing is compressed here. Returns its size in bytes."""
    manifest = {
        **manifest,
        "format": FORMAT,
        "version": VERSION,
        "ops": {"count": sum(int(b["op_count"]) for b in manifest["batches"])},
        "attachments": [
            {"sha256": sha, "bytes": p.stat().st_size} for sha, p in sorted(attachments.items())
        ],
    }
    manifest_bytes = dumps(manifest)
    when = (2026, 1, 1, 0, 0, 0)
    tmp = path.with_name(path.name + ".part")
    try:
        with zipfile.ZipFile(tmp, "w") as z:
            z.writestr(zipfile.ZipInfo("manifest.json", when), manifest_bytes, zipfile.ZIP_DEFLATED)
            z.writestr(
                zipfile.ZipInfo("manifest.sig", when),
                sitekeys.sign(keys, manifest_bytes),
                zipfile.ZIP_STORED,
            )
            for batch_id, blob in batches:
                z.writestr(
                    zipfile.ZipInfo(f"ops/{batch_id}.jsonl.gz", when), blob, zipfile.ZIP_STORED
                )
            for sha, p in sorted(attachments.items()):
                # Whole-file reads: zipfile's own copy loop (8 KB at a time) took half again
                # as long.
                z.writestr(
                    zipfile.ZipInfo(f"attachments/{sha}.jpg", when),
                    p.read_bytes(),
                    zipfile.ZIP_STORED,
                )
        os.replace(tmp, path)
    except OSError as exc:
        exc.filename = exc.filename or str(tmp)  # a failed write() names no file: say which disk
        raise
    finally:
        tmp.unlink(missing_ok=True)  # a full disk or an error half way leaves nothing behind
    return path.stat().st_size


def _read_member(z: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.file_size > limit:
        raise bad(
            f"The package's {info.filename} is larger than any real package's ({info.file_size:,} "
            "bytes)."
        )
    if (
        info.compress_type != zipfile.ZIP_STORED
        and info.file_size > 1024 * 1024
        and info.file_size > MAX_RATIO * max(info.compress_size, 1)
    ):
        raise bad(
            "The package is a compression bomb (it expands far beyond its size); it was not opened."
        )
    if info.flag_bits & 0x1:
        # Zip's own encryption (a damaged or altered flag: Peerwalk never writes it) would
        # otherwise stop the read with a request for a password.
        raise bad("This package is damaged or incomplete (it may have been cut short in transfer).")
    with z.open(info) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit or len(data) != info.file_size:
        raise bad(f"The package's {info.filename} is not the size its directory says.")
    return data


Held = Callable[[dict[str, Any]], tuple[set[str], set[str]]]


def read_package(  # noqa: PLR0912, PLR0915 (the checks of a package, in the order it is read)
    source: bytes | Path,
    screen: Callable[[dict[str, Any]], None] | None = None,
    held: Held | None = None,
) -> Package:
    """Check a package completely (structure, sizes, signatures, hashes, op shapes) without
    touching any database. ``screen`` sees the signed manifest before anything else is
    decompressed, so a package from a stranger, a replayed or a misaddressed one is refused
    from its manifest alone (a file on disk is read from its zip directory, never whole).
    ``held`` says, from the signed manifest, which batch ids and photo hashes this laptop
    already has: those members are not even read (format 2). Raises IntegrityFailure naming
    the first problem."""
    import io

    head = source[:64] if isinstance(source, bytes) else _head(source)
    if head.startswith(AGE_MAGIC):
        raise bad("This package is encrypted; open it with your keys or its passphrase.")
    if not head.startswith(b"PK\x03\x04"):
        raise bad("This file is not a Peerwalk package.")
    try:
        z = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
        infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error, NotImplementedError):
        raise bad(
            "This package is damaged or incomplete (it may have been cut short in transfer)."
        ) from None
    names = [i.filename for i in infos]
    for name in names:
        if not _SAFE_NAME.match(name):
            raise bad(
                f"The package contains a file it should not ('{_shown(name)}'); it was not opened."
            )
    if len(set(names)) != len(names):
        raise bad("The package contains the same file twice; it was not opened.")
    if "manifest.json" not in names or "manifest.sig" not in names:
        raise bad("This zip file is not a Peerwalk package (it has no signed manifest).")
    if len(names) > MAX_ATTACHMENTS + MAX_BATCHES + 3:
        raise bad("The package holds an absurd number of files; it was not opened.")
    if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        raise bad("The package would expand far beyond any real package's size; it was not opened.")
    by_name = {i.filename: i for i in infos}
    try:
        manifest_bytes = _read_member(z, by_name["manifest.json"], MAX_MANIFEST_BYTES)
        signature = _read_member(z, by_name["manifest.sig"], 200).decode("ascii")
        manifest = json.loads(manifest_bytes)
    except (
        zipfile.BadZipFile,
        OSError,
        EOFError,
        UnicodeDecodeError,
        ValueError,
        RecursionError,
        zlib.error,
        NotImplementedError,
    ) as exc:
        if isinstance(exc, IntegrityFailure):
            raise
        raise bad(
            "This package is damaged or incomplete (it may have been cut short in transfer)."
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise bad("This zip file is not a Peerwalk package.")
    version = manifest.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise bad(
            "This package was made by a newer version of Peerwalk; please update Peerwalk to open "
            "it."
        )
    if version < 1:
        raise bad("This zip file is not a Peerwalk package.")
    try:
        sender = manifest["sender"]
        ok = sitekeys.verify(sender["public_key"], signature, manifest_bytes)
    except (KeyError, TypeError):
        ok = False
    if not ok:
        raise bad(
            "The package's signature does not match its contents: it was changed after it was "
            "made, or not made by Peerwalk."
        )
    if not _manifest_ok(manifest):
        raise bad("The package's manifest is malformed.")
    try:
        if screen is not None:
            screen(manifest)
        if version == 1:
            return _check_contents_v1(z, by_name, manifest)
        skip_batches, skip_photos = held(manifest) if held is not None else (set(), set())
        return _check_contents(z, by_name, manifest, skip_batches, skip_photos)
    finally:
        z.close()


def _shown(name: str) -> str:
    """A file name from a hostile zip, safe to put in one line of text."""
    return "".join(c if c.isprintable() else "?" for c in name[:60])


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(64)
    except OSError:
        raise bad("The package file could not be read.") from None


def _text(v: Any, most: int, least: int = 0) -> bool:
    return isinstance(v, str) and least <= len(v) <= most


def _site_ok(s: Any) -> bool:
    return (
        isinstance(s, dict)
        and _text(s.get("site_id"), 36, 1)
        and _text(s.get("public_key"), 100, 1)
        and all(
            _text(s.get(k, ""), n)
            for k, n in (
                ("name", 200),
                ("school_id", 36),
                ("school_name", 200),
                ("age_recipient", 100),
            )
        )
    )


def _manifest_ok(m: dict[str, Any]) -> bool:
    """The signed manifest's own shape (a trusted sender's bug must not crash the reader)."""
    sites, batches = m.get("sites"), m.get("batches")
    return (
        _text(m.get("package_id"), 36, 1)
        and _site_ok(m.get("sender"))
        and isinstance(m.get("recipients"), list)
        and all(_text(r, 36, 1) for r in m["recipients"])
        and isinstance(sites, list)
        and all(_site_ok(s) for s in sites)
        and m["sender"] in sites
        and len({s["site_id"] for s in sites}) == len(sites)
        and isinstance(batches, list)
        and all(isinstance(b, dict) and _text(b.get("id"), 36, 36) for b in batches)
        and isinstance(m.get("has", []), list)
        and all(_text(h, 36, 36) for h in m.get("has", []))
    )


def _declared(manifest: dict[str, Any]) -> dict[str, int]:
    try:
        declared = {
            f"attachments/{a['sha256']}.jpg": int(a["bytes"]) for a in manifest["attachments"]
        }
        if not all(_SHA.match(a["sha256"]) for a in manifest["attachments"]):
            raise ValueError
    except (KeyError, TypeError, ValueError):
        raise bad("The package's manifest is malformed.") from None
    return declared


def _same_members(by_name: dict[str, zipfile.ZipInfo], expected: set[str]) -> None:
    if set(by_name) != expected:
        extra = sorted(set(by_name) - expected)
        raise bad(
            "The package's files do not match its manifest"
            + (f" (unexpected: {_shown(extra[0])})." if extra else " (some are missing).")
        )


def _photos(
    z: zipfile.ZipFile,
    by_name: dict[str, zipfile.ZipInfo],
    declared: dict[str, int],
    skip: set[str],
) -> dict[str, bytes]:
    attachments = {}
    for name, size in declared.items():
        sha = name[len("attachments/") : -4]
        data = _read_member(z, by_name[name], min(MAX_ATTACHMENT_BYTES, size))  # checks its CRC
        if sha in skip:
            continue
        if sha256(data) != sha:
            raise bad(
                "A photo in the package does not match its fingerprint: the package was altered."
            )
        attachments[sha] = data
    return attachments


def _batch_entries(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """The signed batch list, checked for shape and absurd counts before anything is read."""
    batches: list[dict[str, Any]] = manifest["batches"]
    count = manifest.get("ops", {}).get("count") if isinstance(manifest.get("ops"), dict) else None
    if not isinstance(count, int) or not 0 <= count <= MAX_OPS or len(batches) > MAX_BATCHES:
        raise bad("The package claims an absurd number of changes; it was not opened.")
    for b in batches:
        if not (
            _text(b.get("site_id"), 36, 1)
            and _text(b.get("scope"), 60, 1)
            and _text(b.get("ops_hash"), 64, 64)
            and _text(b.get("signature"), 100, 1)
            and type(b.get("op_count")) is int
            and 0 < b["op_count"] <= MAX_OPS
            and b.get("version", 1) in (1, 2)
        ):
            raise bad("The package's manifest is malformed.")
    if sum(b["op_count"] for b in batches) != count or len({b["id"] for b in batches}) != len(
        batches
    ):
        raise bad("The package's manifest is malformed.")
    return batches


def _check_contents(
    z: zipfile.ZipFile,
    by_name: dict[str, zipfile.ZipInfo],
    manifest: dict[str, Any],
    skip_batches: set[str],
    skip_photos: set[str],
) -> Package:
    """Format 2: verify the batches this laptop lacks against their authors' signatures and
    every change's shape, and hash the photos it lacks. Members it holds already are only
    read through (the zip's CRC-32 still catches a damaged byte); their contents are never
    used."""
    from app.sync.validate import check_op_shapes, check_signed_batches

    declared = _declared(manifest)
    batches = _batch_entries(manifest)
    _same_members(
        by_name,
        {"manifest.json", "manifest.sig", *declared, *(f"ops/{b['id']}.jsonl.gz" for b in batches)},
    )
    budget = MAX_OPS_BYTES
    checked: list[tuple[dict[str, Any], list[bytes], list[dict[str, Any]]]] = []
    stored: dict[str, bytes] = {}
    try:
        for b in batches:
            blob = _read_member(
                z, by_name[f"ops/{b['id']}.jsonl.gz"], MAX_OPS_BYTES
            )  # checks its CRC
            if b["id"] in skip_batches:
                continue  # held whole already: not unpacked, parsed or verified again
            raw = blobs.unpack(blob, budget)
            budget -= len(raw)
            try:
                lines = blobs.lines_of(raw)
                ops = [json.loads(line) for line in lines]
            except (ValueError, RecursionError):
                raise bad("The package's changes are malformed.") from None
            for op in ops:
                if type(op) is dict:
                    op.pop(SALT_FIELD, None)  # it belongs to the value; only the line keeps it
            checked.append((b, lines, ops))
            stored[b["id"]] = blob
        attachments = _photos(z, by_name, declared, skip_photos)
    except (
        zipfile.BadZipFile,
        OSError,
        EOFError,
        ValueError,
        zlib.error,
        NotImplementedError,
    ) as exc:
        if isinstance(exc, IntegrityFailure):
            raise
        raise bad(
            "This package is damaged or incomplete (it may have been cut short in transfer)."
        ) from None
    ops = [op for _, _, batch_ops in checked for op in batch_ops]
    check_op_shapes(ops)
    check_signed_batches(manifest, checked)
    return Package(manifest, ops, attachments, stored)


def _check_contents_v1(
    z: zipfile.ZipFile, by_name: dict[str, zipfile.ZipInfo], manifest: dict[str, Any]
) -> Package:
    """Format 1: one ops.jsonl, its SHA-256 signed in the manifest, batches hashed whole."""
    declared = _declared(manifest)
    ops_meta = manifest.get("ops")
    if not isinstance(ops_meta, dict):
        raise bad("The package's manifest is malformed.")
    _same_members(by_name, {"manifest.json", "manifest.sig", "ops.jsonl", *declared})
    if (
        not isinstance(ops_meta.get("count"), int)
        or ops_meta["count"] > MAX_OPS
        or ops_meta["count"] < 0
    ):
        raise bad("The package claims an absurd number of changes; it was not opened.")
    try:
        ops_bytes = _read_member(
            z, by_name["ops.jsonl"], min(MAX_OPS_BYTES, int(ops_meta["bytes"]))
        )
        attachments = _photos(z, by_name, declared, set())
    except (
        zipfile.BadZipFile,
        OSError,
        EOFError,
        ValueError,
        zlib.error,
        NotImplementedError,
    ) as exc:
        if isinstance(exc, IntegrityFailure):
            raise
        raise bad(
            "This package is damaged or incomplete (it may have been cut short in transfer)."
        ) from None
    if sha256(ops_bytes) != ops_meta.get("sha256"):
        raise bad(
            "The changes in the package do not match its signed manifest: the package was altered."
        )
    try:
        lines = [line for line in ops_bytes.splitlines() if line]
        ops = [json.loads(line) for line in lines]
    except (ValueError, RecursionError):
        raise bad("The package's changes are malformed.") from None
    if len(ops) != ops_meta["count"]:
        raise bad("The package does not hold the number of changes its manifest says.")
    from app.sync.validate import check_batches, check_op_shapes

    check_op_shapes(ops)
    check_batches(manifest, ops, lines)
    # Kept as received (in sequence order, compressed), to relay them unchanged.
    by_batch: dict[str, list[tuple[int, bytes]]] = {}
    for op, line in zip(ops, lines, strict=True):
        by_batch.setdefault(op["batch"], []).append((op["seq"], line))
    stored = {b: blobs.pack([line for _, line in sorted(rows)]) for b, rows in by_batch.items()}
    return Package(manifest, ops, attachments, stored)

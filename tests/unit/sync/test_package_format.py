"""The container on its own: written, read back, and refused when it is not what it says."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from pathlib import Path

import pytest

from app.errors import IntegrityFailure
from app.sync import blobs
from app.sync import keys as sitekeys
from app.sync.canonical import batch_statement, chain_hash, dumps, sealed_line
from app.sync.package import read_package, write_package


@pytest.fixture
def keys(tmp_path: Path) -> sitekeys.SiteKeys:
    return sitekeys.load_or_create(tmp_path, None, "site")  # the memory keyring holds its data key


def _made(tmp_path: Path, keys: sitekeys.SiteKeys, photo: bytes = b"\xff\xd8 a photo") -> Path:
    import hashlib

    site = str(uuid.uuid4())
    batch = str(uuid.uuid4())
    o = {
        "id": str(uuid.uuid4()),
        "site_id": site,
        "seq": 1,
        "hlc": f"{1796000000000:013d}-00000-{site}",
        "table": "schools",
        "record": "100001",
        "field": "*",
        "value": {"id": "100001", "name": "Ysgol Tŷ Coch"},
        "author": "Rhian",
        "seen": [],
        "batch": batch,
    }
    lines = [sealed_line(o, "0123456789abcdef0123456789abcdef")]
    statement = {
        "id": batch,
        "site_id": site,
        "scope": "network",
        "ops_hash": chain_hash(lines),
        "op_count": 1,
        "version": 2,
    }
    sender = {
        "site_id": site,
        "public_key": keys.public_key,
        "name": "Rhian",
        "school_id": "100001",
        "age_recipient": keys.age_recipient,
    }
    manifest = {
        "package_id": str(uuid.uuid4()),
        "sender": sender,
        "recipients": ["100002"],
        "sites": [sender],
        "has": [],
        "batches": [{**statement, "signature": sitekeys.sign(keys, batch_statement(statement, 2))}],
    }
    sha = hashlib.sha256(photo).hexdigest()
    src = tmp_path / "photo.jpg"
    src.write_bytes(photo)
    out = tmp_path / "p.peerwalk"
    write_package(out, manifest, [(batch, blobs.pack(lines))], {sha: src}, keys)
    return out


def test_round_trip(tmp_path: Path, keys: sitekeys.SiteKeys) -> None:
    pkg = read_package(_made(tmp_path, keys).read_bytes())
    assert pkg.ops[0]["value"]["name"] == "Ysgol Tŷ Coch"
    assert list(pkg.attachments.values()) == [b"\xff\xd8 a photo"]
    with zipfile.ZipFile(tmp_path / "p.peerwalk") as z:
        assert (
            z.getinfo(next(n for n in z.namelist() if n.startswith("attachments/"))).compress_type
            == zipfile.ZIP_STORED
        )


def test_screen_sees_the_signed_manifest_before_the_contents(
    tmp_path: Path, keys: sitekeys.SiteKeys
) -> None:
    def refuse(manifest: dict) -> None:  # type: ignore[type-arg]
        raise IntegrityFailure(f"not for {manifest['recipients'][0]}")

    with pytest.raises(IntegrityFailure, match="not for 100002"):
        read_package(_made(tmp_path, keys).read_bytes(), refuse)


def _rezip(path: Path, change) -> bytes:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    change(members)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n, d in members.items():
            z.writestr(n, d)
    return buf.getvalue()


def test_a_photo_that_is_not_its_hash_is_refused(tmp_path: Path, keys: sitekeys.SiteKeys) -> None:
    path = _made(tmp_path, keys)

    def swap(m: dict[str, bytes]) -> None:
        name = next(n for n in m if n.startswith("attachments/"))
        m[name] = b"\xff\xd8 another"

    with pytest.raises(IntegrityFailure, match="photo"):
        read_package(_rezip(path, swap))


def test_a_manifest_edited_after_signing_is_refused(
    tmp_path: Path, keys: sitekeys.SiteKeys
) -> None:
    def redirect(m: dict[str, bytes]) -> None:
        doc = json.loads(m["manifest.json"])
        doc["recipients"] = ["999999"]
        m["manifest.json"] = dumps(doc)

    with pytest.raises(IntegrityFailure, match="signature does not match"):
        read_package(_rezip(_made(tmp_path, keys), redirect))


def test_an_empty_file_and_an_encrypted_one_say_what_they_are(tmp_path: Path) -> None:
    with pytest.raises(IntegrityFailure, match="not a Peerwalk package"):
        read_package(b"")
    with pytest.raises(IntegrityFailure, match="encrypted"):
        read_package(b"age-encryption.org/v1\n-> X25519 ...")


def test_a_file_name_with_a_line_break_is_named_on_one_line() -> None:
    import io
    import zipfile

    import pytest

    from app.errors import IntegrityFailure

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("manifest.json", b"{}")
        z.writestr("manifest.sig", b"x")
        z.writestr("ops/evil\nname.jsonl.gz", b"x")
    with pytest.raises(IntegrityFailure) as info:
        read_package(buf.getvalue())
    assert "\n" not in str(info.value) and "evil?name" in str(info.value)

"""A partner's photos are checked before anything is stored (issue 8, fault 7).

Rob's laptop is trusted by Trevor's. A copy of Rob's laptop, buggy or in the wrong hands, stores
whatever bytes it likes as a photo on a Technology note and exports them with the real exporter
(so every signature and hash in the package is right). Trevor's laptop imports each package with
the real program: anything that is not a photo Peerwalk makes (a JPEG of at most 2000 px a side
with no metadata) refuses the whole package with one sentence, and neither the database nor the
attachments folder changes. An honest photo still travels, byte for byte (it is checked, never
re-encoded: changes refer to it by its SHA-256).
"""

from __future__ import annotations

import hashlib
import io
import random
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.db import Database
from app.models import Attachment, NoteAttachment, link_id
from app.services import exchange
from app.services.attachments import store_bytes
from app.services.demo import demo_id
from tests.conftest import assert_one_line_error, db_fingerprint, run_peerwalk
from tests.sync.laptops import WORLD, Laptop

TECH = demo_id("review", "tech")


# --- photos --------------------------------------------------------------------------------


def _jpeg(size: tuple[int, int] = (640, 480), **save: Any) -> bytes:
    """A real JPEG with some detail in it, saved by Pillow with ``save`` options."""
    from PIL import Image

    img = Image.radial_gradient("L").resize(size).convert("RGB")
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85, **save)
    return out.getvalue()


def honest() -> bytes:
    """A photo as ``notes add --photo`` stores it."""
    from app.services.attachments import normalise_photo

    return normalise_photo(_jpeg((900, 700)), "work.jpg")[0]


def _png_40000() -> bytes:
    """A 40000x40000 PNG (1.6 billion pixels) of one colour: about 200 KB on disk."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (40000, 40000)).save(out, "PNG")
    return out.getvalue()


def _jpeg_claiming(width: int, height: int) -> bytes:
    """An honest photo whose frame header is rewritten to claim another size."""
    data = bytearray(honest())
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = height.to_bytes(2, "big") + width.to_bytes(2, "big")
    return bytes(data)


def _with_exif_and_gps() -> bytes:
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "SecretCam"
    exif.get_ifd(0x8825).update({1: "N", 2: (51.0, 30.0, 12.0), 3: "W", 4: (0.0, 7.0, 39.0)})
    return _jpeg(exif=exif.tobytes())


def _with_icc_profile() -> bytes:
    from PIL import ImageCms

    return _jpeg(icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())


BAD_PHOTOS: dict[str, tuple[Callable[[], bytes], str]] = {
    "garbage-instead-of-a-photo": (lambda: random.Random(8).randbytes(5000), "not a jpeg"),
    "an-html-file": (
        lambda: b"<!doctype html><html><body><script>alert('hi')</script></body></html>\n",
        "not a jpeg",
    ),
    "a-40000x40000-png": (_png_40000, "not a jpeg"),
    "a-jpeg-claiming-40000x40000": (lambda: _jpeg_claiming(40000, 40000), "40000×40000 pixels"),
    "a-jpeg-too-large-to-be-normalised": (lambda: _jpeg((2400, 600)), "more than 2000 a side"),
    "a-jpeg-with-exif-and-gps": (_with_exif_and_gps, "exif"),
    "a-jpeg-with-a-comment": (lambda: _jpeg(comment=b"Taken at 14 Acacia Avenue"), "a comment"),
    "a-jpeg-with-a-colour-profile": (_with_icc_profile, "colour profile"),
    "html-hidden-after-a-jpeg": (
        lambda: honest() + b"<html><script>alert('hi')</script></html>",
        "hidden after",
    ),
    "a-jpeg-cut-short": (lambda: honest()[:-400], "cut short"),
}


# --- laptops -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def laptops(tmp_path_factory):  # type: ignore[no-untyped-def]
    """Rob's and Trevor's data folders, closed; Trevor trusts Rob (he imported Rob's first
    package). Tests work on copies, so each starts from the same state."""
    import keyring

    from tests.conftest import MemoryKeyring

    previous = keyring.get_keyring()
    keychain = MemoryKeyring()
    keyring.set_keyring(keychain)
    root = tmp_path_factory.mktemp("photos")
    rob = Laptop(root, "Rob Ellis", "137450")
    trevor = Laptop(root, "Trevor Mayhew", "137452")
    trevor.import_(rob.export_for(trevor))
    rob.close()
    trevor.close()
    con = sqlite3.connect(rob.dir / "peerwalk.db")
    note = con.execute(
        "SELECT id FROM notes WHERE review_id = ? ORDER BY id LIMIT 1", (TECH,)
    ).fetchone()[0]
    con.close()
    yield {"rob": rob.dir, "trevor": trevor.dir, "note": note, "keychain": keychain}
    keyring.set_keyring(previous)


def _rob_sends(laptops: dict[str, Any], where: Path, *photos: bytes) -> Path:
    """A copy of Rob's laptop attaches ``photos`` to a Technology note exactly as given (no
    normalising: a buggy or hostile laptop) and exports for Trevor with the real exporter."""
    import keyring

    keyring.set_keyring(laptops["keychain"])  # Rob's site key is unlocked by this keychain
    rob = where / "rob"
    shutil.copytree(laptops["rob"], rob)
    db = Database.open(rob, WORLD)
    out = where / "from-rob.peerwalk"
    with db.transaction(author="Rob Ellis") as s:
        for data in photos:
            sha = hashlib.sha256(data).hexdigest()
            store_bytes(rob, sha, data)
            s.add(Attachment(sha256=sha, media_type="image/jpeg", size=len(data)))
            s.add(
                NoteAttachment(
                    id=link_id(laptops["note"], sha),
                    note_id=laptops["note"],
                    sha256=sha,
                    in_report=True,
                )
            )
        s.flush()
        exchange.export_package(s, rob, out, for_school="137452", clock=WORLD)
    db.close()
    return out


def _trevor(laptops: dict[str, Any], where: Path) -> Path:
    trevor = where / "trevor"
    shutil.copytree(laptops["trevor"], trevor)
    return trevor


def _files(folder: Path) -> dict[str, bytes]:
    attachments = folder / "attachments"
    return (
        {p.name: p.read_bytes() for p in sorted(attachments.iterdir())}
        if attachments.exists()
        else {}
    )


def _in_package(path: Path) -> list[str]:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return [n for n in z.namelist() if n.startswith("attachments/")]


# --- tests ---------------------------------------------------------------------------------


@pytest.mark.parametrize("case", list(BAD_PHOTOS))
def test_a_package_with_a_bad_photo_is_refused_and_changes_nothing(
    laptops, tmp_path: Path, case: str
) -> None:  # type: ignore[no-untyped-def]
    make, reason = BAD_PHOTOS[case]
    package = _rob_sends(laptops, tmp_path, make())
    assert len(_in_package(package)) == 1  # the exporter carried it: the refusal is Trevor's
    trevor = _trevor(laptops, tmp_path)
    before, files = db_fingerprint(trevor), _files(trevor)
    for command in ("import", "verify"):
        result = run_peerwalk(trevor, command, str(package))
        assert_one_line_error(result, "not a photo Peerwalk made", reason, "nothing was imported")
        assert result.code != 70, result.err  # refused, not an internal error
    assert db_fingerprint(trevor) == before
    assert _files(trevor) == files


def test_an_honest_photo_beside_a_bad_one_is_refused_with_the_whole_package(
    laptops, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    good = honest()
    package = _rob_sends(laptops, tmp_path, good, _jpeg(comment=b"Taken at 14 Acacia Avenue"))
    assert len(_in_package(package)) == 2
    trevor = _trevor(laptops, tmp_path)
    before = db_fingerprint(trevor)
    assert_one_line_error(
        run_peerwalk(trevor, "import", str(package)), "a comment", "nothing was imported"
    )
    assert db_fingerprint(trevor) == before
    assert f"{hashlib.sha256(good).hexdigest()}.jpg" not in _files(trevor)


def test_an_honest_photo_travels_byte_for_byte_with_its_size(laptops, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The control: the same route with a photo as Peerwalk makes it is imported, stored with
    the very bytes (and so the hash) the note refers to, and its size recorded."""
    from PIL import Image

    good = honest()
    sha = hashlib.sha256(good).hexdigest()
    package = _rob_sends(laptops, tmp_path, good)
    trevor = _trevor(laptops, tmp_path)
    result = run_peerwalk(trevor, "--json", "import", str(package))
    assert result.code == 0, result.err
    assert result.json()["photos"] == 1
    assert (trevor / "attachments" / f"{sha}.jpg").read_bytes() == good
    con = sqlite3.connect(trevor / "peerwalk.db")
    row = con.execute(
        "SELECT width, height, size FROM attachments WHERE sha256 = ?", (sha,)
    ).fetchone()
    linked = con.execute("SELECT note_id FROM note_attachments WHERE sha256 = ?", (sha,)).fetchone()
    con.close()
    with Image.open(io.BytesIO(good)) as img:
        assert row == (img.width, img.height, len(good))
    assert linked == (laptops["note"],)

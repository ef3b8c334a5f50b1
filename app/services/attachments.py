"""Photos of pupils' work: normalised once, when added, and stored by content hash.

Normalising here (JPEG, at most 2000 px, no metadata at all: EXIF, GPS, comment, colour
profile, XMP) keeps reports and packages small and fast (PNG photos made a 20-photo report 7x
larger) and strips where, when and with what it was taken. A partner's photos are checked
against that same shape (``check_received_photo``), never re-encoded: their SHA-256 is what the
partner's changes refer to.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from app.errors import IntegrityFailure, InvalidInput
from app.models import Attachment
from app.photos import MAX_SIDE, NotOurPhoto, check_photo

if TYPE_CHECKING:
    from PIL.Image import Image

MAX_INPUT_BYTES = 60 * 1024 * 1024


def attachments_dir(data_dir: Path) -> Path:
    return data_dir / "attachments"


def attachment_path(data_dir: Path, sha256: str) -> Path:
    return attachments_dir(data_dir) / f"{sha256}.jpg"


def normalise_photo(raw: bytes, name: str) -> tuple[bytes, int, int]:
    """JPEG bytes, width, height: upright, at most MAX_SIDE a side, sRGB, and nothing but the
    pixels (Pillow would otherwise carry a JPEG's comment over, TECH-NOTES). Raises
    InvalidInput for anything that is not a photo."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(raw)) as opened:
            opened.load()
            img = _in_srgb(ImageOps.exif_transpose(opened))
            img.thumbnail((MAX_SIDE, MAX_SIDE))
            img.info = {}  # comment, EXIF, ICC, XMP, DPI: none of it is saved
            out = io.BytesIO()
            img.save(out, "JPEG", quality=85, optimize=True)
            return out.getvalue(), img.width, img.height
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise InvalidInput(f"{name} is not a photo Peerwalk can read (use JPEG or PNG).") from None


def _in_srgb(img: Image) -> Image:
    """RGB pixels; a photo with a colour profile (a phone's Display P3) is converted to sRGB
    first, so dropping the profile does not wash its colours out."""
    from PIL import ImageCms

    profile = img.info.get("icc_profile")
    if profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            converted = ImageCms.profileToProfile(
                img.convert("RGB"), source, ImageCms.createProfile("sRGB"), outputMode="RGB"
            )
            if converted is not None:  # None only when converting in place
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: keep the pixels as they are
    return img.convert("RGB")


def check_received_photo(data: bytes) -> tuple[int, int]:
    """Width and height of a photo from a partner's package, if it is exactly the kind of
    photo ``normalise_photo`` makes: a JPEG that decodes, at most MAX_SIDE pixels a side, with
    no metadata. It is checked, not re-encoded (changes refer to it by its SHA-256).

    Raises IntegrityFailure otherwise (garbage, HTML, a PNG, a decompression bomb, EXIF or a
    comment): the whole package is refused.
    """
    try:
        return check_photo(data)
    except NotOurPhoto as exc:
        raise IntegrityFailure(
            f"A photo in the package is not a photo Peerwalk made ({exc.reason}); nothing was "
            "imported."
        ) from None


def store_bytes(data_dir: Path, sha256: str, data: bytes) -> None:
    """Write a photo under its hash, whole or not at all (nothing is left behind on failure)."""
    from app.services.files import write_atomically

    target = attachment_path(data_dir, sha256)
    if not target.exists():
        write_atomically(target, data, private=True)  # 0600 in a 0700 folder, whatever the umask


def add_photo(session: Session, data_dir: Path, path: Path) -> Attachment:
    """Store a photo (idempotent: the same picture twice is stored once)."""
    from app.services.files import read_small_file

    raw = read_small_file(path, "photo", MAX_INPUT_BYTES, missing="photo")
    jpeg, width, height = normalise_photo(raw, path.name)
    sha = hashlib.sha256(jpeg).hexdigest()
    store_bytes(data_dir, sha, jpeg)
    attachment = session.get(Attachment, sha)
    if attachment is None:
        attachment = Attachment(
            sha256=sha, media_type="image/jpeg", width=width, height=height, size=len(jpeg)
        )
        session.add(attachment)
    return attachment

"""Photos of pupils' work: normalised once, when added, and stored by content hash.

Normalising here (JPEG, at most 2000 px, no EXIF/GPS metadata) keeps reports and packages
small and fast (PNG photos made a 20-photo report 7x larger) and strips where it was taken.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.models import Attachment

MAX_SIDE = 2000
MAX_INPUT_BYTES = 60 * 1024 * 1024


def attachments_dir(data_dir: Path) -> Path:
    return data_dir / "attachments"


def attachment_path(data_dir: Path, sha256: str) -> Path:
    return attachments_dir(data_dir) / f"{sha256}.jpg"


def normalise_photo(raw: bytes, name: str) -> tuple[bytes, int, int]:
    """JPEG bytes, width, height. Raises InvalidInput for anything that is not a photo."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(raw)) as img:
            img.load()
            img = ImageOps.exif_transpose(img)
            img = img.convert("RGB")
            img.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            img.save(out, "JPEG", quality=85, optimize=True)
            return out.getvalue(), img.width, img.height
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise InvalidInput(f"{name} is not a photo Peerwalk can read (use JPEG or PNG).") from None


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
        attachment = Attachment(sha256=sha, media_type="image/jpeg", width=width, height=height, size=len(jpeg))
        session.add(attachment)
    return attachment

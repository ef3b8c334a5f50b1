"""JPEG photos as Peerwalk makes them, checked without trusting them.

Peerwalk only ever stores and sends photos that ``normalise_photo`` made: a JPEG of at most
MAX_SIDE pixels a side with a plain JFIF header and no metadata (no EXIF, comment, colour
profile or XMP). A partner's package, or a damaged disk, can hold anything under a ``.jpg``
name, so before a photo is stored or printed its marker segments are walked first (cheap: no
pixel is decoded, and the size in its header is bounded), and only then is it decoded.

Pure bytes in, ``(width, height)`` out; ``NotOurPhoto`` says why not. Pillow is imported only
where a photo is decoded.
"""

from __future__ import annotations

import io

MAX_SIDE = 2000
MAX_PHOTO_BYTES = 30 * 1024**2  # the largest photo a package may carry (app.sync.package)

_SOF = {
    0xC0,
    0xC1,
    0xC2,
}  # baseline, extended sequential, progressive: what Pillow writes and ReportLab embeds
_SEGMENTS = {0xC4, 0xDB, 0xDD}  # Huffman tables, quantisation tables, restart interval
_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM, RST0-7: markers without a length
_PLAIN_JFIF = b"JFIF\x00"


class NotOurPhoto(ValueError):
    """The bytes are not a photo Peerwalk made; ``reason`` is a few plain words why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _metadata_name(marker: int, payload: bytes) -> str:
    if marker == 0xFE:
        return "a comment"
    if marker == 0xE1 and payload.startswith(b"Exif\x00"):
        return "EXIF camera data"
    if marker == 0xE1 and payload.startswith(
        (b"http://ns.adobe.com/xap", b"http://ns.adobe.com/xmp")
    ):
        return "XMP data"
    if marker == 0xE2 and payload.startswith(b"ICC_PROFILE\x00"):
        return "a colour profile"
    if marker == 0xE0 and payload.startswith(b"JFXX\x00"):
        return "a thumbnail"
    if marker == 0xE0 and payload.startswith(_PLAIN_JFIF):
        return "a JFIF thumbnail"
    return f"an APP{marker - 0xE0} segment"


def _skip_scan(data: bytes, i: int) -> int:
    """Index of the first marker after the entropy-coded data starting at ``i`` (0xFF00 is
    a stuffed byte and RST0-7 sit inside a scan)."""
    while True:
        i = data.find(b"\xff", i)
        if i < 0 or i + 1 >= len(data):
            raise NotOurPhoto("it is cut short")
        following = data[i + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            i += 2
        elif following == 0xFF:
            i += 1  # fill byte before a marker
        else:
            return i


def jpeg_size(data: bytes, *, metadata_allowed: bool = False) -> tuple[int, int]:
    """Walk a JPEG's segments without decoding a pixel. Returns (width, height).

    Raises NotOurPhoto when the bytes are not a JPEG of Peerwalk's kind (not a JPEG, an
    unusual coding, more than MAX_SIDE pixels a side, cut short, data after its end) or, unless
    ``metadata_allowed``, when it carries anything beyond a plain JFIF header.
    """
    if len(data) > MAX_PHOTO_BYTES:
        raise NotOurPhoto(
            f"it is {len(data) / 1024**2:.0f} MB, larger than any photo Peerwalk makes"
        )
    if not data.startswith(b"\xff\xd8"):
        raise NotOurPhoto("it is not a JPEG")
    size: tuple[int, int] | None = None
    scans = 0
    i = 2
    while True:
        if i + 1 >= len(data) or data[i] != 0xFF:
            raise NotOurPhoto("it is damaged or cut short")
        marker = data[i + 1]
        if marker == 0xFF:
            i += 1
            continue
        if marker == 0xD9:  # end of image
            if size is None or scans == 0:
                raise NotOurPhoto("it holds no picture")
            if i + 2 != len(data) and not metadata_allowed:
                raise NotOurPhoto("it has data hidden after the picture")
            return size
        if marker in _STANDALONE:
            i += 2
            continue
        if i + 4 > len(data):
            raise NotOurPhoto("it is cut short")
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        end = i + 2 + length
        if length < 2 or end > len(data):
            raise NotOurPhoto("it is damaged or cut short")
        payload = data[i + 4 : end]
        if marker == 0xFE or 0xE0 <= marker <= 0xEF:
            plain_jfif = marker == 0xE0 and payload.startswith(_PLAIN_JFIF) and length == 16
            if not (plain_jfif or metadata_allowed):
                raise NotOurPhoto(f"it carries {_metadata_name(marker, payload)}")
        elif marker in _SOF:
            if size is not None or len(payload) < 6:
                raise NotOurPhoto("it is damaged")
            precision, height, width, components = (
                payload[0],
                int.from_bytes(payload[1:3], "big"),
                int.from_bytes(payload[3:5], "big"),
                payload[5],
            )
            if precision != 8 or components not in (1, 3) or not width or not height:
                raise NotOurPhoto("it is not an ordinary colour or grey photo")
            if width > MAX_SIDE or height > MAX_SIDE:
                raise NotOurPhoto(f"it is {width}×{height} pixels, more than {MAX_SIDE} a side")
            size = (width, height)
        elif marker == 0xDA:  # start of scan: entropy-coded data follows
            if size is None:
                raise NotOurPhoto("it is damaged")
            scans += 1
            i = _skip_scan(data, end)
            continue
        elif marker not in _SEGMENTS:
            raise NotOurPhoto("it uses a kind of JPEG Peerwalk does not make")
        i = end


def check_photo(data: bytes, *, metadata_allowed: bool = False) -> tuple[int, int]:
    """``jpeg_size``, then decode every pixel with Pillow (only JPEG is tried, and the size is
    already bounded, so no decompression bomb reaches the decoder). Returns (width, height).
    Raises NotOurPhoto."""
    width, height = jpeg_size(data, metadata_allowed=metadata_allowed)
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data), formats=["JPEG"]) as img:
            if img.size != (width, height) or img.mode not in ("RGB", "L"):
                raise NotOurPhoto("it is not an ordinary colour or grey photo")
            img.load()
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
    ) as exc:
        if isinstance(exc, NotOurPhoto):
            raise
        raise NotOurPhoto("it is damaged") from None
    return width, height

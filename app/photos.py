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

# Marker bytes (the byte after 0xFF) this walk names.
_FILL = 0xFF  # a fill byte before a marker
_STUFFED = 0x00  # 0xFF 0x00 inside a scan is a literal 0xFF
_RST0, _RST7 = 0xD0, 0xD7  # restart markers, inside a scan
_SOI = b"\xff\xd8"  # start of image
_EOI = 0xD9  # end of image
_SOS = 0xDA  # start of scan: entropy-coded data follows
_COM = 0xFE  # comment
_APP0, _APP1, _APP2, _APP15 = 0xE0, 0xE1, 0xE2, 0xEF  # application segments
_SOF = {
    0xC0,
    0xC1,
    0xC2,
}  # baseline, extended sequential, progressive: what Pillow writes and ReportLab embeds
_SEGMENTS = {0xC4, 0xDB, 0xDD}  # Huffman tables, quantisation tables, restart interval
_STANDALONE = {0x01, *range(_RST0, _RST7 + 1)}  # TEM, RST0-7: markers without a length
_PLAIN_JFIF = b"JFIF\x00"
_PLAIN_JFIF_LENGTH = 16  # a JFIF APP0 segment with no thumbnail
_MARKER_AND_LENGTH = 4  # 0xFF, the marker, two length bytes
_LENGTH_BYTES = 2
_FRAME_HEADER = 6  # precision, height (2), width (2), components
_BITS_PER_SAMPLE = 8
_GREY_OR_COLOUR = (1, 3)  # components
# What a metadata segment is, by its marker and the start of its payload (first match wins).
_METADATA = (
    (_COM, b"", "a comment"),
    (_APP1, b"Exif\x00", "EXIF camera data"),
    (_APP1, b"http://ns.adobe.com/xap", "XMP data"),
    (_APP1, b"http://ns.adobe.com/xmp", "XMP data"),
    (_APP2, b"ICC_PROFILE\x00", "a colour profile"),
    (_APP0, b"JFXX\x00", "a thumbnail"),
    (_APP0, _PLAIN_JFIF, "a JFIF thumbnail"),
)


class NotOurPhoto(ValueError):
    """The bytes are not a photo Peerwalk made; ``reason`` is a few plain words why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _metadata_name(marker: int, payload: bytes) -> str:
    for which, prefix, name in _METADATA:
        if marker == which and payload.startswith(prefix):
            return name
    return f"an APP{marker - _APP0} segment"


def _skip_scan(data: bytes, i: int) -> int:
    """Index of the first marker after the entropy-coded data starting at ``i`` (0xFF00 is
    a stuffed byte and RST0-7 sit inside a scan)."""
    while True:
        i = data.find(b"\xff", i)
        if i < 0 or i + 1 >= len(data):
            raise NotOurPhoto("it is cut short")
        following = data[i + 1]
        if following == _STUFFED or _RST0 <= following <= _RST7:
            i += 2
        elif following == _FILL:
            i += 1  # fill byte before a marker
        else:
            return i


def _frame_size(payload: bytes) -> tuple[int, int]:
    """(width, height) from a start-of-frame segment; raises NotOurPhoto for unusual ones."""
    if len(payload) < _FRAME_HEADER:
        raise NotOurPhoto("it is damaged")
    precision, height, width, components = (
        payload[0],
        int.from_bytes(payload[1:3], "big"),
        int.from_bytes(payload[3:5], "big"),
        payload[5],
    )
    if (
        precision != _BITS_PER_SAMPLE
        or components not in _GREY_OR_COLOUR
        or not width
        or not height
    ):
        raise NotOurPhoto("it is not an ordinary colour or grey photo")
    if width > MAX_SIDE or height > MAX_SIDE:
        raise NotOurPhoto(f"it is {width}×{height} pixels, more than {MAX_SIDE} a side")
    return (width, height)


def _check_start(data: bytes) -> None:
    if len(data) > MAX_PHOTO_BYTES:
        raise NotOurPhoto(
            f"it is {len(data) / 1024**2:.0f} MB, larger than any photo Peerwalk makes"
        )
    if not data.startswith(_SOI):
        raise NotOurPhoto("it is not a JPEG")


def _check_nothing_after(data: bytes, end: int, *, metadata_allowed: bool) -> None:
    if end != len(data) and not metadata_allowed:
        raise NotOurPhoto("it has data hidden after the picture")


def _segment(data: bytes, i: int) -> tuple[int, bytes]:
    """(end, payload) of the segment whose marker is at ``i``; raises NotOurPhoto when its
    length runs past the end of the data."""
    if i + _MARKER_AND_LENGTH > len(data):
        raise NotOurPhoto("it is cut short")
    length = int.from_bytes(data[i + 2 : i + _MARKER_AND_LENGTH], "big")
    end = i + 2 + length
    if length < _LENGTH_BYTES or end > len(data):  # the length counts its own two bytes
        raise NotOurPhoto("it is damaged or cut short")
    return end, data[i + _MARKER_AND_LENGTH : end]


def _check_segment(marker: int, payload: bytes, *, metadata_allowed: bool) -> None:
    """Refuse a metadata segment (unless allowed) or a kind of JPEG Peerwalk does not make."""
    if marker == _COM or _APP0 <= marker <= _APP15:
        plain_jfif = (
            marker == _APP0
            and payload.startswith(_PLAIN_JFIF)
            and len(payload) + 2 == _PLAIN_JFIF_LENGTH
        )
        if not (plain_jfif or metadata_allowed):
            raise NotOurPhoto(f"it carries {_metadata_name(marker, payload)}")
    elif marker not in _SEGMENTS:
        raise NotOurPhoto("it uses a kind of JPEG Peerwalk does not make")


def jpeg_size(data: bytes, *, metadata_allowed: bool = False) -> tuple[int, int]:
    """Walk a JPEG's segments without decoding a pixel. Returns (width, height).

    Raises NotOurPhoto when the bytes are not a JPEG of Peerwalk's kind (not a JPEG, an
    unusual coding, more than MAX_SIDE pixels a side, cut short, data after its end) or, unless
    ``metadata_allowed``, when it carries anything beyond a plain JFIF header.
    """
    _check_start(data)
    size: tuple[int, int] | None = None
    scans = 0
    i = len(_SOI)
    while True:
        if i + 1 >= len(data) or data[i] != _FILL:
            raise NotOurPhoto("it is damaged or cut short")
        marker = data[i + 1]
        if marker == _FILL:
            i += 1
            continue
        if marker == _EOI:
            if size is None or scans == 0:
                raise NotOurPhoto("it holds no picture")
            _check_nothing_after(data, i + 2, metadata_allowed=metadata_allowed)
            return size
        if marker in _STANDALONE:
            i += 2
            continue
        end, payload = _segment(data, i)
        if marker in _SOF:
            if size is not None:
                raise NotOurPhoto("it is damaged")
            size = _frame_size(payload)
        elif marker == _SOS:
            if size is None:
                raise NotOurPhoto("it is damaged")
            scans += 1
            i = _skip_scan(data, end)
            continue
        else:
            _check_segment(marker, payload, metadata_allowed=metadata_allowed)
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

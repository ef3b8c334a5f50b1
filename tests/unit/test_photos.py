"""What Peerwalk makes of any photo is what a partner's laptop accepts, and the check reads
honest JPEG structure (progressive scans, restart markers, grey) without decoding to decide."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest

from app.photos import MAX_SIDE, NotOurPhoto, check_photo, jpeg_size
from app.services.attachments import check_received_photo, normalise_photo


def _saved(img, fmt: str, **kw) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    img.save(out, fmt, **kw)
    return out.getvalue()


def _gradient(size: tuple[int, int], mode: str = "RGB"):  # type: ignore[no-untyped-def]
    from PIL import Image

    return Image.radial_gradient("L").resize(size).convert(mode)


def _phone_photo() -> bytes:
    """Sideways (EXIF orientation 6), with GPS, a comment, a colour profile and XMP."""
    from PIL import Image, ImageCms

    exif = Image.Exif()
    exif[0x0112] = 6
    exif.get_ifd(0x8825).update({1: "N", 2: (51.0, 30.0, 12.0)})
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description '
        b'photoshop:City="Harlow"/></x:xmpmeta>'
    )
    return _saved(
        _gradient((4032, 3024)),
        "JPEG",
        exif=exif.tobytes(),
        comment=b"Mrs Jones's phone",
        icc_profile=profile,
        xmp=xmp,
    )


INPUTS: dict[str, Callable[[], bytes]] = {
    "phone-photo-with-every-kind-of-metadata": _phone_photo,
    "png-with-transparency": lambda: _saved(_gradient((1200, 900), "RGBA"), "PNG"),
    "palette-gif": lambda: _saved(_gradient((300, 200), "P"), "GIF"),
    "cmyk-jpeg": lambda: _saved(_gradient((800, 600), "CMYK"), "JPEG"),
    "grey-jpeg-with-a-comment": lambda: _saved(
        _gradient((800, 600), "L"), "JPEG", comment=b"scanner 3"
    ),
    "16-bit-png": lambda: _saved(_gradient((640, 480), "I;16"), "PNG"),
}


@pytest.mark.parametrize("name", list(INPUTS))
def test_what_peerwalk_makes_of_any_photo_a_partner_accepts(name: str) -> None:
    jpeg, width, height = normalise_photo(INPUTS[name](), f"{name}.img")
    assert check_received_photo(jpeg) == (width, height)
    assert max(width, height) <= MAX_SIDE


def test_a_sideways_phone_photo_is_turned_upright_and_keeps_nothing_but_pixels() -> None:
    from PIL import Image

    jpeg, width, height = normalise_photo(_phone_photo(), "IMG_0001.jpg")
    assert (width, height) == (1500, 2000)  # 4032x3024 turned a quarter, then fitted
    for secret in (b"Mrs Jones", b"Harlow", b"Exif", b"ICC_PROFILE", b"xmpmeta"):
        assert secret not in jpeg
    with Image.open(io.BytesIO(jpeg)) as img:
        assert [marker for marker, _ in img.applist] == ["APP0"]


def test_honest_jpeg_variants_are_read_without_being_decoded() -> None:
    progressive = _saved(_gradient((900, 700)), "JPEG", progressive=True, restart_marker_rows=1)
    assert (
        progressive.count(b"\xff\xda") > 1 and b"\xff\xd0" in progressive
    )  # several scans, restart markers
    assert jpeg_size(progressive) == (900, 700) == check_photo(progressive)
    grey = _saved(_gradient((100, 2000), "L"), "JPEG")
    assert check_photo(grey) == (100, 2000)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "not a JPEG"),
        (b"\xff\xd8\xff\xd9", "holds no picture"),
        (b"\xff\xd8\xff\xe0\x00", "cut short"),
        (
            b"\xff\xd8\xff\xc0\x00\x11\x08\x00\x10\x00\x10\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01\xff\xd9",
            "holds no picture",
        ),
    ],
    ids=["empty", "no-frame", "cut-in-a-header", "no-scan"],
)
def test_tiny_malformed_jpegs_are_not_photos(data: bytes, reason: str) -> None:
    with pytest.raises(NotOurPhoto, match=reason):
        check_photo(data)


def test_a_photo_with_metadata_is_still_readable_where_metadata_is_allowed() -> None:
    with_comment = _saved(_gradient((300, 200)), "JPEG", comment=b"kept by an older Peerwalk")
    with pytest.raises(NotOurPhoto, match="a comment"):
        check_photo(with_comment)
    assert check_photo(with_comment, metadata_allowed=True) == (300, 200)
